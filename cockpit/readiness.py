"""What an edition still lacks before a phase can start, computed from the data.

Each check answers for one edition: done or not, a short account of what is
missing, and where it is fixed. `REQUIRED` says which checks belong to which
phase (what must be true to start it); the cockpit shows the current phase's
and the next one's. The checks advise: moving between phases is the phase
policy's (`practices.phases.transition_problem`), which refuses only what
would break the cycle.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from booklet.enums import RenderStatus
from booklet.models import BookletRender
from jury.enums import CorrectionDecision
from jury.models import CityCheckAnswer, Criterion, Juror, Nomination
from jury.services import city_checks
from practices.enums import Phase
from practices.models import Assignment, Award, Category
from practices.phases import next_phase_forward
from reports.models import Report
from translations import services as translation_services
from translations.enums import TranslationState
from translations.registry import JURY_READS, PUBLIC_READS

JURY_SIZE = 5
LANGUAGES = [code for code, _name in settings.LANGUAGES]


@dataclass
class Check:
    code: str
    label: str
    done: bool
    detail: str
    fix_url: str


def _changelist(model, **filters):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    if filters:
        url += "?" + "&".join(f"{k}={v}" for k, v in filters.items())
    return url


def _missing_languages(obj, field):
    return [code for code in LANGUAGES if not (getattr(obj, f"{field}_{code}", "") or "").strip()]


def criteria_set(edition):
    criteria = list(Criterion.objects.filter(edition=edition))
    untranslated = [c for c in criteria if _missing_languages(c, "name")]
    if not criteria:
        detail = _("No criteria yet.")
    elif untranslated:
        detail = _("Names missing in a language: %(names)s.") % {
            "names": ", ".join(c.code for c in untranslated)
        }
    else:
        detail = ngettext("%(n)d criterion, weights set.", "%(n)d criteria, weights set.",
                          len(criteria)) % {"n": len(criteria)}
    return Check(
        "criteria",
        _("Criteria with weights and names in four languages"),
        bool(criteria) and not untranslated and all(c.weight > 0 for c in criteria),
        detail,
        _changelist(Criterion, edition__id__exact=edition.pk),
    )


def report_cities_have_experts(edition):
    assigned = set(Assignment.objects.filter(edition=edition).values_list("city_id", flat=True))
    report_cities = set(Report.objects.filter(edition=edition).values_list("city_id", flat=True))
    orphaned = report_cities - assigned
    if not assigned:
        detail = _("No expert is assigned to a city yet.")
    elif orphaned:
        detail = ngettext("%(n)d report city has no expert.", "%(n)d report cities have no expert.",
                          len(orphaned)) % {"n": len(orphaned)}
    else:
        detail = ngettext("%(n)d city covered.", "%(n)d cities covered.", len(assigned)) % {
            "n": len(assigned)
        }
    return Check(
        "experts",
        _("Every report city has an expert"),
        bool(assigned) and not orphaned,
        detail,
        _changelist(Assignment, edition__id__exact=edition.pk),
    )


def jury_complete(edition):
    jurors = list(Juror.objects.filter(editions=edition).select_related("user"))
    problems = []
    if len(jurors) < JURY_SIZE:
        problems.append(ngettext(
            "%(n)d of %(size)d juror linked.", "%(n)d of %(size)d jurors linked.", JURY_SIZE,
        ) % {"n": len(jurors), "size": JURY_SIZE})
    without_account = [j.name for j in jurors if j.user is None]
    if without_account:
        problems.append(_("Without an account: %(names)s.") % {"names": ", ".join(without_account)})
    without_language = [j.name for j in jurors if not j.preferred_language]
    if without_language:
        problems.append(_("Without a language: %(names)s.") % {"names": ", ".join(without_language)})
    pending = [j.name for j in jurors if j.user is not None and not j.user.has_usable_password()]
    if pending:
        problems.append(_("Invitation not yet taken up: %(names)s.") % {"names": ", ".join(pending)})
    return Check(
        "jury",
        _("Five jurors linked, with accounts, languages and no pending invitation"),
        not problems,
        " ".join(problems) or _("The jury is complete."),
        reverse("admin:jury_juror_invite") + f"?edition={edition.pk}",
    )


def nominations_categorised(edition):
    nominations = Nomination.objects.filter(edition=edition)
    total = nominations.count()
    uncategorised = nominations.filter(category__isnull=True).count()
    return Check(
        "nominations",
        _("Nominations, each with a category"),
        total > 0 and not uncategorised,
        ngettext("%(n)d nomination.", "%(n)d nominations.", total) % {"n": total}
        if total else _("No nominations yet."),
        _changelist(Nomination, edition__id__exact=edition.pk),
    )


def juror_progress(edition):
    """[(juror, scored, to score)] — counts only, never the scores themselves."""
    nominations = Nomination.objects.filter(edition=edition).count()
    jurors = (
        Juror.objects.filter(editions=edition)
        .annotate(
            conflicted=Count("conflicts", filter=Q(conflicts__nomination__edition=edition),
                            distinct=True),
            scored=Count("scores__nomination",
                         filter=Q(scores__nomination__edition=edition), distinct=True),
        )
        .order_by("name")
    )
    return [(juror, juror.scored, nominations - juror.conflicted) for juror in jurors]


def jurors_finished(edition):
    deadline = edition.scoring_deadline
    passed = deadline is not None and timezone.now() >= deadline
    unfinished = [juror.name for juror, scored, due in juror_progress(edition) if scored < due]
    if passed:
        detail = _("The scoring deadline has passed.")
    elif unfinished:
        detail = _("Still scoring: %(names)s.") % {"names": ", ".join(unfinished)}
    else:
        detail = _("Every juror has scored every nomination.")
    return Check(
        "scoring",
        _("Every juror finished, or the deadline passed"),
        passed or not unfinished,
        detail,
        reverse("jury:tally", args=[edition.year]),
    )


def categories_decided(edition):
    nominated = set(
        Nomination.objects.filter(edition=edition).values_list("category_id", flat=True)
    )
    decided = set(Award.objects.filter(edition=edition).values_list("category_id", flat=True))
    open_ = Category.objects.filter(pk__in=nominated - decided).order_by("order")
    names = ", ".join(str(c) for c in open_)
    return Check(
        "decisions",
        _("Every category decided"),
        bool(nominated) and not names,
        _("Undecided: %(names)s.") % {"names": names} if names
        else (_("Every nominated category has an award.") if nominated
              else _("No nominations yet.")),
        reverse("jury:tally", args=[edition.year]),
    )


def _translation_check(edition, *, code, label, scope, languages):
    """Missing translations per language of what `scope` names, from the statuses.

    Done when nothing is missing; texts still to be reviewed are counted but do not
    hold the phase up (the 2015 translations were published before any review).
    """
    counts = translation_services.counts(edition=edition, scope=scope, languages=languages)
    missing = {lang: c[TranslationState.MISSING] for lang, c in counts.items()}
    review = {lang: c[TranslationState.NEEDS_REVIEW] + c[TranslationState.DRAFT]
              for lang, c in counts.items()}
    parts = []
    for lang in counts:
        if missing[lang] or review[lang]:
            parts.append(_("%(lang)s: %(missing)d missing, %(review)d not yet reviewed") % {
                "lang": lang, "missing": missing[lang], "review": review[lang]})
    if not counts:
        detail = _("No language to translate into.")
    elif parts:
        detail = "; ".join(parts) + "."
    else:
        detail = _("Every text is translated and reviewed.")
    first_missing = next((lang for lang in counts if missing[lang]), None)
    query = {"edition": edition.year}
    if first_missing:
        query |= {"language": first_missing, "status": TranslationState.MISSING}
    return Check(
        code, label, not any(missing.values()), detail,
        reverse("translations:worklist") + "?" + urlencode(query),
    )


def jury_texts_translated(edition):
    """What jurors read, in each juror's language (before scoring opens)."""
    languages = sorted(
        {lang for lang in Juror.objects.filter(editions=edition)
         .values_list("preferred_language", flat=True) if lang}
    )
    return _translation_check(
        edition, code="jury_translations",
        label=_("Criteria, nominations and experts' notes in the jurors' languages"),
        scope=JURY_READS, languages=languages,
    )


