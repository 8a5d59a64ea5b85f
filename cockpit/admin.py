"""Organisers read the e-mails the cycle has sent (otwarte.SentMessage), read-only."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from otwarte.access import OrganiserOnlyAdminMixin
from otwarte.enums import MessageKind
from otwarte.models import SentMessage


class KindFilter(admin.SimpleListFilter):
    """The kinds by their names, not the stored codes ("invitation")."""

    title = _("kind")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return MessageKind.choices

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(SentMessage)
class SentMessageAdmin(OrganiserOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["sent_at", "kind_label", "recipient", "language", "subject", "status"]
    list_filter = ["status", KindFilter, "language"]
    search_fields = ["recipient", "subject"]
    date_hierarchy = "sent_at"
    # The body never holds a usable set-password link (otwarte.mail: redacted when sent).
    readonly_fields = ["kind", "key", "recipient", "user", "language", "subject", "body",
                       "sent_at", "status", "attempts", "last_error", "delivered_at"]


    @admin.display(description=_("kind"), ordering="kind")
    def kind_label(self, message):
        # A kind without a label (an old record) shows its code rather than nothing.
        return MessageKind(message.kind).label if message.kind in MessageKind else message.kind
