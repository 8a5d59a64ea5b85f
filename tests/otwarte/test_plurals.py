"""A count next to its noun goes through ngettext (issue 29: "6 kryteria", "0 raporty").

Polish, Ukrainian and Russian decline a noun after a number in three or four ways; a
singular msgid such as "%(n)d lines" has one translation for them all, so it is wrong
for most numbers. The scan looks for a number placeholder followed by an English plural
noun in every msgid that is not already a plural one (Python sources and templates).
"""

import ast
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = ["otwarte", "practices", "reports", "jury", "booklet", "exchange", "public", "surveys",
        "translations", "cockpit"]
SINGULAR_CALLS = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy"}
# Placeholders that name something rather than count it, and verbs that end in "s";
# `margin` is a decimal ("0.50 points"), which every language here reads as a measure.
NOT_COUNTS = r"(?:year|edition|name|username|email|city|where|row|order|margin)"
VERBS = r"(?:is|lists|needs|names|exists|was|has|goes)"
# A number placeholder before an English plural noun.
COUNTED = re.compile(
    rf"(?:%\((?!{NOT_COUNTS}\))\w+\)[ds]|\{{\{{ ?(?!{NOT_COUNTS} )\w+ ?\}}\}}) "
    rf"(?!{VERBS}\b)(?:[a-z]+s|criteria)\b"
)
# "from %(min)d to %(max)d", "Page %(n)s of %(total)s": no noun follows the number.
TEMPLATE_SINGULAR = re.compile(r"\{% (?:translate|trans) \"([^\"]+)\"")
TEMPLATE_BLOCK = re.compile(r"\{% blocktrans(?:late)?(?![^%]*\bcount\b)[^%]*%\}(.*?)\{% endblocktrans", re.S)


def _python_msgids():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                        and node.func.id in SINGULAR_CALLS and node.args):
                    literal = node.args[-1] if node.func.id.startswith("p") else node.args[0]
                    if isinstance(literal, ast.Constant) and isinstance(literal.value, str):
                        yield f"{path.relative_to(ROOT)}:{node.lineno}", literal.value


def _template_msgids():
    for path in (ROOT / "templates").rglob("*.*"):
        text = path.read_text(encoding="utf-8")
        for pattern in (TEMPLATE_SINGULAR, TEMPLATE_BLOCK):
            for match in pattern.finditer(text):
                yield str(path.relative_to(ROOT)), match.group(1)


def test_the_scan_recognises_a_counted_noun():
    assert COUNTED.search("%(count)d criteria copied from the previous edition.")
    assert COUNTED.search("One line per line of the original: %(n)d lines.")
    assert COUNTED.search("{{ n }} codes for {{ label }}.")
    assert not COUNTED.search("Experts can write their %(year)s reports.")
    assert not COUNTED.search("A score from %(min)d to %(max)d.")


def test_no_count_is_written_as_a_singular_msgid():
    found = [
        f"{where}: {msgid}"
        for where, msgid in [*_python_msgids(), *_template_msgids()]
        if COUNTED.search(msgid)
    ]
    assert found == []


def test_polish_counts_decline():
    from django.utils import translation
    from django.utils.translation import gettext, ngettext

    one, many = "%(count)d criterion copied from the previous edition.", \
        "%(count)d criteria copied from the previous edition."
    with translation.override("pl"):
        said = {n: ngettext(one, many, n) % {"count": n} for n in (1, 3, 6, 22)}
        deleted = gettext("Successfully deleted %(count)d %(items)s.")
    assert said == {
        1: "Skopiowano 1 kryterium z poprzedniej edycji.",
        3: "Skopiowano 3 kryteria z poprzedniej edycji.",
        6: "Skopiowano 6 kryteriów z poprzedniej edycji.",
        22: "Skopiowano 22 kryteria z poprzedniej edycji.",
    }
    # Django's "Pomyślnie usunięto 6 kryteria": the admin's noun has two forms only.
    assert deleted % {"count": 6, "items": "kryteria"} == "Usunięto (kryteria): 6."
