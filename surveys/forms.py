from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from otwarte.i18n import in_language

from . import services
from .models import Target

# Larger bodies are refused before parsing (the fields' own limits are far lower).
MAX_BODY = 40_000
DONT_KNOW = ""


def target_name(target):
    """A target's name in the active language (a city target: its city's), with the fallback."""
    if target.city_id and not target.name_pl:
        return in_language(target.city, "name")
    return in_language(target, "name")


def label(content):
    """A label or help text that marks Polish fallback text (lang="pl" and a visible note);
    the markup is in templates/surveys/_label.html."""
    return mark_safe(render_to_string("surveys/_label.html", {"content": content}).strip())


class TargetSelect(forms.Select):
    """Options in Polish only say so: lang="pl" and "(in Polish)" (an option holds text only)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None and target_name(instance).fallback:
            option["attrs"]["lang"] = "pl"
            option["label"] = f"{label} ({gettext('in Polish')})"
        return option


class TargetChoiceField(forms.ModelChoiceField):
    widget = TargetSelect

    def label_from_instance(self, obj):
        return target_name(obj).text or str(obj)


class ResponseForm(forms.Form):
    """One respondent's answers. `with_proof`: the first answer asks for an e-mail
    address or a code (exactly one), consent, and has the honeypot `website`."""

    required_css_class = "required"

    def __init__(self, *args, survey, with_proof=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.with_proof = with_proof
        self.criteria = list(survey.criteria.all())
        self.questions = list(survey.context_questions.all())
        self.code = None
        self.fields["target"] = TargetChoiceField(
            label=_("Which consular post did you visit?")
            if survey.kind == "consular"
            else _("Which city's services do you rate?"),
            queryset=Target.objects.filter(pk__in=survey.targets.values("pk")).order_by(
                "order", "slug"
            ),
            empty_label=_("— choose —"),
        )
        for criterion in self.criteria:
            choices = [(str(v), f"{v} – {text}") for v, text in criterion.points()]
            if not criterion.required:
                choices.append((DONT_KNOW, _("I don't know / does not apply")))
            self.fields[f"c_{criterion.code}"] = forms.ChoiceField(
                label=label(in_language(criterion, "name")),
                help_text=label(in_language(criterion, "description")),
                choices=choices,
                widget=forms.RadioSelect,
                required=criterion.required,
            )
        for question in self.questions:
            self.fields[f"q_{question.code}"] = forms.TypedChoiceField(
                label=label(in_language(question, "label")),
                choices=[(DONT_KNOW, _("— I prefer not to say —"))]
                + [(str(i), text) for i, text in question.options()],
                coerce=int,
                empty_value=None,
                required=False,
            )
        self.fields["comment"] = forms.CharField(
            label=_("Anything else you want to tell us? (optional)"),
            help_text=_("Published only after the organisers have read it, without your answers."),
            required=False,
            max_length=services.MAX_COMMENT,
            widget=forms.Textarea(attrs={"rows": 4, "maxlength": services.MAX_COMMENT}),
        )
        if with_proof:
            self.fields["email"] = forms.EmailField(
                label=_("Your e-mail address"),
                help_text=_(
                    "We send you a link to confirm your answers. The address is not stored."
                ),
                required=False,
                max_length=254,
                widget=forms.EmailInput(attrs={"autocomplete": "email"}),
            )
            self.fields["code"] = forms.CharField(
                label=_("…or the code you were given"),
                help_text=_("A code printed on a card from a partner organisation."),
                required=False,
                max_length=30,
                widget=forms.TextInput(
                    attrs={"autocomplete": "off", "autocapitalize": "characters"}
                ),
            )
            self.fields["consent"] = forms.BooleanField(
                label=_(
                    "I agree that my answers are used, anonymously, for the published ranking."
                ),
                required=True,
            )
            self.fields["website"] = forms.CharField(
                label=_("Leave this field empty"),
                required=False,
                widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
            )
        for field in self.fields.values():
            if field.required and not isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["aria-required"] = "true"

    @property
    def is_spam(self):
        return self.with_proof and bool(self.data.get("website"))

    def criterion_fields(self):
        return [self[f"c_{c.code}"] for c in self.criteria]

    def question_fields(self):
        return [self[f"q_{q.code}"] for q in self.questions]

    def clean(self):
        data = super().clean()
        if not self.with_proof:
            return data
        email, code = data.get("email"), (data.get("code") or "").strip()
        if "email" in self.errors:
            return data
        if bool(email) == bool(code):
            raise forms.ValidationError(_("Give either your e-mail address or a code, not both."))
        if code:
            self.code = services.find_code(survey=self.survey, text=code)
            if self.code is None:
                self.add_error("code", _("This code is not valid for this survey."))
        return data

    def answers(self):
        data = self.cleaned_data
        values = {}
        for criterion in self.criteria:
            raw = data.get(f"c_{criterion.code}") or DONT_KNOW
            values[criterion] = int(raw) if raw != DONT_KNOW else None
        context = {q: data.get(f"q_{q.code}") for q in self.questions}
        return services.Answers(
            target=data["target"], values=values, context=context, comment=data.get("comment", "")
        )

    @classmethod
    def initial_for(cls, response):
        initial = {"target": response.target_id, "comment": response.comment}
        for answer in response.answers.select_related("criterion"):
            initial[f"c_{answer.criterion.code}"] = str(answer.value)
        for answer in response.context_answers.select_related("question"):
            initial[f"q_{answer.question.code}"] = str(answer.choice)
        return initial
