from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from otwarte import invitations
from otwarte.access import OrganiserOnlyAdminMixin, is_organiser
from otwarte.admin_widgets import NoScriptAutocompleteMixin
from otwarte.audit import GuardedHistoryAdmin
from otwarte.roles import Role

from . import services
from .enums import ProposalStatus
from .forms import InvitationForm
from .models import (
    Assignment,
    Award,
    Category,
    City,
    Edition,
    Panelist,
    Practice,
    PracticeProposal,
    SimilarAction,
)
from .permissions import expert_may_edit_practice
from .phase_admin import PhaseGatedAdminMixin, PhaseGatedFieldsMixin, PhaseGatedInlineMixin
from .phases import Action
from .scoping import ExpertScopedAdminMixin, limit_categories_to_edition


@admin.register(City)
class CityAdmin(ExpertScopedAdminMixin, TabbedTranslationAdmin):
    # Experts see (and autocomplete) only their assigned cities.
    expert_city_path = "pk"
    list_display = ["name", "voivodeship", "teryt"]
    list_filter = ["voivodeship"]
    search_fields = ["name", "name_pl", "slug", "teryt"]
    prepopulated_fields = {"slug": ["name_pl"]}


@admin.register(Category)
class CategoryAdmin(TabbedTranslationAdmin):
    list_display = ["name", "code", "order"]
    list_editable = ["order"]
    search_fields = ["name", "name_pl", "code"]


class PanelistInline(PhaseGatedInlineMixin, TranslationTabularInline):
    """The edition's panel as credited: order and group labels; the cities are the
    expert's assignments (Assignments), and an expert may have none. Published with
    the edition, so fixed with it."""

    model = Panelist
    phase_action = Action.EDIT_PUBLIC
    edition_path = ""  # the parent is the edition
    extra = 0
    fields = ["expert", "order", "group"]
    verbose_name_plural = _("experts on the panel (order, group label; the cities are assignments)")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "expert":
            from django.contrib.auth import get_user_model

            kwargs["queryset"] = get_user_model().objects.filter(groups__name=Role.EXPERT)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class EditionAdminForm(forms.ModelForm):
    class Meta:
        model = Edition
        fields = "__all__"
        widgets = {"categories": forms.CheckboxSelectMultiple}

    def clean_categories(self):
        chosen = self.cleaned_data["categories"]
        if self.instance.pk:
            # Only the check: the form saves the set itself (save_m2m).
            services.check_edition_categories(edition=self.instance, categories=chosen)
        return chosen


@admin.register(Edition)
class EditionAdmin(PhaseGatedAdminMixin, GuardedHistoryAdmin, TabbedTranslationAdmin):
    """A published edition is what the public pages show (its year is their address,
    its categories their sections): read-only, its panel too, and not deleted, until
    `unpublish_edition` takes it back to deliberation."""

    phase_action = Action.EDIT_PUBLIC
    edition_path = ""
    inlines = [PanelistInline]
    form = EditionAdminForm
    list_display = ["year", "phase", "ceremony_at", "published_at"]
    list_filter = ["phase"]
    search_fields = ["year"]
    # The phase changes only through services.change_phase (the cockpit, linked from
    # the change page), which owns the effects of a move; never here by hand.
    readonly_fields = ["phase", "published_at"]

    def get_changeform_initial_data(self, request):
        # A new edition starts with the previous one's categories (or all of them).
        initial = super().get_changeform_initial_data(request)
        latest = Edition.objects.order_by("-year").first()
        year = latest.year + 1 if latest else 10_000
        initial.setdefault("categories", list(services.default_categories(year=year)))
        return initial


@admin.register(Practice)
class PracticeAdmin(
    PhaseGatedFieldsMixin, ExpertScopedAdminMixin, GuardedHistoryAdmin, TabbedTranslationAdmin
):
    # Experts add practices of their cities from their reports; awarded
    # practices are published content and stay with the organisers.
    # What the public reads of a practice (its texts and its address) is fixed while
    # a published award shows it, as the practice or as a similar action.
    phase_action = Action.EDIT_PUBLIC
    phase_fields = ["title", "description", "city", "slug"]
    expert_actions = frozenset({"add", "change"})
    list_display = ["__str__", "city", "initiator", "follow_up_status"]
    list_filter = ["initiator", "follow_up_status", "categories"]
    search_fields = ["title", "title_pl", "city__name", "city__name_pl"]
    autocomplete_fields = ["city"]
    filter_horizontal = ["categories"]

    def expert_may_change(self, request, obj):
        return expert_may_edit_practice(obj)

    def phase_editions(self, obj):
        return Edition.objects.filter(
            Q(awards__practice=obj) | Q(awards__similar_actions__practice=obj)
        )

    # Derived from accepted expert reports (reports.services.refresh_follow_ups),
    # so nobody edits it by hand.
    readonly_fields = ["follow_up_status", "follow_up_year"]


class SimilarActionInline(PhaseGatedInlineMixin, NoScriptAutocompleteMixin, admin.TabularInline):
    model = SimilarAction
    extra = 0
    autocomplete_fields = ["city", "practice"]
    phase_action = Action.DECIDE  # part of the award's text


