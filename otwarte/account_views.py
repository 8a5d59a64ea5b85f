"""The self-service second-factor page: an organiser adds or removes their TOTP device."""

from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from otwarte.roles import Role, holds_role
from otwarte.second_factor import DeviceConfirmForm, has_confirmed_device, is_verified

DEVICE_NAME = "authenticator"


def _may_use(user):
    return user.is_staff or holds_role(user, Role.ORGANISER)


def _next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


@login_required(login_url="public:login")
def two_step(request):
    user = request.user
    if not _may_use(user):
        raise PermissionDenied
    next_url = _next_url(request)
    context = {"next": next_url}
    if has_confirmed_device(user):
        context["verified"] = is_verified(user)
        if request.method == "POST" and context["verified"]:
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            form = DeviceConfirmForm(request.POST, device=device)
            if form.is_valid():
                TOTPDevice.objects.filter(user=user).delete()
                messages.success(request, _("Two-step login is off. Set it up again below."))
                return redirect(reverse("two_step"))
            context["form"] = form
        else:
            context["form"] = DeviceConfirmForm(device=None)
        return render(request, "account/two_step.html", {**context, "enabled": True})

    device = (
        TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
        or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    )
    form = DeviceConfirmForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        otp_login(request, device)  # this session is verified by the code just entered
        messages.success(request, _("Two-step login is on."))
        return redirect(next_url or reverse("two_step"))
    qr = segno.make(device.config_url, error="m")
    context.update(
        enabled=False,
        form=form,
        qr_data_uri=qr.svg_data_uri(scale=4, dark="#000", light="#fff"),
        secret=b32encode(device.bin_key).decode(),
    )
    return render(request, "account/two_step.html", context)
