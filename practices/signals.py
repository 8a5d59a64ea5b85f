"""The edition's phase changes, and derived values kept in step with the data.

`phase_changed` is sent once per move of an edition, by
`services.change_phase` and only there, after the move is committed (a
rolled-back move sends nothing): the apps above act on it (the booklet queues
its PDFs, the cockpit tells the jurors that scoring is open) and say what they
do with `describe_effect`, so the cockpit's confirmation page lists it.

`Practice.published_year` follows awards and edition phases. Every write
through the ORM's save()/delete() lands here, fixtures included (`raw` saves: a
fixture may list practices, editions and awards in any order, and whichever row
comes last recomputes from the others). Writes that send no signals
(`bulk_create`, `QuerySet.update`) call `services.refresh_published_years()`
themselves.

`Award.search_text` follows the same pattern (`services.refresh_search_text`):
an award, its practice, city or category saved recomputes the awards concerned.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import Signal, receiver

# services and signals import each other as modules (names are read at call
# time), so either may be imported first.
from . import services
from .models import Award, Category, City, Edition, Practice
from .phases import Action, allows, opened_and_closed

# Sent with sender=Edition and edition (as saved), old and new (Phase), by (the
# user or None) and reason ("" unless given).
phase_changed = Signal()

# (action, opens, text): what a receiver of phase_changed does when a move opens
# (or closes) the action, in the organisers' words, with %(year)s.
_EFFECTS = []


def describe_effect(*, action, text, opens=True, leaving=None):
    """Say, next to a phase_changed receiver, what it does on a move that opens
    (`opens=False`: closes) `action` — only from a phase that allows `leaving`, when
    given (deliberation opened after scoring, not by taking an edition offline); the
    cockpit shows it before the move."""
    action = Action(action)
    leaving = Action(leaving) if leaving else None
    # By identity: a module imported twice registers once (and lazy texts stay lazy).
    if not any(e[0] == action and e[1] == opens and e[2] is text for e in _EFFECTS):
        _EFFECTS.append((action, opens, text, leaving))


def effects_of(*, old, new):
    """The registered effects of a move from phase `old` to `new` (texts with %(year)s)."""
    opened, closed = opened_and_closed(old, new)
    return [
        text for action, opens, text, leaving in _EFFECTS
        if action in (opened if opens else closed) and (leaving is None or allows(old, leaving))
    ]


@receiver(pre_save, sender=Award, dispatch_uid="practices-award-previous-practice")
def _remember_previous_practice(sender, instance, raw, **kwargs):
    # An award moved to another practice leaves the old one to recompute too.
    if instance.pk and not raw:
        instance._previous_practice_id = (
            Award.objects.filter(pk=instance.pk).values_list("practice_id", flat=True).first()
        )


@receiver(post_save, sender=Award, dispatch_uid="practices-award-published-year")
@receiver(post_delete, sender=Award, dispatch_uid="practices-award-deleted-published-year")
def _award_changed(sender, instance, **kwargs):
    ids = {instance.practice_id, getattr(instance, "_previous_practice_id", None)}
    services.refresh_published_years(ids - {None})


@receiver(post_save, sender=Edition, dispatch_uid="practices-edition-default-categories")
def _edition_created(sender, instance, created, raw, **kwargs):
    # However an edition is made (admin, cockpit demo, import, shell), it starts
    # with the previous edition's categories; the admin form then saves its own
    # choice over them. Fixture rows carry their set.
    if created and not raw:
        instance.categories.set(services.default_categories(year=instance.year))


@receiver(post_save, sender=Edition, dispatch_uid="practices-edition-published-year")
def _edition_changed(sender, instance, created, update_fields, **kwargs):
    if created and not kwargs.get("raw"):
        return  # a new edition has no awards yet
    if update_fields is not None and "phase" not in update_fields:
        return
    services.refresh_published_years(
        Award.objects.filter(edition=instance).values_list("practice_id", flat=True)
    )


@receiver(post_save, sender=Practice, dispatch_uid="practices-practice-published-year")
def _practice_loaded(sender, instance, raw, **kwargs):
    # A fixture row carries no (or a stale) published_year: recompute it.
    if raw:
        services.refresh_published_years([instance.pk])


@receiver(post_save, sender=Award, dispatch_uid="practices-award-search-text")
def _award_search_text(sender, instance, update_fields, **kwargs):
    if update_fields is not None and set(update_fields) <= {"search_text"}:
        return
    services.refresh_search_text(award_ids=[instance.pk])


@receiver(post_save, sender=Practice, dispatch_uid="practices-practice-search-text")
def _practice_search_text(sender, instance, **kwargs):
    services.refresh_search_text(practice_ids=[instance.pk])


@receiver(post_save, sender=City, dispatch_uid="practices-city-search-text")
def _city_search_text(sender, instance, **kwargs):
    services.refresh_search_text(city_ids=[instance.pk])


@receiver(post_save, sender=Category, dispatch_uid="practices-category-search-text")
def _category_search_text(sender, instance, **kwargs):
    services.refresh_search_text(category_ids=[instance.pk])
