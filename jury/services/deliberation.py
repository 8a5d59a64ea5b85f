"""Deliberation: threads on the nominations worth discussing, posts in each writer's
language with translations, and scores revised with a reason (docs/tally.md).

Everything here writes only while the edition is in a phase allowing
`Action.DELIBERATE`. A juror takes part in the threads of their edition's
nominations except those they declared a conflict on. Nothing a juror reads here
holds another juror's score: posts carry their writer's words only, jurors see
other jurors as "a juror" (`author_label`), and the e-mails name neither the writer
nor the words.
"""

from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from otwarte import mail
from otwarte.access import can_translate, is_organiser
from otwarte.text import has_visible_text
from practices.models import Edition
from practices.phases import Action, phases_allowing, require

from ..models import Conflict, Juror, Post, PostTranslation, Score, ScoreChange, Thread
from ..permissions import juror_of
from .flags import flags as edition_flags

MAIL_KIND = "deliberation_post"
OPENED_KIND = "deliberation_opened"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _require_deliberation(edition_id):
    # The phase from the database: an object read earlier may carry a stale edition.
    require(Edition.objects.values_list("phase", flat=True).get(pk=edition_id),
            Action.DELIBERATE)


def takes_part(user, nomination):
    """Organisers, and the jurors of the nomination's edition without a conflict on it."""
    if is_organiser(user):
        return True
    juror = juror_of(user)
    return (
        juror is not None
        and juror.editions.filter(pk=nomination.edition_id).exists()
        and not Conflict.objects.filter(juror=juror, nomination=nomination).exists()
    )


def _thread_url(nomination, language):
    with translation.override(language):
        path = reverse("jury:thread", args=[nomination.pk])
    return getattr(settings, "SITE_URL", "").rstrip("/") + path


def _participants(nomination, *, exclude_user=None):
    """Jurors of the edition with an account and no conflict on the nomination."""
    jurors = (
        Juror.objects.filter(editions=nomination.edition_id, user__isnull=False)
        .exclude(conflicts__nomination=nomination)
        .select_related("user")
    )
    return [j for j in jurors if j.user_id != getattr(exclude_user, "pk", None)]


def open_thread(*, nomination, by=None):
    """The nomination's thread, opened now if it had none (organisers: any nomination)."""
    _require_deliberation(nomination.edition_id)
    thread, _created = Thread.objects.get_or_create(nomination=nomination,
                                                    defaults={"opened_by": by})
    return thread


def open_flagged_threads(*, edition):
    """Open a thread on each flagged nomination and tell each juror, in their
    language, how many there are (once per edition). Returns the threads opened."""
    found = edition_flags(edition=edition)
    known = set(Thread.objects.filter(nomination__edition=edition)
                .values_list("nomination_id", flat=True))
    Thread.objects.bulk_create(Thread(nomination_id=pk) for pk in found if pk not in known)
    for juror in Juror.objects.filter(editions=edition, user__isnull=False).select_related("user"):
        with translation.override(juror.preferred_language):
            url = getattr(settings, "SITE_URL", "").rstrip("/") + reverse("jury:deliberation")
        mail.send(
            kind=OPENED_KIND, to=juror.user.email, user=juror.user,
            language=juror.preferred_language, key=f"{OPENED_KIND}:{edition.pk}:{juror.pk}",
            context={"edition": edition, "count": len(found), "url": url},
        )
    return len(found) - len(known & set(found))


def add_post(*, thread, author, text, language):
    """A post in `language`; every other juror taking part is e-mailed a link, in
    their own language, after the commit (neither the writer nor the words)."""
    nomination = thread.nomination
    text = (text or "").strip()
    if not has_visible_text(text):
        raise ValidationError(_("Write something before posting."))
    if language not in LANGUAGE_CODES:
        raise ValidationError(_("Unknown language."))
    if not takes_part(author, nomination):
        raise ValidationError(_("You do not take part in this deliberation."))
    with transaction.atomic():
        _require_deliberation(nomination.edition_id)
        post = Post(thread=thread, author=author, text=text, language=language)
        post.full_clean()
        post.save()
        for juror in _participants(nomination, exclude_user=author):
            with translation.override(juror.preferred_language):
                practice = str(nomination.practice)
            mail.send(
                kind=MAIL_KIND, to=juror.user.email, user=juror.user,
                language=juror.preferred_language, key=f"{MAIL_KIND}:{post.pk}:{juror.pk}",
                context={"practice": practice, "post_language": post.language,
                         "url": _thread_url(nomination, juror.preferred_language)},
            )
    return post


def may_translate(user, post):
    """Translators, organisers and the jurors taking part in the post's thread."""
    return bool(user.is_authenticated) and (
        can_translate(user) or takes_part(user, post.thread.nomination)
    )


