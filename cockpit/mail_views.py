"""The cockpit's e-mail page: messages the worker could not send (or never picked
up), each with a "send again" behind a confirmation (otwarte.mail.retry)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from otwarte import mail
from otwarte.access import organiser_required


@organiser_required
def failed(request):
    problems = mail.needing_attention().select_related("user").order_by("-sent_at")[:200]
    return render(request, "cockpit/mail_failed.html", {"problems": problems})


@organiser_required
def retry(request, pk):
    """GET: the confirmation; POST: queue the message again."""
    message = get_object_or_404(mail.needing_attention(), pk=pk)
    if request.method == "POST":
        mail.retry(message=message)
        messages.success(request, _("The e-mail to %(email)s is queued again.") % {
            "email": message.recipient})
        return redirect("cockpit:mail_failed")
    return render(request, "cockpit/mail_retry.html", {"message": message})
