"""Admin for organisers and experts: assignments and expert reports.

Experts work here (stage one of the cycle); see `otwarte/admin.py` for who
sees what. Workflow buttons on the report page call `reports.services`.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from otwarte.access import is_organiser
from otwarte.audit import GuardedHistoryAdmin
from practices.models import Assignment, Award, Category
from practices.phases import REFUSALS, Action, allows
from practices.scoping import ExpertScopedAdminMixin, _role

from . import notifications, permissions, services
from .enums import ReportStatus
from .models import FollowUp, ProposedNomination, RecommendationProgress, Report, ReportPractice


class ReportPartInline(ExpertScopedAdminMixin):
    """Inline rows follow their report: editable by its expert while a draft or
    returned, by organisers always. `obj` is the parent report."""

    extra = 0
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 40})}
    }
    expert_actions = frozenset({"add", "change", "delete"})

    def get_queryset(self, request):
        return (
            super(ExpertScopedAdminMixin, self)
            .get_queryset(request)
            .select_related("practice__city")
        )

    def _editable(self, request, obj):
        return obj is not None and permissions.can_edit_report(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return self._editable(request, obj) and super(
            ExpertScopedAdminMixin, self
        ).has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(request, obj) and super(
            ExpertScopedAdminMixin, self
        ).has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(request, obj) and super(
            ExpertScopedAdminMixin, self
        ).has_delete_permission(request, obj)

    def has_view_permission(self, request, obj=None):
        return _role(request) is not None and super(
            ExpertScopedAdminMixin, self
        ).has_view_permission(request, obj)

    def get_formset(self, request, obj=None, **kwargs):
        # The parent report's edition decides which categories the rows offer.
        request._report_edition_id = obj.edition_id if obj is not None else None
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Category:
            edition_id = getattr(request, "_report_edition_id", None)
            kwargs["queryset"] = (
                Category.objects.filter(editions=edition_id)
                if edition_id
                else Category.objects.all()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ReportPracticeInline(ReportPartInline, admin.StackedInline):
    model = ReportPractice
    autocomplete_fields = ["practice"]
    # Experts write their notes in Polish; translators translate them for the jury.
    fields = [
        "practice",
        "category",
        ("engagement_pl", "durability_pl"),
        ("comprehensiveness_pl", "effectiveness_pl"),
    ]
    verbose_name_plural = _("Practices found (add new practices with the + next to “practice”)")


class FollowUpInline(ReportPartInline, admin.StackedInline):
    # Stacked rather than tabular: every field keeps its own label (axe-core).
    model = FollowUp
    fields = ["practice", ("status", "evidence_url"), "note"]
    readonly_fields = ["practice"]

    def has_add_permission(self, request, obj=None):
        # The rows are pre-filled from earlier awards when the report is created.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RecommendationProgressInline(ReportPartInline, admin.StackedInline):
    """Where the report's city stands with recommendations of earlier awards: its
    own awards' rows are pre-filled beside the follow-ups; the expert adds other
    cities' recommendations the city took up."""

    model = RecommendationProgress
    fields = ["award", ("status", "evidence_url"), "note"]

    def get_queryset(self, request):
        return (
            super(ExpertScopedAdminMixin, self)
            .get_queryset(request)
            .select_related("award__edition", "award__practice__city")
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "award":
            # Published awards with a recommendation; the model's clean() checks
            # that the award is older than the report.
            kwargs["queryset"] = (
                Award.objects.published()
                .exclude(recommendation_pl="")
                .select_related("edition", "practice__city")
                .order_by("-edition__year", "order")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ProposedNominationInline(ReportPartInline, TranslationStackedInline):
    model = ProposedNomination
    autocomplete_fields = ["practice"]
    fields = ["practice", "category", "justification"]


class ReportForm(forms.ModelForm):
    user = None  # set by ReportAdmin.get_form

    class Meta:
        model = Report
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        edition, city = cleaned.get("edition"), cleaned.get("city")
        if self.instance.pk is None and edition and not allows(edition, Action.WRITE_REPORT):
            self.add_error("edition", REFUSALS[Action.WRITE_REPORT])
            return cleaned
        if (
            self.instance.pk is None
            and edition
            and city
            and permissions.is_expert(self.user)
            and not permissions.is_assigned(self.user, edition=edition, city=city)
        ):
            raise ValidationError(
                _("You are not assigned to %(city)s in %(year)s.")
                % {"city": city, "year": edition.year}
            )
        return cleaned


WORKFLOW_BUTTONS = {
    "_submit_report": _("Save and submit to the organisers"),
    "_return_report": _("Return to the expert with the comments"),
    "_accept_report": _("Accept the report"),
}


@admin.register(Report)
class ReportAdmin(ExpertScopedAdminMixin, GuardedHistoryAdmin, TabbedTranslationAdmin):
    form = ReportForm
    expert_actions = frozenset({"add", "change"})
    list_display = ["city", "edition", "status", "deadline", "submitted_at", "updated_at"]
    list_filter = [
        ("edition", admin.RelatedOnlyFieldListFilter),
        ("city", admin.RelatedOnlyFieldListFilter),
        "status",
    ]
    search_fields = ["city__name_pl", "city__name", "overview_pl", "overview"]
    list_select_related = ["edition", "city"]
    autocomplete_fields = ["city"]
    inlines = [
        ReportPracticeInline, FollowUpInline, RecommendationProgressInline,
        ProposedNominationInline,
    ]

    def scope_for_expert(self, request, queryset):
        return queryset.assigned_to(request.user)

    def expert_may_change(self, request, obj):
        return permissions.can_edit_report(request.user, obj)

    @admin.display(description=_("deadline"))
    def deadline(self, obj):
        return obj.edition.reports_deadline

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["edition", "city", *self._overview_fields()]
        fields = ["edition", "city", *self._overview_fields()]
        if is_organiser(request.user) or obj.review_comment:
            fields += self._comment_fields()
        return fields

    def get_fieldsets(self, request, obj=None):
        # modeltranslation builds fieldsets from the whole form; keep ours.
        return [(None, {"fields": self.get_fields(request, obj)})]

    def _overview_fields(self):
        from modeltranslation.utils import get_translation_fields

        return get_translation_fields("overview")

    def _comment_fields(self):
        return ["review_comment"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        readonly = ["edition", "city"]
        if not is_organiser(request.user):
            readonly.append("review_comment")
        return readonly

    def get_inlines(self, request, obj):
        # Follow-up rows are created with the report; the add form stays short.
        return self.inlines if obj is not None else []

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        # A new report goes through the service (phase rule, follow-ups pre-filled);
        # the admin's log entry and redirect then use the saved instance.
        report = services.create_report(
            edition=obj.edition,
            city=obj.city,
            created_by=request.user,
            **{name: getattr(obj, name) for name in self._overview_fields()},
        )
        obj.pk, obj._state = report.pk, report._state

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        if "_popup" in request.POST:
            return response
        # Straight on to the sections of the new report.
        return HttpResponseRedirect(reverse("admin:reports_report_change", args=[obj.pk]))

    def response_change(self, request, obj):
        action = next((name for name in WORKFLOW_BUTTONS if name in request.POST), None)
        if action is None:
            return super().response_change(request, obj)
        try:
            if action == "_submit_report":
                obj = services.submit_report(report=obj, user=request.user)
                notifications.report_submitted(report=obj, request=request)
                message = _("The report was submitted. The organisers will review it.")
            elif action == "_return_report":
                services.return_report(report=obj, user=request.user, comment=obj.review_comment)
                notifications.report_reviewed(report=obj, kind="report_returned", request=request)
                message = _("The report was returned to the expert.")
            else:
                services.accept_report(report=obj, user=request.user)
                notifications.report_reviewed(report=obj, kind="report_accepted", request=request)
                message = _("The report was accepted; its proposed nominations are available.")
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        except PermissionDenied:
            self.message_user(request, _("You cannot do this."), messages.ERROR)
        else:
            self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:reports_report_change", args=[obj.pk]))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        buttons = []
        if obj is not None:
            user = request.user
            if obj.is_editable_by_expert and permissions.can_submit_report(user, obj):
                buttons.append("_submit_report")
            if obj.status == ReportStatus.SUBMITTED and permissions.can_review_report(user, obj):
                buttons += ["_return_report", "_accept_report"]
            deadline = obj.edition.reports_deadline
            if not allows(obj.edition, Action.WRITE_REPORT):
                context["phase_refusal"] = REFUSALS[Action.WRITE_REPORT]
            context.update(
                report=obj,
                deadline=deadline,
                deadline_passed=deadline is not None and timezone.now() > deadline,
                editable_by_expert=obj.is_editable_by_expert,
            )
        context["workflow_buttons"] = [(name, WORKFLOW_BUTTONS[name]) for name in buttons]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changelist_view(self, request, extra_context=None):
        assignments = []
        if permissions.is_expert(request.user):
            assignments = Assignment.objects.for_expert(request.user).select_related(
                "edition", "city"
            )
        extra_context = {
            **(extra_context or {}),
            "my_assignments": assignments,
            "is_expert": permissions.is_expert(request.user),
        }
        return super().changelist_view(request, extra_context)
