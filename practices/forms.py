from django import forms
from django.utils.translation import gettext, gettext_lazy as _

from otwarte import accounts
from otwarte.invitations import KnownPersonChoice
from otwarte.roles import Role
from otwarte.text import has_visible_text

from .models import Edition


class InvitationForm(KnownPersonChoice, forms.Form):
    """Invite an expert by e-mail. An expert imported without an e-mail and bearing the
    typed name is offered, never assumed (`KnownPersonChoice`)."""

    email = forms.EmailField(label=_("e-mail"))
    first_name = forms.CharField(label=_("first name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("last name"), max_length=150, required=False)
    edition = forms.ModelChoiceField(
        label=_("edition"), queryset=Edition.objects.all(), required=False,
        help_text=_("Named in the invitation, with its reports deadline."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        candidates = []
        if self.is_bound:
            candidates = [
                user for user in accounts.unclaimed_accounts(
                    first_name=self.data.get("first_name", ""),
                    last_name=self.data.get("last_name", ""),
                )
                if user.groups.filter(name=Role.EXPERT).exists()
            ]
        self.offer_known_people(candidates, self._label)

    @staticmethod
    def _label(user):
        years = sorted(
            {*Edition.objects.filter(panelists__expert=user).values_list("year", flat=True),
             *Edition.objects.filter(assignments__expert=user).values_list("year", flat=True)}
        )
        values = {"name": user.get_full_name(), "username": user.get_username(),
                  "years": ", ".join(map(str, years))}
        if years:
            return gettext("the expert %(name)s already known (account %(username)s, "
                           "panel of %(years)s)") % values
        return gettext("the expert %(name)s already known (account %(username)s)") % values

    def clean(self):
        data = super().clean()
        name = f"{data.get('first_name', '')} {data.get('last_name', '')}"
        if not has_visible_text(name):
            # Experts are credited publicly by name, never by username or e-mail.
            self.add_error("first_name", _("An invitation needs the person's name."))
        data["attach_to"] = self.known_person()
        return data
