import pytest
from django.db import transaction
from django.test import Client, override_settings

from signaalloket.core import procedure_hooks
from signaalloket.reports.search_index import search_index_rebuild

from .world import build_world


@pytest.fixture(scope="session")
def matrix_media(tmp_path_factory):
    return tmp_path_factory.mktemp("matrix-media")


@pytest.fixture(autouse=True)
def _media_root(settings, matrix_media):
    """Overrides tests/conftest.py: files of the module-wide world stay reachable."""
    settings.MEDIA_ROOT = matrix_media


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, matrix_media):
    """One world per module, rolled back at the end of the module."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=matrix_media):
        with pytest.MonkeyPatch.context() as mp:
            # The drafting guard asks for a complete draft; the matrix is about access.
            checks = dict(procedure_hooks._guards)
            checks["draft_ready_for_fact_check"] = lambda signal: True
            mp.setattr(procedure_hooks, "_guards", checks)
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                built = build_world()
                # The world never commits, so the after-commit reindexing never runs.
                search_index_rebuild()
            except BaseException:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
                raise
        yield built
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def clients(world, django_db_blocker):
    """A logged-in client per role of the world (sessions live in the module's world)."""
    result = {"anonymous": Client(raise_request_exception=False)}
    with django_db_blocker.unblock():
        for role, user in world.users.items():
            client = Client(raise_request_exception=False)
            client.force_login(user)
            result[role] = client
    return result
