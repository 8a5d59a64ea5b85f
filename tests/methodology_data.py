"""A published, scored edition for the methodology page (tests and the browser walk).

The numbers are chosen so that the profiles are easy to compute by hand:

- criterion "engagement" (1–5, weight 2), "durability" (1–3, labelled, weight 1);
- four jurors; "Jurorka Czwarta" declared a conflict (kind: work, disclosed) with
  the first nomination and scored it anyway: her 2 and 1 never count;
- "Juror Drugi" declared a conflict (kind: personal, not disclosed) with the second.
"""

from decimal import Decimal

from jury.enums import ConflictReason
from jury.models import Conflict, ConflictDisclosure, Criterion, Juror, Nomination, Score
from practices.enums import Phase
from practices.models import Award, Category, City, Edition, Practice

SECRET_REASON = "Prywatnypowódkonfliktu"
YEAR = 2030


def build_scored_edition(year=YEAR):
    edition = Edition.objects.create(year=year, phase=Phase.DELIBERATION, title_pl="Miasta Otwarte")
    engagement = Criterion.objects.create(
        edition=edition, code="engagement", order=1, name_pl="Zaangażowanie",
        weight=Decimal("2"),
    )
    durability = Criterion.objects.create(
        edition=edition, code="durability", order=2, name_pl="Trwałość", scale_min=1,
        scale_max=3, scale_labels="słabo\nśrednio\ndobrze",
    )
    city = City.objects.create(name_pl="Profilowo", slug="profilowo", voivodeship="mazowieckie",
                               latitude=52, longitude=21)
    first = Category.objects.create(code="k-profil-1", name_pl="Kategoria pierwsza", order=1)
    second = Category.objects.create(code="k-profil-2", name_pl="Kategoria druga", order=2)
    practices = [
        Practice.objects.create(city=city, slug=f"praktyka-{i}", title_pl=f"Praktyka {i}")
        for i in (1, 2, 3)
    ]
    n1 = Nomination.objects.create(edition=edition, practice=practices[0], category=first)
    n2 = Nomination.objects.create(edition=edition, practice=practices[1], category=first)
    n3 = Nomination.objects.create(edition=edition, practice=practices[2], category=second)
    names = ["Juror Pierwszy", "Juror Drugi", "Jurorka Trzecia", "Jurorka Czwarta"]
    jurors = [Juror.objects.create(name=name, slug=f"j-{i}") for i, name in enumerate(names)]
    for juror in jurors:
        juror.editions.add(edition)
    j1, j2, j3, j4 = jurors
    values = [
        (n1, engagement, [(j1, 5), (j2, 4), (j3, 4), (j4, 2)]),
        (n1, durability, [(j1, 3), (j2, 2), (j3, 3), (j4, 1)]),
        (n2, engagement, [(j1, 3), (j3, 3)]),
        (n3, engagement, [(j1, 1), (j2, 3)]),
    ]
    for nomination, criterion, given in values:
        for juror, value in given:
            Score.objects.create(juror=juror, nomination=nomination, criterion=criterion,
                                 value=value)
    Conflict.objects.create(juror=j4, nomination=n1, reason_category=ConflictReason.WORK,
                            reason=f"{SECRET_REASON} praca")
    Conflict.objects.create(juror=j2, nomination=n2, reason_category=ConflictReason.PERSONAL,
                            reason=f"{SECRET_REASON} rodzina")
    ConflictDisclosure.objects.create(edition=edition, category=ConflictReason.WORK)
    Award.objects.create(edition=edition, category=first, practice=practices[0], order=1,
                         recommendation_pl="Rekomendacja pierwsza.")
    Award.objects.create(edition=edition, category=second, practice=practices[2], order=2,
                         recommendation_pl="Rekomendacja trzecia.")
    edition.phase = Phase.PUBLISHED
    edition.save()
    return edition
