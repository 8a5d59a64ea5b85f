"""One edition as one JSON file: `export_edition` and `import_edition`.

The format is documented in docs/import-format.md. The import validates the
whole file before it writes anything, then writes in one transaction, so bad
input leaves the database as it was; every error names the offending record.
Import creates or updates (keyed by natural keys) and never deletes.
"""

import json
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from jury.models import Juror, Nomination
from jury.services import justification_columns
from otwarte.invitations import get_or_create_account
from otwarte.roles import Role
from practices.enums import FollowUpStatus, Initiator, Phase, Voivodeship
from practices.models import Assignment, Award, Category, City, Edition, Practice, SimilarAction

FORMAT = "otwarte-edition"
VERSION = 1
LANGUAGES = [code for code, _name in settings.LANGUAGES]
SECTIONS = ["cities", "categories", "experts", "jurors", "practices", "nominations", "awards"]


class EditionImportError(ValueError):
    """The file cannot be imported; the message says where and why."""


# --- reading -----------------------------------------------------------------


def _no_duplicate_keys(pairs):
    seen = set()
    for key, _value in pairs:
        if key in seen:
            raise EditionImportError(f"Duplicate key {key!r} in one JSON object.")
        seen.add(key)
    return dict(pairs)


def loads(text):
    """Parse the file's text; duplicate keys in one JSON object are an error."""
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as error:
        raise EditionImportError(f"Not valid JSON: {error}") from error


# --- validation: small type checkers that name the record --------------------


class Field:
    def __init__(self, kind, *, required=False, default=None, choices=None, nullable=False):
        self.kind = kind
        self.required = required
        self.default = default
        self.choices = choices
        self.nullable = nullable


TEXT = "text"  # a string
INT = "int"
TRANS = "translations"  # {"pl": "...", "en": "...", ...}
SLUGS = "list of strings"
DATETIME = "date-time"
DECIMAL = "decimal"
OBJECT = "object"
ACCOUNT = "account"

SPEC = {
    "edition": {
        "year": Field(INT, required=True),
        "phase": Field(TEXT, default=Phase.PREPARATION, choices=Phase.values),
        "title": Field(TRANS, default={}),
        "introduction": Field(TRANS, default={}),
        "selection": Field(TRANS, default={}),
        "reports_deadline": Field(DATETIME, nullable=True),
        "scoring_deadline": Field(DATETIME, nullable=True),
        "ceremony_at": Field(DATETIME, nullable=True),
        "ceremony_place": Field(TRANS, default={}),
        "ceremony_city": Field(TEXT, nullable=True),
        "ceremony_occasion": Field(TRANS, default={}),
        "organiser": Field(TEXT, default=""),
        "partners": Field(TEXT, default=""),
        "funders": Field(TEXT, default=""),
        "published_at": Field(DATETIME, nullable=True),
        # The edition's own categories (codes); absent: what the edition has
        # (a new one: the previous edition's), plus those its rows name.
        "categories": Field(SLUGS, nullable=True),
    },
    "cities": {
        "slug": Field(TEXT, required=True),
        "name": Field(TRANS, required=True),
        "voivodeship": Field(TEXT, required=True, choices=Voivodeship.values),
        "teryt": Field(TEXT, default=""),
        "latitude": Field(DECIMAL, nullable=True),
        "longitude": Field(DECIMAL, nullable=True),
    },
    "categories": {
        "code": Field(TEXT, required=True),
        "order": Field(INT, default=0),
        "name": Field(TRANS, required=True),
        "description": Field(TRANS, default={}),
    },
    "experts": {
        "username": Field(TEXT, required=True),
        "email": Field(TEXT, default=""),
        "first_name": Field(TEXT, default=""),
        "last_name": Field(TEXT, default=""),
        "cities": Field(SLUGS, default=[]),
    },
    "jurors": {
        "slug": Field(TEXT, required=True),
        "name": Field(TEXT, required=True),
        "country_of_origin": Field(TRANS, default={}),
        "city": Field(TEXT, nullable=True),
        "preferred_language": Field(TEXT, default=settings.LANGUAGE_CODE, choices=LANGUAGES),
        "account": Field(ACCOUNT, nullable=True),
    },
    "practices": {
        "city": Field(TEXT, required=True),
        "slug": Field(TEXT, required=True),
        "title": Field(TRANS, default={}),
        "description": Field(TRANS, default={}),
        "categories": Field(SLUGS, default=[]),
        "initiator": Field(TEXT, default=Initiator.LOCAL_GOVERNMENT, choices=Initiator.values),
        "start_year": Field(INT, nullable=True),
        "website": Field(TEXT, default=""),
        "follow_up_status": Field(
            TEXT, default=FollowUpStatus.UNKNOWN, choices=FollowUpStatus.values
        ),
        "follow_up_year": Field(INT, nullable=True),
    },
    "nominations": {
        "city": Field(TEXT, required=True),
        "practice": Field(TEXT, required=True),
        "category": Field(TEXT, required=True),
        "justification": Field(TRANS, default={}),
    },
    "awards": {
        "order": Field(INT, required=True),
        "category": Field(TEXT, required=True),
        "city": Field(TEXT, required=True),
        "practice": Field(TEXT, required=True),
        "recommendation": Field(TRANS, default={}),
        "similar_actions": Field(OBJECT, default=[]),
    },
    "similar_actions": {
        "order": Field(INT, required=True),
        "city": Field(TEXT, required=True),
        "practice": Field(TEXT, nullable=True),
    },
    "account": {
        "username": Field(TEXT, required=True),
        "email": Field(TEXT, default=""),
        "first_name": Field(TEXT, default=""),
        "last_name": Field(TEXT, default=""),
    },
}

