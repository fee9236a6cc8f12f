"""How the builders register a response document and an effect answer.

Features that add these (documents, effect inquiry) replace these functions' bodies.
"""


def small_pdf_bytes() -> bytes:
    """A valid one-page PDF, made with pypdf."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def write_draft(signal, desk) -> None:
    """Save a complete draft without personal data, so the fact-check guard passes."""
    from signaalloket.demo.drafts import draft_write_complete

    draft_write_complete(signal=signal, actor=desk)


def register_response(signal, desk) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from signaalloket.documents.services import document_upload

    document_upload(
        signal=signal,
        actor=desk,
        uploaded_file=SimpleUploadedFile("reactie.pdf", small_pdf_bytes()),
        kind="response",
        title="Gezamenlijke reactie",
        confidentiality="confidential",
    )


def record_effect(signal, desk) -> None:
    from signaalloket.procedure.services import effect_answer_submit

    # One answer per submitting organisation, the desk on behalf of each (issue 17, item 5).
    for submitter in signal.submitters.select_related("organisation"):
        effect_answer_submit(
            signal=signal,
            actor=desk,
            outcome="policy_changed",
            explanation="Beleid aangepast.",
            organisation=submitter.organisation,
        )


def hold_confirmed_meeting(signal, desk):
    """Plan a fact-check meeting that started an hour ago and record it as held with minutes
    and "facts confirmed"; that moves the signal (in FACT_CHECK) to DECISION."""
    import datetime as dt

    from django.utils import timezone

    from signaalloket.meetings.services import meeting_record_outcome, meeting_schedule
    from signaalloket.signals.models import Signal

    starts = timezone.now() - dt.timedelta(hours=1)
    meeting = meeting_schedule(
        signal=signal,
        actor=desk,
        starts_at=starts,
        ends_at=starts + dt.timedelta(minutes=45),
        location="Den Haag",
    )
    meeting_record_outcome(
        meeting=meeting,
        actor=desk,
        outcome="confirmed",
        minutes="De feiten zijn besproken en bevestigd.",
        expected_version=meeting.version,
    )
    return Signal.objects.get(pk=signal.pk)
