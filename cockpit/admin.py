"""Organisers read the e-mails the cycle has sent (otwarte.SentMessage), read-only."""

from django.contrib import admin

from otwarte.access import OrganiserOnlyAdminMixin
from otwarte.models import SentMessage


@admin.register(SentMessage)
class SentMessageAdmin(OrganiserOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["sent_at", "kind", "recipient", "language", "subject", "status"]
    list_filter = ["status", "kind", "language"]
    search_fields = ["recipient", "subject"]
    date_hierarchy = "sent_at"
    # The body never holds a usable set-password link (otwarte.mail: redacted when sent).
    readonly_fields = ["kind", "key", "recipient", "user", "language", "subject", "body",
                       "sent_at", "status", "attempts", "last_error", "delivered_at"]

