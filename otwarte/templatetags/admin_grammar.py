"""Polish grammar in the stock admin (issue 15).

Django's admin puts a model's `verbose_name`, a nominative, where Polish needs
the accusative: "Dodaj edycja", "Zmień kategoria", "Wybierz użytkownik do
zmiany". Here the accusative is the `accusative` context of the same msgid in
the catalogues (`pgettext("accusative", "edition")` → "edycję"); a language or
model without one keeps the verbose name as it is. The templates that show
these phrases (admin/base_site.html for titles, admin/change_form.html for the
breadcrumb, admin/change_list_object_tools.html for the add button) use the
filters below; sentences that cannot take the accusative (messages, delete
confirmations, related-object links) are phrased without inflection in the
Polish catalogue instead.
"""

from django import template
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext_lazy, pgettext, pgettext_lazy

register = template.Library()

# The accusative forms in the catalogues (listed so that makemessages finds
# them): names whose accusative differs from the nominative in Polish. Give each
# a form in every language: a missing one falls back to the Polish catalogue.
ACCUSATIVES = [
    pgettext_lazy("accusative", "category"),
    pgettext_lazy("accusative", "practice"),
    pgettext_lazy("accusative", "juror"),
    pgettext_lazy("accusative", "nomination"),
    pgettext_lazy("accusative", "score"),
    pgettext_lazy("accusative", "score change"),
    pgettext_lazy("accusative", "proposed nomination"),
    pgettext_lazy("accusative", "edition"),
    pgettext_lazy("accusative", "survey"),
    pgettext_lazy("accusative", "sent message"),
    pgettext_lazy("accusative", "user"),
    pgettext_lazy("accusative", "group"),
    pgettext_lazy("accusative", "access attempt"),
]

# Django's own sentences that the Polish catalogue rephrases without gendered
# endings; listed so that makemessages keeps those entries in our catalogue.
REPHRASED = [
    gettext_noop("Add another %(verbose_name)s"),
    gettext_noop("Change selected %(model)s"),
    gettext_noop("Add another %(model)s"),
    gettext_noop("Delete selected %(model)s"),
    gettext_noop("View selected %(model)s"),
    gettext_noop("Delete selected %(verbose_name_plural)s"),
    gettext_noop("The {name} “{obj}” was added successfully."),
    gettext_noop("The {name} “{obj}” was added successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may edit it again below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was changed successfully."),
    gettext_noop("The %(name)s “%(obj)s” was deleted successfully."),
    gettext_noop("%(name)s with ID “%(key)s” doesn’t exist. Perhaps it was deleted?"),
    gettext_noop(
        "Are you sure you want to delete the selected %(objects_name)s? All of the following "
        "objects and their related items will be deleted:"
    ),
    gettext_noop(
        "Are you sure you want to delete the %(object_name)s “%(escaped_object)s”? All of the "
        "following related items will be deleted:"
    ),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would require deleting the "
        "following protected related objects:"
    ),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would result in deleting related "
        "objects, but your account doesn't have permission to delete the following types of "
        "objects:"
    ),
    gettext_noop("Cannot delete %(name)s"),
    ngettext_lazy(
        "%(count)s %(name)s was changed successfully.",
        "%(count)s %(name)s were changed successfully.",
        "count",
    ),
]

# Django 6.1's new empty choice label (BLANK_CHOICE_LABEL) has no translation in
# Django's own catalogues yet: ours supplies pl, uk and ru.
UNTRANSLATED_IN_DJANGO = [gettext_noop("- Select an option -")]

# The stock titles built from a verbose name (django/contrib/admin/options.py).
TITLES = ["Add %s", "Change %s", "View %s", "Select %s to change", "Select %s to view"]


def _source(verbose_name):
    """The msgid behind a (lazy) verbose name: its text with no language active."""
    with translation.override(None):
        return str(verbose_name)


@register.filter
def accusative(opts):
    """The model's name in the accusative, for "Add …"/"Change …" (opts or a verbose name)."""
    verbose_name = getattr(opts, "verbose_name", opts)
    source = _source(verbose_name)
    form = pgettext("accusative", source)
    return str(verbose_name) if form == source else form


@register.filter
def admin_title(title, opts):
    """A stock admin title ("Zmień edycja") with the accusative ("Zmień edycję");
    any other title unchanged."""
    if not title or not hasattr(opts, "verbose_name"):
        return title
    for pattern in TITLES:
        if str(title) == _(pattern) % opts.verbose_name:
            return _(pattern) % accusative(opts)
    return title


@register.simple_tag(takes_context=True)
def stock_title(context):
    """The page's `title` through admin_title, for pages with or without `opts`."""
    return admin_title(context.get("title"), context.get("opts"))
