"""Nothing outside practices/phases.py compares an edition's phase: the code asks the
policy (`allows`, `require`, `phases_allowing`) so that the table stays the one rule."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_DIRS = {".venv", "node_modules", "tests", "bench", "migrations", ".git", "static"}
ALLOWED = {
    "practices/phases.py",  # the policy itself
}
# Calls whose keyword arguments are lookups (not values being set).
LOOKUPS = {"filter", "exclude", "get", "Q", "get_object_or_404", "get_list_or_404",
           "filter_by", "first", "exists", "count"}


def _is_phase_member(node):
    """`Phase.X`, or a tuple/list/set of them."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return node.value.id == "Phase"
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return any(_is_phase_member(element) for element in node.elts)
    return False


def _call_name(node):
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def phase_comparisons(source):
    """(line, what) of each comparison or lookup of a phase against Phase members."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            if any(_is_phase_member(side) for side in [node.left, *node.comparators]):
                found.append((node.lineno, "comparison"))
        elif isinstance(node, ast.Call):
            for keyword in node.keywords:
                name = keyword.arg or ""
                lookup = "__phase" in name or name.startswith("phase__") or (
                    name == "phase" and _call_name(node) in LOOKUPS
                )
                if lookup and _is_phase_member(keyword.value):
                    found.append((keyword.value.lineno, f"lookup {name}="))
    return found


def _modules():
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if SKIPPED_DIRS & set(relative.parts):
            continue
        yield relative.as_posix(), path


def test_no_module_outside_the_policy_compares_a_phase():
    offenders = [
        f"{name}:{line} ({what})"
        for name, path in _modules() if name not in ALLOWED
        for line, what in phase_comparisons(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_check_finds_comparisons_and_lookups():
    source = """
if edition.phase == Phase.PUBLISHED: pass
if phase in (Phase.DELIBERATION, Phase.PUBLISHED): pass
Edition.objects.filter(phase=Phase.PUBLISHED)
Award.objects.exclude(edition__phase=Phase.PUBLISHED)
Q(awards__edition__phase__in=[Phase.PUBLISHED])
"""
    assert [line for line, _what in phase_comparisons(source)] == [2, 3, 4, 5, 6]


def test_the_check_leaves_setting_a_phase_and_asking_the_policy_alone():
    source = """
EditionFactory(phase=Phase.PUBLISHED)
change_phase(edition=edition, phase=Phase.PUBLISHED)
Edition.objects.filter(phase__in=phases_allowing(Action.VIEW_PUBLIC))
CHECKS = {Phase.PREPARATION: []}
if allows(edition, Action.SCORE): pass
"""
    assert phase_comparisons(source) == []


def test_the_next_phase_forward_comes_from_the_policy():
    from practices.enums import Phase
    from practices.phases import ORDER, next_phase_forward

    assert next_phase_forward(Phase.PREPARATION) == ORDER[1]
    assert next_phase_forward(Phase.PUBLISHED) is None
