from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from otwarte.invitations import KnownPersonChoice
from otwarte.text import has_visible_text
from practices.models import City, Edition, Practice

from .enums import ConflictReason
from .models import Nomination
from .services.onboarding import imported_jurors
from .services.scoring import clean_scores


def field_name(criterion):
    return f"criterion_{criterion.pk}"


class ScoreField(forms.ChoiceField):
    """A criterion's points as radio buttons. The value is checked by the scoring
    rule (jury.services.scoring.clean_scores) in ScoreForm.clean(), not here."""

    def validate(self, value):
        pass


class ScoreForm(forms.Form):
    """One labelled radio group per criterion, and a comment. The scores are
    checked by the same rule that saves them (`clean_scores`), each message on
    its criterion's field."""

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
            fields[field_name(criterion)] = ScoreField(
                label=criterion.name,
                help_text=criterion.description,
                choices=criterion.points(),
                # Only for the radio buttons' `required`: clean() asks the rule.
                required=criterion.required,
                widget=forms.RadioSelect,
            )
        # The criteria first, the comment last.
        fields["comment"] = self.fields.pop("comment")
        self.fields = fields

    def clean(self):
        cleaned = super().clean()
        by_pk = {c.pk: c for c in self.criteria}
        raw = {c.pk: cleaned.get(field_name(c)) for c in self.criteria}
        try:
            self.scores = clean_scores(criteria=by_pk, values=raw)
        except ValidationError as error:
            for pk, messages in error.message_dict.items():
                self.add_error(field_name(by_pk[pk]) if pk in by_pk else None, messages)
        return cleaned

    def criterion_fields(self):
        return [(c, self[field_name(c)]) for c in self.criteria]

    def values(self):
        """{criterion_pk: int or None}, once the form is valid."""
        return self.scores


