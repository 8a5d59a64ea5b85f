"""The one rule for accounts reached by invitations and imports (otwarte/accounts.py):
nobody is found by name, no existing account is rewritten, privileged accounts are
never touched — and no other module creates or changes accounts unreviewed."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError

from otwarte import accounts
from otwarte.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def _identity(user):
    user.refresh_from_db()
    return (user.username, user.email, user.first_name, user.last_name, user.password,
            user.is_staff, user.is_superuser)


@pytest.fixture
def boss(db):
    """A superuser without an e-mail: the account the name match handed over."""
    return UserFactory(username="boss", email="", first_name="Big", last_name="Boss",
                       is_superuser=True, is_staff=True, password="Secret-Boss-2016")


def test_unclaimed_accounts_never_include_a_privileged_or_used_account(boss, organiser):
    imported = UserFactory(username="big.boss", email="", first_name="Big", last_name="Boss")
    imported.set_unusable_password()
    imported.save()
    used = UserFactory(username="bigboss2", email="", first_name="Big", last_name="Boss")
    assert accounts.unclaimed_accounts(first_name="big", last_name="BOSS") == [imported]


@pytest.mark.parametrize("rights", ["superuser", "organiser", "staff", "permissions"])
@pytest.mark.parametrize("role", [Role.EXPERT, Role.JUROR, Role.TRANSLATOR])
def test_invitation_by_email_refuses_every_privileged_account(rights, role):
    user = UserFactory(username="target", email="target@example.org", first_name="T",
                       is_superuser=rights == "superuser", is_staff=rights in ("staff",))
    if rights == "organiser":
        user.groups.add(Group.objects.get(name=Role.ORGANISER))
    if rights == "permissions":
        user.user_permissions.add(Permission.objects.get(codename="change_user"))
    before = _identity(user)
    with pytest.raises(ValidationError) as error:
        accounts.account_for_invitation(email="TARGET@example.org", role=role)
    assert error.value.code == "privileged"
    assert _identity(user) == before
    assert not user.groups.filter(name=role).exists()


def test_expert_role_may_be_added_to_an_expert_or_a_juror(expert_lublin, juror_a):
    expert_lublin.email, juror_a.email = "ex@example.org", "ju@example.org"
    expert_lublin.save(), juror_a.save()
    before = _identity(juror_a)
    assert accounts.account_for_invitation(email="ex@example.org", role=Role.JUROR,
                                           first_name="New", last_name="Name") == expert_lublin
    assert accounts.account_for_invitation(email="ju@example.org", role=Role.EXPERT) == juror_a
    after = _identity(juror_a)
    assert after[:5] == before[:5] and after[5] is True  # only is_staff, with the expert role


def test_picked_account_must_be_unclaimed(boss, expert_lublin):
    for account in (boss, expert_lublin):
        before = _identity(account)
        with pytest.raises(ValidationError):
            accounts.account_for_invitation(email="x@evil.test", role=Role.EXPERT,
                                            attach_to=account)
        assert _identity(account) == before


def test_import_refuses_a_change_to_an_existing_account(expert_lublin):
    expert_lublin.email = "lublin@example.org"
    expert_lublin.save()
    before = _identity(expert_lublin)
    for row in ({"email": "x@evil.test"}, {"first_name": "Someone"}):
        with pytest.raises(ValidationError) as error:
            accounts.account_for_import(username="expert_lublin", role=Role.EXPERT, **row)
        assert error.value.code == "differs"
    assert _identity(expert_lublin) == before
    user, created, changed = accounts.account_for_import(
        username="expert_lublin", role=Role.JUROR, email="LUBLIN@example.org", first_name="")
    assert (user, created, changed) == (expert_lublin, False, ["role"])
    assert _identity(expert_lublin) == before


# --- every path that creates or changes an account ------------------------------------

# A write to an account, as the project's code spells it.
ACCOUNT_WRITE = re.compile(
    r"\bUser\(|create_user\(|create_superuser\(|\.set_password\(|\.set_unusable_password\("
    r"|User\.objects\.(create|update|get_or_create|update_or_create|bulk_create|bulk_update)\b"
    r"|get_user_model\(\)\.objects\.(create|update|get_or_create|update_or_create|bulk)"
    r"|(?<!self)\.(email|first_name|last_name|username|password|is_staff|is_superuser|is_active)\s*=(?!=)"
    r"|\.groups\.(add|set|remove|clear)\(|\.user_set\.(add|set|remove)\("
    r"|\.user_permissions\.(add|set)\(|\b(user|account|attach_to|owner)\.save\("
)

# Reviewed: every module of the project (tests, migrations and the venv aside) that may
# create or change an account outside Django's user admin, and why.
KNOWN_ACCOUNT_WRITERS = {
    "otwarte/accounts.py",  # the one rule: invitations (experts, jurors, translators), import
    "otwarte/user_admin.py",  # the user admin keeps groups a non-superuser cannot see
    "cockpit/management/commands/load_demo.py",  # local demo accounts with known passwords
    "jury/synthetic.py",  # seed_synthetic: benchmark accounts in a benchmark database
    "bench/loadtest_jury.py",  # load-test accounts
    "bench/peer_site/seed.py",  # pretalx's accounts, in the peer site's own database
}


def _project_modules():
    skip = {".venv", "node_modules", "tests", "migrations", ".git"}
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if not skip.intersection(relative.parts):
            yield relative.as_posix(), path


def test_every_module_that_writes_accounts_is_reviewed():
    writers = {
        name for name, path in _project_modules()
        if ACCOUNT_WRITE.search(path.read_text(encoding="utf-8"))
    }
    assert writers == KNOWN_ACCOUNT_WRITERS


def test_invitations_onboarding_and_import_reach_accounts_only_through_the_rule():
    for name in ("otwarte/invitations.py", "jury/services/onboarding.py",
                 "exchange/importing.py"):
        text = (ROOT / name).read_text(encoding="utf-8")
        assert "accounts.account_for_" in text, name
        assert "first_name__iexact" not in text and "find_account" not in text, name
