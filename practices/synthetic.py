"""Synthetic data at benchmark scale (`manage.py seed_synthetic`).

Generators are registered per domain in one ordered registry. Each declares
the models it needs; when one of them does not exist (yet), the generator is
skipped with a message, so the command works before every app has landed.
Another app adds or replaces a generator from its own `<app>/synthetic.py`
(imported by the command through `autodiscover_modules`)::

    from practices.synthetic import generator

    @generator("jury_scores", requires=("jury.Nomination", "jury.Score"))
    def jury_scores(ctx):
        ...  # ctx.scale, ctx.rng, ctx.editions, ctx.awards_by_edition, ...
        return {"nominations": n, "scores": m}

Everything is written with `bulk_create`, which sends no signals: the command
bumps the public cache's content version once at the end.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connections, router, transaction
from django.utils.text import slugify

from otwarte.text import polish_slugify

from .enums import FollowUpStatus, Initiator, Phase, Voivodeship
from .phases import Action, allows

BATCH = 1000
FIRST_SYNTHETIC_YEAR = 2016  # 2015 stays free for the real edition (fixtures/)


@dataclass(frozen=True)
class Scale:
    name: str
    cities: int
    editions: int
    practices: int
    awards: int
    similar_per_award: int = 2
    jurors_per_edition: int = 5
    criteria_per_edition: int = 4
    nominations_per_edition: int = 100
    expert_reports_per_edition: int = 20
    # Share of content with an English / Ukrainian / Russian translation.
    translated: tuple = (0.6, 0.3, 0.1)


SCALES = {
    "tiny": Scale(
        "tiny",
        cities=15,
        editions=3,
        practices=30,
        awards=12,
        nominations_per_edition=6,
        expert_reports_per_edition=2,
    ),
    "realistic": Scale("realistic", cities=300, editions=10, practices=2000, awards=500),
    "20y": Scale("20y", cities=300, editions=20, practices=10000, awards=2500),
}


@dataclass
class Context:
    """What generators share: the scale, a seeded RNG and what was created so far."""

    scale: Scale
    rng: random.Random
    cities: list = field(default_factory=list)
    categories: list = field(default_factory=list)
    editions: list = field(default_factory=list)
    practices: list = field(default_factory=list)
    awards_by_edition: dict = field(default_factory=dict)
    jurors_by_edition: dict = field(default_factory=dict)


@dataclass
class Generator:
    name: str
    requires: tuple
    func: object = None  # None: announced, waiting for its app to provide it


GENERATORS: dict[str, Generator] = {}


def generator(name, *, requires=()):
    """Register (or replace) the generator `name`, run in registration order."""

    def register(func):
        GENERATORS[name] = Generator(name, tuple(requires), func)
        return func

    return register


def announce(name, *, requires):
    """Reserve a generator's place until the app that owns its models provides it."""
    GENERATORS.setdefault(name, Generator(name, tuple(requires)))


def model_exists(label):
    """'app.Model' exists, or 'app.*': the app has at least one model."""
    app_label, _dot, model_name = label.partition(".")
    try:
        config = apps.get_app_config(app_label)
    except LookupError:
        return False
    if model_name == "*":
        return any(True for _model in config.get_models())
    try:
        config.get_model(model_name)
    except LookupError:
        return False
    return True


# --- the data set ----------------------------------------------------------

DOMAIN_APPS = ("practices", "jury", "reports")


def has_domain_data():
    Edition = apps.get_model("practices", "Edition")
    Practice = apps.get_model("practices", "Practice")
    return Edition.objects.exists() or Practice.objects.exists()


def flush(*, using="default"):
    """Empty every table of the domain apps (cities and categories included)."""
    models = [m for app in DOMAIN_APPS if model_exists(f"{app}.*") for m in _models_of(app)]
    tables = set()
    for model in models:
        tables.add(model._meta.db_table)
        for m2m in model._meta.local_many_to_many:
            tables.add(m2m.remote_field.through._meta.db_table)
    connection = connections[using]

    statements = connection.ops.sql_flush(no_style(), sorted(tables), allow_cascade=True)
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        # TRUNCATE refuses tables with deferred FK checks still pending (rows
        # written earlier in the same transaction, as in tests): run them now.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    connection.ops.execute_sql_flush(statements)


def _models_of(app_label):
    return list(apps.get_app_config(app_label).get_models())


