from tests.cast import ROLE_NAMES, Cast, cast, open_guards  # noqa: F401 - fixtures for this package
