from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from otwarte.access import OrganiserOnlyAdminMixin, is_organiser
from otwarte.admin_widgets import NoScriptAutocompleteMixin
from otwarte.audit import GuardedHistoryAdmin
from practices.models import Award, Edition
from practices.phase_admin import PhaseGatedAdminMixin, PhaseGatedInlineMixin
from practices.phases import Action, phases_allowing
from practices.scoping import ExpertScopedAdminMixin, limit_categories_to_edition
from reports.models import ProposedNomination

from .enums import ConflictReason
from .forms import JurorInvitationForm
from .models import (
    Conflict,
    ConflictDisclosure,
    Criterion,
    Juror,
    JurorQuote,
    Nomination,
    Score,
    ScoreChange,
)
from .services import nominations, onboarding, scoring


@admin.register(Juror)
class JurorAdmin(NoScriptAutocompleteMixin, TabbedTranslationAdmin):
    list_display = ["name", "country_of_origin", "city", "preferred_language", "user"]
    list_filter = ["editions", "preferred_language"]
    search_fields = ["name", "country_of_origin"]
    autocomplete_fields = ["city", "user"]
    filter_horizontal = ["editions"]

    def get_urls(self):
        return [
            path("invite/", self.admin_site.admin_view(self.invite_view), name="jury_juror_invite"),
            *super().get_urls(),
        ]

    def invite_view(self, request):
        """Organisers invite a juror of an edition: account, profile and jury
        membership in one step, and an e-mail in the juror's language."""
        if not is_organiser(request.user):
            raise PermissionDenied
        initial = {"edition": request.GET.get("edition")} if request.GET.get("edition") else {}
        form = JurorInvitationForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                juror = onboarding.invite_juror(request=request, **form.cleaned_data)
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                self.message_user(
                    request,
                    _("An invitation was sent to %(email)s; %(name)s is on the jury of %(year)s.")
                    % {
                        "email": juror.user.email,
                        "name": juror.name,
                        "year": form.cleaned_data["edition"].year,
                    },
                    messages.SUCCESS,
                )
                next_url = request.POST.get("next", "")
                if next_url and url_has_allowed_host_and_scheme(
                    next_url, allowed_hosts={request.get_host()}
                ):
                    return HttpResponseRedirect(next_url)
                return HttpResponseRedirect(reverse("admin:jury_juror_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Invite a juror"),
            "form": form,
            "opts": self.opts,
            "next": request.GET.get("next") or request.POST.get("next", ""),
        }
        return TemplateResponse(request, "admin/jury/juror_invite.html", context)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_invite": is_organiser(request.user)}
        return super().changelist_view(request, extra_context)


@admin.register(Criterion)
class CriterionAdmin(PhaseGatedAdminMixin, GuardedHistoryAdmin, TabbedTranslationAdmin):
    # Scores hang on the criteria: set up before scoring, then read-only.
    phase_action = Action.EDIT_CRITERIA
    list_display = ["name", "edition", "code", "weight", "scale_min", "scale_max", "required"]
    list_filter = ["edition"]
    search_fields = ["name", "code"]


@admin.register(Nomination)
class NominationAdmin(PhaseGatedAdminMixin, NoScriptAutocompleteMixin, GuardedHistoryAdmin):
    phase_action = Action.NOMINATE
    list_display = ["practice", "category", "edition", "created_at"]
    list_select_related = ["practice__city", "category", "edition"]
    list_filter = ["edition", "category"]
    search_fields = ["practice__title_pl", "practice__city__name_pl"]
    autocomplete_fields = ["practice"]
    readonly_fields = ["created_by", "created_at"]

    def get_form(self, request, obj=None, **kwargs):
        return limit_categories_to_edition(super().get_form(request, obj, **kwargs), obj)

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)  # require()s the phase
            return
        # New nominations go through the service (phase rule, duplicate message).
        created = nominations.create_nomination(
            edition=obj.edition,
            practice=obj.practice,
            category=obj.category,
            justification=obj.justification,
            created_by=request.user,
        )
        obj.pk = created.pk


class ConflictAdminForm(forms.ModelForm):
    class Meta:
        model = Conflict
        fields = ["juror", "nomination", "reason_category", "reason"]

    def clean_reason_category(self):
        return self.cleaned_data.get("reason_category") or ConflictReason.OTHER

    def clean(self):
        data = super().clean()
        juror, nomination = data.get("juror"), data.get("nomination")
        if juror and nomination:
            scoring.check_conflict(juror=juror, nomination=nomination)
        return data


@admin.register(Conflict)
class ConflictAdmin(PhaseGatedAdminMixin, GuardedHistoryAdmin):
    """Organisers record conflicts they learn of; the juror's scores stop counting.
    Like the jurors' own declarations, only while the jury scores: afterwards the
    public conflicts register is what the tally counted (deleting one too)."""

    phase_action = Action.DECLARE_CONFLICT
    edition_path = "nomination__edition"
    form = ConflictAdminForm
    list_display = ["juror", "nomination", "reason_category", "declared_by", "declared_at"]
    list_filter = ["nomination__edition", "reason_category"]
    readonly_fields = ["declared_by", "declared_at"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)  # require()s the phase
            return
        # The form has checked what the service checks; a race ends in its error.
        created = scoring.declare_conflict(
            juror=obj.juror, nomination=obj.nomination, reason=obj.reason,
            category=obj.reason_category, by=request.user,
        )
        obj.pk = created.pk


