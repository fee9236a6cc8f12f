"""Text extraction for search, bounded in size and work. Failures give an empty text."""

from __future__ import annotations

import io
import logging
import re
import time
import zipfile
from html import unescape

from . import validation as v

logger = logging.getLogger(__name__)

MAX_CHARS = 200_000
MAX_PAGES = 300
MAX_SECONDS = 10.0
MAX_XML_BYTES = 20 * 1024 * 1024


def _bounded(parts, deadline: float) -> str:
    out: list[str] = []
    total = 0
    for part in parts:
        if not part:
            continue
        out.append(part)
        total += len(part)
        if total >= MAX_CHARS or time.monotonic() > deadline:
            break
    return "\n".join(out)[:MAX_CHARS]


def _pdf(data: bytes, deadline: float):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    for index, page in enumerate(reader.pages):
        if index >= MAX_PAGES or time.monotonic() > deadline:
            return
        yield page.extract_text() or ""


def _docx(data: bytes, deadline: float):
    import docx

    document = docx.Document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        if time.monotonic() > deadline:
            return
        yield paragraph.text


def _xlsx(data: bytes, deadline: float):
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                if time.monotonic() > deadline:
                    return
                yield " ".join(str(c) for c in row if c is not None)
    finally:
        workbook.close()


def _odt(data: bytes, deadline: float):
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("content.xml") as handle:
        xml = handle.read(MAX_XML_BYTES).decode("utf-8", errors="replace")
    xml = re.sub(r"</text:(p|h)>", "\n", xml)
    text = unescape(re.sub(r"<[^>]{0,2000}>", "", xml))
    yield text


def _txt(data: bytes, deadline: float):
    yield data.decode("utf-8", errors="replace")


def _eml(data: bytes, deadline: float):
    yield data[:MAX_CHARS].decode("utf-8", errors="replace")


EXTRACTORS = {"pdf": _pdf, "docx": _docx, "xlsx": _xlsx, "odt": _odt, "txt": _txt, "eml": _eml}


def extract_text(data: bytes, file_type: v.FileType) -> str:
    extractor = EXTRACTORS.get(file_type.key)
    if extractor is None:
        return ""
    deadline = time.monotonic() + MAX_SECONDS
    try:
        text = _bounded(extractor(data, deadline), deadline)
    except Exception:  # a broken file must not block the upload; search just misses it
        logger.warning("text extraction failed for a %s file", file_type.key, exc_info=True)
        return ""
    return text.replace("\x00", "")
