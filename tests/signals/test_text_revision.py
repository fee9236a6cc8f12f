"""signals.TextRevision: database triggers give it a new token whenever texts change."""

import pytest

from signaalloket.signals.models import Signal, TextRevision
from tests.builders import build_signal

pytestmark = pytest.mark.django_db


def _token() -> str | None:
    return TextRevision.objects.filter(pk=1).values_list("token", flat=True).first()


def test_insert_gives_a_new_token(desk_user):
    before = _token()
    build_signal(desk=desk_user, title="Eerste")
    assert _token() not in (None, before)


def test_bulk_insert_gives_a_new_token():
    from tests.reports.conftest import bulk_signals

    before = _token()
    bulk_signals(3)
    assert _token() != before


def test_title_or_summary_change_gives_a_new_token(desk_user):
    signal = build_signal(desk=desk_user, title="Eerste")
    before = _token()
    Signal.objects.filter(pk=signal.pk).update(title="Anders")
    after_title = _token()
    Signal.objects.filter(pk=signal.pk).update(summary="Nieuwe samenvatting")
    assert len({before, after_title, _token()}) == 3


def test_other_changes_keep_the_token(desk_user):
    signal = build_signal(desk=desk_user, title="Eerste")
    before = _token()
    Signal.objects.filter(pk=signal.pk).update(state="drafting", origin="Onderzoek X")
    assert _token() == before
