"""{% city_survey_summary city %}: the city survey's counts and means on the city page.

A template tag, so that `public` shows the migrants' view without importing surveys.
"""

from django import template

from ..ranking import city_summary

register = template.Library()


@register.inclusion_tag("surveys/city_summary.html")
def city_survey_summary(city):
    return {"summary": city_summary(city)}
