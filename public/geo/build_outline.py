"""Regenerate public/geo/poland.json, the outline the map draws (public/pictures.py).

    npm ci && python public/geo/build_outline.py

Source: Natural Earth 1:50m admin-0 countries (public domain), as TopoJSON in
the npm package world-atlas (ISC, node_modules/world-atlas/countries-50m.json).
Decodes Poland's arcs, simplifies them (Douglas-Peucker, TOLERANCE degrees)
and writes the rings as [longitude, latitude] pairs rounded to 0.01°: a few
kilobytes instead of 750 kB. No package ships voivodeship borders under a
licence as open as this, so the map has the national border only.
"""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "node_modules" / "world-atlas" / "countries-50m.json"
TARGET = Path(__file__).resolve().parent / "poland.json"
TOLERANCE = 0.02  # degrees (about 2 km): finer than the map's pixels
POLAND_ISO_NUMERIC = "616"


def decode_arcs(topology):
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # delta-encoded, quantised
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring(arcs, indexes):
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def simplify(points, tolerance):
    """Douglas-Peucker on a ring (its first and last points are kept)."""
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    dx, dy = x2 - x1, y2 - y1
    norm = (dx * dx + dy * dy) ** 0.5
    far, index = 0.0, 0
    for i, (x, y) in enumerate(points[1:-1], start=1):
        if norm:
            distance = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm
        else:
            distance = ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
        if distance > far:
            far, index = distance, i
    if far <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: index + 1], tolerance)[:-1] + simplify(points[index:], tolerance)


def main():
    topology = json.loads(SOURCE.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    poland = next(
        g for g in topology["objects"]["countries"]["geometries"] if g.get("id") == POLAND_ISO_NUMERIC
    )
    polygons = poland["arcs"] if poland["type"] == "MultiPolygon" else [poland["arcs"]]
    rings = []
    for polygon in polygons:
        outer = ring(arcs, polygon[0])  # holes: Poland has none at this scale
        # Split the closed ring in two so Douglas-Peucker has distinct end points.
        half = len(outer) // 2
        points = simplify(outer[: half + 1], TOLERANCE)[:-1] + simplify(outer[half:], TOLERANCE)
        if len(points) > 3:
            rings.append([[round(x, 2), round(y, 2)] for x, y in points])
    TARGET.write_text(
        json.dumps(
            {
                "source": "Natural Earth 1:50m admin-0 countries (public domain), "
                "via the npm package world-atlas 2.0.2 (ISC)",
                "tolerance_degrees": TOLERANCE,
                "rings": rings,
            },
            separators=(",", ":"),
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"{TARGET.name}: {len(rings)} ring(s), {sum(map(len, rings))} points")


if __name__ == "__main__":
    main()
