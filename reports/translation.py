from modeltranslation.translator import TranslationOptions, register

from .models import ProposedNomination, Report


@register(Report)
class ReportTranslation(TranslationOptions):
    fields = ("overview",)


@register(ProposedNomination)
class ProposedNominationTranslation(TranslationOptions):
    fields = ("justification",)