KEYS = {
    "cities": ("slug",),
    "categories": ("code",),
    "experts": ("username",),
    "jurors": ("slug",),
    "practices": ("city", "slug"),
    "nominations": ("city", "practice", "category"),
    "awards": ("category", "city", "practice"),
}


def _type_name(value):
    return {dict: "an object", list: "a list", str: "a string", bool: "true/false"}.get(
        type(value), "a number" if isinstance(value, int | float) else "null"
    )


def _check_value(where, name, field, value):
    if value is None:
        if field.nullable:
            return None
        raise EditionImportError(f"{where}: “{name}” must not be null.")
    kind = field.kind
    if kind == TEXT:
        if not isinstance(value, str):
            raise EditionImportError(
                f"{where}: “{name}” must be a string, not {_type_name(value)}."
            )
        if field.choices and value not in field.choices:
            raise EditionImportError(
                f"{where}: “{name}” is {value!r}; expected one of {', '.join(field.choices)}."
            )
    elif kind == INT:
        if not isinstance(value, int) or isinstance(value, bool):
            raise EditionImportError(
                f"{where}: “{name}” must be a whole number, not {_type_name(value)}."
            )
    elif kind == TRANS:
        if not isinstance(value, dict):
            raise EditionImportError(
                f"{where}: “{name}” must be an object of language → text, not {_type_name(value)}."
            )
        for lang, text in value.items():
            if lang not in LANGUAGES:
                raise EditionImportError(
                    f"{where}: “{name}” has unknown language {lang!r} ({', '.join(LANGUAGES)})."
                )
            if not isinstance(text, str):
                raise EditionImportError(f"{where}: “{name}.{lang}” must be a string.")
    elif kind == SLUGS:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise EditionImportError(f"{where}: “{name}” must be a list of strings.")
        if len(set(value)) != len(value):
            raise EditionImportError(f"{where}: “{name}” lists a value twice.")
    elif kind == DATETIME:
        if not isinstance(value, str):
            raise EditionImportError(f"{where}: “{name}” must be an ISO 8601 date-time string.")
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError as error:
            raise EditionImportError(
                f"{where}: “{name}” is not an ISO 8601 date-time: {value!r}."
            ) from error
        if timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed)
        return parsed
    elif kind == DECIMAL:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise EditionImportError(f"{where}: “{name}” must be a decimal number (as a string).")
        try:
            return Decimal(str(value))
        except InvalidOperation as error:
            raise EditionImportError(f"{where}: “{name}” is not a number: {value!r}.") from error
    elif kind == OBJECT:
        if not isinstance(value, list):
            raise EditionImportError(f"{where}: “{name}” must be a list, not {_type_name(value)}.")
    elif kind == ACCOUNT:
        return _check_record(f"{where}.{name}", "account", value)
    return value