class ConflictForm(forms.Form):
    category = forms.ChoiceField(
        label=_("What kind of conflict is it?"),
        help_text=_(
            "The public register of the edition may name this kind; "
            "your own words below stay with the organisers."
        ),
        choices=ConflictReason.choices,
        initial=ConflictReason.OTHER,
        required=False,
    )
    reason = forms.CharField(
        label=_("Why do you have a conflict of interest?"),
        help_text=_(
            "For example: you work for the organisation that runs the practice. "
            "Only the organisers read this."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_category(self):
        return self.cleaned_data.get("category") or ConflictReason.OTHER

    def clean_reason(self):
        reason = self.cleaned_data["reason"]
        if not has_visible_text(reason):  # e.g. only a zero-width space
            raise forms.ValidationError(_("Say briefly why there is a conflict of interest."))
        return reason


RECOMMENDATION_LABELS = {
    "pl": _("Recommendation (Polish)"),
    "en": _("Recommendation (English)"),
    "uk": _("Recommendation (Ukrainian)"),
    "ru": _("Recommendation (Russian)"),
}
SEARCH_LIMIT = 30


def similar_value(city_id, practice_id=None):
    """A similar action as a checkbox value: "p<practice>" or "c<city>" (a city alone)."""
    return f"p{practice_id}" if practice_id else f"c{city_id}"


def _parse(values):
    practices, cities = set(), set()
    for value in values:
        kind, number = value[:1], value[1:]
        if number.isdigit() and len(number) < 10:
            if kind == "p":
                practices.add(int(number))
            elif kind == "c":
                cities.add(int(number))
    return practices, cities


class AwardForm(forms.Form):
    """Recommendation in four languages and similar actions, picked from a search
    (the "Search" button re-shows the form with the results as checkboxes: it
    works without JavaScript) and from the ranked suggestions."""

    recommendation_pl = forms.CharField(
        label=RECOMMENDATION_LABELS["pl"], required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    recommendation_en = forms.CharField(
        label=RECOMMENDATION_LABELS["en"], required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    recommendation_uk = forms.CharField(
        label=RECOMMENDATION_LABELS["uk"], required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    recommendation_ru = forms.CharField(
        label=RECOMMENDATION_LABELS["ru"], required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    similar_search = forms.CharField(
        label=_("Search practices and cities"),
        required=False,
        max_length=100,
        help_text=_("A word of the title or the city's name; then press “Search”."),
    )
    similar = forms.MultipleChoiceField(
        label=_("Similar actions"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Practices in other cities listed under the award, or a city alone."),
    )

    def __init__(self, *args, edition, suggestions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.suggestions = list(suggestions)
        chosen = self.data.getlist(self.add_prefix("similar")) if self.is_bound else (
            self.initial.get("similar") or [])
        practices, cities = _parse(chosen)
        query = (self.data.get(self.add_prefix("similar_search"), "") if self.is_bound
                 else "").strip()[:100]
        self.searched = bool(query)
        found_practices = list(
            Practice.objects.filter(pk__in=practices).select_related("city")
        )
        found_cities = list(City.objects.filter(pk__in=cities))
        self.results = []
        if query:
            self.results = list(
                Practice.objects.filter(
                    Q(title_pl__icontains=query) | Q(city__name_pl__icontains=query)
                    | Q(title__icontains=query)
                ).select_related("city").order_by("city__name_pl", "title_pl", "pk")[:SEARCH_LIMIT]
            )
            self.city_results = list(
                City.objects.filter(Q(name_pl__icontains=query) | Q(name__icontains=query))
                .order_by("name_pl")[:SEARCH_LIMIT]
            )
        else:
            self.city_results = []
        choices = {}
        for practice in found_practices + [s.practice for s in self.suggestions] + self.results:
            choices.setdefault(similar_value(practice.city_id, practice.pk), str(practice))
        for city in found_cities + self.city_results:
            choices.setdefault(
                similar_value(city.pk), _("%(city)s (the city only)") % {"city": city.name}
            )
        self.fields["similar"].choices = list(choices.items())
        self.chosen = set(chosen)

    def similar_pairs(self):
        """[(city, practice or None)] of the checked similar actions, in the order shown."""
        values = self.cleaned_data.get("similar") or []
        practices, cities = _parse(values)
        by_pk = Practice.objects.select_related("city").in_bulk(practices)
        city_pk = City.objects.in_bulk(cities)
        pairs = []
        for value in values:
            number = int(value[1:])
            if value[0] == "p" and number in by_pk:
                pairs.append((by_pk[number].city, by_pk[number]))
            elif value[0] == "c" and number in city_pk:
                pairs.append((city_pk[number], None))
        return pairs

    def recommendations(self):
        return {lang: self.cleaned_data.get(f"recommendation_{lang}", "") for lang in
                RECOMMENDATION_LABELS}

    def suggestion_choices(self):
        """[(value, Suggestion, checked)], best first."""
        return [
            (value, s, value in self.chosen)
            for s in self.suggestions
            for value in [similar_value(s.practice.city_id, s.practice.pk)]
        ]

    def other_choices(self):
        """[(value, label, checked)]: chosen before and found by the search."""
        suggested = {value for value, _s, _c in self.suggestion_choices()}
        return [
            (value, label, value in self.chosen)
            for value, label in self.fields["similar"].choices
            if value not in suggested
        ]

    def recommendation_fields(self):
        return [self[f"recommendation_{lang}"] for lang in RECOMMENDATION_LABELS]


class AwardDecisionForm(AwardForm):
    nomination = forms.ModelChoiceField(label=_("Nomination"), queryset=Nomination.objects.none())
    quote_juror = forms.ModelChoiceField(
        label=_("Quoted juror"), queryset=None, required=False
    )
    quote_text = forms.CharField(
        label=_("Juror quote (Polish)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    field_order = ["nomination"]

    def __init__(self, *args, edition, **kwargs):
        # The old form's single Polish field: still accepted.
        if args and args[0] is not None and "recommendation" in args[0] and hasattr(args[0], "copy"):
            data = args[0].copy()
            data.setdefault("recommendation_pl", data.get("recommendation"))
            args = (data,) + args[1:]
        super().__init__(*args, edition=edition, **kwargs)
        self.fields["nomination"].queryset = Nomination.objects.filter(
            edition=edition
        ).for_listing()
        self.fields["quote_juror"].queryset = edition.jurors.all()

    def clean(self):
        data = super().clean()
        if data.get("quote_juror") and not data.get("quote_text"):
            self.add_error("quote_text", _("Write the quote of the chosen juror."))
        return data


class JurorInvitationForm(KnownPersonChoice, forms.Form):
    """Invite a juror; a juror of the same name known without an account is offered,
    never assumed (`KnownPersonChoice`)."""

    edition = forms.ModelChoiceField(
        label=_("edition"), queryset=Edition.objects.order_by("-year"), empty_label=None
    )
    email = forms.EmailField(label=_("e-mail"))
    name = forms.CharField(label=_("name"), max_length=200)
    country_of_origin = forms.CharField(
        label=_("country of origin"), max_length=100, required=False
    )
    city = forms.ModelChoiceField(
        label=_("city of residence"), queryset=City.objects.all(), required=False
    )
    preferred_language = forms.ChoiceField(
        label=_("preferred language"), choices=settings.LANGUAGES, initial=settings.LANGUAGE_CODE
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name = self.data.get("name", "") if self.is_bound else ""
        self.offer_known_people(imported_jurors(name), self._label)

    @staticmethod
    def _label(juror):
        years = ", ".join(str(e.year) for e in sorted(juror.editions.all(), key=lambda e: e.year))
        if years:
            return gettext("the juror %(name)s already known (jury of %(years)s)") % {
                "name": juror.name, "years": years}
        return gettext("the juror %(name)s already known (on no jury yet)") % {"name": juror.name}

    def clean(self):
        data = super().clean()
        data["attach_to"] = self.known_person()
        data.pop("attach", None)
        return data


# ---------------------------------------------------------------- deliberation


class PostForm(forms.Form):
    """A post to a deliberation thread, in the language the writer chooses."""

    text = forms.CharField(label=_("Your post"), max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 5}))
    language = forms.ChoiceField(label=_("Written in"), choices=settings.LANGUAGES)


class PostTranslationForm(forms.Form):
    language = forms.ChoiceField(label=_("Translated into"), choices=settings.LANGUAGES)
    text = forms.CharField(label=_("Translation"), max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 5}))


class ReviseForm(forms.Form):
    """A juror changes one of their scores during deliberation, with a reason."""

    criterion = forms.ModelChoiceField(label=_("Criterion"), queryset=None, empty_label=None)
    value = forms.IntegerField(label=_("New score"))
    reason = forms.CharField(label=_("Why you change it"), max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = criteria
