"""The organisers' side of the civic audit: surveys, targets, code batches, moderation.

Responses are read-only here: organisers void them (with a reason, audited in
their history) and publish or hold back comments, through `surveys.services`.
"""

import segno
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils import translation
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from otwarte.access import is_organiser
from otwarte.admin_widgets import NoScriptAutocompleteMixin
from otwarte.audit import GuardedHistoryAdmin

from . import services
from .enums import CommentStatus, ResponseState
from .models import Answer, CodeBatch, ContextQuestion, Criterion, Response, Survey, Target


@admin.register(Target)
class TargetAdmin(NoScriptAutocompleteMixin, TabbedTranslationAdmin):
    list_display = ["__str__", "kind", "country", "city", "order", "active"]
    list_filter = ["kind", "country", "active"]
    list_editable = ["order", "active"]
    search_fields = ["name", "name_pl", "slug", "city__name_pl"]
    autocomplete_fields = ["city"]


class CriterionInline(TranslationStackedInline):
    model = Criterion
    extra = 0


class ContextQuestionInline(TranslationStackedInline):
    model = ContextQuestion
    extra = 0


class SurveyAdminForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = "__all__"

    def clean(self):
        data = super().clean()
        kind, targets = data.get("kind"), data.get("targets")
        if kind and targets is not None and targets.exclude(kind=kind).exists():
            self.add_error("targets", _("Choose targets of the survey's own kind only."))
        return data


@admin.register(Survey)
class SurveyAdmin(TabbedTranslationAdmin):
    form = SurveyAdminForm
    list_display = ["__str__", "kind", "year", "opens_on", "closes_on", "results_published"]
    list_filter = ["kind", "results_published"]
    filter_horizontal = ["targets"]
    inlines = [CriterionInline, ContextQuestionInline]

    def view_on_site(self, obj):
        return reverse("surveys:respond", args=[obj.kind, obj.year])


class CodeBatchAddForm(forms.ModelForm):
    size = forms.IntegerField(
        label=_("number of codes"), min_value=1, max_value=services.MAX_BATCH_SIZE, initial=50
    )

    class Meta:
        model = CodeBatch
        fields = ["survey", "label", "language"]


@admin.register(CodeBatch)
class CodeBatchAdmin(admin.ModelAdmin):
    list_display = ["label", "survey", "created_at", "code_count", "used_count"]
    list_filter = ["survey"]
    readonly_fields = ["created_at", "created_by", "code_count", "used_count"]
    # The change page links the printable page (templates/admin/surveys/codebatch/).

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = CodeBatchAddForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["survey", "label", "language", "size"]
        return ["survey", "label", "language", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else ["survey", *self.readonly_fields]

    @admin.display(description=_("codes"))
    def code_count(self, obj):
        return obj.codes.count()

    @admin.display(description=_("used"))
    def used_count(self, obj):
        return obj.codes.filter(used_at__isnull=False).count()

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        # New batches go through the service, which draws the codes.
        batch = services.generate_code_batch(
            survey=obj.survey,
            label=obj.label,
            size=form.cleaned_data["size"],
            by=request.user,
            language=obj.language,
        )
        obj.pk = batch.pk
        obj.created_at = batch.created_at

    def get_urls(self):
        view = self.admin_site.admin_view(self.print_view)
        return [path("<int:pk>/print/", view, name="surveys_codebatch_print"), *super().get_urls()]

    def print_view(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        batch = get_object_or_404(CodeBatch.objects.select_related("survey"), pk=pk)
        codes = [services.format_code(c) for c in batch.codes.values_list("code", flat=True)]
        # The cards speak the batch's language: its address, QR code and instructions.
        with translation.override(batch.language):
            url = request.build_absolute_uri(
                reverse("surveys:respond", args=[batch.survey.kind, batch.survey.year])
            )
        qr = segno.make(url, error="m")
        return TemplateResponse(
            request,
            "surveys/admin/code_batch_print.html",
            {
                "batch": batch,
                "codes": codes,
                "survey_url": url,
                "qr_data_uri": qr.svg_data_uri(scale=3, dark="#000", light="#fff"),
                # "Your code" in every language: a card may reach anyone.
                "code_languages": ["pl", "uk", "ru", "en"],
            },
        )


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    can_delete = False
    fields = ["criterion", "value"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class VoidForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for voiding"), widget=forms.Textarea(attrs={"rows": 3})
    )


@admin.register(Response)
class ResponseAdmin(GuardedHistoryAdmin):
    list_display = [
        "__str__",
        "survey",
        "state",
        "proof",
        "flagged",
        "reviewed_at",
        "comment_status",
        "created_at",
    ]
    list_filter = ["survey", "state", "flagged", "comment_status", "proof"]
    # The fingerprint is of no use to a person and stays out of sight.
    fields = [
        "survey",
        "target",
        "state",
        "proof",
        "code_batch",
        "language",
        "comment",
        "comment_status",
        "flagged",
        "flag_reason",
        "reviewed_at",
        "reviewed_by",
        "void_reason",
        "voided_at",
        "voided_by",
        "created_at",
        "verified_at",
        "updated_at",
    ]
    readonly_fields = fields
    inlines = [AnswerInline]
    actions = ["approve_comments", "reject_comments", "clear_flags", "void_responses"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Reverting would un-void a response behind the services' back.
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def has_change_permission(self, request, obj=None):
        # Changes go through the actions; the change page is for reading.
        return is_organiser(request.user) and super().has_change_permission(request, obj)

    @admin.action(description=_("Publish the selected comments"), permissions=["change"])
    def approve_comments(self, request, queryset):
        self._moderate(request, queryset, approve=True)

    @admin.action(description=_("Do not publish the selected comments"), permissions=["change"])
    def reject_comments(self, request, queryset):
        self._moderate(request, queryset, approve=False)

    def _moderate(self, request, queryset, *, approve):
        done = 0
        for response in queryset.exclude(comment_status=CommentStatus.NONE):
            services.moderate_comment(response=response, approve=approve, by=request.user)
            done += 1
        self.message_user(
            request, ngettext("%d comment moderated.", "%d comments moderated.", done) % done
        )

    @admin.action(
        description=_("Approve the selected responses as independent respondents"),
        permissions=["change"],
    )
    def clear_flags(self, request, queryset):
        # Flagged bursts and clusters count (individually) only after this review.
        done = services.review_responses(responses=list(queryset), by=request.user)
        self.message_user(
            request, ngettext("%d response approved.", "%d responses approved.", done) % done
        )

    @admin.action(description=_("Void the selected responses…"), permissions=["change"])
    def void_responses(self, request, queryset):
        queryset = queryset.filter(state=ResponseState.VERIFIED)
        form = VoidForm(request.POST if "reason" in request.POST else None)
        if form.is_valid():
            done = 0
            for response in queryset:
                try:
                    services.void_response(
                        response=response, reason=form.cleaned_data["reason"], by=request.user
                    )
                    done += 1
                except ValidationError as error:
                    self.message_user(request, "; ".join(error.messages), messages.ERROR)
            self.message_user(
                request, ngettext("%d response voided.", "%d responses voided.", done) % done
            )
            return redirect(request.get_full_path())
        return render(
            request,
            "surveys/admin/void_confirm.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Void responses"),
                "responses": queryset,
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )
