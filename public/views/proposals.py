"""The open call: a visitor proposes a practice."""

from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from otwarte.http import client_ip
from practices import notifications, services

from ..forms import MAX_PROPOSAL_BODY, ProposalForm


@require_http_methods(["GET", "POST"])
def propose(request):
    if request.method == "POST":
        try:
            too_big = int(request.META.get("CONTENT_LENGTH") or 0) > MAX_PROPOSAL_BODY
        except ValueError:
            too_big = True
        if too_big:
            return render(request, "public/propose_error.html", {"too_big": True}, status=413)
        # The one client_ip (TRUSTED_PROXIES), as the login lockout uses.
        ip = client_ip(request)
        if services.proposal_rate_limited(client_ip=ip):
            return render(request, "public/propose_error.html", {"too_many": True}, status=429)
        form = ProposalForm(request.POST)
        if form.is_spam:
            # Bots get the same thank-you page; nothing is stored.
            return redirect("public:propose_thanks")
        if form.is_valid():
            services.count_proposal(client_ip=ip)
            data = form.cleaned_data
            proposal = services.submit_proposal(
                city=data["city"],
                city_name=data["city_name"],
                title=data["title"],
                description=data["description"],
                category=data["category"],
                proposer=data["proposer"],
                contact_email=data["contact_email"],
            )
            notifications.proposal_received(
                proposal=proposal, language=get_language(), request=request
            )
            return redirect("public:propose_thanks")
    else:
        form = ProposalForm()
    return render(request, "public/propose.html", {"form": form})


def propose_thanks(request):
    return render(request, "public/propose_thanks.html")

