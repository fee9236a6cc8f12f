import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from signaalloket.audit.models import AuditEvent
from signaalloket.core.errors import NotAllowed, ValidationFailed
from signaalloket.publications.models import Publication
from signaalloket.publications.services import publication_consent_record, publication_set
from tests.builders import build_signal
from tests.factories import OfficeFactory, OrganisationFactory, make_user

from .conftest import bulk_signals

URL = reverse("publications:public_register")


@pytest.fixture
def signal(desk_user):
    office = OfficeFactory(title="Minister voor Register", holder_name="")
    signal = build_signal(
        desk=desk_user,
        state="offered",
        lead=OrganisationFactory(name="Gemeente Open"),
        co_submitters=[OrganisationFactory(name="OM Open")],
        offices=[office],
        title="Openbaar signaal over vastgoed",
    )
    return signal


@pytest.mark.django_db
def test_publishing_needs_summary_and_consent_of_every_submitter(desk_user, signal):
    lead, co = list(signal.submitters.all())
    with pytest.raises(ValidationFailed):
        publication_set(signal=signal, actor=desk_user, published=True, public_summary="")
    with pytest.raises(ValidationFailed):
        publication_set(signal=signal, actor=desk_user, published=True, public_summary="Kort.")
    publication_consent_record(signal=signal, actor=desk_user, submitter=lead, note="mail")
    with pytest.raises(ValidationFailed):
        publication_set(signal=signal, actor=desk_user, published=True, public_summary="Kort.")
    publication_consent_record(signal=signal, actor=desk_user, submitter=co)
    publication = publication_set(
        signal=signal, actor=desk_user, published=True, public_summary="Kort."
    )
    assert publication.published and publication.published_at
    assert AuditEvent.objects.filter(event_type="publication.set", signal=signal).exists()
    assert AuditEvent.objects.filter(event_type="publication.consent").count() == 2


@pytest.mark.django_db
def test_recorded_statement_stands_in_for_individual_consents(desk_user, signal):
    publication = publication_set(
        signal=signal,
        actor=desk_user,
        published=True,
        public_summary="Kort.",
        consent_statement="Alle indieners stemden in per e-mail van 3 maart.",
    )
    assert publication.published


@pytest.mark.django_db
def test_only_the_desk_publishes(signal):
    submitter = make_user("submitter", organisation=signal.submitters.first().organisation)
    with pytest.raises(NotAllowed):
        publication_set(signal=signal, actor=submitter, published=False, public_summary="x")


@pytest.mark.django_db
def test_public_register_without_login_shows_only_published_and_only_public_fields(
    client, desk_user, signal
):
    hidden = build_signal(desk=desk_user, title="Niet openbaar signaal")
    publication_set(signal=hidden, actor=desk_user, published=False, public_summary="Verborgen")
    assert client.get(URL).status_code == 200
    assert b"Openbaar signaal over vastgoed" not in client.get(URL).content  # off by default
    publication_set(
        signal=signal,
        actor=desk_user,
        published=True,
        public_summary="Wat het publiek mag weten.",
        consent_statement="Verklaring",
    )
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    for visible in (
        "Openbaar signaal over vastgoed",
        "Gemeente Open",
        "OM Open",
        "Minister voor Register",
        "Aangeboden",
        "Wat het publiek mag weten.",
    ):
        assert visible in html
    for secret in (
        "Niet openbaar signaal",
        "Verborgen",
        signal.reference,
        "Samenvatting van het knelpunt",
        "Verklaring",
    ):
        assert secret not in html
    assert "/register/" in html  # footer link


@pytest.mark.django_db
def test_publication_page_desk_only_and_flow(client, desk_user, signal):
    url = reverse("publications:publication_edit", args=[signal.pk])
    client.force_login(make_user("submitter", organisation=signal.submitters.first().organisation))
    assert client.get(url).status_code == 403
    client.force_login(desk_user)
    assert client.get(url).status_code == 200
    for submitter in signal.submitters.all():
        client.post(url, {"consent_for": submitter.pk, "note": "akkoord"})
    response = client.post(url, {"public_summary": "Openbaar.", "published": "on", "version": 1})
    assert response.status_code == 302
    assert Publication.objects.get(signal=signal).published
    detail = client.get(reverse("web:signal_detail", args=[signal.pk]))
    assert b"staat in het openbare register" in detail.content


@pytest.mark.django_db
def test_public_register_query_count_is_fixed(client, desk_user):
    def publish(signals):
        Publication.objects.bulk_create(
            Publication(signal=s, public_summary="x", published=True) for s in signals
        )

    publish(bulk_signals(10))
    with CaptureQueriesContext(connection) as small:
        client.get(URL)
    publish(bulk_signals(490, start=11))
    with CaptureQueriesContext(connection) as large:
        assert client.get(URL).content.count(b"app-register-item") == 500
    assert len(large.captured_queries) == len(small.captured_queries)
