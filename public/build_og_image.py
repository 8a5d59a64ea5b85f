"""Draw static/img/og-image.png, the picture link previews show (Open Graph's og:image).

Run by hand after a change (`.venv/bin/python public/build_og_image.py`); the PNG is
committed. 1200x630, the size Facebook, LinkedIn and Mastodon crop to; the open ring
of static/favicon.svg and the name, in the site's accent colour and its Noto Sans
(static/fonts, OFL). Pillow comes with WeasyPrint.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 1200, 630
ACCENT, WHITE = "#0b5394", "#ffffff"


def draw():
    image = Image.new("RGB", (WIDTH, HEIGHT), ACCENT)
    pen = ImageDraw.Draw(image)
    # The favicon's open ring: a circle with a gap at the upper right.
    box = (110, 165, 410, 465)
    pen.arc(box, start=-10, end=300, fill=WHITE, width=56)
    bold = ImageFont.truetype(str(ROOT / "static/fonts/NotoSans-Bold.ttf"), 96)
    regular = ImageFont.truetype(str(ROOT / "static/fonts/NotoSans-Regular.ttf"), 40)
    pen.text((480, 215), "Miasta", font=bold, fill=WHITE)
    pen.text((480, 315), "Otwarte", font=bold, fill=WHITE)
    pen.text((484, 450), "Open Cities · Відкриті міста", font=regular, fill=WHITE)
    image.save(ROOT / "static/img/og-image.png", optimize=True)


if __name__ == "__main__":
    draw()