def add_translation(*, post, language, text, by):
    """Add or replace the post's translation into `language` (not the post's own)."""
    text = (text or "").strip()
    if language not in LANGUAGE_CODES or language == post.language:
        raise ValidationError(_("Choose a language other than the post's own."))
    if not has_visible_text(text):
        raise ValidationError(_("Write the translation."))
    _require_deliberation(post.thread.nomination.edition_id)
    with transaction.atomic():
        done, _created = PostTranslation.objects.update_or_create(
            post=post, language=language, defaults={"text": text, "translated_by": by}
        )
        done.full_clean()
    return done


def share_with_city(*, post, share, by=None):
    """Organisers mark a post for the city's feedback pack (or unmark it)."""
    if by is None or not is_organiser(by):
        raise ValidationError(_("Only organisers choose what is shared with a city."))
    Post.objects.filter(pk=post.pk).update(share_with_city=bool(share))
    post.share_with_city = bool(share)
    return post


def revise_score(*, juror, nomination, criterion, value, reason, by=None):
    """A juror changes one of their scores on a nomination under deliberation, with a
    reason. The history (`ScoreChange`) keeps before, after, who and why."""
    reason = (reason or "").strip()
    if not has_visible_text(reason):
        raise ValidationError(_("Say briefly why you change your score."))
    if criterion.edition_id != nomination.edition_id or not criterion.accepts(value):
        raise ValidationError(
            _("A score for “%(criterion)s” must be a whole number from %(min)d to %(max)d.")
            % {"criterion": criterion.name, "min": criterion.scale_min,
               "max": criterion.scale_max}
        )
    with transaction.atomic():
        _require_deliberation(nomination.edition_id)
        if not Thread.objects.filter(nomination=nomination).exists():
            raise ValidationError(_("Scores change only on a nomination under deliberation."))
        on_jury = juror.editions.filter(pk=nomination.edition_id).exists()
        if not on_jury or Conflict.objects.filter(juror=juror, nomination=nomination).exists():
            raise ValidationError(_("You do not take part in this deliberation."))
        score = (Score.objects.select_for_update()
                 .filter(juror=juror, nomination=nomination, criterion=criterion).first())
        old = score.value if score else None
        if old == value:
            raise ValidationError(_("This is already your score."))
        if score is None:
            Score.objects.create(juror=juror, nomination=nomination, criterion=criterion,
                                 value=value)
        else:
            score.value = value
            score.save(update_fields=["value", "updated_at"])
        return ScoreChange.objects.create(
            juror=juror, nomination=nomination, criterion=criterion, old_value=old,
            new_value=value, changed_by=by, reason=reason, after_deliberation=True,
        )


def posts_to_translate(*, language):
    """Posts of editions in deliberation not written in `language` and not yet
    translated into it: the translators' share of the deliberation (their worklist
    counts and links them)."""
    return (
        Post.objects.filter(thread__nomination__edition__phase__in=phases_allowing(
            Action.DELIBERATE))
        .exclude(language=language)
        .exclude(translations__language=language)
        .order_by("created_at", "pk")
    )


def revised_cells(*, edition):
    """{(nomination_id, criterion_id)} with a score revised after deliberation."""
    return set(
        ScoreChange.objects.filter(nomination__edition=edition, after_deliberation=True)
        .values_list("nomination_id", "criterion_id")
    )


def author_label(post, reader):
    """Who wrote a post, as the reader may know it: organisers read names; a juror
    reads "you", "an organiser" or "a juror" (never which one)."""
    if post.author_id is not None and reader.pk == post.author_id:
        return _("you")
    if is_organiser(reader):
        juror = getattr(post.author, "juror", None) if post.author else None
        return juror.name if juror else (post.author.get_username() if post.author else "–")
    if post.author is not None and is_organiser(post.author):
        return _("an organiser")
    return _("a juror")


@dataclass
class Summary:
    discussed: int  # nominations whose thread has a post
    revised: list  # [(criterion, number of scores changed after deliberation)]

    @property
    def revised_total(self):
        return sum(n for _c, n in self.revised)


def summary(*, edition, criteria):
    """What the methodology page says of the deliberation: no juror, no nomination."""
    discussed = Thread.objects.filter(nomination__edition=edition, posts__isnull=False) \
        .distinct().count()
    changed = Counter(
        criterion for _j, _n, criterion in set(
            ScoreChange.objects.filter(nomination__edition=edition, after_deliberation=True)
            .values_list("juror_id", "nomination_id", "criterion_id")
        )
    )
    return Summary(discussed=discussed, revised=[(c, changed.get(c.pk, 0)) for c in criteria])
