"""Who may manage the public register (pure predicates)."""

from signaalloket.accounts.context import access_for


def may_edit_publication(user) -> bool:
    """Whether and how a signal appears in the public register: the desk's, for every signal
    (the page answers 403 before it looks the signal up)."""
    return access_for(user).is_desk


def may_record_publication_consent(user) -> bool:
    return access_for(user).is_desk
