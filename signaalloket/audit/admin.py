"""The audit log and access registrations in the admin site: strictly read-only for everyone."""

from django.contrib import admin

from signaalloket.accounts.context import access_for

from .models import AccessLogEntry, AuditEvent


def may_view_in_admin(user) -> bool:
    if not (user.is_active and user.is_staff):
        return False
    access = access_for(user)
    return user.is_superuser or access.is_admin or access.is_desk_manager


class ReadOnlyAdmin(admin.ModelAdmin):
    """Nobody adds, changes or deletes through the admin; writes go through the services."""

    def has_module_permission(self, request) -> bool:
        return may_view_in_admin(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return may_view_in_admin(request.user)

    def has_add_permission(self, request, *args) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_actions(self, request):
        return {}


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


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
