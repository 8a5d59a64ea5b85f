"""The export: one edition as one dict in format version 2, one function per section
(`dumps` writes it as the file's text). Only the edition's own records and what they
name are written; `anonymise` replaces the scorers' names by "juror-1"…
"""

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from datetime import UTC

from django.conf import settings
from django.contrib.auth import get_user_model

from jury.models import Criterion, Nomination
from practices.models import (
    Assignment,
    Category,
    City,
    Edition,
    Panelist,
    Practice,
    PracticeProposal,
)
from reports.models import Report

from .records import _assignment_order
from .spec import FORMAT, LANGUAGES, VERSION


def _translations(obj, name):
    return {lang: getattr(obj, f"{name}_{lang}") or "" for lang in LANGUAGES}


def _lines(obj, name):
    return {
        lang: [line.strip() for line in (getattr(obj, f"{name}_{lang}") or "").splitlines()
               if line.strip()]
        for lang in LANGUAGES
    }


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


def _anonymous_names(jurors):
    """Juror slug → "juror-N", in an order that does not follow names (keyed by SECRET_KEY)."""
    key = settings.SECRET_KEY.encode()
    ranked = sorted(jurors, key=lambda slug: hmac.new(key, slug.encode(), hashlib.sha256).digest())
    return {slug: f"juror-{index}" for index, slug in enumerate(ranked, start=1)}


@dataclass
class _Edition:
    """The edition's records and the people on its panels, read once for every section."""

    edition: Edition
    awards: list
    nominations: list
    reports: list
    open_call: list
    jurors: list
    criteria: list
    seats: dict  # expert id → Panelist
    assignments: dict  # expert id → [Assignment]
    practices: list = field(default_factory=list)


def _read(year):
    edition = Edition.objects.select_related("ceremony_city").get(year=year)
    awards = list(
        edition.awards.select_related("category", "practice__city")
        .prefetch_related("similar_actions__city", "similar_actions__practice", "quotes__juror")
        .order_by("order")
    )
    nominations = sorted(
        Nomination.objects.filter(edition=edition)
        .select_related("practice__city", "category")
        .prefetch_related("conflicts__juror", "scores__juror", "scores__criterion",
                          "comments__juror"),
        key=lambda n: (n.practice.city.slug, n.practice.slug, n.category.code),
    )
    reports = list(
        Report.objects.filter(edition=edition)
        .select_related("city")
        .prefetch_related("practices__practice", "practices__category", "follow_ups__practice",
                          "proposals__practice", "proposals__category")
        .order_by("city__slug")
    )
    open_call = list(
        PracticeProposal.objects.filter(submitted_at__year=year)
        .select_related("city", "category", "practice")
        .order_by("submitted_at", "contact_email")
    )
    jurors = list(edition.jurors.select_related("city", "user").order_by("slug"))
    criteria = list(Criterion.objects.filter(edition=edition).order_by("order", "code"))
    loaded = _Edition(
        edition=edition, awards=awards, nominations=nominations, reports=reports,
        open_call=open_call, jurors=jurors, criteria=criteria, seats={}, assignments={},
    )
    loaded.practices = _practices(loaded)
    loaded.seats = {s.expert_id: s for s in Panelist.objects.filter(edition=edition)}
    for a in Assignment.objects.filter(edition=edition).select_related("city"):
        loaded.assignments.setdefault(a.expert_id, []).append(a)
    return loaded


def _practices(e):
    """Every practice the edition's records name: awards, nominations, reports, open call."""
    practice_ids = {a.practice_id for a in e.awards} | {n.practice_id for n in e.nominations}
    practice_ids |= {s.practice_id for a in e.awards for s in a.similar_actions.all()}
    for report in e.reports:
        for part in [*report.practices.all(), *report.follow_ups.all(), *report.proposals.all()]:
            practice_ids.add(part.practice_id)
    practice_ids |= {p.practice_id for p in e.open_call}
    practice_ids.discard(None)
    return sorted(
        Practice.objects.filter(pk__in=practice_ids)
        .select_related("city")
        .prefetch_related("categories"),
        key=lambda p: (p.city.slug, p.slug),
    )


