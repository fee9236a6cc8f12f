"""The participants page and the approval page run a fixed number of queries, however many
organisations, contact persons or annexes a signal has."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from signaalloket.documents.services import document_upload
from signaalloket.signals.services.contacts import contact_add
from signaalloket.signals.services.participants import (
    submitter_add,
    submitter_set_strategic_rep,
)
from signaalloket.signals.states import State
from tests.builders import build_signal
from tests.builders_hooks import small_pdf_bytes
from tests.factories import OrganisationFactory, make_user
from tests.procedure.helpers import make_world, walk, world_signal

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries.captured_queries)


def _add_organisation(signal, desk):
    org = OrganisationFactory(kind="partner")
    submitter = submitter_add(signal=signal, actor=desk, organisation=org)
    rep = make_user("strategic_rep", organisation=org)
    submitter_set_strategic_rep(
        submitter=submitter, actor=desk, strategic_rep=rep, expected_version=submitter.version
    )
    for _ in range(2):
        contact_add(submitter=submitter, actor=desk, user=make_user("submitter", organisation=org))


def test_participants_page_does_not_grow_with_the_participants(client):
    desk = make_user("desk_staff")
    signal = build_signal(desk=desk, lead=OrganisationFactory(kind="riec"))
    url = f"/signalen/{signal.pk}/betrokkenen/"
    client.force_login(desk)
    _add_organisation(signal, desk)
    few = _queries(client, url)
    for _ in range(4):
        _add_organisation(signal, desk)
    assert _queries(client, url) == few


def test_approval_page_does_not_grow_with_the_annexes(client, desk_user):
    world = make_world(desk_user, ministries=1)
    signal = walk(world_signal(world), desk_user, State.DRAFTING, State.FACT_CHECK, State.DECISION)
    url = f"/signalen/{signal.pk}/instemming/{signal.submitters.get().pk}/"
    client.force_login(world.rep)

    def annex(n):
        document_upload(
            signal=signal,
            actor=desk_user,
            uploaded_file=SimpleUploadedFile(
                f"bijlage-{n}.pdf", small_pdf_bytes(), "application/pdf"
            ),
            kind="attachment",
            title=f"Bijlage {n}",
            confidentiality=signal.confidentiality,
        )

    annex(0)
    few = _queries(client, url)
    for n in range(1, 5):
        annex(n)
    assert _queries(client, url) == few
