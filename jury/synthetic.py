"""Synthetic jury scoring for `manage.py seed_synthetic` (see practices/synthetic.py).

Per edition: `nominations_per_edition` nominations; every published edition
also gets the full score table (each panel juror × nomination × criterion).
The edition in jury scoring gets no scores, and its panel gets login accounts
(`BENCH_JUROR_USERNAME` n, password `BENCH_JUROR_PASSWORD`) so that `make
bench` can log five jurors in and measure saving scores through gunicorn; one
organiser account (`BENCH_ORGANISER_USERNAME`, same password) lets it time the
tally and the admin lists. Synthetic databases only: the password is public.
"""

from django.apps import apps
from django.contrib.auth.hashers import make_password

from otwarte.roles import Role
from practices.phases import Action, allows
from practices.synthetic import BATCH, generator

BENCH_JUROR_USERNAME = "bench-juror-{n}"
BENCH_JUROR_PASSWORD = "bench-juror-password"
BENCH_ORGANISER_USERNAME = "bench-organiser"


@generator("jury_scores", requires=("jury.Nomination", "jury.Score"))
def jury_scores(ctx):
    """Nominations for every edition, scores for the published ones, accounts for the
    jurors of the edition being scored."""
    Nomination = apps.get_model("jury", "Nomination")
    Score = apps.get_model("jury", "Score")
    Criterion = apps.get_model("jury", "Criterion")
    Juror = apps.get_model("jury", "Juror")
    User = apps.get_model("auth", "User")
    Group = apps.get_model("auth", "Group")
    rng = ctx.rng
    count = min(ctx.scale.nominations_per_edition, len(ctx.practices))
    nominations = []
    for edition in ctx.editions:
        for practice in rng.sample(ctx.practices, count):
            nominations.append(
                Nomination(edition=edition, practice=practice, category=rng.choice(ctx.categories))
            )
    nominations = Nomination.objects.bulk_create(nominations, batch_size=BATCH)
    by_edition = {}
    for nomination in nominations:
        by_edition.setdefault(nomination.edition_id, []).append(nomination)
    criteria = {}
    for criterion in Criterion.objects.filter(edition__in=ctx.editions):
        criteria.setdefault(criterion.edition_id, []).append(criterion)

    scores, accounts = [], 0
    for edition in ctx.editions:
        panel = ctx.jurors_by_edition.get(edition.pk, [])
        if allows(edition, Action.VIEW_PUBLIC):
            scores.extend(
                Score(
                    juror=juror,
                    nomination=nomination,
                    criterion=criterion,
                    value=rng.randint(criterion.scale_min, criterion.scale_max),
                )
                for juror in panel
                for nomination in by_edition.get(edition.pk, [])
                for criterion in criteria.get(edition.pk, [])
            )
        elif allows(edition, Action.SCORE):
            group = Group.objects.get(name=Role.JUROR)
            # --flush empties the domain tables, not auth: replace earlier accounts.
            User.objects.filter(username__startswith=BENCH_JUROR_USERNAME[:-3]).delete()
            password = make_password(BENCH_JUROR_PASSWORD)  # hashed once, shared
            for n, juror in enumerate(panel, start=1):
                user = User.objects.create(
                    username=BENCH_JUROR_USERNAME.format(n=n), password=password
                )
                user.groups.add(group)
                Juror.objects.filter(pk=juror.pk).update(user=user, preferred_language="pl")
                accounts += 1
            User.objects.filter(username=BENCH_ORGANISER_USERNAME).delete()
            organiser = User.objects.create(
                username=BENCH_ORGANISER_USERNAME,
                password=password,
                first_name="Bench",
                last_name="Organiser",
                is_staff=True,
            )
            organiser.groups.add(Group.objects.get(name=Role.ORGANISER))
            accounts += 1
    Score.objects.bulk_create(scores, batch_size=BATCH * 5)
    return {"nominations": len(nominations), "scores": len(scores), "accounts": accounts}
