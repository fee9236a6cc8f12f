import pytest

from tests.factories import make_user


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def desk_user(db):
    return make_user("desk_staff", email="loket@example.nl")


@pytest.fixture
def desk_manager(db):
    return make_user("desk_manager", email="manager@example.nl")


@pytest.fixture
def admin_user(db):
    return make_user("admin", email="beheer@example.nl")


def _restore_migration_data() -> None:
    """Data migrations' rows (reference data, the default format) are gone after a flush."""
    import importlib

    from django.apps import apps

    from signaalloket.organisations.reference_data import load

    load()
    default_format = importlib.import_module("signaalloket.drafting.migrations.0002_default_format")
    default_format.create_default_format(apps, None)


@pytest.fixture(autouse=True)
def _migration_data_for_transactional_tests(request):
    """Transactional tests run after the others and flush the database after each test.

    Instead of serialized_rollback (which clashes with content types recreated after a
    flush), they get the rows of the data migrations back before they start.
    """
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction", False):
        return
    request.getfixturevalue("transactional_db")
    _restore_migration_data()
