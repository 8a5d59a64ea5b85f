"""A map of Poland drawn as inline SVG, from coordinates only (no tiles, no scripts).

The outline is Natural Earth's national border (1:50m, public domain),
simplified to about 140 points by public/geo/build_outline.py from the npm
package world-atlas and committed as public/geo/poland.json (licences in
public/geo/LICENSE.txt).
"""

import json
import math
from pathlib import Path

# [[(longitude, latitude), ...], ...]: one ring per polygon.
POLAND_RINGS = [
    [tuple(point) for point in ring]
    for ring in json.loads(
        (Path(__file__).resolve().parent / "geo" / "poland.json").read_text(encoding="utf-8")
    )["rings"]
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
    paths = []
    for ring in POLAND_RINGS:
        points = [project(lon, lat) for lon, lat in ring]
        paths.append("M" + " L".join(f"{x:g},{y:g}" for x, y in points) + " Z")
    return " ".join(paths)


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
    markers.sort(key=lambda m: -m["r"])
    place_labels(markers)
    return markers


LABEL_FONT = 12  # px, as .map-label in site.css
LABEL_CHAR_WIDTH = 0.6 * LABEL_FONT  # a generous average for Latin and Cyrillic


def place_labels(markers):
    """Give markers a visible name where it fits: biggest cities first, to the right of
    the circle (else the left), never over another label or circle, inside the map.

    Sets m["label"] = (x, y, anchor) or None; every marker keeps its accessible name.
    """
    taken = [(m["x"] - m["r"], m["y"] - m["r"], m["x"] + m["r"], m["y"] + m["r"]) for m in markers]

    def free(box):
        left, top, right, bottom = box
        if left < 0 or top < 0 or right > WIDTH or bottom > HEIGHT:
            return False
        return all(right <= l or left >= r or bottom <= t or top >= b for l, t, r, b in taken)

    for m in markers:
        m["label"] = None
        width = len(m["city"].name) * LABEL_CHAR_WIDTH
        baseline = m["y"] + LABEL_FONT / 3
        for x, anchor, left in (
            (m["x"] + m["r"] + 3, "start", m["x"] + m["r"] + 3),
            (m["x"] - m["r"] - 3, "end", m["x"] - m["r"] - 3 - width),
        ):
            box = (left, baseline - LABEL_FONT, left + width, baseline + 2)
            if free(box):  # beside its own circle, so only others can be in the way
                m["label"] = (round(x, 1), round(baseline, 1), anchor)
                taken.append(box)
                break


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
