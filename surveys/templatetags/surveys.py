"""{% city_survey_summary city %}: the city survey's counts and means on the city page.

A template tag, so that `public` shows the migrants' view without importing surveys.
"""

from django import template
from django.template.loader import render_to_string

from otwarte.cache.values import remember

from ..ranking import city_summary

register = template.Library()


@register.simple_tag
def city_survey_summary(city):
    # Published survey results only (counted responses bump the content version):
    # rendered once per content version and language.
    return remember(
        "city-survey-summary",
        lambda: render_to_string("surveys/city_summary.html", {"summary": city_summary(city)}),
        city.pk,
    )
