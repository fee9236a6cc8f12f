"""The search index follows a write after it commits, once per signal, never for a rollback."""

import pytest
from django.db import transaction

from signaalloket.reports.models import SearchEntry
from signaalloket.reports.search_index import _Reindex
from signaalloket.signals.services import signal_create, signal_update
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _indexed_titles(signal) -> list[str]:
    return list(
        SearchEntry.objects.filter(signal=signal, source="signal").values_list("title", flat=True)
    )


def test_the_index_is_written_after_commit_once_per_signal(
    desk_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        signal = signal_create(
            actor=desk_user,
            title="Stromannen in de horeca",
            lead_organisation=OrganisationFactory(),
        )
        signal_update(signal=signal, actor=desk_user, expected_version=signal.version, summary="x")
        assert _indexed_titles(signal) == []  # not while the write is open
    reindexes = [job for job in callbacks if isinstance(job, _Reindex)]
    assert [job.signal_id for job in reindexes] == [signal.pk]  # several events, one reindex
    [title] = _indexed_titles(signal)
    assert "Stromannen in de horeca" in title


def test_a_write_that_rolls_back_leaves_the_index_alone(
    desk_user, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        signal_create(
            actor=desk_user, title="Teruggedraaid", lead_organisation=OrganisationFactory()
        )
        raise RuntimeError("the write fails after the audit event")
    assert [job for job in callbacks if isinstance(job, _Reindex)] == []
    assert not SearchEntry.objects.filter(title="Teruggedraaid").exists()
