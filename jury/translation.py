from modeltranslation.translator import TranslationOptions, register

from .models import Criterion, Juror, JurorQuote, Nomination


@register(Juror)
class JurorTranslation(TranslationOptions):
    fields = ("country_of_origin",)


@register(Criterion)
class CriterionTranslation(TranslationOptions):
    fields = ("name", "description", "scale_labels")


@register(JurorQuote)
class JurorQuoteTranslation(TranslationOptions):
    fields = ("text",)


@register(Nomination)
class NominationTranslation(TranslationOptions):
    fields = ("justification",)
