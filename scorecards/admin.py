"""Scorecards in the admin: organisers define the rounds (copying the previous edition,
publishing), open cities' links; experts verify their cities' answers.

Experts see only the scorecards of the cities assigned to them in the round's
edition (`practices.scoping.ExpertScopedAdminMixin`, narrowed to the edition), and
change only the verification of each answer. A published round is read-only.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from otwarte.access import OrganiserOnlyAdminMixin
from practices.models import Assignment
from practices.scoping import ExpertScopedAdminMixin, _role

from . import services
from .enums import Verdict
from .models import Answer, Area, CityScorecard, Grade, Indicator, Round

ALL = frozenset({"view", "add", "change", "delete"})


class AreaInline(TranslationStackedInline):
    model = Area
    extra = 0
    fields = ["code", "order", "name", "description", "weight", "survey_criterion"]


@admin.register(Round)
class RoundAdmin(OrganiserOnlyAdminMixin, TabbedTranslationAdmin):
    organiser_actions = ALL
    list_display = ["edition", "published_at"]
    readonly_fields = ["published_at"]
    inlines = [AreaInline]
    actions = ["copy_previous", "publish", "unpublish"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.is_published)

    def _each(self, request, queryset, service, done):
        for round in queryset:
            try:
                result = service(round=round)
            except ValidationError as error:
                self.message_user(request, f"{round}: {' '.join(error.messages)}", messages.ERROR)
            else:
                self.message_user(request, done(round, result), messages.SUCCESS)

    @admin.action(description=_("Copy areas and indicators from the previous edition"))
    def copy_previous(self, request, queryset):
        self._each(request, queryset, services.copy_from_previous,
                   lambda r, n: _("%(round)s: %(n)s indicators copied.") % {"round": r, "n": n})

    @admin.action(description=_("Publish the scorecards"))
    def publish(self, request, queryset):
        self._each(request, queryset, services.publish_round,
                   lambda r, _n: _("%(round)s: published.") % {"round": r})

    @admin.action(description=_("Take the scorecards offline"))
    def unpublish(self, request, queryset):
        self._each(request, queryset, services.unpublish_round,
                   lambda r, _n: _("%(round)s: taken offline.") % {"round": r})


class GradeInline(TranslationTabularInline):
    model = Grade
    extra = 0
    fields = ["points", "label"]


@admin.register(Indicator)
class IndicatorAdmin(OrganiserOnlyAdminMixin, TabbedTranslationAdmin):
    organiser_actions = ALL
    list_display = ["code", "question", "area", "round", "weight", "reference"]
    list_filter = ["round"]
    fields = ["area", "code", "revision", "order", "question", "evidence_expected", "weight",
              "reference", "reference_item"]
    inlines = [GradeInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("area", "round__edition")

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (
            obj and obj.round.is_published
        )


class AnswerForm(forms.ModelForm):
    class Meta:
        model = Answer
        fields = ["verdict", "verified_grade", "verification_note"]
        widgets = {"verification_note": forms.Textarea(attrs={"rows": 2, "cols": 40})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "verified_grade" in self.fields:
            self.fields["verified_grade"].queryset = self.instance.indicator.grades.all()


class AnswerInline(admin.TabularInline):
    """The expert's verification of each declared answer."""

    model = Answer
    form = AnswerForm
    extra = 0
    fields = ["indicator", "grade", "evidence", "verdict", "verified_grade", "verification_note"]
    readonly_fields = ["indicator", "grade", "evidence"]

    @admin.display(description=_("evidence"))
    def evidence(self, answer):
        return " · ".join(x for x in (answer.evidence_url, answer.evidence_reference) if x)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("indicator", "grade")

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return _role(request) is not None and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        editable = obj is None or not obj.round.is_published
        return editable and _role(request) is not None and super().has_change_permission(
            request, obj
        )


class CityScorecardForm(forms.ModelForm):
    class Meta:
        model = CityScorecard
        fields = ["round", "city", "contact_name", "contact_email", "deadline"]


@admin.register(CityScorecard)
class CityScorecardAdmin(ExpertScopedAdminMixin, admin.ModelAdmin):
    form = CityScorecardForm
    expert_actions = frozenset({"change"})
    list_display = ["city", "round", "answered_at", "verified"]
    list_filter = ["round"]
    inlines = [AnswerInline]

    def scope_for_expert(self, request, queryset):
        # Only the cities assigned to the expert in the round's own edition.
        assigned = Assignment.objects.filter(expert=request.user).values_list("edition", "city")
        pairs = set(assigned)
        ids = [pk for pk, edition, city in queryset.values_list("pk", "round__edition", "city")
               if (edition, city) in pairs]
        return queryset.filter(pk__in=ids)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("round__edition", "city")

    @admin.display(description=_("verified"))
    def verified(self, scorecard):
        return scorecard.answers.exclude(verdict=Verdict.PENDING).count()

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["round", "city", "contact_name", "contact_email", "deadline", "answered_at"]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.round.is_published:
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            return
        data = form.cleaned_data
        scorecard, token = services.issue_link(
            round=data["round"], city=data["city"], contact_name=data["contact_name"],
            contact_email=data["contact_email"], deadline=data["deadline"],
        )
        obj.pk = scorecard.pk
        link = request.build_absolute_uri(reverse("scorecards:answer", args=[token]))
        self.message_user(
            request,
            _("The city's personal link (shown only now; send it to the contact): %(link)s")
            % {"link": link},
            messages.WARNING,
        )

    def save_formset(self, request, form, formset, change):
        # Through the service, not formset.save(); the admin's history message still
        # reads what changed.
        formset.new_objects, formset.deleted_objects, formset.changed_objects = [], [], []
        for inline_form in formset.forms:
            if inline_form.has_changed():
                formset.changed_objects.append((inline_form.instance, inline_form.changed_data))
                data = inline_form.cleaned_data
                services.verify_answer(
                    answer=inline_form.instance, verdict=data["verdict"],
                    grade=data.get("verified_grade"), note=data.get("verification_note", ""),
                    by=request.user,
                )
