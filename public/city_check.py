"""The page a city's contact opens from the e-mail: the Polish draft of the city's
awards, to confirm or correct before publication (jury.services.city_checks).

No account: the personal link is the key, and it opens this page only. Every
request counts against the address's limit (CITY_CHECK_RATE_LIMIT per hour);
an invalid, expired, revoked or closed link gets a page saying so. Responses
are never cached (the page is personal) and send no referrer to other sites.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from jury.enums import CheckAnswer
from jury.services import city_checks
from otwarte import ratelimit
from otwarte.http import client_ip

RATE_LIMIT = getattr(settings, "CITY_CHECK_RATE_LIMIT", 60)
RATE_WINDOW = 3600


class DraftAnswerForm(forms.Form):
    """The city's answer about one award; texts start as the draft."""

    answer = forms.ChoiceField(
        label=_("Your answer"), choices=CheckAnswer.choices, widget=forms.RadioSelect
    )
    # The texts are Polish whatever the page's language.
    title = forms.CharField(
        label=_("Title of the practice"), required=False, max_length=500,
        widget=forms.TextInput(attrs={"lang": "pl"}),
    )
    description = forms.CharField(
        label=_("Description of the practice"), required=False, max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8, "lang": "pl"}),
    )
    recommendation = forms.CharField(
        label=_("Recommendation"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4, "lang": "pl"}),
    )
    comment = forms.CharField(
        label=_("Comment for the organisers"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, award, **kwargs):
        self.award = award
        practice = award.practice
        self.drafted = {
            "title": practice.title_pl or "",
            "description": practice.description_pl or "",
            "recommendation": award.recommendation_pl or "",
        }
        super().__init__(*args, prefix=f"award-{award.pk}", initial=self.drafted, **kwargs)

    def changed_texts(self):
        """(title, description, recommendation): the changed ones, blank where unchanged."""
        return tuple(
            value if value != self.drafted[name].strip() else ""
            for name in ("title", "description", "recommendation")
            for value in [(self.cleaned_data.get(name) or "").strip()]
        )


def _refused(request, reason):
    status = 404 if reason == "invalid" else 410
    return render(
        request,
        "public/city_check_refused.html",
        {"message": city_checks.REASONS[reason], "reason": reason},
        status=status,
    )


def _no_referrer(response):
    # "same-origin", not "no-referrer": with no referrer the browser sends
    # `Origin: null` on the form POST, which CSRF refuses.
    response["Referrer-Policy"] = "same-origin"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def city_check(request, token):
    if ratelimit.hit(f"city-check:{client_ip(request)}", limit=RATE_LIMIT, window=RATE_WINDOW):
        return _no_referrer(
            render(request, "public/city_check_refused.html", {"too_many": True}, status=429)
        )
    try:
        check = city_checks.check_for_token(token)
    except city_checks.LinkRefused as refused:
        return _no_referrer(_refused(request, refused.reason))
    drafts = city_checks.drafts(check=check)
    data = request.POST if request.method == "POST" else None
    rows = []
    for draft in drafts:
        initial_answer = {"answer": draft.answer.answer} if draft.answer else {}
        form = DraftAnswerForm(data, award=draft.award)
        if data is None and initial_answer:
            # Show the city its own earlier answer, proposed texts included.
            form.initial.update(initial_answer)
            form.initial["comment"] = draft.answer.comment
            for name in ("title", "description", "recommendation"):
                proposed = getattr(draft.answer, f"proposed_{name}")
                if proposed:
                    form.initial[name] = proposed
        rows.append((draft, form))
    status = 200
    if data is not None:
        if all(form.is_valid() for _draft, form in rows):
            answers = {
                form.award: (form.cleaned_data["answer"], *form.changed_texts(),
                             form.cleaned_data["comment"])
                for _draft, form in rows
            }
            try:
                city_checks.answer_city_check(check=check, answers=answers)
            except city_checks.LinkRefused as refused:
                return _no_referrer(_refused(request, refused.reason))
            except ValidationError as error:
                rows[0][1].add_error(None, error)
                status = 400
            else:
                return redirect(request.path + "?thanks=1")
        else:
            status = 400
    context = {
        "check": check,
        "rows": rows,
        "thanks": request.GET.get("thanks") == "1" and check.answered_at is not None,
        "errors": status == 400,
    }
    return _no_referrer(render(request, "public/city_check.html", context, status=status))
