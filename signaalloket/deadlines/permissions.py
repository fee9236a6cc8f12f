"""Who may change a deadline (pure predicates)."""

from signaalloket.accounts.context import access_for


def may_extend_deadline(user, deadline) -> bool:
    """The desk; only an open deadline can be extended (the service says so, with a reason)."""
    return access_for(user).is_desk
