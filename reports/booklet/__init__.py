"""The yearly booklet "Opis wyróżnionych praktyk miejskich", rendered from the data.

`render_booklet(*, edition, language)` gives the PDF bytes; `services` caches them per
edition, language and content, and `tasks` renders them in the background.
"""

from .render import render_booklet, render_booklet_html

__all__ = ["render_booklet", "render_booklet_html"]