def _check_record(where, spec_name, record):
    if not isinstance(record, dict):
        raise EditionImportError(f"{where}: must be an object, not {_type_name(record)}.")
    spec = SPEC[spec_name]
    unknown = sorted(set(record) - set(spec))
    if unknown:
        raise EditionImportError(f"{where}: unknown field “{unknown[0]}”.")
    clean = {}
    for name, field in spec.items():
        if name not in record:
            if field.required:
                raise EditionImportError(f"{where}: “{name}” is missing.")
            clean[name] = field.default
            continue
        clean[name] = _check_value(where, name, field, record[name])
    return clean


def _label(section, index, record):
    keys = KEYS.get(section, ())
    if isinstance(record, dict) and keys and all(isinstance(record.get(k), str) for k in keys):
        return f"{section}[{index}] ({'/'.join(record[k] for k in keys)})"
    return f"{section}[{index}]"


def validate(data):
    """Check types, keys and references; return the cleaned records by section."""
    if not isinstance(data, dict):
        raise EditionImportError("The file must hold one JSON object.")
    if data.get("format") != FORMAT or data.get("version") != VERSION:
        raise EditionImportError(f"Expected “format”: {FORMAT!r} and “version”: {VERSION}.")
    unknown = sorted(set(data) - {"format", "version", "edition", *SECTIONS})
    if unknown:
        raise EditionImportError(f"Unknown section “{unknown[0]}”.")
    if "edition" not in data:
        raise EditionImportError("The “edition” section is missing.")
    clean = {"edition": _check_record("edition", "edition", data["edition"])}
    for section in SECTIONS:
        records = data.get(section, [])
        if not isinstance(records, list):
            raise EditionImportError(f"“{section}” must be a list, not {_type_name(records)}.")
        clean[section] = []
        seen = {}
        for index, record in enumerate(records):
            where = _label(section, index, record)
            row = _check_record(where, section, record)
            key = tuple(row[k] for k in KEYS[section])
            if key in seen:
                raise EditionImportError(
                    f"{where}: duplicate of {section}[{seen[key]}] ({'/'.join(key)})."
                )
            seen[key] = index
            row["_where"] = where
            clean[section].append(row)
    for award in clean["awards"]:
        orders = set()
        for i, similar in enumerate(award["similar_actions"]):
            row = _check_record(
                f"{award['_where']}.similar_actions[{i}]", "similar_actions", similar
            )
            if row["order"] in orders:
                raise EditionImportError(
                    f"{award['_where']}.similar_actions[{i}]: duplicate order {row['order']}."
                )
            orders.add(row["order"])
            award["similar_actions"][i] = row
    orders = {}
    for award in clean["awards"]:
        if award["order"] in orders:
            raise EditionImportError(
                f"{award['_where']}: order {award['order']} "
                f"is already used by {orders[award['order']]}."
            )
        orders[award["order"]] = award["_where"]
    _check_references(clean)
    return clean


def _check_references(clean):
    cities = {c["slug"] for c in clean["cities"]} | set(City.objects.values_list("slug", flat=True))
    categories = {c["code"] for c in clean["categories"]} | set(
        Category.objects.values_list("code", flat=True)
    )
    practices = {(p["city"], p["slug"]) for p in clean["practices"]} | set(
        Practice.objects.values_list("city__slug", "slug")
    )

    def city(where, slug):
        if slug is not None and slug not in cities:
            raise EditionImportError(f"{where}: unknown city {slug!r}.")

    def category(where, code):
        if code not in categories:
            raise EditionImportError(f"{where}: unknown category {code!r}.")

    def practice(where, city_slug, slug):
        city(where, city_slug)
        if (city_slug, slug) not in practices:
            raise EditionImportError(f"{where}: unknown practice {city_slug}/{slug}.")

    city("edition", clean["edition"]["ceremony_city"])
    for code in clean["edition"]["categories"] or []:
        category("edition", code)
    for expert in clean["experts"]:
        for slug in expert["cities"]:
            city(expert["_where"], slug)
    for juror in clean["jurors"]:
        city(juror["_where"], juror["city"])
    for row in clean["practices"]:
        city(row["_where"], row["city"])
        for code in row["categories"]:
            category(row["_where"], code)
    for row in clean["nominations"]:
        practice(row["_where"], row["city"], row["practice"])
        category(row["_where"], row["category"])
    for row in clean["awards"]:
        practice(row["_where"], row["city"], row["practice"])
        category(row["_where"], row["category"])
        for similar in row["similar_actions"]:
            where = f"{row['_where']}.similar_actions[order {similar['order']}]"
            if similar["practice"] is None:
                city(where, similar["city"])
            else:
                practice(where, similar["city"], similar["practice"])


