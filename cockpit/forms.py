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
