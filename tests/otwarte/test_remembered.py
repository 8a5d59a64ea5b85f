"""{% remembered %} (otwarte/templatetags/remembered.py): markup kept per content version,
language, name and keys; the data behind it is read only when the block renders."""

import pytest
from django.core.cache import cache
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation

from otwarte.cache.values import lazy
from otwarte.cache.version import bump_content_version

pytestmark = pytest.mark.django_db

BLOCK = Template(
    '{% load remembered %}<p>{% remembered "test-block" key %}'
    "{% for item in items %}{{ item }}{% endfor %}{% endremembered %}</p>"
)


@pytest.fixture(autouse=True)
def fragments_on(settings):
    settings.PUBLIC_FRAGMENTS = True
    cache.clear()  # the suite's own LocMem cache, never a shared one
    yield
    cache.clear()


class Source:
    """A lazy context value that counts how often it was read."""

    def __init__(self, items):
        self.items = items
        self.reads = 0

    def __call__(self):
        self.reads += 1
        return self.items


def render(items, key=1):
    return BLOCK.render(Context({"items": lazy(items), "key": key}))


def test_remembered_block_reads_its_data_once_per_version():
    source = Source(["a", "b"])
    assert render(source) == "<p>ab</p>"
    source.items = ["changed"]
    assert render(source) == "<p>ab</p>"  # remembered: the data is not read again
    assert source.reads == 1
    bump_content_version()
    assert render(source) == "<p>changed</p>"
    assert source.reads == 2


def test_remembered_block_is_kept_per_key_and_language():
    assert render(Source(["one"]), key=1) == "<p>one</p>"
    assert render(Source(["two"]), key=2) == "<p>two</p>"
    with translation.override("uk"):
        assert render(Source(["uk"]), key=1) == "<p>uk</p>"
    assert render(Source(["again"]), key=1) == "<p>one</p>"


def test_remembered_block_off_renders_every_time(settings):
    settings.PUBLIC_FRAGMENTS = False
    source = Source(["x"])
    render(source)
    render(source)
    assert source.reads == 2


def test_remembered_markup_is_not_escaped_twice():
    source = Source(["<b>"])
    assert render(source) == "<p>&lt;b&gt;</p>"
    assert render(source) == "<p>&lt;b&gt;</p>"


def test_remembered_needs_a_name():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load remembered %}{% remembered %}x{% endremembered %}")


def test_lazy_value_is_built_once():
    source = Source([1])
    value = lazy(source)
    assert value() is value()
    assert source.reads == 1
