"""An edition's criteria, copied from the previous edition in one action."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from otwarte.cache.version import bump_content_version
from practices.models import Edition
from practices.phases import Action, require

from ..models import Criterion

COPIED = ("code", "order", "scale_min", "scale_max", "weight", "required")
TRANSLATED = ("name", "description", "scale_labels")
LANGUAGES = ("pl", "en", "uk", "ru")


def previous_with_criteria(edition):
    """The latest earlier edition that has criteria, or None."""
    return (
        Edition.objects.filter(year__lt=edition.year, criteria__isnull=False)
        .order_by("-year")
        .distinct()
        .first()
    )


def copy_criteria(*, edition, source=None, by=None):
    """Give `edition` the criteria of `source` (default: the latest earlier
    edition with criteria), with their translations, weights and scales.

    Only for an edition without criteria, in a phase that allows editing them
    (PhaseError otherwise): scores hang on criteria, so an edition's own are
    changed one by one in the admin, never replaced."""
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        require(edition, Action.EDIT_CRITERIA)
        if Criterion.objects.filter(edition=edition).exists():
            raise ValidationError(_("This edition already has criteria."))
        source = source or previous_with_criteria(edition)
        if source is None:
            raise ValidationError(_("No earlier edition has criteria to copy."))
        fields = list(COPIED) + [f"{f}_{lang}" for f in TRANSLATED for lang in LANGUAGES]
        copies = [
            Criterion(edition=edition, **{f: getattr(c, f) for f in fields})
            for c in Criterion.objects.filter(edition=source).order_by("order", "code")
        ]
        Criterion.objects.bulk_create(copies)
        bump_content_version()  # bulk_create sends no signals; criteria are public
    return copies
