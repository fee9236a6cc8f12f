"""Checking uploaded files: the type is decided from the bytes, never from the name or the
browser's claim. Every refusal is a ValidationFailed with a Dutch message."""

from __future__ import annotations

import contextlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from signaalloket.core.errors import ValidationFailed

DEFAULT_MAX_BYTES = 25 * 1024 * 1024
MAX_FILENAME_LENGTH = 150


def max_bytes() -> int:
    return int(getattr(settings, "DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def zip_limits() -> tuple[int, int, int]:
    """(total uncompressed bytes, compression ratio, number of members) allowed in a zip."""
    return (
        int(getattr(settings, "DOCUMENT_ZIP_MAX_UNCOMPRESSED_BYTES", 200 * 1024 * 1024)),
        int(getattr(settings, "DOCUMENT_ZIP_MAX_RATIO", 100)),
        int(getattr(settings, "DOCUMENT_ZIP_MAX_MEMBERS", 2000)),
    )


@dataclass(frozen=True)
class FileType:
    key: str
    content_type: str
    extension: str
    label: str


PDF = FileType("pdf", "application/pdf", "pdf", "PDF")
DOCX = FileType(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "docx",
    "Word (DOCX)",
)
XLSX = FileType(
    "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xlsx",
    "Excel (XLSX)",
)
ODT = FileType("odt", "application/vnd.oasis.opendocument.text", "odt", "OpenDocument-tekst")
TXT = FileType("txt", "text/plain; charset=utf-8", "txt", "Tekst")
PNG = FileType("png", "image/png", "png", "PNG-afbeelding")
JPEG = FileType("jpeg", "image/jpeg", "jpg", "JPEG-afbeelding")
EML = FileType("eml", "message/rfc822", "eml", "E-mailbericht (EML)")
MSG = FileType("msg", "application/vnd.ms-outlook", "msg", "Outlook-bericht (MSG)")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MSG_STREAM_MARKER = "__substg1.0_".encode("utf-16-le")
EXECUTABLE_MAGICS = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"#!")
_HEADER_LINE = re.compile(rb"^[!-9;-~]+:[ \t]?.*$")  # RFC 5322 field name, colon, value
_EML_KEY_HEADERS = (b"from", b"to", b"subject", b"date", b"message-id", b"received")


def _unsupported() -> ValidationFailed:
    return ValidationFailed(
        _(
            "Dit soort bestand wordt niet geaccepteerd. Toegestaan zijn PDF, Word (DOCX), "
            "Excel (XLSX), OpenDocument-tekst (ODT), tekst (TXT, UTF-8), PNG, JPEG en "
            "e-mailberichten (EML, MSG)."
        ),
        field="file",
    )


def sanitise_filename(name: str, *, extension: str) -> str:
    """A safe display name: no directories, no control characters, bounded length, and the
    extension of the detected type (the name never decides the type)."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").split("/")[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r"[<>:\"|?*]", "_", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = stem.strip(" .") or "document"
    stem = stem[: MAX_FILENAME_LENGTH - len(extension) - 1].rstrip(" .") or "document"
    return f"{stem}.{extension}"


def _check_zip(data: bytes) -> zipfile.ZipFile:
    """Open a zip and verify it is no zip bomb, by decompressing every member with a budget."""
    max_total, max_ratio, max_members = zip_limits()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise ValidationFailed(
            _("Het bestand is beschadigd en kan niet worden gelezen."), field="file"
        ) from exc
    if len(members) > max_members:
        raise ValidationFailed(
            _("Het bestand bevat te veel onderdelen en wordt niet geaccepteerd."), field="file"
        )
    bomb = ValidationFailed(
        _(
            "Het bestand pakt uit tot een onredelijk grote omvang (mogelijk een 'zip-bom') "
            "en wordt niet geaccepteerd."
        ),
        field="file",
    )
    declared = 0
    for info in members:
        declared += info.file_size
        if declared > max_total:
            raise bomb
        if info.file_size > 1024 * 1024 and info.file_size > max(info.compress_size, 1) * max_ratio:
            raise bomb
    # The declared sizes can lie: decompress for real, within the same budget.
    total = 0
    try:
        for info in members:
            if info.is_dir():
                continue
            member_total = 0
            with archive.open(info) as handle:
                while chunk := handle.read(64 * 1024):
                    member_total += len(chunk)
                    total += len(chunk)
                    if total > max_total or (
                        member_total > 1024 * 1024
                        and member_total > max(info.compress_size, 1) * max_ratio
                    ):
                        raise bomb
    except ValidationFailed:
        raise
    except (
        zipfile.BadZipFile,
        ValueError,
        OSError,
        EOFError,
        RuntimeError,
        NotImplementedError,
    ) as exc:
        raise ValidationFailed(
            _("Het bestand is beschadigd of versleuteld en kan niet worden gelezen."), field="file"
        ) from exc
    return archive


def _zip_type(data: bytes) -> FileType:
    archive = _check_zip(data)
    names = set(archive.namelist())
    if "mimetype" in names:
        mimetype = archive.read("mimetype")[:100].strip()
        if mimetype == ODT.content_type.encode():
            return ODT
        raise _unsupported()
    if "[Content_Types].xml" in names:
        if "word/document.xml" in names:
            return DOCX
        if "xl/workbook.xml" in names:
            return XLSX
    raise _unsupported()


def _looks_like_eml(data: bytes) -> bool:
    head = data[:65536]
    end = head.find(b"\r\n\r\n")
    end2 = head.find(b"\n\n")
    ends = [e for e in (end, end2) if e > 0]
    if not ends:
        return False
    block = head[: min(ends)]
    lines = block.replace(b"\r\n", b"\n").split(b"\n")
    names = set()
    for line in lines:
        if line[:1] in (b" ", b"\t"):
            continue  # folded continuation
        if not _HEADER_LINE.match(line):
            return False
        names.add(line.split(b":", 1)[0].lower())
    return len(names & set(_EML_KEY_HEADERS)) >= 2 and b"from" in names


def detect_type(data: bytes) -> FileType:
    """The type of a file, from its bytes alone."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"PK\x03\x04"):
        return _zip_type(data)
    if data.startswith(OLE_MAGIC):
        if MSG_STREAM_MARKER in data:
            return MSG
        raise _unsupported()
    if data.startswith(EXECUTABLE_MAGICS):
        raise ValidationFailed(
            _("Dit is een uitvoerbaar bestand (programma of script) en wordt niet geaccepteerd."),
            field="file",
        )
    if _looks_like_eml(data):
        return EML
    if b"\x00" in data:
        raise _unsupported()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValidationFailed(
            _(
                "Het tekstbestand is geen geldige UTF-8-tekst. Sla het op als UTF-8 of "
                "lever het aan als PDF."
            ),
            field="file",
        ) from exc
    return TXT


def read_upload(uploaded_file) -> bytes:
    """Read an uploaded file within the size limit; refuse empty and too large files."""
    if uploaded_file is None:
        raise ValidationFailed(_("Kies een bestand om te uploaden."), field="file")
    limit = max_bytes()
    too_large = ValidationFailed(
        _("Het bestand is te groot (maximaal %(mb)s MB).")
        % {"mb": f"{limit / (1024 * 1024):.1f}".rstrip("0").rstrip(".")},
        field="file",
    )
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > limit:
        raise too_large
    with contextlib.suppress(AttributeError, OSError, ValueError):
        uploaded_file.seek(0)
    data = uploaded_file.read(limit + 1)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > limit:
        raise too_large
    if not data:
        raise ValidationFailed(_("Het bestand is leeg."), field="file")
    return data
