"""The permission matrix: every URL pattern × role → the expected status of a GET.

docs/permissions.md explains it in prose. test_permission_matrix.py walks every
pattern in the URL configuration and fails when one has no entry here, so a new
URL is a one-line addition:

    "jury:score": Entry(JURY_ONLY, url=lambda d: reverse("jury:score", args=[d.nomination.pk])),

An entry is keyed by the pattern's name with its namespaces ("practices:home")
or, for unnamed patterns, by its route with the language prefix as "<lang>/".
`url` builds the address from the sample data (`SampleData` in the test); without
it the name is reversed with no arguments. Statuses are for GET requests.
"""

from dataclasses import dataclass, field

from django.urls import reverse

ROLES = ["anonymous", "expert_city", "expert_other", "juror_a", "juror_b", "organiser"]


def statuses(anonymous, expert_city, expert_other, juror_a, juror_b, organiser):
    return dict(zip(ROLES, [anonymous, expert_city, expert_other, juror_a, juror_b, organiser]))


def everyone(status):
    return dict.fromkeys(ROLES, status)


@dataclass(frozen=True)
class Entry:
    expect: dict
    url: object = None  # callable(sample data) -> path; None: reverse(name)
    notes: str = field(default="", compare=False)


PUBLIC = everyone(200)
# The admin: logged-out users and jurors (not staff) are sent to the login page.
# Experts and organisers are staff; a model page needs that model's permission.
# NOTE: the role groups carry no model permissions yet, so organisers get 403 on
# model pages; the feature that grants them must update ADMIN_MODEL below.
ADMIN_LOGIN = statuses(302, 200, 200, 302, 302, 200)
ADMIN_MODEL = statuses(302, 403, 403, 302, 302, 403)
# Views that answer with a redirect to everyone (e.g. "view on site", old URLs).
REDIRECT_ALL = everyone(302)


def _pk(data, label):
    return data.pk(label)


def admin_model(label, expect=ADMIN_MODEL, *, redirect=None, extra=()):
    """Entries for the standard admin views of one model ("practices.edition").

    `redirect`: expected statuses of the bare object URL (…/<id>/ → …/<id>/change/).
    `extra`: names of further admin views that take the object id ("simple_history"
    takes the object and one of its historical records).
    """
    app, model = label.split(".")
    prefix = f"admin:{app}_{model}"
    entries = {
        f"{prefix}_changelist": Entry(expect),
        f"{prefix}_add": Entry(expect),
    }
    for view in ["history", "delete", "change"]:
        entries[f"{prefix}_{view}"] = Entry(
            expect, url=lambda d, name=f"{prefix}_{view}": reverse(name, args=[_pk(d, label)])
        )
    entries[f"<lang>/admin/{app}/{model}/<path:object_id>/"] = Entry(
        redirect or statuses(302, 302, 302, 302, 302, 302),
        url=lambda d: reverse(f"{prefix}_changelist") + f"{_pk(d, label)}/",
    )
    if "simple_history" in extra:
        entries[f"{prefix}_simple_history"] = Entry(
            expect,
            url=lambda d: reverse(
                f"{prefix}_simple_history", args=[_pk(d, label), d.history_pk(label)]
            ),
        )
    return entries


MATRIX = {
    # Public site (practices).
    "practices:home": Entry(PUBLIC),
    "practices:practice": Entry(
        PUBLIC,
        url=lambda d: reverse(
            "practices:practice",
            kwargs={"city_slug": d.practice.city.slug, "slug": d.practice.slug},
        ),
    ),
    # Language switch: POST only does something; a GET just goes back.
    "set_language": Entry(everyone(302)),
    # Admin site.
    "admin:index": Entry(ADMIN_LOGIN),
    "admin:login": Entry(statuses(200, 302, 302, 200, 200, 302)),
    "admin:logout": Entry(statuses(302, 405, 405, 302, 302, 405), notes="POST only"),
    "admin:password_change": Entry(ADMIN_LOGIN),
    "admin:password_change_done": Entry(ADMIN_LOGIN),
    "admin:autocomplete": Entry(statuses(302, 403, 403, 302, 302, 403)),
    "admin:jsi18n": Entry(ADMIN_LOGIN),
    "admin:view_on_site": Entry(
        statuses(302, 404, 404, 302, 302, 404),
        url=lambda d: reverse(
            "admin:view_on_site", args=[d.content_type_id("auth.user"), d.user.pk]
        ),
        notes="users have no public page",
    ),
    "admin:app_list": Entry(
        statuses(302, 404, 404, 302, 302, 404),
        url=lambda d: reverse("admin:app_list", kwargs={"app_label": "practices"}),
        notes="404 without any permission in the app",
    ),
    "<lang>/admin/(?P<url>.*)$": Entry(
        statuses(302, 404, 404, 302, 302, 404), url=lambda d: "/en/admin/no-such-page/"
    ),
    **admin_model("auth.user"),
    "admin:auth_user_password_change": Entry(
        ADMIN_MODEL, url=lambda d: reverse("admin:auth_user_password_change", args=[d.user.pk])
    ),
    **admin_model("auth.group"),
    **admin_model("axes.accessattempt"),
    **admin_model("axes.accesslog"),
    **admin_model("axes.accessfailurelog"),
    **admin_model("otp_totp.totpdevice"),
    "admin:otp_totp_totpdevice_config": Entry(
        ADMIN_MODEL,
        url=lambda d: reverse(
            "admin:otp_totp_totpdevice_config", args=[d.pk("otp_totp.totpdevice")]
        ),
    ),
    "admin:otp_totp_totpdevice_qrcode": Entry(
        ADMIN_MODEL,
        url=lambda d: reverse(
            "admin:otp_totp_totpdevice_qrcode", args=[d.pk("otp_totp.totpdevice")]
        ),
    ),
    **admin_model("practices.city"),
    **admin_model("practices.category"),
    **admin_model("practices.edition", extra=["simple_history"]),
    **admin_model("practices.practice", extra=["simple_history"]),
    **admin_model("practices.award", extra=["simple_history"]),
    **admin_model("jury.juror"),
    **admin_model("jury.criterion", extra=["simple_history"]),
}
