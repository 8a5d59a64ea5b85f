from modeltranslation.translator import TranslationOptions, register

from .models import Award, Category, City, Edition, Panelist, Practice


@register(City)
class CityTranslation(TranslationOptions):
    fields = ("name",)


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Edition)
class EditionTranslation(TranslationOptions):
    # Funders are sentences (who co-finances what), not names: translated.
    fields = (
        "title",
        "introduction",
        "selection",
        "ceremony_place",
        "ceremony_occasion",
        "funders",
    )


@register(Practice)
class PracticeTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Award)
class AwardTranslation(TranslationOptions):
    fields = ("recommendation",)


@register(Panelist)
class PanelistTranslation(TranslationOptions):
    fields = ("group",)
