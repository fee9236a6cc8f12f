from signaalloket.accounts.context import access_for


def may_import_signals(user) -> bool:
    """Import of historical signals (upload, dry run, processing): desk managers only."""
    return access_for(user).is_desk_manager
