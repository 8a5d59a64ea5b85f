"""Synthetic jury scoring for `manage.py seed_synthetic` (see practices/synthetic.py).

Per edition: `nominations_per_edition` nominations; every published edition
also gets the full score table (each panel juror × nomination × criterion).
The edition in jury scoring gets no scores, and its panel gets login accounts
(`BENCH_JUROR_USERNAME` n, password `BENCH_JUROR_PASSWORD`) so that `make
bench` can log five jurors in and measure saving scores through gunicorn; one
organiser account (`BENCH_ORGANISER_USERNAME`, same password) lets it time the
tally and the admin lists. Synthetic databases only: the password is public.
"""

import random

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
                Score(juror=juror, nomination=nomination, criterion=criterion, value=value)
                for juror, nomination, criterion, value in realistic_scores(
                    rng=rng, jurors=panel, nominations=by_edition.get(edition.pk, []),
                    criteria=criteria.get(edition.pk, []),
                )
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


# The realistic model of a jury's scores (docs/tally.md, "Flags"): what the share of
# flagged nominations is measured on. Nominations reach the jury already chosen by the
# experts, so most are good; jurors differ in how generous they are; a few
# nominations split the jury for real.
QUALITY_MEAN, QUALITY_SD = 3.4, 0.6  # a nomination's worth, on a 1–5 scale
CRITERION_SD = 0.35  # how a nomination fares on one criterion against its worth
LENIENCY_SD = 0.35  # a juror's generosity
NOISE_SD = 0.55  # one score's own noise
SPLIT_SHARE = 0.06  # nominations one juror sees very differently on one criterion
SPLIT_SHIFT = 2


def realistic_scores(*, rng=None, jurors, nominations, criteria):
    """[(juror, nomination, criterion, value)] for every juror × nomination × criterion,
    from the model above, rounded and kept on each criterion's scale."""
    rng = rng or random.Random(0)
    leniency = {id(j): rng.gauss(0, LENIENCY_SD) for j in jurors}
    out = []
    for nomination in nominations:
        worth = rng.gauss(QUALITY_MEAN, QUALITY_SD)
        split = None
        if jurors and criteria and rng.random() < SPLIT_SHARE:
            split = (rng.choice(jurors), rng.choice(criteria), rng.choice((-1, 1)) * SPLIT_SHIFT)
        for criterion in criteria:
            on_criterion = worth + rng.gauss(0, CRITERION_SD)
            for juror in jurors:
                raw = on_criterion + leniency[id(juror)] + rng.gauss(0, NOISE_SD)
                if split and split[0] is juror and split[1] is criterion:
                    raw += split[2]
                value = min(criterion.scale_max, max(criterion.scale_min, round(raw)))
                out.append((juror, nomination, criterion, value))
    return out
