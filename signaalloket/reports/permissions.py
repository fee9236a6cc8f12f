"""Who may use the reports' pages (pure predicates)."""

from signaalloket.accounts.context import access_for


def can_view_annual_report(user) -> bool:
    return access_for(user).is_desk
