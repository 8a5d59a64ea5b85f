"""Jurors: the people on an edition's jury, with an optional login account."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JurorQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Juror(models.Model):
    """A migrant activist on the jury. A login account is optional: the 2015
    jurors are records only; accounts come with invitations."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    country_of_origin = models.CharField(_("country of origin"), max_length=100, blank=True)
    city = models.ForeignKey(
        "practices.City",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jurors",
        verbose_name=_("city of residence"),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="juror",
        verbose_name=_("login account"),
    )
    editions = models.ManyToManyField(
        "practices.Edition", related_name="jurors", blank=True, verbose_name=_("jury of editions")
    )

    objects = JurorQuerySet.as_manager()

    class Meta:
        verbose_name = _("juror")
        verbose_name_plural = _("jurors")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)
