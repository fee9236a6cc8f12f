import rules

from signaalloket.accounts.context import access_for


@rules.predicate
def may_import_signals(user) -> bool:
    """Import of historical signals (upload, dry run, processing): desk managers only."""
    return access_for(user).is_desk_manager


# For templates: {% if perms.imports.import_signals %} (the navigation link).
rules.add_perm("imports.import_signals", may_import_signals)
