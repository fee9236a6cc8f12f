"""Signals in the admin site: read-only (all writes go through the services)."""

from django.contrib import admin

from signaalloket.accounts.admin_mixins import ReadOnlyAdmin, ReadOnlyInline

from .models import Addressee, CriterionAssessment, Signal, StateChange, Submitter
from .querysets import visible_signal


class SubmitterInline(ReadOnlyInline):
    model = Submitter
    fields = ["organisation", "is_lead", "strategic_rep_name", "approved_at", "approval_kind"]
    readonly_fields = fields


class AddresseeInline(ReadOnlyInline):
    model = Addressee
    fields = ["office", "is_coordinating", "contribution_status"]
    readonly_fields = fields


class CriterionInline(ReadOnlyInline):
    model = CriterionAssessment
    fields = ["criterion", "met", "motivation"]
    readonly_fields = fields


class StateChangeInline(ReadOnlyInline):
    model = StateChange
    fields = ["created_at", "from_state", "to_state", "actor", "reason"]
    readonly_fields = fields


@admin.register(Signal)
class SignalAdmin(ReadOnlyAdmin):
    list_display = ["reference", "title", "state", "confidentiality", "case_handler", "updated_at"]
    list_filter = ["state", "confidentiality", "year"]
    search_fields = ["reference", "title"]
    list_select_related = ["case_handler"]
    inlines = [SubmitterInline, AddresseeInline, CriterionInline, StateChangeInline]
    exclude = ["themes"]
    readonly_fields = [
        "reference",
        "title",
        "summary",
        "state",
        "confidentiality",
        "origin",
        "advice",
        "advice_reason",
        "alternative_route",
        "case_handler",
        "created_by",
        "created_at",
        "updated_at",
        "state_changed_at",
        "fact_check_started_at",
        "offered_on",
        "response_received_on",
        "response_delivered_on",
        "closed_on",
        "version",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)


@admin.register(StateChange)
class StateChangeAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "signal", "from_state", "to_state", "actor"]
    list_filter = ["to_state"]
    search_fields = ["signal__reference"]
    list_select_related = ["signal", "actor"]
    readonly_fields = ["signal", "from_state", "to_state", "actor", "reason", "created_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(visible_signal(request.user))