@admin.register(Award)
class AwardAdmin(
    PhaseGatedAdminMixin, NoScriptAutocompleteMixin, GuardedHistoryAdmin, TabbedTranslationAdmin
):
    """Awards are decided, changed and withdrawn in deliberation (the cockpit's
    `decide`); a published award's text changes only after unpublishing."""

    phase_action = Action.DECIDE
    list_display = ["__str__", "edition", "category", "order"]
    list_select_related = ["edition", "category", "practice__city"]  # __str__ names them
    list_filter = ["edition", "category"]
    search_fields = ["practice__title", "practice__title_pl", "practice__city__name_pl"]
    autocomplete_fields = ["practice"]
    inlines = [SimilarActionInline]

    def get_form(self, request, obj=None, **kwargs):
        return limit_categories_to_edition(super().get_form(request, obj, **kwargs), obj)


@admin.register(PracticeProposal)
class PracticeProposalAdmin(OrganiserOnlyAdminMixin, NoScriptAutocompleteMixin, admin.ModelAdmin):
    """The open call's moderation queue, for organisers only.

    Accepting creates a Practice (not public until it is awarded in a published
    edition); rejecting keeps the record. Proposals come from the public form and
    are never added or deleted here.
    """

    organiser_actions = frozenset({"view", "change"})

    list_display = ["title", "city_label", "category", "proposer", "status", "submitted_at"]
    list_filter = ["status", "category"]
    search_fields = ["title", "city_name", "city__name_pl", "proposer", "contact_email"]
    date_hierarchy = "submitted_at"
    readonly_fields = [
        "title",
        "description",
        "city_name",
        "proposer",
        "contact_email",
        "status",
        "submitted_at",
        "decided_at",
        "decided_by",
        "practice",
    ]
    fields = [
        "status",
        "city",
        "city_name",
        "title",
        "description",
        "category",
        "proposer",
        "contact_email",
        "submitted_at",
        "decided_at",
        "decided_by",
        "practice",
        "moderator_note",
    ]
    autocomplete_fields = ["city"]
    actions = ["accept", "reject"]

    @admin.display(description=_("city"))
    def city_label(self, obj):
        return obj.city_label

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("city", "category")

    def _moderate(self, request, queryset, service, done_message):
        done = 0
        for proposal in queryset.filter(status=ProposalStatus.PENDING):
            try:
                service(proposal=proposal, user=request.user)
                done += 1
            except ValidationError as error:
                self.message_user(
                    request, f"{proposal}: {' '.join(error.messages)}", messages.ERROR
                )
        if done:
            self.message_user(request, done_message % {"n": done}, messages.SUCCESS)

    @admin.action(description=_("Accept: create the practice"))
    def accept(self, request, queryset):
        self._moderate(request, queryset, services.accept_proposal, _("Accepted: %(n)d."))

    @admin.action(description=_("Reject (keep the record)"))
    def reject(self, request, queryset):
        self._moderate(request, queryset, services.reject_proposal, _("Rejected: %(n)d."))


class AssignmentForm(forms.ModelForm):
    class Meta:
        model = Assignment
        fields = ["edition", "expert", "city", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "order" in self.fields:  # read-only for experts
            self.fields["order"].required = False  # left out or empty: first (0)

    def clean_order(self):
        return self.cleaned_data.get("order") or 0


@admin.register(Assignment)
class AssignmentAdmin(ExpertScopedAdminMixin, admin.ModelAdmin):
    form = AssignmentForm
    list_display = ["edition", "expert", "city", "order"]
    list_filter = [
        ("edition", admin.RelatedOnlyFieldListFilter),
        ("city", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["expert__username", "expert__email", "expert__last_name", "city__name_pl"]
    autocomplete_fields = ["city"]
    list_select_related = ["edition", "expert", "city"]

    def scope_for_expert(self, request, queryset):
        return queryset.filter(expert=request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "expert":
            from django.contrib.auth import get_user_model

            kwargs["queryset"] = get_user_model().objects.filter(groups__name=Role.EXPERT)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_urls(self):
        return [
            path("invite/", self.admin_site.admin_view(self.invite_view), name="practices_invite"),
            *super().get_urls(),
        ]

    def invite_view(self, request):
        """Organisers invite an expert by e-mail (a set-password link). Jurors are
        invited from the jury's admin (jury.admin.JurorAdmin), which makes their profile."""
        if not is_organiser(request.user):
            raise PermissionDenied
        form = InvitationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            edition = data["edition"]
            try:
                user = invitations.invite(
                    request=request,
                    email=data["email"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    role=Role.EXPERT,
                    edition=edition,
                    deadline=edition.reports_deadline if edition else None,
                    attach_to=data["attach_to"],
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                self.message_user(
                    request,
                    _("An invitation was sent to %(email)s.") % {"email": user.email},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:practices_assignment_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Invite an expert"),
            "form": form,
            "opts": self.opts,
        }
        return TemplateResponse(request, "admin/practices/invite.html", context)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_invite": is_organiser(request.user),
        }
        return super().changelist_view(request, extra_context)
