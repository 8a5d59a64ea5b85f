"""The deliberation's pages (docs/tally.md, "Deliberation"): the jurors' list of
threads, a thread with its posts and translations, revising a score, and the
organisers' opening of a thread and sharing of a post. Thin: the rules live in
`services/deliberation.py`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from otwarte.access import access_required, is_organiser, organiser_required
from practices.models import Edition
from practices.phases import Action, allows

from .forms import PostForm, PostTranslationForm, ReviseForm
from .models import Criterion, Nomination, Post, Score
from .permissions import juror_of, juror_required
from .services import deliberation
from .services.flags import flags as edition_flags


def _is_party(user):
    return is_organiser(user) or juror_of(user) is not None


def _may_translate_any(user):
    from otwarte.access import can_translate

    return _is_party(user) or can_translate(user)


def _nomination_for(request, pk):
    """Organisers: any nomination with a thread; jurors: those they take part in."""
    if is_organiser(request.user):
        queryset = Nomination.objects.filter(thread__isnull=False)
    else:
        queryset = Nomination.objects.for_deliberation(request.user)
    return get_object_or_404(queryset.for_listing(), pk=pk)


@juror_required
def index(request):
    nominations = list(Nomination.objects.for_deliberation(request.user).for_listing()
                       .annotate(post_count=Count("thread__posts")))
    found = {}
    for edition_id in {n.edition_id for n in nominations}:
        found.update(edition_flags(edition=Edition.objects.get(pk=edition_id)))
    rows = [(n, found.get(n.pk, []), n.post_count) for n in nominations]
    return render(request, "jury/deliberation/index.html", {"rows": rows})


def _post_rows(nomination, reader):
    language = get_language()
    rows = []
    for post in nomination.thread.posts.select_related("author__juror").prefetch_related(
        "translations"
    ):
        translated = None
        if post.language != language:
            translated = next((t for t in post.translations.all() if t.language == language),
                              None)
        rows.append((post, deliberation.author_label(post, reader), translated))
    return rows


def _thread_page(request, nomination, *, post_form=None, revise_form=None, status=200):
    organiser = is_organiser(request.user)
    juror = None if organiser else juror_of(request.user)
    open_now = allows(nomination.edition, Action.DELIBERATE)
    criteria = Criterion.objects.filter(edition_id=nomination.edition_id)
    own = {}
    if juror is not None:
        # Only the reader's own scores: other jurors' scores never reach the page.
        own = dict(Score.objects.filter(juror=juror, nomination=nomination)
                   .values_list("criterion_id", "value"))
    found = edition_flags(edition=nomination.edition).get(nomination.pk, [])
    return render(request, "jury/deliberation/thread.html", {
        "nomination": nomination,
        "flags": [f.reason if organiser else f.juror_reason for f in found],
        "posts": _post_rows(nomination, request.user),
        "post_form": post_form or PostForm(initial={"language": get_language()}),
        "revise_form": revise_form or ReviseForm(criteria=criteria),
        "own_scores": [(c, own.get(c.pk)) for c in criteria],
        "is_organiser": organiser,
        "is_juror": juror is not None,
        "open_now": open_now,
    }, status=status)


@access_required(_is_party)
def thread(request, pk):
    nomination = _nomination_for(request, pk)
    if request.method != "POST":
        return _thread_page(request, nomination)
    form = PostForm(request.POST)
    if form.is_valid():
        try:
            deliberation.add_post(thread=nomination.thread, author=request.user,
                                  text=form.cleaned_data["text"],
                                  language=form.cleaned_data["language"])
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Your post is added."))
            return redirect("jury:thread", pk=nomination.pk)
    return _thread_page(request, nomination, post_form=form, status=400)


@juror_required
@require_POST
def revise(request, pk):
    nomination = get_object_or_404(Nomination.objects.for_deliberation(request.user), pk=pk)
    criteria = Criterion.objects.filter(edition_id=nomination.edition_id)
    form = ReviseForm(request.POST, criteria=criteria)
    if form.is_valid():
        try:
            deliberation.revise_score(
                juror=request.juror, nomination=nomination, by=request.user,
                criterion=form.cleaned_data["criterion"], value=form.cleaned_data["value"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Your score is changed; the reason is kept."))
            return redirect("jury:thread", pk=nomination.pk)
    return _thread_page(request, nomination, revise_form=form, status=400)


@access_required(_may_translate_any)
def translate_post(request, pk):
    post = get_object_or_404(Post.objects.select_related("thread__nomination__edition"), pk=pk)
    if not deliberation.may_translate(request.user, post):
        raise Http404
    nomination = post.thread.nomination
    if not (is_organiser(request.user) or allows(nomination.edition, Action.DELIBERATE)):
        raise Http404
    form = PostTranslationForm(request.POST or None, initial={"language": get_language()})
    if request.method == "POST" and form.is_valid():
        try:
            deliberation.add_translation(post=post, language=form.cleaned_data["language"],
                                         text=form.cleaned_data["text"], by=request.user)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The translation is saved."))
            if deliberation.takes_part(request.user, nomination):
                return redirect("jury:thread", pk=nomination.pk)
            return redirect("jury:translate_post", pk=post.pk)
    return render(request, "jury/deliberation/translate.html", {
        "post": post, "form": form, "nomination": nomination,
        "back": deliberation.takes_part(request.user, nomination),
    }, status=400 if request.method == "POST" else 200)


@organiser_required
@require_POST
def open_thread(request, year):
    edition = get_object_or_404(Edition, year=year)
    raw = request.POST.get("nomination", "")
    if not raw.isdigit() or len(raw) > 9:
        raise Http404
    nomination = get_object_or_404(Nomination, edition=edition, pk=raw)
    try:
        deliberation.open_thread(nomination=nomination, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("jury:tally", year=edition.year)
    return redirect("jury:thread", pk=nomination.pk)


@organiser_required
@require_POST
def share_post(request, pk):
    post = get_object_or_404(Post.objects.select_related("thread"), pk=pk)
    try:
        deliberation.share_with_city(post=post, share=request.POST.get("share") == "1",
                                     by=request.user)
    except ValidationError as error:  # pragma: no cover - organisers only reach it
        raise PermissionDenied from error
    return redirect("jury:thread", pk=post.thread.nomination_id)
