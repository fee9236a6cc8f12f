"""Deadlines in the admin site: read-only (extend them on the signal page)."""

from django.contrib import admin

from signaalloket.accounts.admin_mixins import ReadOnlyAdmin, ReadOnlyInline

from .models import Deadline, DeadlineExtension


class ExtensionInline(ReadOnlyInline):
    model = DeadlineExtension
    fields = ["created_at", "old_due_date", "new_due_date", "reason", "actor"]
    readonly_fields = fields


@admin.register(Deadline)
class DeadlineAdmin(ReadOnlyAdmin):
    list_display = ["signal", "kind", "due_date", "original_due_date", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["signal__reference"]
    list_select_related = ["signal"]
    inlines = [ExtensionInline]
    readonly_fields = [
        "signal",
        "kind",
        "original_due_date",
        "due_date",
        "status",
        "closed_on",
        "reason",
        "created_at",
        "version",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)
