"""An honest audit trail: change events name only what changed, with old and new value."""

import datetime as dt
import hashlib

import pytest
from django.urls import reverse

from signaalloket.audit.changes import field_changes, json_safe
from signaalloket.audit.models import AuditEvent
from signaalloket.audit.services import audit_event_record
from signaalloket.signals.models import Signal, Theme
from signaalloket.signals.services import signal_update
from signaalloket.signals.services.signals import criterion_assess
from signaalloket.web.timeline import timeline_for
from tests.builders import build_signal


def test_field_changes_keeps_only_differences():
    before = {"title": "A", "summary": "x", "met": None}
    after = {"title": "A", "summary": "y", "met": None}
    assert field_changes(before, after) == {"summary": {"old": "x", "new": "y"}}
    assert field_changes(before, dict(before)) == {}


def test_field_changes_digests_long_text():
    old, new = "a" * 201, "b" * 300
    change = field_changes({"summary": old}, {"summary": new})["summary"]
    assert change == {
        "old": {"sha256": hashlib.sha256(old.encode()).hexdigest()[:12], "length": 201},
        "new": {"sha256": hashlib.sha256(new.encode()).hexdigest()[:12], "length": 300},
    }
    short = field_changes({"summary": "kort"}, {"summary": "b" * 300}, long_text=200)
    assert short["summary"]["old"] == "kort"


def test_json_safe_values():
    amsterdam = dt.timezone(dt.timedelta(hours=1))
    moment = dt.datetime(2030, 3, 2, 10, tzinfo=amsterdam)
    assert json_safe(moment) == json_safe(moment.astimezone(dt.UTC)) == "2030-03-02T09:00:00+00:00"
    assert json_safe(dt.date(2030, 1, 2)) == "2030-01-02"
    assert json_safe({3, 1, 2}) == [1, 2, 3]
    # the same instant in two time zones is no change
    assert field_changes({"at": moment}, {"at": moment.astimezone(dt.UTC)}) == {}


def events(signal, event_type="signal.updated"):
    return list(AuditEvent.objects.filter(signal=signal, event_type=event_type).order_by("seq"))


@pytest.mark.django_db
def test_unchanged_save_through_the_service_records_nothing(cast):
    signal = build_signal(desk=cast.desk_staff, lead=cast.lead)
    signal.refresh_from_db()
    before_events = len(events(signal))
    version, updated_at = signal.version, signal.updated_at
    result = signal_update(
        signal=signal,
        actor=cast.desk_staff,
        expected_version=version,
        title=signal.title,
        summary=signal.summary,
        themes=list(signal.themes.all()),
    )
    stored = Signal.objects.get(pk=signal.pk)
    assert result.pk == signal.pk
    assert (stored.version, stored.updated_at) == (version, updated_at)
    assert len(events(signal)) == before_events


@pytest.mark.django_db
def test_unchanged_form_through_the_view_records_nothing(client, cast):
    signal = build_signal(desk=cast.desk_staff, lead=cast.lead)
    signal.refresh_from_db()
    before_events = len(events(signal))
    client.force_login(cast.submitter)
    response = client.post(
        reverse("signals:edit", args=[signal.pk]),
        {
            "title": signal.title,
            "summary": signal.summary,
            "origin": signal.origin,
            "confidentiality": signal.confidentiality,
            "version": signal.version,
        },
    )
    assert response.status_code == 302
    stored = Signal.objects.get(pk=signal.pk)
    assert (stored.version, stored.updated_at) == (signal.version, signal.updated_at)
    assert len(events(signal)) == before_events