def translations_complete(edition):
    """What the public pages and the booklet show, in every language (before publishing)."""
    return _translation_check(
        edition, code="translations",
        label=_("Translations complete: the edition, awards, practices, quotes"),
        scope=PUBLIC_READS, languages=LANGUAGES,
    )


def cities_answered(edition):
    """Which awarded cities have answered their check of the award texts."""
    status = city_checks.check_status(edition=edition)
    answered = [str(city) for city, check in status if check and check.answered_at]
    waiting = [str(city) for city, check in status if check and not check.answered_at]
    unsent = [str(city) for city, check in status if check is None]
    pending = CityCheckAnswer.objects.corrections().filter(
        city_check__edition=edition, city_check__revoked_at__isnull=True,
        decision=CorrectionDecision.PENDING,
    ).count()
    parts = []
    if answered:
        parts.append(_("Answered: %(cities)s.") % {"cities": ", ".join(answered)})
    if waiting:
        parts.append(_("Waiting for: %(cities)s.") % {"cities": ", ".join(waiting)})
    if unsent:
        parts.append(_("No link sent: %(cities)s.") % {"cities": ", ".join(unsent)})
    if pending:
        parts.append(ngettext("%(n)d correction to decide.", "%(n)d corrections to decide.",
                              pending) % {"n": pending})
    return Check(
        "city_checks",
        _("Every awarded city checked its award texts, every correction decided"),
        bool(status) and not waiting and not unsent and not pending,
        " ".join(parts) or _("No award is decided yet."),
        reverse("cockpit:city_checks", args=[edition.year]),
    )


def booklet_rendered(edition):
    done = set(
        BookletRender.objects.filter(edition=edition, status=RenderStatus.DONE).values_list(
            "language", flat=True
        )
    )
    missing = [code for code in LANGUAGES if code not in done]
    return Check(
        "booklet",
        _("The booklet rendered in every language"),
        not missing,
        _("Not rendered: %(languages)s.") % {"languages": ", ".join(missing)} if missing
        else _("Rendered in every language."),
        reverse("admin:practices_edition_change", args=[edition.pk]),
    )


# What must be true to start each phase.
REQUIRED = {
    Phase.PREPARATION: [],
    Phase.EXPERT_REPORTS: [report_cities_have_experts],
    Phase.JURY_SCORING: [criteria_set, jury_complete, nominations_categorised,
                         jury_texts_translated],
    Phase.DELIBERATION: [jurors_finished],
    Phase.PUBLISHED: [categories_decided, cities_answered, translations_complete,
                      booklet_rendered],
}


def checklist(edition, phase):
    return [check(edition) for check in REQUIRED[Phase(phase)]]


def following_phase(edition):
    """The phase the edition moves forward to (None once published)."""
    return next_phase_forward(edition)


def expert_report_status(edition):
    """[(assignment, report or None)] per assignment of the edition."""
    reports = {r.city_id: r for r in Report.objects.filter(edition=edition)}
    return [
        (assignment, reports.get(assignment.city_id))
        for assignment in Assignment.objects.filter(edition=edition).select_related(
            "expert", "city"
        )
    ]
