import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.builders_hooks import small_pdf_bytes


def pdf_file(name="stuk.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, small_pdf_bytes(), content_type="application/pdf")


def docx_bytes(text="Hallo wereld") -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_bomb_docx(size=300 * 1024 * 1024) -> bytes:
    """A DOCX-shaped zip whose document.xml inflates from ~300 KB to `size` bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as handle:
            chunk = b"0" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                handle.write(chunk)
    return buffer.getvalue()


def stored_files(settings) -> list:
    root = settings.MEDIA_ROOT
    if not root.exists():
        return []
    return [p for p in root.rglob("*") if p.is_file()]
