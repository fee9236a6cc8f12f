"""Organisations and reference data in the administration site.

Administrators manage organisations; desk managers and administrators keep the reference
data (ministries, bewindspersonen, partner kinds) current. Nothing is deleted: end a
ministry or office with a 'geldig tot' date, deactivate an organisation.
"""

from django.contrib import admin

from signaalloket.organisations.models import Ministry, Office, Organisation, PartnerKind

from . import services
from .admin_mixins import ServiceSaveMixin
from .roles import Role

ADMIN_AND_MANAGER = frozenset({Role.ADMIN, Role.DESK_MANAGER})


class ReferenceAdmin(ServiceSaveMixin, admin.ModelAdmin):
    admin_roles = ADMIN_AND_MANAGER

    def save_model(self, request, obj, form, change) -> None:
        services.reference_admin_save(
            actor=request.user, obj=obj, created=not change, changed=form.changed_data
        )


@admin.register(Organisation)
class OrganisationAdmin(ReferenceAdmin):
    list_display = ["name", "kind", "partner_kind", "ministry", "is_active"]
    list_filter = ["kind", "is_active", "partner_kind"]
    search_fields = ["name"]
    list_select_related = ["partner_kind", "ministry"]
    fields = ["name", "kind", "partner_kind", "ministry", "is_active"]


@admin.register(Ministry)
class MinistryAdmin(ReferenceAdmin):
    list_display = ["code", "name", "valid_from", "valid_to"]
    search_fields = ["code", "name"]
    fields = ["code", "name", "valid_from", "valid_to"]


@admin.register(Office)
class OfficeAdmin(ReferenceAdmin):
    list_display = ["title", "kind", "ministry", "holder_name", "valid_from", "valid_to"]
    list_filter = ["kind", "ministry"]
    search_fields = ["title", "holder_name", "ministry__name"]
    list_select_related = ["ministry"]
    fields = ["kind", "ministry", "title", "holder_name", "valid_from", "valid_to"]


@admin.register(PartnerKind)
class PartnerKindAdmin(ReferenceAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    fields = ["code", "name"]
