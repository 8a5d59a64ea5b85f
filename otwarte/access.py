"""Who may do what, written once: named predicates per role, the view decorators
built from them and the admin mixin that asks the same predicates.

Every app imports these (cockpit, exchange, jury, translations, surveys, booklet...);
an app's own `permissions.py` adds only the predicates about its objects (a juror
of a nomination, an expert of a city). Which phase allows what is
`practices/phases.py`, not here.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from otwarte import second_factor
from otwarte.roles import Role, has_role


def is_organiser(user):
    """Superusers count; an organiser acts as one only with the second factor."""
    return has_role(user, Role.ORGANISER)


def is_translator(user):
    return has_role(user, Role.TRANSLATOR)


def can_translate(user):
    """Translators, and organisers, who oversee the worklist."""
    return is_translator(user) or is_organiser(user)


def access_required(predicate, *, attach=None, organisers_may=True):
    """A view decorator: anonymous visitors go to the login page; a user for whom
    `predicate(user)` is false gets 403 — unless they are an organiser whose
    session lacks the second factor, who logs in again with the code (or sets a
    device up first, in production).

    With `attach`, the predicate's (truthy) answer is kept as `request.<attach>`
    (the juror pages keep the user's `jury.Juror`). `organisers_may=False` for
    pages that the organiser role never opens: no point asking for the code.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), reverse("public:login"))
            allowed = predicate(request.user)
            if not allowed:
                if organisers_may:
                    response = second_factor.gate(request, login_url=reverse("public:login"))
                    if response is not None:
                        return response
                raise PermissionDenied
            if attach:
                setattr(request, attach, allowed)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def role_required(*roles):
    """A view decorator for users acting in any of `roles` (`otwarte.roles.has_role`)."""
    return access_required(
        lambda user: any(has_role(user, role) for role in roles),
        organisers_may=Role.ORGANISER in roles,
    )


organiser_required = role_required(Role.ORGANISER)
translator_required = access_required(can_translate)


class OrganiserOnlyAdminMixin:
    """A ModelAdmin that only organisers open, whatever the model permissions say.

    `organiser_actions` names what organisers may do there ("view", "add",
    "change", "delete"); everything else is refused to everyone.
    """

    organiser_actions = frozenset({"view"})

    def _organiser_may(self, request, action):
        return action in self.organiser_actions and is_organiser(request.user)

    def has_module_permission(self, request):
        return is_organiser(request.user)

    def has_view_permission(self, request, obj=None):
        return self._organiser_may(request, "view") or self._organiser_may(request, "change")

    def has_add_permission(self, request, *args):
        return self._organiser_may(request, "add")

    def has_change_permission(self, request, obj=None):
        return self._organiser_may(request, "change")

    def has_delete_permission(self, request, obj=None):
        return self._organiser_may(request, "delete")
