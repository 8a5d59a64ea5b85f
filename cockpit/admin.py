"""Organisers read the e-mails the cycle has sent (otwarte.SentMessage), read-only."""

from django.contrib import admin

from otwarte.models import SentMessage
from practices.permissions import is_organiser


@admin.register(SentMessage)
class SentMessageAdmin(admin.ModelAdmin):
    list_display = ["sent_at", "kind", "recipient", "language", "subject", "status"]
    list_filter = ["status", "kind", "language"]
    search_fields = ["recipient", "subject"]
    date_hierarchy = "sent_at"
    # The body never holds a usable set-password link (otwarte.mail: redacted when sent).
    readonly_fields = ["kind", "key", "recipient", "user", "language", "subject", "body",
                       "sent_at", "status", "attempts", "last_error", "delivered_at"]

    def has_module_permission(self, request):
        return is_organiser(request.user)

    def has_view_permission(self, request, obj=None):
        return is_organiser(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
