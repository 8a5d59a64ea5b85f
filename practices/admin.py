from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from otwarte.admin import ExpertScopedAdminMixin
from reports.permissions import is_expert

from .models import Award, Category, City, Edition, Practice, SimilarAction


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
class EditionAdmin(TabbedTranslationAdmin):
    list_display = ["year", "phase", "ceremony_at", "published_at"]
    list_filter = ["phase"]
    search_fields = ["year"]
    # The phase changes through services.change_phase (admin actions), never by hand.
    readonly_fields = ["phase", "published_at"]


@admin.register(Practice)
class PracticeAdmin(ExpertScopedAdminMixin, TabbedTranslationAdmin):
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
class AwardAdmin(TabbedTranslationAdmin):
    list_display = ["__str__", "edition", "category", "order"]
    list_filter = ["edition", "category"]
    search_fields = ["practice__title", "practice__title_pl", "practice__city__name_pl"]
    autocomplete_fields = ["practice"]
    inlines = [SimilarActionInline]


