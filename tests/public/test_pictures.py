"""The map: Natural Earth's outline (public/geo), city markers with names where they fit."""

import re

import pytest

from public import pictures

pytestmark = pytest.mark.django_db


def test_outline_is_the_generated_border_inside_the_map():
    points = [p for ring in pictures.POLAND_RINGS for p in ring]
    assert len(points) > 100
    xy = [pictures.project(lon, lat) for lon, lat in points]
    assert all(0 <= x <= pictures.WIDTH and 0 <= y <= pictures.HEIGHT for x, y in xy)


def _boxes_overlap(a, b):
    return not (a[2] <= b[0] or a[0] >= b[2] or a[3] <= b[1] or a[1] >= b[3])


def test_home_map_is_small_every_city_a_link_and_labels_do_not_collide(client, edition_2015):
    html = client.get("/pl/").content.decode()
    svg = re.search(r"<svg viewBox.*?</svg>", html, re.S).group(0)
    assert len(svg.encode()) < 60_000
    links = re.findall(r'<a href="/pl/cities/([^/]+)/" aria-label="([^"]+)">', svg)
    assert ("lublin", "Lublin: 5 wyróżnień") in links
    labels = re.findall(r'<text class="map-label" x="([\d.]+)" y="([\d.]+)" '
                        r'text-anchor="(start|end)" aria-hidden="true">([^<]+)</text>', svg)  # fmt: skip
    assert "Lublin" in [name for *_xy, name in labels]
    boxes = []
    for x, y, anchor, name in labels:
        x, y, width = float(x), float(y), len(name) * pictures.LABEL_CHAR_WIDTH
        left = x if anchor == "start" else x - width
        boxes.append((left, y - pictures.LABEL_FONT, left + width, y + 2))
    assert not any(_boxes_overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
