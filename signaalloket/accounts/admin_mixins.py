"""Role-based permissions for the administration site (no Django model permissions needed)."""

from django.contrib import admin, messages

from signaalloket.core.errors import DomainError

from .context import access_for
from .roles import Role


def has_admin_role(user, roles: frozenset[str]) -> bool:
    if not (user.is_active and user.is_staff):
        return False
    return user.is_superuser or bool(access_for(user).roles & roles)


class RoleAdminMixin:
    """ModelAdmin permissions follow roles; nothing is ever deleted from the admin site."""

    admin_roles: frozenset[str] = frozenset({Role.ADMIN})

    def has_module_permission(self, request) -> bool:
        return has_admin_role(request.user, self.admin_roles)

    def has_view_permission(self, request, obj=None) -> bool:
        return has_admin_role(request.user, self.admin_roles)

    def has_change_permission(self, request, obj=None) -> bool:
        return has_admin_role(request.user, self.admin_roles)

    def has_add_permission(self, request, *args) -> bool:
        return has_admin_role(request.user, self.admin_roles)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ServiceSaveMixin(RoleAdminMixin):
    """Saves go through a service (which audits); domain errors become an admin message."""

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def report_domain_error(self, request, exc: DomainError) -> None:
        self.message_user(request, exc.message, level=messages.ERROR)


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