# --- writing -----------------------------------------------------------------


def _set_translations(obj, field, values):
    for lang in LANGUAGES:
        setattr(obj, f"{field}_{lang}", values.get(lang, ""))


def _save(obj, where, **clean_kwargs):
    try:
        obj.full_clean(**clean_kwargs)
    except ValidationError as error:
        messages = "; ".join(
            f"{field}: {' '.join(errs)}" if field != "__all__" else " ".join(errs)
            for field, errs in error.message_dict.items()
        )
        raise EditionImportError(f"{where}: {messages}") from error
    obj.save()
    return obj


def import_edition(*, data):
    """Create or update an edition and everything in the file; return the edition.

    Raises EditionImportError, naming the record, and writes nothing when the
    file is invalid.
    """
    clean = validate(data)
    with transaction.atomic():
        cities = {}
        for row in clean["cities"]:
            city = City.objects.filter(slug=row["slug"]).first() or City(slug=row["slug"])
            _set_translations(city, "name", row["name"])
            city.voivodeship, city.teryt = row["voivodeship"], row["teryt"]
            city.latitude, city.longitude = row["latitude"], row["longitude"]
            cities[city.slug] = _save(city, row["_where"])

        def get_city(slug):
            if slug is None:
                return None
            if slug not in cities:
                cities[slug] = City.objects.get(slug=slug)
            return cities[slug]

        categories = {}
        for row in clean["categories"]:
            category = Category.objects.filter(code=row["code"]).first() or Category(
                code=row["code"]
            )
            category.order = row["order"]
            _set_translations(category, "name", row["name"])
            _set_translations(category, "description", row["description"])
            categories[category.code] = _save(category, row["_where"])

        def get_category(code):
            if code not in categories:
                categories[code] = Category.objects.get(code=code)
            return categories[code]

        edition = _import_edition_row(clean["edition"], get_city)

        for row in clean["experts"]:
            try:
                user = get_or_create_account(
                    username=row["username"],
                    email=row["email"],
                    role=Role.EXPERT,
                    first_name=row["first_name"],
                    last_name=row["last_name"],
                )
            except ValidationError as error:
                raise EditionImportError(f"{row['_where']}: {' '.join(error.messages)}") from error
            for slug in row["cities"]:
                Assignment.objects.get_or_create(edition=edition, expert=user, city=get_city(slug))

        for row in clean["jurors"]:
            juror = Juror.objects.filter(slug=row["slug"]).first() or Juror(slug=row["slug"])
            juror.name, juror.city = row["name"], get_city(row["city"])
            juror.preferred_language = row["preferred_language"]
            _set_translations(juror, "country_of_origin", row["country_of_origin"])
            account = row["account"]
            if account is not None:
                try:
                    juror.user = get_or_create_account(role=Role.JUROR, **account)
                except ValidationError as error:
                    raise EditionImportError(
                        f"{row['_where']}.account: {' '.join(error.messages)}"
                    ) from error
            _save(juror, row["_where"])
            juror.editions.add(edition)

        practices = {}
        for row in clean["practices"]:
            city = get_city(row["city"])
            practice = Practice.objects.filter(city=city, slug=row["slug"]).first() or Practice(
                city=city, slug=row["slug"]
            )
            _set_translations(practice, "title", row["title"])
            _set_translations(practice, "description", row["description"])
            for name in (
                "initiator",
                "start_year",
                "website",
                "follow_up_status",
                "follow_up_year",
            ):
                setattr(practice, name, row[name])
            _save(practice, row["_where"])
            practice.categories.set([get_category(code) for code in row["categories"]])
            practices[(row["city"], row["slug"])] = practice

        def get_practice(city_slug, slug):
            key = (city_slug, slug)
            if key not in practices:
                practices[key] = Practice.objects.get(city__slug=city_slug, slug=slug)
            return practices[key]

        for row in clean["nominations"]:
            _import_nomination(row, edition, get_city, get_practice, get_category)

        _import_awards(clean["awards"], edition, get_city, get_practice, get_category)
        # An import restores a state: the categories its rows name belong to
        # the edition whatever the file's list says.
        listed = clean["edition"]["categories"]
        codes = set(edition.categories.values_list("code", flat=True) if listed is None else listed)
        codes |= {row["category"] for row in clean["nominations"] + clean["awards"]}
        edition.categories.set([get_category(code) for code in sorted(codes)])
    return edition


