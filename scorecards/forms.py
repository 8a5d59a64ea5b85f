from django import forms
from django.utils.translation import gettext_lazy as _

from otwarte.i18n import in_language


class IndicatorAnswerForm(forms.Form):
    """The city's answer to one indicator: a grade and its evidence."""

    grade = forms.TypedChoiceField(label=_("Your answer"), coerce=int, widget=forms.RadioSelect)
    evidence_url = forms.URLField(label=_("Evidence: a link"), required=False, max_length=500)
    evidence_reference = forms.CharField(
        label=_("or a document reference"), required=False, max_length=300,
        help_text=_("E.g. the number and date of a resolution."),
    )

    def __init__(self, *args, indicator, answer=None, **kwargs):
        self.indicator = indicator
        self.grades = {grade.pk: grade for grade in indicator.grades.all()}
        initial = {}
        if answer is not None:
            initial = {
                "grade": answer.grade_id, "evidence_url": answer.evidence_url,
                "evidence_reference": answer.evidence_reference,
            }
        super().__init__(*args, prefix=f"i{indicator.pk}", initial=initial, **kwargs)
        self.fields["grade"].choices = [
            (pk, f"{in_language(grade, 'label').text} ({grade.points})")
            for pk, grade in self.grades.items()
        ]

    def clean(self):
        data = super().clean()
        if not data.get("evidence_url") and not (data.get("evidence_reference") or "").strip():
            raise forms.ValidationError(_("Give a link or a document reference as evidence."))
        return data

    def answer(self):
        """(grade, evidence_url, evidence_reference) for services.declare_answers."""
        data = self.cleaned_data
        return self.grades[data["grade"]], data["evidence_url"], data["evidence_reference"]
