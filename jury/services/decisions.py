"""The award decision and publication."""


from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from otwarte.i18n import LANGUAGES
from practices.enums import Phase
from practices.models import Award, Edition, SimilarAction
from practices.phases import Action, require
from practices.services import change_phase

from ..models import JurorQuote


def _recommendations(recommendation, recommendations):
    texts = {f"recommendation_{lang}": "" for lang in LANGUAGES}
    texts["recommendation_pl"] = recommendation
    for lang, text in (recommendations or {}).items():
        if lang in LANGUAGES:
            texts[f"recommendation_{lang}"] = (text or "").strip()
    return texts


def _similar(similar_practices, similar):
    """[(city, practice or None)]: practices, then the (city, practice) pairs given."""
    pairs = [(p.city, p) for p in similar_practices] + list(similar or ())
    seen, result = set(), []
    for city, practice in pairs:
        key = (city.pk, practice.pk if practice else None)
        if key not in seen:
            seen.add(key)
            result.append((city, practice))
    return result


def _write_similar(award, pairs):
    award.similar_actions.all().delete()
    SimilarAction.objects.bulk_create(
        SimilarAction(award=award, order=position, city=city, practice=practice)
        for position, (city, practice) in enumerate(pairs, start=1)
    )


def decide_award(
    *,
    nomination,
    recommendation="",
    similar_practices=(),
    quotes=(),
    recommendations=None,
    similar=(),
):
    """Turn a nomination into an award, with similar actions and juror quotes.

    Only while the edition deliberates. The award goes last in the booklet
    order. `recommendations` maps a language (pl, en, uk, ru) to the text;
    `similar` lists (city, practice or None) pairs, a city alone when the
    booklet names no practice. Raises ValidationError when the practice
    already has this award.
    """
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=nomination.edition_id)
        require(edition, Action.DECIDE)
        edition.require_category(nomination.category)
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
            **_recommendations(recommendation, recommendations),
        )
        _write_similar(award, _similar(similar_practices, similar))
        for position, (juror, text) in enumerate(quotes, start=1):
            if text.strip():
                JurorQuote.objects.create(
                    award=award, order=position, juror=juror, text_pl=text.strip()
                )
    return award


def update_award(*, award, recommendations, similar):
    """Change an award's recommendation (four languages) and similar actions,
    until the edition is published."""
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=award.edition_id)
        require(edition, Action.DECIDE)
        award = Award.objects.select_for_update().get(pk=award.pk)
        for field, text in _recommendations(
            recommendations.get("pl", ""), recommendations
        ).items():
            setattr(award, field, text)
        award.save()
        _write_similar(award, _similar((), similar))
    return award


def withdraw_award(*, award):
    """Take back an award decided in this deliberation (with its similar actions
    and quotes); the nomination stays and can be decided again."""
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=award.edition_id)
        require(edition, Action.DECIDE)
        Award.objects.filter(pk=award.pk).delete()


def publish_edition(*, edition, by=None):
    """Publish the awards of an edition in deliberation, at once.

    A name for `change_phase` to the published phase, which owns the checks (an
    edition in deliberation, with at least one award: publishing would otherwise
    show an empty year) and every effect. Publishing needs no jury data, so the
    jury adds no condition of its own.
    """
    return change_phase(edition=edition, phase=Phase.PUBLISHED, by=by)
