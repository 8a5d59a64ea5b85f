"""Expert scoping in the admin, shared by every app above this one: organisers see everything, experts
see only what belongs to the cities assigned to them, nobody else sees anything.

Hidden rows are filtered out of the queryset, so changelists, change/delete/
history views, autocomplete endpoints and related-object popups all agree, and
a hidden object's URL answers 404 (not 403, which would confirm it exists).
"""

from django.contrib.admin.utils import unquote
from django.http import Http404

from otwarte.access import is_organiser
from otwarte.admin_widgets import NoScriptAutocompleteMixin
from otwarte.audit import refuse_revert_without_change_permission

from . import permissions
from .models import Category, City, Edition, Practice


def _role(request):
    user = request.user
    if is_organiser(user):
        return "organiser"
    if permissions.is_expert(user):
        return "expert"
    return None


def limit_choices_for_expert(db_field, user, kwargs):
    """Offer an expert only their assigned cities, editions and those cities' practices."""
    model = db_field.related_model
    if model is City:
        kwargs["queryset"] = City.objects.filter(pk__in=permissions.assigned_city_ids(user))
    elif model is Edition:
        kwargs["queryset"] = Edition.objects.filter(pk__in=permissions.assigned_edition_ids(user))
    elif model is Practice:
        kwargs["queryset"] = Practice.objects.filter(
            city__in=permissions.assigned_city_ids(user)
        ).select_related("city")
    return kwargs


class ExpertScopedAdminMixin(NoScriptAutocompleteMixin):
    """Mix into a ModelAdmin; set `expert_actions` and override `scope_for_expert`.

    Django model permissions (granted to the groups by otwarte/roles.py) still
    apply on top: this mixin only narrows them.
    """

    expert_actions = frozenset()  # any of "add", "change", "delete"; viewing is implied
    expert_city_path = "city"  # lookup from the model to its City

    def scope_for_expert(self, request, queryset):
        return queryset.filter(
            **{f"{self.expert_city_path}__in": permissions.assigned_city_ids(request.user)}
        )

    def expert_may_change(self, request, obj):
        return True

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        role = _role(request)
        if role == "organiser":
            return queryset
        if role == "expert":
            return self.scope_for_expert(request, queryset)
        return queryset.none()

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            # Django would redirect to the index with "does not exist"; answer
            # like any other hidden URL instead.
            raise Http404
        return obj

    def history_view(self, request, object_id, extra_context=None):
        # django-simple-history falls back to the historical record of an
        # object missing from get_queryset(), which would show experts the
        # history of other cities' objects: check visibility first.
        self.get_object(request, unquote(object_id))
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self.get_object(request, unquote(object_id))
        refuse_revert_without_change_permission(self, request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def has_module_permission(self, request):
        return _role(request) is not None and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return _role(request) is not None and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        role = _role(request)
        if role == "expert" and "add" not in self.expert_actions:
            return False
        return role is not None and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        role = _role(request)
        if role == "expert" and (
            "change" not in self.expert_actions
            or (obj is not None and not self.expert_may_change(request, obj))
        ):
            return False
        return role is not None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        role = _role(request)
        if role == "expert" and "delete" not in self.expert_actions:
            return False
        return role is not None and super().has_delete_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if _role(request) == "expert":
            kwargs = limit_choices_for_expert(db_field, request.user, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def limit_categories_to_edition(form, obj):
    """On a change form, offer only the categories of the object's edition (a new
    object's edition is chosen on the form itself: its model clean() refuses a
    category of another edition)."""
    field = form.base_fields.get("category")
    if obj is not None and field is not None:
        field.queryset = Category.objects.filter(editions=obj.edition_id)
    return form
