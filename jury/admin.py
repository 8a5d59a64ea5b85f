from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from otwarte.audit import GuardedHistoryAdmin

from . import services
from .models import Conflict, Criterion, Juror, Nomination, Score, ScoreChange
from .permissions import is_organiser


@admin.register(Juror)
class JurorAdmin(TabbedTranslationAdmin):
    list_display = ["name", "country_of_origin", "city", "preferred_language", "user"]
    list_filter = ["editions", "preferred_language"]
    search_fields = ["name", "country_of_origin"]
    autocomplete_fields = ["city", "user"]
    filter_horizontal = ["editions"]


@admin.register(Criterion)
class CriterionAdmin(GuardedHistoryAdmin, TabbedTranslationAdmin):
    list_display = ["name", "edition", "code", "weight", "scale_min", "scale_max", "required"]
    list_filter = ["edition"]
    search_fields = ["name", "code"]


@admin.register(Nomination)
class NominationAdmin(GuardedHistoryAdmin):
    list_display = ["practice", "category", "edition", "created_at"]
    list_filter = ["edition", "category"]
    search_fields = ["practice__title_pl", "practice__city__name_pl"]
    autocomplete_fields = ["practice"]
    readonly_fields = ["created_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        # New nominations go through the service (phase rule, duplicate message).
        created = services.create_nomination(
            edition=obj.edition,
            practice=obj.practice,
            category=obj.category,
            justification=obj.justification,
            created_by=request.user,
        )
        obj.pk = created.pk


class ConflictAdminForm(forms.ModelForm):
    class Meta:
        model = Conflict
        fields = ["juror", "nomination", "reason"]

    def clean(self):
        data = super().clean()
        juror, nomination = data.get("juror"), data.get("nomination")
        if juror and nomination and not juror.editions.filter(pk=nomination.edition_id).exists():
            raise forms.ValidationError(_("This juror is not on the jury of this edition."))
        return data


@admin.register(Conflict)
class ConflictAdmin(admin.ModelAdmin):
    """Organisers record conflicts they learn of; the juror's scores stop counting."""

    form = ConflictAdminForm
    list_display = ["juror", "nomination", "declared_by", "declared_at"]
    list_filter = ["nomination__edition"]
    readonly_fields = ["declared_by", "declared_at"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        # The form has checked what the service checks; a race ends in its error.
        created = services.declare_conflict(
            juror=obj.juror, nomination=obj.nomination, reason=obj.reason, by=request.user
        )
        obj.pk = created.pk


class ReadOnlyAdmin(admin.ModelAdmin):
    """Scores change only through the jurors' pages, so that history stays complete."""

    def has_module_permission(self, request):
        return is_organiser(request.user) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_organiser(request.user) or super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Score)
class ScoreAdmin(ReadOnlyAdmin, GuardedHistoryAdmin):
    # The history (who/when/old→new, every field) next to ScoreChange, the
    # jury's own readable log of score values.
    list_display = ["nomination", "juror", "criterion", "value", "updated_at"]
    list_filter = ["nomination__edition", "juror"]


@admin.register(ScoreChange)
class ScoreChangeAdmin(ReadOnlyAdmin):
    list_display = ["changed_at", "juror", "nomination", "criterion", "old_value", "new_value",
                    "changed_by"]
    list_filter = ["nomination__edition", "juror"]
