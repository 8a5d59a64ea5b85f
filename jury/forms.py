from django import forms
from django.utils.translation import gettext_lazy as _

from practices.models import Practice

from .models import Nomination


def field_name(criterion):
    return f"criterion_{criterion.pk}"


class ScoreForm(forms.Form):
    """One labelled radio group per criterion, and a comment."""

    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        fields = {}
        for criterion in self.criteria:
            message = _("Choose a score from %(min)d to %(max)d for “%(criterion)s”.") % {
                "min": criterion.scale_min,
                "max": criterion.scale_max,
                "criterion": criterion.name,
            }
            fields[field_name(criterion)] = forms.TypedChoiceField(
                label=criterion.name,
                help_text=criterion.description,
                choices=criterion.points(),
                coerce=int,
                empty_value=None,
                required=criterion.required,
                widget=forms.RadioSelect,
                error_messages={"required": message, "invalid_choice": message},
            )
        # The criteria first, the comment last.
        fields["comment"] = self.fields.pop("comment")
        self.fields = fields

    def criterion_fields(self):
        return [(c, self[field_name(c)]) for c in self.criteria]

    def values(self):
        return {c.pk: self.cleaned_data.get(field_name(c)) for c in self.criteria}


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you have a conflict of interest?"),
        help_text=_(
            "For example: you work for the organisation that runs the practice. "
            "Only the organisers read this."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AwardDecisionForm(forms.Form):
    nomination = forms.ModelChoiceField(label=_("Nomination"), queryset=Nomination.objects.none())
    recommendation = forms.CharField(
        label=_("Recommendation (Polish)"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    similar_practices = forms.ModelMultipleChoiceField(
        label=_("Similar actions"),
        queryset=Practice.objects.none(),
        required=False,
        help_text=_("Practices in other cities listed under the award."),
    )
    quote_juror = forms.ModelChoiceField(
        label=_("Quoted juror"), queryset=None, required=False
    )
    quote_text = forms.CharField(
        label=_("Juror quote (Polish)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = Nomination.objects.filter(
            edition=edition
        ).for_listing()
        self.fields["similar_practices"].queryset = Practice.objects.select_related("city")
        self.fields["quote_juror"].queryset = edition.jurors.all()

    def clean(self):
        data = super().clean()
        if data.get("quote_juror") and not data.get("quote_text"):
            self.add_error("quote_text", _("Write the quote of the chosen juror."))
        return data
