"""Who may use the reports' pages and the few writes of this app (pure predicates)."""

from signaalloket.accounts.context import access_for


def can_view_annual_report(user) -> bool:
    return access_for(user).is_desk


def may_save_filter(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def may_delete_saved_filter(user, saved_filter) -> bool:
    return saved_filter.user_id == user.pk
