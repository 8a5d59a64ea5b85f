"""The rules of the cycle for editions and awards, as plain functions.

Views, the admin, management commands and tests call these; none of them
changes an edition's phase by assigning the field directly.
"""

import logging
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from otwarte import ratelimit
from otwarte.access import is_organiser
from otwarte.text import polish_slugify, search_normalise

from . import phases, signals
from .enums import Phase, ProposalStatus
from .models import Award, Category, Edition, Practice, PracticeProposal
from .phases import Action

logger = logging.getLogger(__name__)


def change_phase(
    *, edition: Edition, phase: Phase, by=None, reason: str = "", restoring: bool = False
) -> Edition:
    """Move an edition to another phase with every effect of the move, or raise
    ValidationError. The one door: the cockpit, an edition file, the demo and the
    shell all come here, so a move has the same checks and effects whoever makes it.

    - Checks (practices/phases.py): one step at a time (`restoring`: an edition
      file states where the edition is, any phase); publishing only from a phase
      allowing it and with at least one award; leaving the public phase only with
      a `reason` (organisers do it through `unpublish_edition`).
    - Saves the phase; publishing stamps `published_at` the first time only (a
      correction after republishing keeps the original date).
    - Audit: the history record names `by` and keeps `reason`.
    - After the commit, one `signals.phase_changed` (the booklet queues its PDFs,
      the cockpit tells the jurors that scoring is open); a rolled-back move sends
      nothing. A move to the edition's own phase does nothing.
    """
    return _change_phase(
        edition=edition, phase=phase, by=by, reason=reason, restoring=restoring
    )


def unpublish_edition(*, edition: Edition, by, reason: str) -> Edition:
    """Take a published edition offline (back to deliberation), with a reason.

    Its pages and booklets disappear from the public site at once. The reason is
    kept in the edition's audit trail (its history record's change reason).
    """
    if not is_organiser(by):
        raise PermissionDenied
    if not (reason or "").strip():
        raise ValidationError(_("Say why the edition is taken offline."))
    return _change_phase(
        edition=edition, phase=Phase.DELIBERATION, by=by, reason=reason, unpublishing=True
    )


def _change_phase(*, edition, phase, by=None, reason="", restoring=False, unpublishing=False):
    phase = Phase(phase)
    reason = (reason or "").strip()
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        if unpublishing:
            phases.require(edition, Action.UNPUBLISH)
        old = Phase(edition.phase)
        if phases.is_in(edition, phase):
            return edition
        opened, closed = phases.opened_and_closed(old, phase)
        publishing = Action.VIEW_PUBLIC in opened
        if publishing and not restoring:
            phases.require(edition, Action.PUBLISH)
        if Action.VIEW_PUBLIC in closed:
            phases.require(edition, Action.UNPUBLISH)
        problem = phases.transition_problem(
            edition=edition,
            phase=phase,
            has_awards=Award.objects.filter(edition=edition).exists(),
            # Taking the awards offline is said with a reason, or not at all.
            unpublishing=Action.VIEW_PUBLIC in closed and bool(reason),
            restoring=restoring,
        )
        if problem:
            raise ValidationError(problem)
        edition.phase = phase
        fields = ["phase"]
        if publishing and edition.published_at is None:
            edition.published_at = timezone.now()
            fields.append("published_at")
        if reason:
            edition._change_reason = reason  # django-simple-history keeps it
        if by is not None:
            edition._history_user = by
        edition.save(update_fields=fields)
        transaction.on_commit(
            partial(_announce, edition=edition, old=old, new=phase, by=by, reason=reason),
            robust=True,
        )
    return edition


def _announce(**move):
    """Send phase_changed for a committed move: each receiver on its own, so one
    failing (a queue down) neither stops the others nor undoes the move."""
    results = signals.phase_changed.send_robust(sender=Edition, **move)
    for receiver, result in results:
        if isinstance(result, Exception):
            logger.error(
                "A receiver of phase_changed failed: %r", receiver,
                exc_info=(type(result), result, result.__traceback__),
            )