def _experts(e):
    """The panel in its order, then the experts who only have cities, by username."""
    seats = e.seats
    unseated = max((s.order for s in seats.values()), default=0) + 1
    return sorted(
        get_user_model().objects.filter(pk__in=set(seats) | set(e.assignments)),
        key=lambda u: (
            seats[u.pk].order if u.pk in seats else unseated,
            u.pk not in seats,
            u.get_username(),
        ),
    )


def _city_ids(e):
    city_ids = {p.city_id for p in e.practices} | {r.city_id for r in e.reports}
    city_ids |= {s.city_id for a in e.awards for s in a.similar_actions.all()}
    city_ids |= {a.city_id for rows in e.assignments.values() for a in rows}
    city_ids |= {j.city_id for j in e.jurors} | {p.city_id for p in e.open_call}
    city_ids.add(e.edition.ceremony_city_id)
    city_ids.discard(None)
    return city_ids


def _category_ids(e):
    category_ids = {c.pk for p in e.practices for c in p.categories.all()}
    category_ids |= {a.category_id for a in e.awards} | {n.category_id for n in e.nominations}
    for report in e.reports:
        category_ids |= {p.category_id for p in report.practices.all()}
        category_ids |= {p.category_id for p in report.proposals.all()}
    category_ids |= {p.category_id for p in e.open_call}
    category_ids |= set(e.edition.categories.values_list("pk", flat=True))
    category_ids.discard(None)
    return category_ids


def export_edition(*, year, anonymise=False):
    """The edition of `year` in format version 2 (a dict); Edition.DoesNotExist if none.
    `anonymise`: scores and comments name "juror-1"… instead of the jurors."""
    e = _read(year)
    experts = _experts(e)
    city_ids, category_ids = _city_ids(e), _category_ids(e)
    names = _anonymous_names(
        {s.juror.slug for n in e.nominations for s in [*n.scores.all(), *n.comments.all()]}
    ) if anonymise else {}

    data = {"format": FORMAT, "version": VERSION}
    if anonymise:
        data["anonymised"] = True
    data["edition"] = _edition_row(e.edition)
    data["cities"] = [
        _city_row(c) for c in City.objects.filter(pk__in=city_ids).order_by("slug")
    ]
    data["categories"] = [
        _category_row(c)
        for c in Category.objects.filter(pk__in=category_ids).order_by("order", "code")
    ]
    data["criteria"] = [_criterion_row(c) for c in e.criteria]
    data["experts"] = [_expert_row(user, e) for user in experts]
    data["jurors"] = [_juror_row(j) for j in e.jurors]
    data["practices"] = [_practice_row(p) for p in e.practices]
    data["reports"] = [_report_row(r) for r in e.reports]
    data["open_call"] = [_open_call_row(p) for p in e.open_call]
    data["nominations"] = [_nomination_row(n, names) for n in e.nominations]
    data["awards"] = [_award_row(a) for a in e.awards]
    return data


def _edition_row(e):
    return {
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
        "funders": _translations(e, "funders"),
        "published_at": _datetime(e.published_at),
        "categories": sorted(e.categories.values_list("code", flat=True)),
    }


def _city_row(c):
    return {
        "slug": c.slug,
        "name": _translations(c, "name"),
        "voivodeship": c.voivodeship,
        "teryt": c.teryt,
        "latitude": _decimal(c.latitude),
        "longitude": _decimal(c.longitude),
    }


def _category_row(c):
    return {
        "code": c.code,
        "order": c.order,
        "name": _translations(c, "name"),
        "description": _translations(c, "description"),
    }


def _criterion_row(c):
    return {
        "code": c.code,
        "order": c.order,
        "name": _translations(c, "name"),
        "description": _translations(c, "description"),
        "scale_min": c.scale_min,
        "scale_max": c.scale_max,
        "weight": _decimal(c.weight),
        "required": c.required,
        "scale_labels": _lines(c, "scale_labels"),
    }


