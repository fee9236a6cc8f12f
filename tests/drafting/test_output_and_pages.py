import io

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from signaalloket.audit.models import AccessLogEntry
from signaalloket.drafting.models import Format, NameListEntry
from signaalloket.drafting.services import comment_add, draft_save
from signaalloket.signals.models import CriterionAssessment, Signal
from signaalloket.signals.states import State
from tests.builders import build_signal
from tests.factories import make_user

from .helpers import full_texts


def _signal_with_draft(desk, long=False):
    signal = build_signal(desk=desk, state=State.DRAFTING, title="Misbruik van <subsidies>")
    texts = full_texts(signal)
    if long:
        texts = {k: ("Een lange alinea over het knelpunt. " * 40 + "\n\n") * 3 for k in texts}
    draft_save(signal=signal, actor=desk, texts=texts, expected_number=0)
    return signal


@pytest.mark.django_db
def test_pdf_export(client, desk_user):
    signal = _signal_with_draft(desk_user, long=True)
    client.force_login(desk_user)
    response = client.get(reverse("drafting:export_pdf", args=[signal.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{signal.reference}.pdf"'
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) > 2
    first = reader.pages[0].extract_text()
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert signal.reference in first
    assert "Misbruik van <subsidies>" in text
    assert "Inhoud" in first  # table of contents for a long signal
    assert "Het structurele knelpunt" in text
    assert "Waarom landelijk niveau" in text
    # header/footer on a later page: reference, marking and page numbers
    last = reader.pages[-1].extract_text()
    assert signal.reference in last
    assert "VERTROUWELIJK" in last
    assert f"Pagina {len(reader.pages)} van {len(reader.pages)}" in last
    assert AccessLogEntry.objects.filter(signal=signal, action="export").count() == 1


@pytest.mark.django_db
def test_short_pdf_has_no_toc(client, desk_user):
    signal = build_signal(desk=desk_user, state=State.DRAFTING)
    draft_save(signal=signal, actor=desk_user, texts={"titel": "Kort"}, expected_number=0)
    client.force_login(desk_user)
    response = client.get(reverse("drafting:export_pdf", args=[signal.pk]))
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Inhoud" not in text
    assert signal.reference in text


@pytest.mark.django_db
def test_docx_export(client, desk_user):
    signal = _signal_with_draft(desk_user)
    client.force_login(desk_user)
    response = client.get(reverse("drafting:export_docx", args=[signal.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    document = docx.Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "Titel"
    assert "Het structurele knelpunt" in headings
    assert len(headings) == 10
    assert [p.text for p in document.paragraphs if p.style.name == "Title"] == [
        "Misbruik van <subsidies>"
    ]
    assert any(signal.reference in p.text for p in document.paragraphs)
    header = document.sections[0].header.paragraphs[0].text
    footer = document.sections[0].footer.paragraphs[0].text
    assert signal.reference in header and "Vertrouwelijk" in header
    assert "Vertrouwelijk" in footer
    assert AccessLogEntry.objects.filter(signal=signal, action="export").count() == 1


@pytest.mark.django_db
def test_export_not_visible_is_404(client, desk_user):
    signal = _signal_with_draft(desk_user)
    client.force_login(make_user("submitter"))
    assert client.get(reverse("drafting:export_pdf", args=[signal.pk])).status_code == 404
    assert client.get(reverse("drafting:export_docx", args=[signal.pk])).status_code == 404


@pytest.mark.django_db
def test_docx_survives_control_characters(desk_user):
    from signaalloket.drafting.output import render_docx
    from signaalloket.drafting.selectors import format_for_signal, latest_version

    signal = build_signal(desk=desk_user, state=State.DRAFTING)
    draft_save(
        signal=signal, actor=desk_user, texts={"titel": "Tekst\x07met\x1bbel"}, expected_number=0
    )
    content = render_docx(
        signal=signal, fmt=format_for_signal(signal), version=latest_version(signal=signal)
    )
    assert docx.Document(io.BytesIO(content)).paragraphs


@pytest.mark.django_db
def test_intake_page_desk_gives_advice(client, desk_user):
    signal = build_signal(desk=desk_user)
    client.force_login(desk_user)
    url = reverse("drafting:intake", args=[signal.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Structureel knelpunt" in page.content.decode()
    data = {f"version_{c}": "1" for c in ("misuse", "structural", "national", "investigation")} | {
        "met_misuse": "yes",
        "motivation_misuse": "Subsidieregeling wordt misbruikt.",
        "met_structural": "no",
        "motivation_structural": "",
        "met_national": "",
        "met_investigation": "yes",
        "advice": "suitable",
        "advice_reason": "<script>x</script>",
        "alternative_route": "",
        "signal_version": str(signal.version),
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assessments = {a.criterion: a for a in CriterionAssessment.objects.filter(signal=signal)}
    assert assessments["misuse"].met is True
    assert assessments["misuse"].motivation == "Subsidieregeling wordt misbruikt."
    assert assessments["structural"].met is False
    assert assessments["national"].met is None
    signal.refresh_from_db()
    assert signal.advice == "suitable"
    page = client.get(url).content.decode()
    assert "&lt;script&gt;x&lt;/script&gt;" in page
    # stale form (advice changed by someone else meanwhile): conflict, nothing half-saved
    data["met_national"] = "yes"
    data["advice_reason"] = "Nieuwe motivering"
    response = client.post(url, data)
    assert response.status_code == 400
    assert "intussen gewijzigd" in response.content.decode()
    assert CriterionAssessment.objects.get(signal=signal, criterion="national").met is None


@pytest.mark.django_db
def test_intake_page_submitter_cannot_give_advice(client, desk_user):
    signal = build_signal(desk=desk_user)
    submitter = make_user("submitter", organisation=signal.submitters.get().organisation)
    client.force_login(submitter)
    url = reverse("drafting:intake", args=[signal.pk])
    assert "Advies van het loket" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "met_misuse": "yes",
            "motivation_misuse": "Ja",
            "version_misuse": "1",
            "advice": "suitable",
        },
    )
    assert response.status_code == 302
    assert Signal.objects.get(pk=signal.pk).advice == ""
    assert CriterionAssessment.objects.get(signal=signal, criterion="misuse").met is True


@pytest.mark.django_db
def test_format_page_creates_new_version(client, desk_user, desk_manager):
    client.force_login(desk_user)
    assert client.get(reverse("drafting:format_manage")).status_code == 403
    client.force_login(desk_manager)
    url = reverse("drafting:format_manage")
    assert client.get(url).status_code == 200
    current = Format.objects.get(is_current=True)
    sections = list(current.sections.all())
    data = {
        "form-TOTAL_FORMS": str(len(sections) + 1),
        "form-INITIAL_FORMS": str(len(sections)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "40",
        "note": "Bijlagen verplicht",
    }
    for i, s in enumerate(sections):
        data |= {
            f"form-{i}-key": s.key,
            f"form-{i}-title": s.title,
            f"form-{i}-guidance": s.guidance,
            f"form-{i}-ORDER": str(i + 1),
        }
        if s.required:
            data[f"form-{i}-required"] = "on"
    data[f"form-{len(sections)}-title"] = "Samenvatting voor de minister"
    data[f"form-{len(sections)}-required"] = "on"
    data[f"form-{len(sections)}-ORDER"] = "99"
    data["form-9-DELETE"] = "on"  # drop "Bijlagen"
    response = client.post(url, data)
    assert response.status_code == 302
    new = Format.objects.get(is_current=True)
    assert new.number == current.number + 1
    keys = [s.key for s in new.sections.all()]
    assert keys == [s.key for s in sections[:9]] + ["samenvatting-voor-de-minister"]
    assert new.sections.get(key="samenvatting-voor-de-minister").required
    assert current.sections.count() == 10  # the old version is unchanged


@pytest.mark.django_db
def test_name_list_page_feeds_the_check(client, desk_user):
    client.force_login(desk_user)
    url = reverse("drafting:name_list")
    assert client.post(url, {"name": "Piet Verdacht"}).status_code == 302
    assert NameListEntry.objects.filter(name="Piet Verdacht", is_active=True).exists()
    signal = build_signal(desk=desk_user, state=State.DRAFTING)
    draft_save(
        signal=signal,
        actor=desk_user,
        texts={"aanleiding": "Betrokkene piet verdacht regelde alles."},
        expected_number=0,
    )
    page = client.get(reverse("drafting:editor", args=[signal.pk])).content.decode()
    assert '<mark title="Naam (uit de namenlijst)">piet verdacht</mark>' in page
    client.force_login(make_user("submitter"))
    assert client.get(url).status_code == 403


def _count(client, url) -> int:
    client.get(url)  # warm per-process caches (similar signals), so both counts are comparable
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_fixed_query_counts(client, desk_user):
    signals = []
    for n in (2, 12):
        signal = build_signal(desk=desk_user, state=State.DRAFTING)
        for i in range(n):
            draft_save(
                signal=signal,
                actor=desk_user,
                texts=full_texts(signal, aanleiding=f"Versie {i} met 0612345678"),
                expected_number=i,
            )
            parent = comment_add(
                signal=signal, actor=desk_user, section_key="aanleiding", body=f"Opmerking {i}"
            )
            comment_add(
                signal=signal,
                actor=desk_user,
                section_key="aanleiding",
                body="Antwoord",
                parent=parent,
                visibility="internal",
            )
        signals.append(signal)
    client.force_login(desk_user)
    for name in ("drafting:editor", "drafting:version_list", "web:signal_detail"):
        small, large = (_count(client, reverse(name, args=[s.pk])) for s in signals)
        assert small == large, name
    assert _count(
        client, reverse("drafting:version_compare", args=[signals[0].pk]) + "?van=1&naar=2"
    ) == _count(
        client, reverse("drafting:version_compare", args=[signals[1].pk]) + "?van=1&naar=12"
    )


@pytest.mark.django_db
def test_signal_page_shows_panels(client, desk_user):
    signal = _signal_with_draft(desk_user)
    client.force_login(desk_user)
    page = client.get(reverse("web:signal_detail", args=[signal.pk])).content.decode()
    assert "Concepttekst bewerken" in page
    assert "Versie 1" in page
    assert "Document toevoegen" in page


@pytest.mark.django_db
def test_intake_huge_post_changes_nothing(client, desk_user):
    signal = build_signal(desk=desk_user)
    client.force_login(desk_user)
    url = reverse("drafting:intake", args=[signal.pk])
    response = client.post(
        url, {"met_misuse": "yes", "version_misuse": "1", "motivation_misuse": "x" * 5_000_000}
    )
    assert response.status_code == 400
    assert "te groot" in response.content.decode()
    assert CriterionAssessment.objects.get(signal=signal, criterion="misuse").met is None