def refresh_published_years(practice_ids=None):
    """Recompute `Practice.published_year` (the newest year with a published award).

    For the given practices, or for all of them (bulk writes that send no
    signals: seed_synthetic, a restore). One UPDATE with a correlated subquery;
    returns the number of practices updated.
    """
    latest = (
        Award.objects.filter(
            practice=OuterRef("pk"),
            edition__phase__in=phases.phases_allowing(phases.Action.VIEW_PUBLIC),
        )
        .order_by("-edition__year")
        .values("edition__year")[:1]
    )
    practices = Practice.objects.all()
    if practice_ids is not None:
        practices = practices.filter(pk__in=list(practice_ids))
    return practices.update(published_year=Subquery(latest))


# What free-text search looks at, from an award: (path to the object, field).
SEARCHED_TEXTS = [
    ("practice", "title"),
    ("practice", "description"),
    ("practice.city", "name"),
    ("category", "name"),
    ("", "recommendation"),
]


def award_search_text(award):
    """Every language of an award's searched texts, normalised (`search_normalise`):
    a query in any language, with or without diacritics, finds it; city names in
    every language make "lublin", "люблін" and "люблин" find one another."""
    parts = []
    for path, field in SEARCHED_TEXTS:
        obj = award
        for step in filter(None, path.split(".")):
            obj = getattr(obj, step)
        for code, _name in settings.LANGUAGES:
            text = getattr(obj, f"{field}_{code}", None)
            if text and text not in parts:
                parts.append(text)
    return search_normalise(" | ".join(parts))


def refresh_search_text(*, award_ids=None, practice_ids=None, city_ids=None,
                        category_ids=None):
    """Recompute `Award.search_text` for the awards given (by award, practice, city or
    category), or for all of them when nothing is given (bulk writes without signals).
    Returns the number of awards updated."""
    awards = Award.objects.select_related("practice__city", "category")
    if any(ids is not None for ids in (award_ids, practice_ids, city_ids, category_ids)):
        condition = Q(pk__in=list(award_ids or []))
        condition |= Q(practice_id__in=list(practice_ids or []))
        condition |= Q(practice__city_id__in=list(city_ids or []))
        condition |= Q(category_id__in=list(category_ids or []))
        awards = awards.filter(condition)
    changed = []
    for award in awards:
        text = award_search_text(award)
        if award.search_text != text:
            award.search_text = text
            changed.append(award)
    Award.objects.bulk_update(changed, ["search_text"], batch_size=500)
    return len(changed)


def latest_published_edition():
    return Edition.objects.published().order_by("-year").first()


# Per-edition categories (issue 17). Category rows stay shared reference data
# (their code, order and translations); each edition picks its own set.


def default_categories(*, year):
    """The set a new edition of `year` starts with: the previous edition's, or
    every category when there is no earlier edition (or it has none)."""
    previous = Edition.objects.filter(year__lt=year).order_by("-year").first()
    if previous is not None and previous.categories.exists():
        return Category.objects.filter(editions=previous)
    return Category.objects.all()


def categories_in_use(*, edition):
    """Categories the edition's awards or nominations name: they cannot leave its set."""
    return Category.objects.filter(
        Q(awards__edition=edition) | Q(nominations__edition=edition)
    ).distinct()


def check_edition_categories(*, edition, categories):
    """ValidationError when `categories` leaves out one the edition still uses."""
    chosen = {c.pk for c in categories}
    dropped = [c for c in categories_in_use(edition=edition) if c.pk not in chosen]
    if dropped:
        raise ValidationError(
            _(
                "These categories have awards or nominations in this edition and "
                "cannot be removed from it: %(names)s."
            )
            % {"names": ", ".join(str(c) for c in dropped)}
        )


def set_edition_categories(*, edition, categories):
    """Give the edition exactly `categories`, refusing to drop one still in use."""
    categories = list(categories)
    check_edition_categories(edition=edition, categories=categories)
    with transaction.atomic():
        edition.categories.set(categories)
    return edition


