"""What the practice list shows, read from its HTML as a visitor sees it (the rows
are a remembered fragment, so the context holds no practice objects)."""

import re

_ITEM = re.compile(r'<li class="practice-item">\s*<h2><a href="/\w{2}/practices/[^/"]+/([^/"]+)/"')


def listed_slugs(response):
    """The practices' slugs, in the order listed."""
    return _ITEM.findall(response.content.decode())
