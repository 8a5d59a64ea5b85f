"""Deliberation: a thread per nomination worth discussing, posts in the writer's
language and translations of them (docs/tally.md, "Deliberation")."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from otwarte.text import text_limit

from .nominations import Nomination


class Thread(models.Model):
    """The deliberation on one nomination: opened for each flagged nomination when
    the edition enters deliberation, or by an organiser on any nomination."""

    nomination = models.OneToOneField(
        Nomination, on_delete=models.CASCADE, related_name="thread", verbose_name=_("nomination")
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("opened by"),
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)

    class Meta:
        verbose_name = _("deliberation thread")
        verbose_name_plural = _("deliberation threads")
        ordering = ["nomination"]

    def __str__(self):
        return str(self.nomination)


class Post(models.Model):
    """One contribution to a thread, in its writer's language."""

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="posts", verbose_name=_("thread")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("author"),
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    text = models.TextField(_("text"), **text_limit(5000))
    # For the cities' feedback pack (a later feature): organisers choose what may go.
    share_with_city = models.BooleanField(_("share with the city"), default=False)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("deliberation post")
        verbose_name_plural = _("deliberation posts")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]


class PostTranslation(models.Model):
    """A post in another language than its own, by a translator, juror or organiser."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="translations", verbose_name=_("post")
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    text = models.TextField(_("translation"), **text_limit(5000))
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("translated by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("translation of a post")
        verbose_name_plural = _("translations of posts")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "language"],
                name="jury_posttranslation_unique_per_language",
                violation_error_message=_("This post already has a translation into this language."),
            ),
        ]

    def __str__(self):
        return f"{self.post} ({self.language})"
