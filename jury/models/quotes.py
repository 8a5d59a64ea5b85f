"""Jurors' quotes about an award, set apart in the booklet."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from otwarte.text import text_limit

from .jurors import Juror


class JurorQuoteQuerySet(models.QuerySet):
    def get_by_natural_key(self, year, category_code, city_slug, practice_slug, order):
        return self.get(
            award__edition__year=year,
            award__category__code=category_code,
            award__practice__city__slug=city_slug,
            award__practice__slug=practice_slug,
            order=order,
        )


class JurorQuote(models.Model):
    """A juror's words about an award, set apart in the booklet."""

    award = models.ForeignKey(
        "practices.Award",
        on_delete=models.CASCADE,
        related_name="quotes",
        verbose_name=_("award"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    juror = models.ForeignKey(
        Juror, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("juror")
    )
    text = models.TextField(_("quote"), **text_limit(2000))

    objects = JurorQuoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("juror quote")
        verbose_name_plural = _("juror quotes")
        ordering = ["award", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["award", "order"],
                name="jury_jurorquote_unique_order",
                violation_error_message=_("Two quotes of one award share a position."),
            ),
        ]

    def __str__(self):
        return self.text[:60]

    def natural_key(self):
        return self.award.natural_key() + (self.order,)

    natural_key.dependencies = ["practices.award"]
