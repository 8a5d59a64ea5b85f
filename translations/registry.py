"""Which texts are translated, and which of them belong to an edition.

The translated fields are modeltranslation's registry (`<app>/translation.py`), so a
field registered there joins the workflow without a change here. What belongs to an
edition is domain knowledge of the apps below: one queryset of object ids per model,
for the worklist's edition filter and the cockpit's readiness counts.
"""

from functools import reduce
from operator import or_

from django.db.models import Q
from modeltranslation.translator import translator

from jury.models import Criterion, Juror, JurorQuote, Nomination
from practices.models import Award, Category, City, Edition, Practice
from reports.models import ProposedNomination, Report, ReportPractice


def translated_models():
    """Every model with translated fields, in a stable order (app label, model name)."""
    models = [m for m in translator.get_registered_models(abstract=False) if not m._meta.proxy]
    return sorted(models, key=lambda m: m._meta.label_lower)


def translated_fields(model):
    """The translated fields of a model ("title", "description"), in the model's order."""
    fields = translator.get_options_for_model(model).fields
    return sorted(fields, key=lambda name: model._meta.get_field(name).creation_counter)


def all_columns(model):
    from .models import TARGET_LANGUAGES

    return [f"{field}_{lang}" for field in translated_fields(model)
            for lang in ["pl", *TARGET_LANGUAGES]]


def _practices_of(edition):
    return Practice.objects.filter(
        Q(awards__edition=edition) | Q(nominations__edition=edition)
    ).values("pk")


# What jurors read while scoring: the criteria with their scale labels, the
# nominations' justifications, the nominated practices and their categories, and
# the experts' notes on those practices in this edition's reports.
JURY_READS = {
    Criterion: lambda e: Criterion.objects.filter(edition=e).values("pk"),
    Nomination: lambda e: Nomination.objects.filter(edition=e).values("pk"),
    Practice: lambda e: Practice.objects.filter(nominations__edition=e).values("pk"),
    Category: lambda e: Category.objects.filter(nominations__edition=e).values("pk"),
    ReportPractice: lambda e: ReportPractice.objects.filter(
        report__edition=e, practice__nominations__edition=e
    ).values("pk"),
}

# What the public pages and the booklet show of a published edition.
PUBLIC_READS = {
    Edition: lambda e: Edition.objects.filter(pk=e.pk).values("pk"),
    Award: lambda e: Award.objects.filter(edition=e).values("pk"),
    Practice: lambda e: Practice.objects.filter(awards__edition=e).values("pk"),
    Category: lambda e: Category.objects.filter(awards__edition=e).values("pk"),
    City: lambda e: City.objects.filter(practices__awards__edition=e).values("pk"),
    JurorQuote: lambda e: JurorQuote.objects.filter(award__edition=e).values("pk"),
    Juror: lambda e: Juror.objects.filter(editions=e).values("pk"),
}

def _either(*scopes):
    """One scope naming what any of `scopes` names."""

    def ids_of(model):
        return lambda e: model._base_manager.filter(
            reduce(or_, (Q(pk__in=scope[model](e)) for scope in scopes if model in scope))
        ).values("pk")

    return {model: ids_of(model) for scope in scopes for model in scope}


# What translators translate for an edition: what the jury and the public read.
# Draft expert reports and proposals are the experts' and organisers' material.
TRANSLATED = _either(JURY_READS, PUBLIC_READS)

# Everything the worklist's edition filter counts as the edition's.
IN_EDITION = {
    **PUBLIC_READS,
    **JURY_READS,
    Practice: _practices_of,
    Category: lambda e: Category.objects.filter(
        Q(awards__edition=e) | Q(nominations__edition=e)
    ).values("pk"),
    Report: lambda e: Report.objects.filter(edition=e).values("pk"),
    ReportPractice: lambda e: ReportPractice.objects.filter(report__edition=e).values("pk"),
    ProposedNomination: lambda e: ProposedNomination.objects.filter(
        report__edition=e
    ).values("pk"),
}