def run(*, scale, seed=8, write=print):
    """Run every registered generator; return {generator: counts or skip reason}."""
    ctx = Context(scale=scale, rng=random.Random(seed))
    summary = {}
    using = router.db_for_write(apps.get_model("practices", "Practice"))
    with transaction.atomic(using=using):
        for gen in GENERATORS.values():
            missing = [label for label in gen.requires if not model_exists(label)]
            if missing:
                reason = f"skipped ({', '.join(missing)} not available yet)"
            elif gen.func is None:
                reason = (
                    f"skipped (its models exist but no generator is registered: "
                    f"add one in {gen.requires[0].split('.')[0]}/synthetic.py)"
                )
            else:
                counts = gen.func(ctx)
                summary[gen.name] = counts
                write(f"{gen.name}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
                continue
            summary[gen.name] = reason
            write(f"{gen.name}: {reason}")
    return summary


# --- text ------------------------------------------------------------------

SYLLABLES = ["bor", "gró", "dek", "lin", "wa", "sto", "mir", "ko", "rze", "szów", "pol", "nia",
             "ra", "dom", "brze", "ciech", "kal", "no", "sław", "tur", "ży", "wice", "ów", "sk"]
CYRILLIC = str.maketrans({
    "a": "а", "b": "б", "c": "ц", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "i": "і",
    "j": "й", "k": "к", "l": "л", "ł": "л", "m": "м", "n": "н", "o": "о", "ó": "у", "p": "п",
    "r": "р", "s": "с", "t": "т", "u": "у", "w": "в", "y": "и", "z": "з", "ż": "ж", "ź": "з",
    "ś": "сь", "ć": "ць", "ń": "нь", "ą": "о", "ę": "е",
})  # fmt: skip

# (pl, en, uk): practice titles are one of these, a qualifier and a number.
TITLES = [
    ("Punkt informacyjny dla cudzoziemców", "Information point for foreigners",
     "Інформаційний пункт для іноземців"),
    ("Lekcje języka polskiego dla dorosłych", "Polish lessons for adults",
     "Уроки польської мови для дорослих"),
    ("Asystent międzykulturowy w szkołach", "Intercultural assistants in schools",
     "Міжкультурний асистент у школах"),
    ("Rada ds. imigrantów przy prezydencie miasta", "Mayor's council on immigrants",
     "Рада з питань іммігрантів при меті міста"),
    ("Wielojęzyczny portal miejski", "Multilingual city portal", "Багатомовний міський портал"),
    ("Szkolenia antydyskryminacyjne urzędników", "Anti-discrimination training for officials",
     "Антидискримінаційні тренінги для службовців"),
    ("Festiwal kultur", "Festival of cultures", "Фестиваль культур"),
    ("Centrum wielokulturowe", "Multicultural centre", "Мультикультурний центр"),
    ("Mieszkania dla uchodźców", "Housing for refugees", "Житло для біженців"),
    ("Miejska strategia integracji", "City integration strategy", "Міська стратегія інтеграції"),
]  # fmt: skip
QUALIFIERS = [
    ("", "", ""),
    ("– edycja pilotażowa", "– pilot", "– пілотний етап"),
    ("dla dzieci i młodzieży", "for children and young people", "для дітей та молоді"),
    ("w dzielnicach", "in the districts", "у районах"),
]
SENTENCES = [
    "Miasto prowadzi działanie we współpracy z organizacjami pozarządowymi.",
    "Z oferty skorzystało w ubiegłym roku kilkaset osób z kilkunastu krajów.",
    "Informacje są dostępne po polsku, angielsku, ukraińsku i rosyjsku.",
    "Działanie jest finansowane z budżetu miasta i ze środków zewnętrznych.",
    "Urzędnicy przeszli szkolenie z komunikacji międzykulturowej.",
    "Imigranci współtworzą program i oceniają jego efekty.",
    "Eksperci zwrócili uwagę na trwałość i dostępność działania.",
]


def _text(rng, sentences=6):
    return " ".join(rng.choice(SENTENCES) for _ in range(sentences))


def _paragraphs(rng, count):
    return "\n\n".join(_text(rng, rng.randint(3, 6)) for _ in range(count))


def _maybe(rng, share, value):
    return value if rng.random() < share else ""


def _city_name(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


# --- generators -----------------------------------------------------------


@generator("reference", requires=("practices.Category", "practices.City"))
def reference(ctx):
    """The eleven real categories and ten real cities (idempotent)."""
    call_command("loaddata", "reference", verbosity=0)
    Category = apps.get_model("practices", "Category")
    ctx.categories = list(Category.objects.order_by("order", "code"))
    return {"categories": len(ctx.categories)}


@generator("cities", requires=("practices.City",))
def cities(ctx):
    City = apps.get_model("practices", "City")
    existing = City.objects.count()
    voivodeships = list(Voivodeship.values)
    en, uk, ru = ctx.scale.translated
    rng = ctx.rng
    new = []
    for i in range(existing, ctx.scale.cities):
        name = _city_name(rng)
        new.append(
            City(
                name_pl=name,
                name_en=_maybe(rng, en, name),
                name_uk=_maybe(rng, uk, name.lower().translate(CYRILLIC).capitalize()),
                name_ru=_maybe(rng, ru, name.lower().translate(CYRILLIC).capitalize()),
                slug=f"{polish_slugify(name)}-{i}",
                voivodeship=rng.choice(voivodeships),
            )
        )
    City.objects.bulk_create(new, batch_size=BATCH)
    ctx.cities = list(City.objects.order_by("pk"))
    return {"cities": len(new)}


@generator("editions", requires=("practices.Edition",))
def editions(ctx):
    """One edition a year; all published except the newest (in jury scoring)."""
    Edition = apps.get_model("practices", "Edition")
    rng = ctx.rng
    new = []
    for n in range(ctx.scale.editions):
        year = FIRST_SYNTHETIC_YEAR + n
        newest = n == ctx.scale.editions - 1
        ceremony = datetime(year, 11, 20, 12, tzinfo=dt_timezone.utc)
        new.append(
            Edition(
                year=year,
                phase=Phase.JURY_SCORING if newest else Phase.PUBLISHED,
                published_at=None if newest else ceremony + timedelta(days=1),
                title_pl="Miasta Otwarte",
                title_en="Open Cities",
                introduction_pl=_paragraphs(rng, 3),
                introduction_en=_maybe(rng, ctx.scale.translated[0], _paragraphs(rng, 2)),
                selection_pl=_paragraphs(rng, 2),
                ceremony_at=ceremony,
                ceremony_city=rng.choice(ctx.cities),
                organiser="Instytut Spraw Publicznych",
            )
        )
    ctx.editions = Edition.objects.bulk_create(new)
    # bulk_create sends no signal: every edition gets the eleven categories itself.
    through = Edition.categories.through
    through.objects.bulk_create(
        through(edition_id=e.pk, category_id=c.pk) for e in ctx.editions for c in ctx.categories
    )
    return {"editions": len(new)}


@generator("practices", requires=("practices.Practice",))
def practices(ctx):
    Practice = apps.get_model("practices", "Practice")
    rng = ctx.rng
    en, uk, ru = ctx.scale.translated
    initiators = list(Initiator.values)
    statuses = list(FollowUpStatus.values)
    # A few big cities do most: weight by a long tail.
    weights = [1 / (1 + i) ** 0.8 for i in range(len(ctx.cities))]
    chosen_cities = rng.choices(ctx.cities, weights=weights, k=ctx.scale.practices)
    new = []
    for i, city in enumerate(chosen_cities):
        base = rng.choice(TITLES)
        qualifier = rng.choice(QUALIFIERS)
        title = [f"{b} {q}".strip() for b, q in zip(base, qualifier, strict=True)]
        new.append(
            Practice(
                city=city,
                title_pl=title[0],
                title_en=_maybe(rng, en, title[1]),
                title_uk=_maybe(rng, uk, title[2]),
                title_ru=_maybe(rng, ru, title[2]),
                slug=f"{slugify(polish_slugify(title[0], max_length=60))}-{i}",
                description_pl=_paragraphs(rng, rng.randint(2, 4)),
                description_en=_maybe(rng, en, _paragraphs(rng, 2)),
                initiator=rng.choice(initiators),
                start_year=rng.randint(2000, 2024),
                website=_maybe(rng, 0.5, f"https://example.org/{city.slug}/{i}"),
                follow_up_status=rng.choice(statuses),
            )
        )
    ctx.practices = Practice.objects.bulk_create(new, batch_size=BATCH)
    through = Practice.categories.through
    links = [
        through(practice_id=p.pk, category_id=c.pk)
        for p in ctx.practices
        for c in rng.sample(ctx.categories, rng.randint(1, 3))
    ]
    through.objects.bulk_create(links, batch_size=BATCH * 5)
    return {"practices": len(new), "category links": len(links)}


@generator("awards", requires=("practices.Award", "practices.SimilarAction"))
def awards(ctx):
    """Awards spread over the published editions, with similar actions."""
    Award = apps.get_model("practices", "Award")
    SimilarAction = apps.get_model("practices", "SimilarAction")
    rng = ctx.rng
    published = [e for e in ctx.editions if allows(e, Action.VIEW_PUBLIC)]
    if not published:
        return {"awards": 0}
    per_edition, extra = divmod(ctx.scale.awards, len(published))
    practices_by_city = {}
    for p in ctx.practices:
        practices_by_city.setdefault(p.city_id, []).append(p)
    new = []
    for n, edition in enumerate(published):
        count = min(per_edition + (1 if n < extra else 0), len(ctx.practices))
        picks = rng.sample(ctx.practices, count)
        rows = sorted(((rng.choice(ctx.categories), p) for p in picks), key=lambda r: r[0].order)
        for order, (category, practice) in enumerate(rows, start=1):
            new.append(
                Award(
                    edition=edition,
                    category=category,
                    practice=practice,
                    order=order,
                    recommendation_pl=_text(rng, 4),
                    recommendation_en=_maybe(rng, ctx.scale.translated[0], _text(rng, 3)),
                )
            )
    created = Award.objects.bulk_create(new, batch_size=BATCH)
    # bulk_create sends no signals: the stored sort and search keys by hand (signals.py).
    from .services import refresh_published_years, refresh_search_text

    refresh_published_years()
    refresh_search_text()
    for award in created:
        ctx.awards_by_edition.setdefault(award.edition_id, []).append(award)
    similar = []
    for award in created:
        for order in range(1, rng.randint(0, 2 * ctx.scale.similar_per_award) + 1):
            city = rng.choice(ctx.cities)
            candidates = practices_by_city.get(city.pk)
            practice = rng.choice(candidates) if candidates and rng.random() < 0.5 else None
            similar.append(SimilarAction(award=award, order=order, city=city, practice=practice))
    SimilarAction.objects.bulk_create(similar, batch_size=BATCH)
    return {"awards": len(created), "similar actions": len(similar)}


@generator("jury_panel", requires=("jury.Juror", "jury.Criterion", "jury.JurorQuote"))
def jury_panel(ctx):
    """Five jurors and four criteria an edition; a quote for most awards."""
    Juror = apps.get_model("jury", "Juror")
    Criterion = apps.get_model("jury", "Criterion")
    JurorQuote = apps.get_model("jury", "JurorQuote")
    rng = ctx.rng
    size = ctx.scale.jurors_per_edition
    # Jurors serve about two editions each.
    pool = Juror.objects.bulk_create(
        Juror(
            name=f"Juror {i + 1}",
            slug=f"juror-{i + 1}",
            country_of_origin_pl=rng.choice(["Ukraina", "Wietnam", "Białoruś", "Syria", "Gruzja"]),
            city=rng.choice(ctx.cities),
        )
        for i in range(max(size, size * len(ctx.editions) // 2))
    )
    through = Juror.editions.through
    links = []
    for n, edition in enumerate(ctx.editions):
        start = (n * size // 2) % len(pool)
        panel = [pool[(start + k) % len(pool)] for k in range(size)]
        ctx.jurors_by_edition[edition.pk] = panel
        links.extend(through(juror_id=j.pk, edition_id=edition.pk) for j in panel)
    through.objects.bulk_create(links, batch_size=BATCH)
    criteria = Criterion.objects.bulk_create(
        Criterion(
            edition=edition,
            code=f"criterion-{k + 1}",
            order=k + 1,
            name_pl=f"Kryterium {k + 1}",
            name_en=f"Criterion {k + 1}",
            description_pl=_text(rng, 2),
        )
        for edition in ctx.editions
        for k in range(ctx.scale.criteria_per_edition)
    )
    quotes = [
        JurorQuote(
            award=award,
            order=1,
            juror=rng.choice(ctx.jurors_by_edition[edition_id]),
            text_pl=_text(rng, 2),
            text_uk=_maybe(rng, ctx.scale.translated[1], "Цитата члена журі."),
        )
        for edition_id, awards_ in ctx.awards_by_edition.items()
        for award in awards_
        if rng.random() < 0.7
    ]
    JurorQuote.objects.bulk_create(quotes, batch_size=BATCH)
    return {
        "jurors": len(pool),
        "panel seats": len(links),
        "criteria": len(criteria),
        "quotes": len(quotes),
    }


# Its place in the order (after the jurors and criteria above); jury/synthetic.py
# provides it. Sizes: ctx.scale.nominations_per_edition × jurors_per_edition ×
# criteria_per_edition scores.
announce("jury_scores", requires=("jury.Nomination", "jury.Score"))
