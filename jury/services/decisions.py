"""The award decision and publication."""


from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from practices import phases
from practices.enums import Phase
from practices.models import Award, Edition, SimilarAction
from practices.phases import Action
from practices.services import change_phase

from ..models import JurorQuote


def decide_award(
    *, nomination, recommendation="", similar_practices=(), quotes=(), by=None
):
    """Turn a nomination into an award, with similar actions and juror quotes.

    Only while the edition deliberates. The award goes last in the booklet
    order. Raises ValidationError when the practice already has this award.
    """
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=nomination.edition_id)
        phases.require(edition, Action.DECIDE)
        if Award.objects.filter(
            edition=edition, category=nomination.category, practice=nomination.practice
        ).exists():
            raise ValidationError(
                _("This practice already has an award in this category of this edition.")
            )
        order = (Award.objects.filter(edition=edition).aggregate(m=Max("order"))["m"] or 0) + 1
        award = Award.objects.create(
            edition=edition,
            category=nomination.category,
            practice=nomination.practice,
            order=order,
            recommendation_pl=recommendation,
        )
        for position, practice in enumerate(similar_practices, start=1):
            SimilarAction.objects.create(
                award=award, order=position, city=practice.city, practice=practice
            )
        for position, (juror, text) in enumerate(quotes, start=1):
            if text.strip():
                JurorQuote.objects.create(
                    award=award, order=position, juror=juror, text_pl=text.strip()
                )
    return award


def publish_edition(*, edition, by=None):
    """Publish the awards of an edition in deliberation, at once.

    Refuses an edition with no awards: publishing would show an empty year.
    """
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        if edition.phase == Phase.PUBLISHED:
            return edition
        phases.require(edition, Action.PUBLISH)
        # change_phase refuses an edition with no awards (an empty year).
        return change_phase(edition=edition, phase=Phase.PUBLISHED)
