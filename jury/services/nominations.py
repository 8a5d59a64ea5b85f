"""Nominations: created by hand, imported, or from the proposals of accepted expert reports."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from otwarte.access import is_organiser
from practices import phases
from practices.models import Category, City, Edition, Practice
from practices.models.editions import category_refusal
from practices.phases import Action
from reports.enums import ReportStatus
from reports.models import ReportPractice
from reports.services import accepted_proposals

from ..models import Nomination


# A report's notes are named after the four criteria's codes; other codes have none.
NOTE_CODES = ("engagement", "durability", "comprehensiveness", "effectiveness")


def expert_notes(*, nomination):
    """{criterion code: [ReportPractice, ...]}: what the experts wrote against each
    criterion about the nominated practice, in the accepted reports of its edition."""
    rows = list(
        ReportPractice.objects.filter(
            practice_id=nomination.practice_id,
            report__edition_id=nomination.edition_id,
            report__status=ReportStatus.ACCEPTED,
        ).order_by("report_id")
    )
    return {code: [row for row in rows if getattr(row, f"{code}_pl")] for code in NOTE_CODES}


def justification_columns(justification):
    """{"justification_pl": ..., "justification_en": ...} from a Polish text or a
    {language: text} dict; empty texts become NULL."""
    texts = justification if isinstance(justification, dict) else {"pl": justification}
    return {
        f"justification_{code}": (texts.get(code) or "").strip() or None
        for code, _name in settings.LANGUAGES
    }


def create_nomination(*, edition, practice, category, justification=None, created_by=None):
    """Nominate a practice in a category of an edition (from an accepted expert
    report, an import or an organiser). `justification`: the Polish text, or
    {language: text}. Raises ValidationError on a duplicate, and PhaseError once
    the jury has finished scoring (the phase is read from the database), and
    ValidationError when the category is not one of the edition's."""
    phases.require(Edition.objects.values_list("phase", flat=True).get(pk=edition.pk),
                   Action.NOMINATE)  # fmt: skip
    edition.require_category(category)
    try:
        with transaction.atomic():
            return Nomination.objects.create(
                edition=edition,
                practice=practice,
                category=category,
                created_by=created_by,
                **justification_columns(justification),
            )
    except IntegrityError:
        raise ValidationError(
            _("This practice is already nominated in this category of this edition.")
        ) from None


def import_nominations(*, edition, rows, created_by=None):
    """Create nominations from dicts {city, practice, category, justification}.

    Idempotent: rows already nominated are skipped. All or nothing: an unknown
    city, practice or category raises ValidationError naming the row.
    Returns (created, skipped).
    """
    created = skipped = 0
    with transaction.atomic():
        for number, row in enumerate(rows, start=1):
            try:
                city = City.objects.get(slug=row["city"])
                practice = Practice.objects.get(city=city, slug=row["practice"])
                category = Category.objects.get(code=row["category"])
            except (KeyError, TypeError):
                raise ValidationError(
                    _("Row %(row)d needs “city”, “practice” and “category”.") % {"row": number}
                ) from None
            except (City.DoesNotExist, Practice.DoesNotExist, Category.DoesNotExist):
                raise ValidationError(
                    _("Row %(row)d names an unknown city, practice or category.")
                    % {"row": number}
                ) from None
            if Nomination.objects.filter(
                edition=edition, practice=practice, category=category
            ).exists():
                skipped += 1
                continue
            if not edition.categories.filter(pk=category.pk).exists():
                raise ValidationError(
                    _("Row %(row)d: %(refusal)s")
                    % {"row": number, "refusal": category_refusal(edition, category)}
                )
            create_nomination(
                edition=edition,
                practice=practice,
                category=category,
                justification=row.get("justification"),
                created_by=created_by,
            )
            created += 1
    return created, skipped


def _proposal_justification(proposal):
    """{language: text} of a proposal's justification. Polish is the jury's fallback, so
    a proposal written only in another language lends that text to Polish too."""
    texts = {
        code: (getattr(proposal, f"justification_{code}") or "").strip()
        for code, _name in settings.LANGUAGES
    }
    if not texts["pl"]:
        texts["pl"] = next((text for text in texts.values() if text), "")
    return texts


@dataclass(frozen=True)
class NominationCounts:
    created: int
    skipped: int


def nominations_to_create(*, edition):
    """(to create, already nominated): the accepted proposals split by whether
    the jury already has a nomination for the same practice and category."""
    existing = set(
        Nomination.objects.filter(edition=edition).values_list("practice_id", "category_id")
    )
    new, done = [], []
    for proposal in accepted_proposals(edition=edition):
        key = (proposal.practice_id, proposal.category_id)
        (done if key in existing else new).append(proposal)
    return new, done


def nominate_from_reports(*, edition, by):
    """Turn the proposals of the edition's accepted reports into jury nominations.

    One `jury.Nomination` per proposal (practice, category, justification);
    idempotent: a proposal whose practice is already nominated in its category
    is skipped. Organisers only; refused once the jury has finished scoring.
    All or nothing. Returns NominationCounts(created, skipped).
    """
    if not is_organiser(by):
        raise PermissionDenied
    with transaction.atomic():
        # The edition row lock serialises two organisers pressing the button at once.
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        phases.require(edition, Action.NOMINATE)
        new, done = nominations_to_create(edition=edition)
        for proposal in new:
            create_nomination(
                edition=edition,
                practice=proposal.practice,
                category=proposal.category,
                justification=_proposal_justification(proposal),
                created_by=by,
            )
    return NominationCounts(created=len(new), skipped=len(done))
