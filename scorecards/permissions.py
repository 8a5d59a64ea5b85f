"""Who sees which scorecard round: everyone the published ones; organisers also
preview unpublished ones (through `otwarte.access`); nobody else learns they exist."""

from otwarte.access import is_organiser

from .models import Round


def can_preview(user):
    return is_organiser(user)


def visible_rounds(user):
    rounds = Round.objects.select_related("edition")
    return rounds if can_preview(user) else rounds.published()