def _expert_row(user, e):
    row = _account(user)
    row["cities"] = [
        a.city.slug for a in sorted(e.assignments.get(user.pk, []), key=_assignment_order)
    ]
    if user.pk in e.seats:
        row["order"] = e.seats[user.pk].order
        row["group"] = _translations(e.seats[user.pk], "group")
    return row


def _juror_row(j):
    return {
        "slug": j.slug,
        "name": j.name,
        "country_of_origin": _translations(j, "country_of_origin"),
        "city": j.city.slug if j.city else None,
        "preferred_language": j.preferred_language,
        "account": _account(j.user) if j.user else None,
    }


def _practice_row(p):
    return {
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


def _report_row(r):
    return {
        "city": r.city.slug,
        "status": r.status,
        "overview": _translations(r, "overview"),
        "review_comment": r.review_comment,
        "submitted_at": _datetime(r.submitted_at),
        "accepted_at": _datetime(r.accepted_at),
        "practices": [
            {
                "practice": p.practice.slug,
                "category": p.category.code if p.category_id else None,
                "engagement": _translations(p, "engagement"),
                "durability": _translations(p, "durability"),
                "comprehensiveness": _translations(p, "comprehensiveness"),
                "effectiveness": _translations(p, "effectiveness"),
            }
            for p in sorted(r.practices.all(), key=lambda p: p.practice.slug)
        ],
        "follow_ups": [
            {
                "practice": f.practice.slug,
                "status": f.status,
                "note": f.note,
                "evidence_url": f.evidence_url,
            }
            for f in sorted(r.follow_ups.all(), key=lambda f: f.practice.slug)
        ],
        "proposals": [
            {
                "practice": p.practice.slug,
                "category": p.category.code,
                "justification": _translations(p, "justification"),
            }
            for p in sorted(r.proposals.all(), key=lambda p: (p.practice.slug, p.category.code))
        ],
    }


def _open_call_row(p):
    return {
        "submitted_at": _datetime(p.submitted_at),
        "contact_email": p.contact_email,
        "city": p.city.slug if p.city_id else None,
        "city_name": p.city_name,
        "title": p.title,
        "description": p.description,
        "category": p.category.code if p.category_id else None,
        "proposer": p.proposer,
        "status": p.status,
        "decided_at": _datetime(p.decided_at),
        "practice": p.practice.slug if p.practice_id else None,
        "moderator_note": p.moderator_note,
    }


def _nomination_row(n, names):
    """`names`: juror slug → "juror-N" when anonymised (scores and comments only)."""

    def scorer(juror):
        return names.get(juror.slug, juror.slug)

    return {
        "city": n.practice.city.slug,
        "practice": n.practice.slug,
        "category": n.category.code,
        "justification": _translations(n, "justification"),
        "conflicts": [
            {"juror": c.juror.slug, "reason": c.reason}
            for c in sorted(n.conflicts.all(), key=lambda c: c.juror.slug)
        ],
        "scores": sorted(
            (
                {"juror": scorer(s.juror), "criterion": s.criterion.code, "value": s.value}
                for s in n.scores.all()
            ),
            key=lambda s: (s["juror"], s["criterion"]),
        ),
        "comments": sorted(
            ({"juror": scorer(c.juror), "text": c.text} for c in n.comments.all()),
            key=lambda c: c["juror"],
        ),
    }


def _award_row(a):
    return {
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
            for s in sorted(a.similar_actions.all(), key=lambda s: s.order)
        ],
        "quotes": [
            {
                "order": q.order,
                "juror": q.juror.slug if q.juror_id else None,
                "text": _translations(q, "text"),
            }
            for q in sorted(a.quotes.all(), key=lambda q: q.order)
        ],
    }


def dumps(data):
    """The file's text: stable key order, UTF-8 kept readable, final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