def _import_edition_row(row, get_city):
    edition = Edition.objects.filter(year=row["year"]).first() or Edition(year=row["year"])
    # The file states where the edition is; the import is not a step of the
    # cycle, so the phase is set as given rather than through change_phase.
    edition.phase = row["phase"]
    for field in ("title", "introduction", "selection", "ceremony_place", "ceremony_occasion"):
        _set_translations(edition, field, row[field])
    for field in (
        "reports_deadline",
        "scoring_deadline",
        "ceremony_at",
        "organiser",
        "partners",
        "funders",
        "published_at",
    ):
        setattr(edition, field, row[field])
    edition.ceremony_city = get_city(row["ceremony_city"])
    if not edition.title_pl:
        edition.title_pl = "Miasta Otwarte"
    return _save(edition, "edition")


def _import_nomination(row, edition, get_city, get_practice, get_category):
    """A `jury.Nomination`, written directly: an import restores a state, so the
    phase rule of `jury.services.create_nomination` does not apply."""
    nomination = Nomination.objects.filter(
        edition=edition,
        practice=get_practice(row["city"], row["practice"]),
        category=get_category(row["category"]),
    ).first() or Nomination(
        edition=edition,
        practice=get_practice(row["city"], row["practice"]),
        category=get_category(row["category"]),
    )
    for column, text in justification_columns(row["justification"]).items():
        setattr(nomination, column, text)
    _save(nomination, row["_where"])


def _import_awards(rows, edition, get_city, get_practice, get_category):
    found = []
    for row in rows:
        practice = get_practice(row["city"], row["practice"])
        category = get_category(row["category"])
        award = Award.objects.filter(edition=edition, category=category, practice=practice).first()
        found.append((row, practice, category, award))
    # Orders may be swapped by the file: move the awards being updated out of
    # the way first, so the unique (edition, order) constraint holds throughout.
    Award.objects.filter(pk__in=[a.pk for *_, a in found if a]).update(order=F("order") + 10000)
    for row, practice, category, award in found:
        if award is None:
            award = Award(edition=edition, category=category, practice=practice)
        else:
            award.refresh_from_db(fields=["order"])
        award.order = row["order"]
        _set_translations(award, "recommendation", row["recommendation"])
        try:
            with transaction.atomic():
                _save(award, row["_where"], validate_constraints=False)
        except IntegrityError as error:
            raise EditionImportError(
                f"{row['_where']}: order {row['order']} is taken by another award of "
                f"{edition.year} that the file does not mention."
            ) from error
        for similar in row["similar_actions"]:
            where = f"{row['_where']}.similar_actions[order {similar['order']}]"
            action = SimilarAction.objects.filter(award=award, order=similar["order"]).first()
            action = action or SimilarAction(award=award, order=similar["order"])
            action.city = get_city(similar["city"])
            action.practice = (
                get_practice(similar["city"], similar["practice"]) if similar["practice"] else None
            )
            _save(action, where)


# --- export ------------------------------------------------------------------


def _translations(obj, field):
    return {lang: getattr(obj, f"{field}_{lang}") or "" for lang in LANGUAGES}


def _datetime(value):
    return value.astimezone(UTC).isoformat() if value else None


def _decimal(value):
    return None if value is None else str(value)


def _account(user):
    return {
        "username": user.get_username(),
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
    }


