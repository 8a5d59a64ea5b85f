"""The phase policy in the Django admin: one mixin for every model admin (and inline)
whose writes belong to a phase of the cycle.

The admin is one more door to the same rules as the cockpit: adding, changing and
deleting ask `allows(edition, action)` (so a closed object is shown read-only and a
POST to it answers 403), the form offers only editions whose phase allows the action,
and every write (`save_model`, `delete_model`, `delete_queryset`, inline formsets)
`require()`s the phase under a lock of the edition, so a crafted POST or the bulk
"delete selected" action cannot go around it.
"""

from django.core.exceptions import PermissionDenied

from .models import Edition
from .phases import PhaseError, allows, phases_allowing, require


def _follow(obj, path):
    for name in path.split("__"):
        if obj is None:
            return None
        obj = getattr(obj, name, None)
    return obj


class PhaseGatedAdminMixin:
    """Gate add/change/delete by `phase_action` on the object's edition.

    `edition_path` leads from the object to its edition ("nomination__edition");
    on an inline it leads from the parent object, which is what Django passes to an
    inline's permission methods.
    """

    phase_action = None
    edition_path = "edition"
    limit_edition_choices = True  # inlines: the parent's edition decides

    # What the policy says about one object (None: no object yet, e.g. the add form).
    def edition_of(self, obj):
        return _follow(obj, self.edition_path) if obj is not None else None

    def phase_allows(self, obj=None):
        edition = self.edition_of(obj)
        if edition is None:  # nothing chosen yet: open if any edition is
            return Edition.objects.filter(phase__in=phases_allowing(self.phase_action)).exists()
        return allows(edition, self.phase_action)

    def require_phase(self, obj):
        """Lock the object's edition and refuse (403, with the table's reason) unless
        its phase allows the action: the last word before a write."""
        edition = self.edition_of(obj)
        if edition is None:
            raise PermissionDenied
        phase = Edition.objects.select_for_update().values_list("phase", flat=True)
        try:
            require(phase.get(pk=edition.pk), self.phase_action)
        except PhaseError as error:
            raise PermissionDenied(" ".join(error.messages)) from error

    def has_add_permission(self, request, *args):
        return super().has_add_permission(request, *args) and self.phase_allows(*args)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or self.phase_allows(obj)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or self.phase_allows(obj)
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Offer only what lies in an edition whose phase allows the action.
        first, _sep, rest = self.edition_path.partition("__")
        if self.limit_edition_choices and db_field.name == first:
            lookup = f"{rest}__phase__in" if rest else "phase__in"
            queryset = kwargs.get("queryset", db_field.related_model._default_manager.all())
            kwargs["queryset"] = queryset.filter(
                **{lookup: phases_allowing(self.phase_action)}
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # The writes. Model admins only; inlines are saved by their parent's save_formset.
    def save_model(self, request, obj, form, change):
        self.require_phase(obj)
        if change:
            # Moving an object out of its edition needs the old edition's consent too.
            old = type(obj)._default_manager.get(pk=obj.pk)
            self.require_phase(old)
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        self.require_phase(obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.require_phase(obj)
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        # Inline rows (similar actions, quotes) are part of the parent's text.
        self.require_phase(form.instance)
        super().save_formset(request, form, formset, change)


class PhaseGatedInlineMixin(PhaseGatedAdminMixin):
    """An inline gated like its parent: `edition_path` leads from the parent object."""

    limit_edition_choices = False
