"""The phase policy in the Django admin: one mixin for every model admin (and inline)
whose writes belong to a phase of the cycle.

The admin is one more door to the same rules as the cockpit: adding, changing and
deleting ask `allows(edition, action)` (so a closed object is shown read-only and a
POST to it answers 403), the form offers only editions whose phase allows the action,
and every write (`save_model`, `delete_model`, `delete_queryset`, inline formsets)
`require()`s the phase under a lock of the edition, so a crafted POST or the bulk
"delete selected" action cannot go around it.

`PhaseGatedFieldsMixin` does the same for some fields of an object shown by several
editions (a practice's public texts): they are read-only while any of those editions'
phases refuses the action.
"""

from django.core.exceptions import PermissionDenied

from .models import Edition
from .phases import PhaseError, allows, phases_allowing, require


def _require_or_403(phase, action):
    try:
        require(phase, action)
    except PhaseError as error:
        raise PermissionDenied(" ".join(error.messages)) from error


def _follow(obj, path):
    if not path:  # the object is the edition
        return obj
    for name in path.split("__"):
        if obj is None:
            return None
        obj = getattr(obj, name, None)
    return obj


class PhaseGatedAdminMixin:
    """Gate add/change/delete by `phase_action` on the object's edition.

    `edition_path` leads from the object to its edition ("nomination__edition"; ""
    for the edition itself); on an inline it leads from the parent object, which is
    what Django passes to an inline's permission methods.
    """

    phase_action = None
    edition_path = "edition"
    limit_edition_choices = True  # inlines: the parent's edition decides

    # What the policy says about one object (None: no object yet, e.g. the add form).
    def edition_of(self, obj):
        return _follow(obj, self.edition_path) if obj is not None else None

    def phase_allows(self, obj=None):
        edition = self.edition_of(obj)
        if edition is None and not self.edition_path:
            # A new edition: it starts in the field's default phase.
            return allows(Edition._meta.get_field("phase").default, self.phase_action)
        if edition is None:  # nothing chosen yet: open if any edition is
            return Edition.objects.filter(phase__in=phases_allowing(self.phase_action)).exists()
        return allows(edition, self.phase_action)

    def require_phase(self, obj):
        """Lock the object's edition and refuse (403, with the table's reason) unless
        its phase allows the action: the last word before a write."""
        edition = self.edition_of(obj)
        if edition is None:
            raise PermissionDenied
        if edition.pk is None:  # an edition being added: its own (first) phase
            return _require_or_403(edition.phase, self.phase_action)
        phase = Edition.objects.select_for_update().values_list("phase", flat=True)
        _require_or_403(phase.get(pk=edition.pk), self.phase_action)

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


class PhaseGatedFieldsMixin:
    """Gate `phase_fields` of an object that belongs to no one edition (a practice,
    shown by every edition that awards it): they change, and the object is deleted,
    only while the phase of every edition of `phase_editions(obj)` allows
    `phase_action`. Otherwise they are shown read-only (the rest of the form stays
    open), and a POST changing them (a form loaded before the edition was
    published) answers 403 with the table's reason, checked under a lock of those
    editions. Translated fields name all their languages ("title": "title_pl", ...).
    """

    phase_action = None
    phase_fields = ()

    def phase_editions(self, obj):
        """The editions whose phases decide for `obj` (a queryset of Edition)."""
        raise NotImplementedError

    def gated_fields(self):
        # modeltranslation's admin names a translated field by its languages.
        names = list(self.phase_fields)
        return list(getattr(self, "replace_orig_field", list)(names))

    def _phases(self, obj, *, lock=False):
        if obj is None or obj.pk is None:
            return []
        editions = Edition.objects.filter(pk__in=self.phase_editions(obj).values("pk"))
        if lock:
            editions = editions.select_for_update()
        return list(editions.order_by("pk").values_list("phase", flat=True))

    def phase_closed(self, obj):
        return any(not allows(phase, self.phase_action) for phase in self._phases(obj))

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if self.phase_closed(obj):
            fields += [name for name in self.gated_fields() if name not in fields]
        return fields

    def get_fields(self, request, obj=None):
        # Read-only fields come last by default: keep the open form's order.
        fields = list(super().get_fields(request, obj))
        if obj is None or not self.phase_closed(obj):
            return fields
        order = list(super().get_fields(request, None))
        return sorted(fields, key=lambda f: order.index(f) if f in order else len(order))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self.phase_closed(obj)

    def require_phases(self, obj):
        for phase in self._phases(obj, lock=True):
            _require_or_403(phase, self.phase_action)

    def save_model(self, request, obj, form, change):
        if change and set(form.changed_data) & set(self.gated_fields()):
            self.require_phases(obj)
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        self.require_phases(obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.require_phases(obj)
        super().delete_queryset(request, queryset)
