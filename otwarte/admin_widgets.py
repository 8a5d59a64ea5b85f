"""Admin autocomplete selects that still work without JavaScript.

Django's AutocompleteSelect renders only the selected option and leaves the
rest to Select2 and its JSON endpoint: with JavaScript off the select is empty
and an expert cannot even create a report. These widgets render every choice
the form field offers, which the admins have already narrowed to what the
user may choose (an expert's assigned cities, editions and their practices,
practices.scoping); Select2 takes over as before when JavaScript runs.
"""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple


class NoScriptAutocompleteSelect(AutocompleteSelect):
    def optgroups(self, name, value, attrs=None):
        # forms.Select's: every choice, not AutocompleteMixin's selected-only list.
        return forms.Select.optgroups(self, name, value, attrs)


class NoScriptAutocompleteSelectMultiple(AutocompleteSelectMultiple):
    def optgroups(self, name, value, attrs=None):
        return forms.SelectMultiple.optgroups(self, name, value, attrs)


def _with_labels_joined(field):
    """Read the foreign keys that choice labels (__str__) usually name in the same query."""
    queryset = getattr(field, "queryset", None)
    if queryset is not None and queryset.query.select_related is False:
        names = [
            f.name for f in queryset.model._meta.concrete_fields if f.many_to_one and not f.null
        ]
        if names:
            field.queryset = queryset.select_related(*names)
    return field


class NoScriptAutocompleteMixin:
    """Put first in a ModelAdmin's or inline's bases that has autocomplete_fields."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = NoScriptAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
            return _with_labels_joined(super().formfield_for_foreignkey(db_field, request, **kwargs))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = NoScriptAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
