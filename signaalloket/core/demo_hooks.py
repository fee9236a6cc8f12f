"""Steps of the demo that use features of other apps (documents, effect inquiry).

Each returns False when the feature is not available, and the demo signal then stays in the
state it reached.
"""

from django.core.files.uploadedfile import SimpleUploadedFile


def _pdf_bytes(text: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<h1>Reactie</h1><p>{text}</p>").write_pdf()


def write_draft(signal, desk) -> bool:
    try:
        from signaalloket.drafting.demo import draft_write_complete
    except ImportError:
        return False
    draft_write_complete(signal=signal, actor=desk)
    return True


def register_response(signal, desk) -> bool:
    try:
        from signaalloket.documents.services import document_upload
    except ImportError:
        return False
    from signaalloket.core.dates import today

    upload = SimpleUploadedFile(
        "gezamenlijke-reactie.pdf",
        _pdf_bytes("Gezamenlijke reactie van de bewindspersonen op het bestuurlijk signaal."),
        content_type="application/pdf",
    )
    document_upload(
        signal=signal,
        actor=desk,
        uploaded_file=upload,
        kind="response",
        title="Gezamenlijke reactie bewindspersonen",
        confidentiality="internal",
        document_date=today(),
    )
    return True


def record_effect(signal, desk) -> bool:
    try:
        from signaalloket.procedure.services import effect_answer_record
    except ImportError:
        return False
    effect_answer_record(
        signal=signal,
        actor=desk,
        outcome="policy_changed",
        text="Het beleid is aangepast; de aanbevelingen krijgen opvolging.",
    )
    return True
