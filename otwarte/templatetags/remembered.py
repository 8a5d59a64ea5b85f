"""{% remembered "name" key1 key2 %}...{% endremembered %}: the enclosed markup,
rendered once per content version, language, name and keys (otwarte.cache.values.remember).

For fragments that depend only on published data (a page's award list, the map, the
chart). The view passes data lazily (`otwarte.cache.values.lazy()`, or a queryset):
while the fragment is remembered, nothing inside the block is evaluated, so none of
its queries run. The block is rendered with the page's context but kept for every
visitor: nothing in it may depend on the request (the user, a CSRF token).
Keys must have stable `repr()`s (primary keys, strings, numbers): never a model object.
"""

from django import template

from otwarte.cache.values import remember

register = template.Library()


class RememberedNode(template.Node):
    def __init__(self, nodelist, name, keys):
        self.nodelist = nodelist
        self.name = name
        self.keys = keys

    def render(self, context):
        name = self.name.resolve(context)
        keys = [key.resolve(context) for key in self.keys]
        return remember(f"fragment:{name}", lambda: self.nodelist.render(context), *keys)


@register.tag
def remembered(parser, token):
    """{% remembered "name" key ... %} ... {% endremembered %}"""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' needs a name: {{% {bits[0]} \"name\" %}}")
    nodelist = parser.parse(("endremembered",))
    parser.delete_first_token()
    name, *keys = (parser.compile_filter(bit) for bit in bits[1:])
    return RememberedNode(nodelist, name, keys)
