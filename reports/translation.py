from modeltranslation.translator import TranslationOptions, register

from .models import ProposedNomination, Report, ReportPractice


@register(Report)
class ReportTranslation(TranslationOptions):
    fields = ("overview",)


@register(ProposedNomination)
class ProposedNominationTranslation(TranslationOptions):
    fields = ("justification",)


@register(ReportPractice)
class ReportPracticeTranslation(TranslationOptions):
    # The experts' notes per criterion, shown to jurors in their language.
    fields = ("engagement", "durability", "comprehensiveness", "effectiveness")
