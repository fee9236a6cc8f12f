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
