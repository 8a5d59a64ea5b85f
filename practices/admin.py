from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Award, Category, City, Edition, Practice, SimilarAction


@admin.register(City)
class CityAdmin(TabbedTranslationAdmin):
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
class EditionAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    list_display = ["year", "phase", "ceremony_at", "published_at"]
    list_filter = ["phase"]
    search_fields = ["year"]
    # The phase changes through services.change_phase (admin actions), never by hand.
    readonly_fields = ["phase", "published_at"]


@admin.register(Practice)
class PracticeAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    list_display = ["__str__", "city", "initiator", "follow_up_status"]
    list_filter = ["initiator", "follow_up_status", "categories"]
    search_fields = ["title", "title_pl", "city__name", "city__name_pl"]
    autocomplete_fields = ["city"]
    filter_horizontal = ["categories"]


class SimilarActionInline(admin.TabularInline):
    model = SimilarAction
    extra = 0
    autocomplete_fields = ["city", "practice"]


@admin.register(Award)
class AwardAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    list_display = ["__str__", "edition", "category", "order"]
    list_filter = ["edition", "category"]
    search_fields = ["practice__title", "practice__title_pl", "practice__city__name_pl"]
    autocomplete_fields = ["practice"]
    inlines = [SimilarActionInline]