def export_edition(*, year):
    """The edition of `year` as the import format (a dict); Edition.DoesNotExist if none."""
    edition = Edition.objects.select_related("ceremony_city").get(year=year)
    awards = list(
        edition.awards.select_related("category", "practice__city")
        .prefetch_related("similar_actions__city", "similar_actions__practice")
        .order_by("order")
    )
    nominations = sorted(
        Nomination.objects.filter(edition=edition).select_related("practice__city", "category"),
        key=lambda p: (p.practice.city.slug, p.practice.slug, p.category.code),
    )
    practice_ids = {a.practice_id for a in awards} | {n.practice_id for n in nominations}
    practice_ids |= {
        s.practice_id for a in awards for s in a.similar_actions.all() if s.practice_id
    }
    practices = sorted(
        Practice.objects.filter(pk__in=practice_ids)
        .select_related("city")
        .prefetch_related("categories"),
        key=lambda p: (p.city.slug, p.slug),
    )
    User = get_user_model()
    experts = (
        User.objects.filter(assignments__edition=edition).distinct().order_by(User.USERNAME_FIELD)
    )
    e = edition
    return {
        "format": FORMAT,
        "version": VERSION,
        "edition": {
            "year": e.year,
            "phase": e.phase,
            "title": _translations(e, "title"),
            "introduction": _translations(e, "introduction"),
            "selection": _translations(e, "selection"),
            "reports_deadline": _datetime(e.reports_deadline),
            "scoring_deadline": _datetime(e.scoring_deadline),
            "ceremony_at": _datetime(e.ceremony_at),
            "ceremony_place": _translations(e, "ceremony_place"),
            "ceremony_city": e.ceremony_city.slug if e.ceremony_city else None,
            "ceremony_occasion": _translations(e, "ceremony_occasion"),
            "organiser": e.organiser,
            "partners": e.partners,
            "funders": e.funders,
            "published_at": _datetime(e.published_at),
            "categories": sorted(e.categories.values_list("code", flat=True)),
        },
        "cities": [
            {
                "slug": c.slug,
                "name": _translations(c, "name"),
                "voivodeship": c.voivodeship,
                "teryt": c.teryt,
                "latitude": _decimal(c.latitude),
                "longitude": _decimal(c.longitude),
            }
            for c in City.objects.order_by("slug")
        ],
        "categories": [
            {
                "code": c.code,
                "order": c.order,
                "name": _translations(c, "name"),
                "description": _translations(c, "description"),
            }
            for c in Category.objects.order_by("order", "code")
        ],
        "experts": [
            {
                **_account(user),
                "cities": sorted(
                    Assignment.objects.filter(edition=edition, expert=user).values_list(
                        "city__slug", flat=True
                    )
                ),
            }
            for user in experts
        ],
        "jurors": [
            {
                "slug": j.slug,
                "name": j.name,
                "country_of_origin": _translations(j, "country_of_origin"),
                "city": j.city.slug if j.city else None,
                "preferred_language": j.preferred_language,
                "account": _account(j.user) if j.user else None,
            }
            for j in edition.jurors.select_related("city", "user").order_by("slug")
        ],
        "practices": [
            {
                "city": p.city.slug,
                "slug": p.slug,
                "title": _translations(p, "title"),
                "description": _translations(p, "description"),
                "categories": sorted(c.code for c in p.categories.all()),
                "initiator": p.initiator,
                "start_year": p.start_year,
                "website": p.website,
                "follow_up_status": p.follow_up_status,
                "follow_up_year": p.follow_up_year,
            }
            for p in practices
        ],
        "nominations": [
            {
                "city": n.practice.city.slug,
                "practice": n.practice.slug,
                "category": n.category.code,
                "justification": {
                    lang: getattr(n, f"justification_{lang}") or "" for lang in LANGUAGES
                },
            }
            for n in nominations
        ],
        "awards": [
            {
                "order": a.order,
                "category": a.category.code,
                "city": a.practice.city.slug,
                "practice": a.practice.slug,
                "recommendation": _translations(a, "recommendation"),
                "similar_actions": [
                    {
                        "order": s.order,
                        "city": s.city.slug,
                        "practice": s.practice.slug if s.practice_id else None,
                    }
                    for s in a.similar_actions.all()
                ],
            }
            for a in awards
        ],
    }


def dumps(data):
    """The file's text: stable key order, UTF-8 kept readable, final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
