"""The yearly booklet "Opis wyróżnionych praktyk miejskich", rendered from the data.

`render.render_booklet(*, edition, language)` gives the PDF bytes; `services` caches them
per edition, language and content, and `tasks` renders them in the background.
"""
