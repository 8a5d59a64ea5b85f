from modeltranslation.translator import TranslationOptions, register

from .models import Area, Grade, Indicator, Round


@register(Round)
class RoundTranslation(TranslationOptions):
    fields = ("methodology",)


@register(Area)
class AreaTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("question", "evidence_expected")


@register(Grade)
class GradeTranslation(TranslationOptions):
    fields = ("label",)
