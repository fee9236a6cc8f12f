from tests.cast import cast  # noqa: F401 - fixtures for this package
