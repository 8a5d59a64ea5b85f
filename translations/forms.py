from django import forms
from django.utils.translation import gettext_lazy as _

from practices.models import Edition

from .enums import SaveAction, TranslationState
from .models import LANGUAGE_CHOICES


class WorklistFilter(forms.Form):
    """The worklist's filters (GET). Invalid values are reported, never a 500."""

    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)
    status = forms.ChoiceField(
        label=_("Status"), required=False,
        choices=[("", _("Not yet reviewed")), *TranslationState.choices, ("all", _("All"))],
    )
    edition = forms.ModelChoiceField(
        label=_("Edition"), required=False, queryset=Edition.objects.order_by("-year"),
        to_field_name="year", empty_label=_("All texts"),
    )


class TranslationForm(forms.Form):
    text = forms.CharField(
        label=_("Translation"), required=False, strip=True,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    action = forms.ChoiceField(
        choices=SaveAction.choices, initial=SaveAction.DRAFT,
    )