class JurorQuoteInline(PhaseGatedInlineMixin, TranslationTabularInline):
    """Jurors' quotes on an award (written by `decide_award`), fixed in deliberation."""

    model = JurorQuote
    extra = 0
    fields = ["order", "juror", "text"]
    phase_action = Action.DECIDE


# The award's admin belongs to `practices`, below this app: its quotes join it here.
_award_admin = admin.site.get_model_admin(Award)
_award_admin.inlines = [*_award_admin.inlines, JurorQuoteInline]


@admin.register(ConflictDisclosure)
class ConflictDisclosureAdmin(PhaseGatedAdminMixin, admin.ModelAdmin):
    """Which kinds of conflict reason an edition's public register names: chosen
    until the register is public (the methodology page of a published edition),
    then fixed with it."""

    phase_action = Action.EDIT_PUBLIC

    list_display = ["edition", "category"]
    list_filter = ["edition"]


class ReadOnlyAdmin(OrganiserOnlyAdminMixin, admin.ModelAdmin):
    """Scores change only through the jurors' pages, so that history stays complete:
    organisers read them here, nobody changes them."""

    organiser_actions = frozenset({"view"})


@admin.register(Score)
class ScoreAdmin(ReadOnlyAdmin):
    # Their history is ScoreChange (who, when, old → new), below.
    list_display = ["nomination", "juror", "criterion", "value", "updated_at"]
    list_select_related = [
        "nomination__edition", "nomination__practice__city", "nomination__category",
        "juror", "criterion",
    ]  # fmt: skip
    list_filter = ["nomination__edition", "juror"]
    # Newest first, along the primary key: the model's order (nomination, juror,
    # criterion order) sorts every score of every edition for one page.
    ordering = ["-pk"]


@admin.register(ScoreChange)
class ScoreChangeAdmin(ReadOnlyAdmin):
    list_display = ["changed_at", "juror", "nomination", "criterion", "old_value", "new_value",
                    "changed_by", "after_deliberation", "reason"]
    list_select_related = [
        "juror", "criterion", "changed_by", "nomination__edition",
        "nomination__practice__city", "nomination__category",
    ]  # fmt: skip
    list_filter = ["nomination__edition", "juror", "after_deliberation"]


# Nominations come from the proposals of accepted expert reports: the organisers' list of
# those proposals (a `reports` model) lives here, beside the action that nominates them.
class NominateForm(forms.Form):
    edition = forms.ModelChoiceField(
        label=_("edition"),
        queryset=Edition.objects.filter(
            phase__in=phases_allowing(Action.NOMINATE)
        ).order_by("-year"),
        empty_label=None,
    )


@admin.register(ProposedNomination)
class AcceptedProposalAdmin(OrganiserOnlyAdminMixin, ExpertScopedAdminMixin, TabbedTranslationAdmin):
    """Organisers' read-only list of the proposals of accepted reports, the
    material of the jury stage (see services.accepted_proposals). Proposals
    are written and changed inside their report."""

    list_display = ["practice", "category", "edition", "city"]
    list_filter = [("report__edition", admin.RelatedOnlyFieldListFilter), "category"]
    search_fields = ["practice__title_pl", "practice__city__name_pl", "justification_pl"]
    list_select_related = ["practice__city", "category", "report__edition", "report__city"]

    def get_queryset(self, request):
        return super().get_queryset(request).accepted()

    organiser_actions = frozenset({"view"})

    def scope_for_expert(self, request, queryset):
        return queryset.none()

    def get_urls(self):
        return [
            path(
                "nominate/",
                self.admin_site.admin_view(self.nominate_view),
                name="reports_nominate",
            ),
            *super().get_urls(),
        ]

    def nominate_view(self, request):
        """Organisers turn an edition's accepted proposals into jury nominations:
        choose the edition, read what will be created, confirm (POST)."""
        if not is_organiser(request.user):
            raise PermissionDenied
        data = request.POST if request.method == "POST" else request.GET
        form = NominateForm(data if "edition" in data else None)
        if form.is_valid():
            edition = form.cleaned_data["edition"]
            if request.method == "POST":
                try:
                    counts = nominations.nominate_from_reports(edition=edition, by=request.user)
                except ValidationError as error:
                    self.message_user(request, " ".join(error.messages), messages.ERROR)
                else:
                    self.message_user(
                        request,
                        _("%(year)s: %(created)s, %(skipped)s.")
                        % {
                            "year": edition.year,
                            "created": ngettext(
                                "%(n)d nomination created", "%(n)d nominations created",
                                counts.created,
                            ) % {"n": counts.created},
                            "skipped": ngettext(
                                "%(n)d proposal already nominated",
                                "%(n)d proposals already nominated",
                                counts.skipped,
                            ) % {"n": counts.skipped},
                        },
                        messages.SUCCESS,
                    )
                return HttpResponseRedirect(
                    reverse("admin:jury_nomination_changelist")
                    + f"?edition__id__exact={edition.pk}"
                )
            new, done = nominations.nominations_to_create(edition=edition)
            confirm = {"edition": edition, "new": new, "done": done}
        else:
            confirm = None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Create jury nominations from accepted reports"),
            "form": form if confirm is None else NominateForm(),
            "confirm": confirm,
            "opts": self.opts,
        }
        return TemplateResponse(request, "admin/jury/nominate.html", context)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_nominate": is_organiser(request.user),
        }
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("edition"), ordering="report__edition__year")
    def edition(self, obj):
        return obj.report.edition.year

    @admin.display(description=_("city"), ordering="report__city__name")
    def city(self, obj):
        return obj.report.city
