"""Every URL name the apps' READMEs and docs/ mention (`jury:tally`) is one the
URL configuration has: a README that lists a removed page fails here (issue 33)."""

import re
from pathlib import Path

import pytest
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse

ROOT = Path(__file__).resolve().parents[2]
READMES = sorted(ROOT.glob("*/README.md"))
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# A URL name in backticks, namespaced: `public:city_check`, `admin:jury_juror_invite`.
NAME = re.compile(r"`([a-z][a-z0-9_]*(?::[a-z][a-z0-9_]*)+)`")


def named_patterns(resolver=None, namespace=""):
    """Every "ns:name" of the URL configuration, admin included."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from named_patterns(pattern, inner)
        elif pattern.name:
            yield namespace + pattern.name


def mentioned(readme):
    return sorted(set(NAME.findall(readme.read_text())))


def test_the_readmes_are_found_and_name_urls():
    assert {p.parent.name for p in READMES} >= {"jury", "public", "surveys", "translations"}
    assert sum(len(mentioned(p)) for p in READMES) > 20


@pytest.mark.parametrize(
    "readme", READMES + DOCS, ids=lambda p: str(p.relative_to(ROOT)).removesuffix(".md")
)
def test_every_url_name_in_a_readme_exists(readme):
    names = set(named_patterns())
    missing = []
    for name in mentioned(readme):
        try:
            reverse(name)
        except NoReverseMatch:
            # Names that take arguments do not reverse bare: they need only exist.
            if name not in names:
                missing.append(name)
    assert missing == []
