"""A map of Poland drawn as inline SVG, from coordinates only (no tiles, no scripts).

The outline is a coarse polygon of the national border (about 40 points), good
enough to place cities recognisably; it is not a survey map.
"""

import math

# (longitude, latitude) clockwise from Świnoujście.
POLAND_OUTLINE = [
    (14.22, 53.93),
    (15.00, 54.05),
    (16.00, 54.26),
    (16.90, 54.60),
    (17.90, 54.83),
    (18.40, 54.79),
    (18.60, 54.45),
    (18.95, 54.35),
    (19.65, 54.45),
    (20.50, 54.37),
    (21.50, 54.33),
    (22.79, 54.36),
    (23.35, 54.20),
    (23.50, 53.95),
    (23.90, 53.20),
    (23.60, 52.60),
    (23.20, 52.30),
    (23.65, 52.05),
    (23.65, 51.60),
    (23.95, 51.20),
    (24.10, 50.85),
    (23.98, 50.40),
    (23.45, 50.20),
    (22.70, 49.60),
    (22.90, 49.10),
    (22.56, 49.08),
    (21.90, 49.35),
    (21.00, 49.40),
    (20.20, 49.30),
    (19.80, 49.20),
    (19.40, 49.60),
    (18.85, 49.50),
    (18.55, 49.90),
    (17.70, 50.30),
    (17.00, 50.40),
    (16.60, 50.10),
    (16.30, 50.65),
    (15.50, 50.78),
    (14.82, 50.87),
    (14.98, 51.10),
    (14.72, 51.55),
    (14.60, 52.00),
    (14.60, 52.60),
    (14.14, 52.83),
    (14.40, 53.26),
]

WEST, EAST, SOUTH, NORTH = 13.9, 24.4, 48.8, 55.1
SCALE = 60  # SVG units per degree of latitude
# An equirectangular projection centred at 52°N keeps Poland's shape.
X_SCALE = SCALE * math.cos(math.radians(52))
WIDTH = round((EAST - WEST) * X_SCALE)
HEIGHT = round((NORTH - SOUTH) * SCALE)


def project(longitude, latitude):
    """(x, y) in the map's SVG coordinates."""
    x = (float(longitude) - WEST) * X_SCALE
    y = (NORTH - float(latitude)) * SCALE
    return round(x, 1), round(y, 1)


def outline_path():
    points = [project(lon, lat) for lon, lat in POLAND_OUTLINE]
    return "M" + " L".join(f"{x},{y}" for x, y in points) + " Z"


def radius(count):
    """Circle radius growing with the square root of the award count (area ~ count)."""
    return round(5 + 4 * math.sqrt(max(count, 0)), 1)


def city_markers(cities):
    """Markers for cities with coordinates; each city needs an `award_count` attribute.

    Larger circles come first so smaller ones stay clickable on top of them.
    """
    markers = []
    for city in cities:
        if city.latitude is None or city.longitude is None:
            continue
        x, y = project(city.longitude, city.latitude)
        markers.append(
            {"city": city, "x": x, "y": y, "r": radius(city.award_count), "count": city.award_count}
        )
    return sorted(markers, key=lambda m: -m["r"])


def awards_chart(*, cities, counts, years):
    """A horizontal bar chart of awards per city per year.

    cities: the cities to show (in order); counts: {(city_id, year): n};
    years: the years, one bar per year under each city. Returns the geometry
    the template draws; the same numbers are also given as a table.
    """
    bar, gap, label_width, unit = 14, 10, 130, 36
    most = max(counts.values(), default=1)
    rows, y = [], 0
    for city in cities:
        bars = []
        for index, year in enumerate(years):
            n = counts.get((city.pk, year), 0)
            bars.append(
                {
                    "year": year,
                    "n": n,
                    "y": y + index * bar,
                    "width": n * unit,
                    "series": index % 4,
                    "text_x": label_width + n * unit + 4,
                }
            )
        height = bar * len(years)
        rows.append({"city": city, "y": y, "label_y": y + height / 2 + 5, "bars": bars})
        y += height + gap
    return {
        "rows": rows,
        "width": label_width + most * unit + 40,
        "height": max(y - gap, 0),
        "label_width": label_width,
        "bar": bar - 2,
        "years": [{"year": year, "series": i % 4} for i, year in enumerate(years)],
    }


def render_chart(chart):
    """The chart's SVG bars and its data table rows as markup, built in Python.

    The template loop drew thousands of elements (cities × years) through
    variable resolution and localisation; here it is one string join. City
    links come from one reversed prefix. Returns {"svg": ..., "table": ...}.
    """
    from django.urls import reverse
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    placeholder = "city-slug-placeholder"
    city_url = reverse("public:city", args=[placeholder])
    label_x = chart["label_width"] - 6
    svg, table = [], []
    for row in chart["rows"]:
        name = escape(row["city"].name)
        svg.append(
            f'<text class="chart-label" x="{label_x}" y="{row["label_y"]}" '
            f'text-anchor="end">{name}</text>'
        )
        cells = []
        for bar in row["bars"]:
            svg.append(
                f'<rect class="chart-bar series-{bar["series"]}" x="{chart["label_width"]}" '
                f'y="{bar["y"]}" width="{bar["width"]}" height="{chart["bar"]}"/>'
            )
            if bar["n"]:
                svg.append(
                    f'<text class="chart-value" x="{bar["text_x"]}" y="{bar["y"] + 11}">'
                    f"{bar['n']}</text>"
                )
            cells.append(f"<td>{bar['n']}</td>")
        href = escape(city_url.replace(placeholder, row["city"].slug))
        table.append(
            f'<tr><th scope="row"><a href="{href}">{name}</a></th>{"".join(cells)}</tr>'
        )
    return {"svg": mark_safe("\n".join(svg)), "table": mark_safe("\n".join(table))}


def render_markers(markers):
    """The map's city markers as SVG markup, built in Python (hundreds of cities at
    scale: one `{% url %}` and one `{% blocktranslate %}` each was most of a page)."""
    from django.urls import reverse
    from django.utils.html import escape
    from django.utils.safestring import mark_safe
    from django.utils.translation import ngettext

    placeholder = "city-slug-placeholder"
    city_url = reverse("public:city", args=[placeholder])
    parts = []
    for m in markers:
        label = escape(
            ngettext("%(city)s: %(counter)s award", "%(city)s: %(counter)s awards", m["count"])
            % {"city": m["city"].name, "counter": m["count"]}
        )
        href = escape(city_url.replace(placeholder, m["city"].slug))
        parts.append(
            f'<a href="{href}" aria-label="{label}">\n        <title>{label}</title>\n'
            f'        <circle class="map-city" cx="{m["x"]}" cy="{m["y"]}" r="{m["r"]}"/>\n'
            f"      </a>"
        )
    return mark_safe("\n      ".join(parts))
