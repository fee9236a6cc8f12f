"""Who may save and delete a list filter (pure predicates)."""


def may_save_filter(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def may_delete_saved_filter(user, saved_filter) -> bool:
    return saved_filter.user_id == user.pk
