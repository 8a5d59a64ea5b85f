from django import forms
from django.utils.translation import gettext_lazy as _

from practices.models import Category, City, PracticeProposal
from practices.services import open_call_categories

# Larger bodies are refused before any parsing (the fields' own limits are far lower).
MAX_PROPOSAL_BODY = 20_000


class CityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ProposalForm(forms.ModelForm):
    """The open call. `website` is a honeypot: hidden from people, filled by bots."""

    required_css_class = "required"

    city = CityChoiceField(
        label=_("City"),
        queryset=City.objects.all(),
        required=False,
        empty_label=_("— another city —"),
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.all(),
        required=False,
        empty_label=_("— not sure —"),
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = PracticeProposal
        fields = [
            "city",
            "city_name",
            "title",
            "description",
            "category",
            "proposer",
            "contact_email",
        ]
        labels = {
            "city_name": _("Other city (if not on the list)"),
            "title": _("Name of the practice"),
            "description": _("What does the city do, for whom, since when?"),
            "proposer": _("Your city office or organisation"),
            "contact_email": _("Contact e-mail"),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 8, "maxlength": 5000})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Every city: a city new this year can be proposed (cities are reference
        # data, not edition data: listing one reveals no unpublished award).
        # Others are typed in `city_name`. The categories are those of the
        # edition the call collects for (practices.services.open_call_categories).
        self.fields["city"].queryset = City.objects.order_by("name_pl")
        self.fields["category"].queryset = open_call_categories()
        for _name, field in self.fields.items():
            if field.required:
                field.widget.attrs["aria-required"] = "true"

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("city") and not (cleaned.get("city_name") or "").strip():
            self.add_error("city_name", _("Choose a city from the list or name another city."))
        return cleaned

    @property
    def is_spam(self):
        return bool(self.data.get("website"))
