"""The jury side of `make loadtest`: create scoring jurors, then check what they saved.

    python bench/loadtest_jury.py setup <tag> <config.json>
    python bench/loadtest_jury.py verify <config.json> <results.json>

`setup` creates an edition in jury scoring (year from the tag), two criteria, nominations
of the 2015 practices and LOADTEST_JURORS juror accounts, and writes what the locust
jurors need to <config.json>. `verify` compares the scores in the database with the
scores the jurors saw acknowledged (results.json, written by bench/locustfile.py) and
prints a JSON summary: lost, wrong or extra scores, and the score log.
Runs with the environment of bench/loadtest.py (DATABASE_URL, SECRET_KEY, ...).
"""

import json
import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "otwarte.settings")
    import django

    django.setup()


def setup(tag, config_path, jurors=5):
    _django()
    from django.contrib.auth.models import Group, User
    from django.db import transaction

    from jury.models import Criterion, Juror, Nomination
    from otwarte.roles import Role
    from practices.enums import Phase
    from practices.models import Award, Edition

    password = secrets.token_urlsafe(16)
    with transaction.atomic():
        edition = Edition.objects.create(year=2030 + int(tag), phase=Phase.JURY_SCORING)
        criteria = [
            Criterion.objects.create(edition=edition, code=code, name_pl=name, order=order)
            for order, (code, name) in enumerate([("impact", "Wpływ"), ("durability", "Trwałość")])
        ]
        nominations = [
            Nomination.objects.create(
                edition=edition, practice=award.practice, category=award.category
            )
            for award in Award.objects.select_related("practice", "category").order_by("pk")[:8]
        ]
        group = Group.objects.get(name=Role.JUROR)
        usernames = []
        for number in range(1, jurors + 1):
            username = f"loadjuror{tag}-{number}"
            user = User.objects.create_user(username, password=password)
            user.groups.add(group)
            juror = Juror.objects.create(
                name=f"Load juror {tag}-{number}", slug=username, user=user
            )
            juror.editions.add(edition)
            usernames.append(username)
    Path(config_path).write_text(
        json.dumps(
            {
                "edition": edition.pk,
                "jurors": usernames,
                "password": password,
                "nominations": [n.pk for n in nominations],
                "criteria": [c.pk for c in criteria],
            }
        )
    )


def verify(config_path, results_path):
    _django()
    from jury.models import Score, ScoreChange

    config = json.loads(Path(config_path).read_text())
    results = json.loads(Path(results_path).read_text())
    expected = {
        (row["juror"], row["nomination"], int(criterion)): value
        for row in results["acknowledged"]
        for criterion, value in row["values"].items()
    }
    rows = list(
        Score.objects.filter(nomination__edition_id=config["edition"]).values_list(
            "juror__user__username", "nomination_id", "criterion_id", "value"
        )
    )
    written = {}
    duplicated = 0
    for username, nomination, criterion, value in rows:
        key = (username, nomination, criterion)
        duplicated += key in written
        written[key] = value
    # A save whose answer never arrived (the run ended, or the database went away
    # mid-request) may or may not be committed: either value is right.
    pending = {
        (row["juror"], row["nomination"], int(criterion)): value
        for row in results["pending"]
        for criterion, value in row["values"].items()
    }

    def acceptable(key):
        return written.get(key) in {expected.get(key), pending.get(key)}

    lost = [key for key in expected if key not in written and key not in pending]
    wrong = [key for key in expected if key in written and not acceptable(key)]
    extra = [key for key in written if key not in expected and not acceptable(key)]
    # The score log's last value per score must be the score itself.
    log = {}
    for username, nomination, criterion, new in ScoreChange.objects.filter(
        nomination__edition_id=config["edition"]
    ).order_by("pk").values_list(
        "juror__user__username", "nomination_id", "criterion_id", "new_value"
    ):
        log[(username, nomination, criterion)] = new
    log_mismatch = [key for key, value in written.items() if log.get(key) != value]
    print(
        json.dumps(
            {
                "expected": len(expected),
                "written": len(rows),
                "lost": len(lost),
                "wrong": len(wrong),
                "extra": len(extra),
                "duplicated": duplicated,
                "log_mismatch": len(log_mismatch),
                "score_changes": ScoreChange.objects.filter(
                    nomination__edition_id=config["edition"]
                ).count(),
                "acknowledged_changes": results["acknowledged_changes"],
                "saves": results["saves"],
                "pending_at_stop": len(pending),
            }
        )
    )


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "setup":
        setup(*args, jurors=int(os.environ.get("LOADTEST_JURORS", "5")))
    elif command == "verify":
        verify(*args)
    else:
        raise SystemExit(__doc__)
