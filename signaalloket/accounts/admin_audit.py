"""The audit log and access registrations in the admin site: strictly read-only for everyone."""

from django.contrib import admin

from signaalloket.audit.models import AccessLogEntry, AuditEvent

from .admin_mixins import ReadOnlyAdmin


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["seq", "created_at", "event_type", "actor", "organisation", "signal"]
    list_filter = ["event_type"]
    search_fields = ["event_type", "signal__reference"]
    list_select_related = ["actor", "organisation", "signal"]
    readonly_fields = [
        "seq",
        "created_at",
        "actor",
        "organisation",
        "signal",
        "event_type",
        "data",
        "prev_hash",
        "hash",
    ]
    ordering = ["-seq"]
    show_full_result_count = False


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "user", "action", "signal", "object_description"]
    list_filter = ["action"]
    search_fields = ["object_description", "signal__reference", "user__email"]
    list_select_related = ["user", "signal"]
    readonly_fields = ["created_at", "user", "action", "signal", "object_description"]
    show_full_result_count = False
