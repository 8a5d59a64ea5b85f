"""The cockpit's page for the cities' check of their award texts (deliberation):
send or revoke each awarded city's link, read the answers, accept or reject
each proposed correction beside the draft. The rules are
`jury.services.city_checks`; the phase policy's action is CHECK_TEXT."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jury.enums import CheckAnswer
from jury.models import CityCheck, CityCheckAnswer
from jury.services import city_checks
from otwarte import mail
from otwarte.access import organiser_required
from practices.models import City, Edition
from practices.phases import Action, allows

from .forms import CityCheckForm

DEFAULT_DAYS = 7


def _edition(year):
    return get_object_or_404(Edition, year=year)


def link_for(*, request, token):
    """The absolute address of the city's page, in Polish (the drafts' language)."""
    with translation.override("pl"):
        path = reverse("public:city_check", args=[token])
    return request.build_absolute_uri(path)


@organiser_required
def page(request, year):
    edition = _edition(year)
    default_deadline = (timezone.localtime() + timedelta(days=DEFAULT_DAYS)).replace(
        second=0, microsecond=0
    )
    cities = []
    for city, check in city_checks.check_status(edition=edition):
        form = CityCheckForm(
            initial={
                "city": city.pk,
                "deadline": default_deadline,
                "contact_name": check.contact_name if check else "",
                "contact_email": check.contact_email if check else "",
            },
            prefix=f"city-{city.pk}",
        )
        cities.append((city, check, form))
    corrections = (
        CityCheckAnswer.objects.corrections()
        .filter(city_check__edition=edition, city_check__revoked_at__isnull=True)
        .select_related("city_check__city", "award__practice", "award__category", "decided_by")
        .order_by("city_check__city__name", "award__order")
    )
    return render(
        request,
        "cockpit/city_checks.html",
        {
            "edition": edition,
            "cities": cities,
            "corrections": corrections,
            "open": allows(edition, Action.CHECK_TEXT),
            "now": timezone.now(),
        },
    )


@organiser_required
@require_POST
def send(request, year, city_pk):
    edition = _edition(year)
    city = get_object_or_404(City, pk=city_pk)
    form = CityCheckForm(request.POST, prefix=f"city-{city.pk}")
    if not form.is_valid():
        for field, errors in form.errors.items():
            for error in errors:
                messages.error(request, f"{city}: {error}")
        return redirect("cockpit:city_checks", year=edition.year)
    data = form.cleaned_data
    try:
        check, _token = city_checks.send_city_check(
            edition=edition, city=city, contact_name=data["contact_name"],
            contact_email=data["contact_email"], deadline=data["deadline"], by=request.user,
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, f"{city}: {message}")
        return redirect("cockpit:city_checks", year=edition.year)
    # Queued: a failure shows in the cockpit's mail page, where it is queued again.
    _mail(request, check)
    messages.success(request, _("The link for %(city)s is sent to %(email)s.") % {
        "city": city, "email": check.contact_email})
    return redirect("cockpit:city_checks", year=edition.year)


def _mail(request, check):
    edition, city = check.edition, check.city
    # The link's token is made when the e-mail goes out (city_checks.token_for_message).
    mail.send(
        kind=city_checks.MAIL_KIND,
        to=check.contact_email,
        language="pl",
        key=city_checks.mail_key(check),
        context={
            "check": check,
            "edition": edition,
            "city": city,
            "link": link_for(request=request, token=mail.SECRET),
            "awards": list(city_checks.awards_of(edition=edition, city=city)),
        },
    )


@organiser_required
@require_POST
def revoke(request, year, pk):
    edition = _edition(year)
    check = get_object_or_404(CityCheck.objects.open(), pk=pk, edition=edition)
    city_checks.revoke_city_check(check=check, by=request.user)
    messages.success(request, _("The link for %(city)s no longer works.") % {"city": check.city})
    return redirect("cockpit:city_checks", year=edition.year)


@organiser_required
@require_POST
def decide(request, year, pk):
    edition = _edition(year)
    answer = get_object_or_404(
        CityCheckAnswer, pk=pk, city_check__edition=edition, answer=CheckAnswer.CORRECTION
    )
    decision = request.POST.get("decision")
    if decision not in ("accept", "reject"):
        messages.error(request, _("Choose whether to accept or reject the correction."))
        return redirect("cockpit:city_checks", year=edition.year)
    try:
        city_checks.decide_correction(answer=answer, accept=decision == "accept", by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Correction accepted: the draft is changed.") if decision == "accept"
            else _("Correction rejected: the draft stays."),
        )
    return redirect("cockpit:city_checks", year=edition.year)
