from django import forms
from django.utils.translation import gettext_lazy as _


class UnpublishForm(forms.Form):
    """Taking an edition offline: the year typed again, and why."""

    year = forms.IntegerField(label=_("Type the edition's year to confirm"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=2000)

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year != self.edition.year:
            raise forms.ValidationError(_("This is not the edition's year."))
        return year


class CityCheckForm(forms.Form):
    """Sending an awarded city the link to check the draft of its awards."""

    city = forms.IntegerField(widget=forms.HiddenInput)
    contact_name = forms.CharField(label=_("Contact person"), max_length=200)
    contact_email = forms.EmailField(label=_("Contact e-mail"))
    deadline = forms.DateTimeField(
        label=_("Answer by"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
    )
