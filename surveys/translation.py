from modeltranslation.translator import TranslationOptions, register

from .models import ContextQuestion, Criterion, Survey, Target


@register(Target)
class TargetTranslation(TranslationOptions):
    fields = ("name",)


@register(Survey)
class SurveyTranslation(TranslationOptions):
    fields = ("title", "introduction")


@register(Criterion)
class CriterionTranslation(TranslationOptions):
    fields = ("name", "description", "scale_labels")


@register(ContextQuestion)
class ContextQuestionTranslation(TranslationOptions):
    fields = ("label", "choices")
