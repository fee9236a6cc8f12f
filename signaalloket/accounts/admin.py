"""Users and memberships in the administration site (administrators only)."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.password_validation import validate_password
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from signaalloket.audit.models import AuditEvent
from signaalloket.core.errors import DomainError

from . import admin_audit, admin_reference, services  # noqa: F401  (register their models)
from .admin_mixins import ServiceSaveMixin, has_admin_role
from .models import Membership, User
from .roles import Role


class MembershipInlineForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["organisation", "role", "is_active"]

    def clean(self):
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        if (
            cleaned.get("role") == Role.OFFICIAL
            and organisation is not None
            and organisation.ministry_id is None
        ):
            self.add_error("role", _("De rol ambtenaar kan alleen bij een ministerie-organisatie."))
        return cleaned


class MembershipInline(admin.TabularInline):
    model = Membership
    form = MembershipInlineForm
    extra = 0
    can_delete = False
    autocomplete_fields = ["organisation"]
    fields = ["organisation", "role", "is_active", "created_at"]
    readonly_fields = ["created_at"]
    verbose_name = _("lidmaatschap")
    verbose_name_plural = _("lidmaatschappen (rollen per organisatie)")

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return has_admin_role(request.user, frozenset({Role.ADMIN}))

    has_change_permission = has_view_permission

    def has_add_permission(self, request, obj=None) -> bool:
        return self.has_view_permission(request, obj)


class UserAdminForm(forms.ModelForm):
    new_password = forms.CharField(
        label=_("Nieuw wachtwoord"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "Alleen invullen om een (eerste) wachtwoord in te stellen. Minimaal 12 tekens."
        ),
    )

    class Meta:
        model = User
        fields = ["email", "full_name", "function_title"]

    def clean_email(self) -> str:
        email = (self.cleaned_data.get("email") or "").strip().lower()
        clash = User.objects.filter(email__iexact=email)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Er bestaat al een gebruiker met dit e-mailadres."))
        return email

    def clean_new_password(self) -> str:
        password = self.cleaned_data.get("new_password") or ""
        if password:
            validate_password(password, self.instance)
        return password


@admin.register(User)
class UserAdmin(ServiceSaveMixin, admin.ModelAdmin):
    form = UserAdminForm
    inlines = [MembershipInline]
    list_display = ["email", "full_name", "is_active", "is_staff", "last_login"]
    list_filter = ["is_active", "is_staff", "memberships__role"]
    search_fields = ["email", "full_name"]
    ordering = ["full_name"]
    readonly_fields = [
        "is_active",
        "is_staff",
        "date_joined",
        "last_login",
        "deactivated_at",
        "mfa_status",
        "lock_status",
        "recent_account_events",
    ]
    actions = ["deactivate_users", "reactivate_users", "unlock_users", "reset_mfa"]

    def get_fieldsets(self, request, obj=None):
        main = (None, {"fields": ["email", "full_name", "function_title", "new_password"]})
        if obj is None:
            return [main]
        return [main, (_("Status"), {"fields": self.readonly_fields})]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    @admin.display(description=_("tweestapsverificatie"))
    def mfa_status(self, obj) -> str:
        return _("ingesteld") if services.mfa_has_device(user=obj) else _("niet ingesteld")

    @admin.display(description=_("blokkade"))
    def lock_status(self, obj) -> str:
        return _("geblokkeerd") if services.user_is_locked_out(user=obj) else _("niet geblokkeerd")

    @admin.display(description=_("recente accountgebeurtenissen"))
    def recent_account_events(self, obj) -> str:
        """Logins, failures, MFA and lock-outs of this account (never signal events)."""
        from django.db.models import Q
        from django.utils.html import format_html_join

        events = (
            AuditEvent.objects.filter(
                Q(actor=obj) | Q(data__user=obj.pk),
                signal__isnull=True,
                event_type__regex=r"^(auth|mfa|account|user|membership)\.",
            )
            .order_by("-seq")
            .values_list("created_at", "event_type")[:15]
        )
        rows = [(timezone.localtime(at).strftime("%d-%m-%Y %H:%M"), kind) for at, kind in events]
        if not rows:
            return _("geen")
        return format_html_join("", "<div>{} – {}</div>", rows)

    def save_model(self, request, obj, form, change) -> None:
        password = form.cleaned_data.get("new_password")
        if password:
            obj.set_password(password)
        services.user_admin_save(
            actor=request.user, user=obj, created=not change, changed=form.changed_data
        )

    def save_formset(self, request, form, formset, change) -> None:
        instances = formset.save(commit=False)
        for membership in instances:
            services.membership_admin_save(
                actor=request.user,
                membership=membership,
                created=membership.pk is None,
                changed=[],
            )
        formset.save_m2m()

    def _each(self, request, queryset, func, done_message: str) -> None:
        count = 0
        for user in queryset:
            try:
                func(actor=request.user, user=user)
            except DomainError as exc:
                self.report_domain_error(request, exc)
            else:
                count += 1
        if count:
            self.message_user(request, done_message % {"count": count}, level=messages.SUCCESS)

    @admin.action(description=_("Geselecteerde gebruikers deactiveren (geschiedenis blijft)"))
    def deactivate_users(self, request, queryset) -> None:
        self._each(
            request,
            queryset,
            services.user_deactivate,
            _("%(count)d gebruiker(s) gedeactiveerd."),
        )

    @admin.action(description=_("Geselecteerde gebruikers weer activeren"))
    def reactivate_users(self, request, queryset) -> None:
        self._each(
            request, queryset, services.user_reactivate, _("%(count)d gebruiker(s) geactiveerd.")
        )

    @admin.action(description=_("Blokkade opheffen (na te veel mislukte inlogpogingen)"))
    def unlock_users(self, request, queryset) -> None:
        self._each(
            request,
            queryset,
            services.user_unlock,
            _("Blokkade opgeheven voor %(count)d gebruiker(s)."),
        )

    @admin.action(description=_("Tweestapsverificatie opnieuw laten instellen"))
    def reset_mfa(self, request, queryset) -> None:
        self._each(
            request,
            queryset,
            services.mfa_reset,
            _(
                "Tweestapsverificatie gewist voor %(count)d gebruiker(s); zij stellen die opnieuw in."
            ),
        )
