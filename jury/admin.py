from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Criterion, Juror


@admin.register(Juror)
class JurorAdmin(TabbedTranslationAdmin):
    list_display = ["name", "country_of_origin", "city", "preferred_language", "user"]
    list_filter = ["editions", "preferred_language"]
    search_fields = ["name", "country_of_origin"]
    autocomplete_fields = ["city", "user"]
    filter_horizontal = ["editions"]


@admin.register(Criterion)
class CriterionAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    list_display = ["name", "edition", "code", "weight", "scale_min", "scale_max", "required"]
    list_filter = ["edition"]
    search_fields = ["name", "code"]
