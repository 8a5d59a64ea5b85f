"""Experts on the public edition page: `{% edition_experts edition as experts %}`.

A tag rather than view context, so that the practices views need not know
about reports (one query, `reports.services.edition_experts`).
"""

from django import template

from reports.services import edition_experts as _edition_experts

register = template.Library()


@register.simple_tag
def edition_experts(edition):
    return _edition_experts(edition=edition)
