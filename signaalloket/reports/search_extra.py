"""Providers for sources built by other apps; registered only when their models exist."""


def register_optional_providers() -> None:
    return None