@pytest.mark.django_db
def test_one_changed_field_is_recorded_with_old_and_new(client, cast):
    signal = build_signal(desk=cast.desk_staff, lead=cast.lead)
    signal.refresh_from_db()
    old_title = signal.title
    client.force_login(cast.submitter)
    response = client.post(
        reverse("signals:edit", args=[signal.pk]),
        {
            "title": "Nieuwe titel",
            "summary": signal.summary,
            "origin": signal.origin,
            "confidentiality": signal.confidentiality,
            "version": signal.version,
        },
    )
    assert response.status_code == 302
    event = events(signal)[-1]
    assert event.data["changes"] == {"title": {"old": old_title, "new": "Nieuwe titel"}}
    assert event.data["fields"] == ["title"]
    stored = Signal.objects.get(pk=signal.pk)
    assert stored.version == signal.version + 1
    assert stored.updated_at > signal.updated_at
    entry = next(
        e
        for e in timeline_for(signal=signal, user=cast.desk_staff)
        if e.event_type == "signal.updated"
    )
    assert entry.text == "Gewijzigd: titel"


@pytest.mark.django_db
def test_long_text_change_stores_a_digest_not_the_text(cast):
    signal = build_signal(desk=cast.desk_staff, lead=cast.lead)
    signal.refresh_from_db()
    text = "Een lange samenvatting die niet in het auditspoor hoort. " * 10
    signal_update(
        signal=signal, actor=cast.desk_staff, expected_version=signal.version, summary=text
    )
    event = events(signal)[-1]
    assert set(event.data["changes"]) == {"summary"}
    new = event.data["changes"]["summary"]["new"]
    assert new == {
        "sha256": hashlib.sha256(text.strip().encode()).hexdigest()[:12],
        "length": len(text.strip()),
    }
    assert "auditspoor" not in str(event.data)


@pytest.mark.django_db
def test_themes_are_recorded_as_sorted_pks_and_named_on_the_timeline(cast):
    signal = build_signal(desk=cast.desk_staff, lead=cast.lead)
    signal.refresh_from_db()
    b, a = Theme.objects.create(name="B"), Theme.objects.create(name="A")
    signal_update(
        signal=signal,
        actor=cast.desk_staff,
        expected_version=signal.version,
        title=signal.title,
        themes=[b, a],
    )
    event = events(signal)[-1]
    assert event.data["changes"] == {"themes": {"old": [], "new": sorted([a.pk, b.pk])}}
    entry = next(
        e
        for e in timeline_for(signal=signal, user=cast.desk_staff)
        if e.event_type == "signal.updated"
    )
    assert entry.text == "Gewijzigd: thema's"


@pytest.mark.django_db
def test_old_shaped_events_still_read(cast):

    signal = build_signal(desk=cast.desk_staff, lead=cast.lead)
    audit_event_record(
        event_type="signal.updated",
        actor=cast.desk_staff,
        signal=signal,
        data={"fields": ["summary", "title", "gone_field"]},
    )
    entry = [
        e
        for e in timeline_for(signal=signal, user=cast.desk_staff)
        if e.event_type == "signal.updated"
    ][-1]
    assert entry.text == "Gewijzigd: titel, samenvatting, gone_field"


@pytest.mark.django_db
def test_criterion_unchanged_records_nothing_and_change_names_the_field(cast):
    signal = build_signal(desk=cast.desk_staff, lead=cast.lead)
    assessment = signal.criteria.get(criterion="misuse")
    before = len(events(signal, "criterion.assessed"))
    same = criterion_assess(
        signal=signal,
        actor=cast.desk_staff,
        criterion="misuse",
        met=assessment.met,
        motivation=assessment.motivation,
        expected_version=assessment.version,
    )
    assert same.version == assessment.version
    assert len(events(signal, "criterion.assessed")) == before
    criterion_assess(
        signal=signal,
        actor=cast.desk_staff,
        criterion="misuse",
        met=True,
        motivation=assessment.motivation,
        expected_version=assessment.version,
    )
    event = events(signal, "criterion.assessed")[-1]
    assert event.data["changes"] == {"met": {"old": assessment.met, "new": True}}
    entry = [
        e
        for e in timeline_for(signal=signal, user=cast.desk_staff)
        if e.event_type == "criterion.assessed"
    ][-1]
    assert "Gewijzigd: voldaan" in entry.note
