from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from otwarte.admin import ExpertScopedAdminMixin
from otwarte.audit import GuardedHistoryAdmin
from reports.permissions import is_expert

from . import services
from .enums import ProposalStatus
from .models import Award, Category, City, Edition, Practice, PracticeProposal, SimilarAction
from .permissions import is_organiser


@admin.register(City)
class CityAdmin(ExpertScopedAdminMixin, TabbedTranslationAdmin):
    # Experts see (and autocomplete) only their assigned cities.
    expert_city_path = "pk"
    list_display = ["name", "voivodeship", "teryt"]
    list_filter = ["voivodeship"]
    search_fields = ["name", "name_pl", "slug", "teryt"]
    prepopulated_fields = {"slug": ["name_pl"]}


@admin.register(Category)
class CategoryAdmin(TabbedTranslationAdmin):
    list_display = ["name", "code", "order"]
    list_editable = ["order"]
    search_fields = ["name", "name_pl", "code"]


@admin.register(Edition)
class EditionAdmin(GuardedHistoryAdmin, TabbedTranslationAdmin):
    list_display = ["year", "phase", "ceremony_at", "published_at"]
    list_filter = ["phase"]
    search_fields = ["year"]
    # The phase changes through services.change_phase (admin actions), never by hand.
    readonly_fields = ["phase", "published_at"]


@admin.register(Practice)
class PracticeAdmin(ExpertScopedAdminMixin, GuardedHistoryAdmin, TabbedTranslationAdmin):
    # Experts add practices of their cities from their reports; awarded
    # practices are published content and stay with the organisers.
    expert_actions = frozenset({"add", "change"})
    list_display = ["__str__", "city", "initiator", "follow_up_status"]
    list_filter = ["initiator", "follow_up_status", "categories"]
    search_fields = ["title", "title_pl", "city__name", "city__name_pl"]
    autocomplete_fields = ["city"]
    filter_horizontal = ["categories"]

    def expert_may_change(self, request, obj):
        return not obj.awards.exists()

    def get_readonly_fields(self, request, obj=None):
        if is_expert(request.user):
            # Set from accepted expert reports (reports.services.apply_follow_ups).
            return ["follow_up_status"]
        return super().get_readonly_fields(request, obj)


class SimilarActionInline(admin.TabularInline):
    model = SimilarAction
    extra = 0
    autocomplete_fields = ["city", "practice"]


@admin.register(Award)
class AwardAdmin(GuardedHistoryAdmin, TabbedTranslationAdmin):
    list_display = ["__str__", "edition", "category", "order"]
    list_filter = ["edition", "category"]
    search_fields = ["practice__title", "practice__title_pl", "practice__city__name_pl"]
    autocomplete_fields = ["practice"]
    inlines = [SimilarActionInline]


@admin.register(PracticeProposal)
class PracticeProposalAdmin(admin.ModelAdmin):
    """The open call's moderation queue, for organisers only.

    Accepting creates a Practice (not public until it is awarded in a published
    edition); rejecting keeps the record. Proposals are never deleted here.
    """

    list_display = ["title", "city_label", "category", "proposer", "status", "submitted_at"]
    list_filter = ["status", "category"]
    search_fields = ["title", "city_name", "city__name_pl", "proposer", "contact_email"]
    date_hierarchy = "submitted_at"
    readonly_fields = [
        "title",
        "description",
        "city_name",
        "proposer",
        "contact_email",
        "status",
        "submitted_at",
        "decided_at",
        "decided_by",
        "practice",
    ]
    fields = [
        "status",
        "city",
        "city_name",
        "title",
        "description",
        "category",
        "proposer",
        "contact_email",
        "submitted_at",
        "decided_at",
        "decided_by",
        "practice",
        "moderator_note",
    ]
    autocomplete_fields = ["city"]
    actions = ["accept", "reject"]

    @admin.display(description=_("city"))
    def city_label(self, obj):
        return obj.city_label

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("city", "category")

    def _allowed(self, request):
        return is_organiser(request.user)

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _moderate(self, request, queryset, service, done_message):
        done = 0
        for proposal in queryset.filter(status=ProposalStatus.PENDING):
            try:
                service(proposal=proposal, user=request.user)
                done += 1
            except ValidationError as error:
                self.message_user(
                    request, f"{proposal}: {' '.join(error.messages)}", messages.ERROR
                )
        if done:
            self.message_user(request, done_message % {"n": done}, messages.SUCCESS)

    @admin.action(description=_("Accept: create the practice"))
    def accept(self, request, queryset):
        self._moderate(request, queryset, services.accept_proposal, _("Accepted: %(n)d."))

    @admin.action(description=_("Reject (keep the record)"))
    def reject(self, request, queryset):
        self._moderate(request, queryset, services.reject_proposal, _("Rejected: %(n)d."))