def open_call_edition():
    """The edition the open call collects for: the newest one not yet published."""
    published = phases.phases_allowing(phases.Action.VIEW_PUBLIC)
    return Edition.objects.exclude(phase__in=published).order_by("-year").first()


def open_call_categories():
    """The open call's categories: the collecting edition's, or (between cycles)
    the set the next edition will start with."""
    edition = open_call_edition()
    if edition is not None:
        return Category.objects.filter(editions=edition)
    latest = Edition.objects.order_by("-year").first()
    return default_categories(year=(latest.year + 1) if latest else 9999)


# The open call: at most OPEN_CALL_RATE_LIMIT proposals per client address per
# OPEN_CALL_RATE_WINDOW seconds, counted in Django's cache (per process with the
# default LocMemCache; a shared cache such as Redis makes it global).
OPEN_CALL_RATE_LIMIT = getattr(settings, "OPEN_CALL_RATE_LIMIT", 5)
OPEN_CALL_RATE_WINDOW = getattr(settings, "OPEN_CALL_RATE_WINDOW", 3600)


def _rate_key(client_ip):
    return f"open-call:{client_ip}"


def proposal_rate_limited(*, client_ip: str) -> bool:
    """True when this address has used up its proposals for the current window."""
    return cache.get(_rate_key(client_ip), 0) >= OPEN_CALL_RATE_LIMIT


def count_proposal(*, client_ip: str) -> None:
    """Count one proposal from this address (the window starts at its first one)."""
    ratelimit.count(_rate_key(client_ip), OPEN_CALL_RATE_WINDOW)


def submit_proposal(*, city, city_name, title, description, category, proposer, contact_email):
    """Record a proposal from the open call; it waits for moderation, unseen by the public."""
    proposal = PracticeProposal(
        edition=open_call_edition(),
        city=city,
        city_name=city_name.strip() if not city else "",
        title=title.strip(),
        description=description.strip(),
        category=category,
        proposer=proposer.strip(),
        contact_email=contact_email,
    )
    proposal.full_clean()
    with transaction.atomic():
        proposal.save()
    return proposal


def _unique_practice_slug(city, title):
    base = polish_slugify(title, max_length=90) or "praktyka"
    slug, n = base, 2
    while Practice.objects.filter(city=city, slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def accept_proposal(*, proposal: PracticeProposal, user) -> Practice:
    """Accept a pending proposal: create the Practice (in Polish) it describes.

    The practice stays out of the public site until an award of a published
    edition names it. A proposal naming a city not yet in the database cannot be
    accepted until an organiser picks (or creates) the city.
    """
    with transaction.atomic():
        proposal = PracticeProposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != ProposalStatus.PENDING:
            raise ValidationError(_("This proposal has already been moderated."))
        if proposal.city_id is None:
            raise ValidationError(
                _("Choose the proposal's city (add it first if needed) before accepting it.")
            )
        practice = Practice.objects.create(
            city=proposal.city,
            title_pl=proposal.title,
            slug=_unique_practice_slug(proposal.city, proposal.title),
            description_pl=proposal.description,
        )
        if proposal.category_id:
            practice.categories.add(proposal.category)
        proposal.status = ProposalStatus.ACCEPTED
        proposal.practice = practice
        proposal.decided_at = timezone.now()
        proposal.decided_by = user
        proposal.save(update_fields=["status", "practice", "decided_at", "decided_by"])
    return practice


def reject_proposal(*, proposal: PracticeProposal, user) -> PracticeProposal:
    """Reject a pending proposal; the record stays for the organisers' archive."""
    with transaction.atomic():
        proposal = PracticeProposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != ProposalStatus.PENDING:
            raise ValidationError(_("This proposal has already been moderated."))
        proposal.status = ProposalStatus.REJECTED
        proposal.decided_at = timezone.now()
        proposal.decided_by = user
        proposal.save(update_fields=["status", "decided_at", "decided_by"])
    return proposal
