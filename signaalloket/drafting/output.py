"""The signal in its format as PDF (WeasyPrint) and DOCX (python-docx)."""

from __future__ import annotations

import io

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

TOC_MIN_SECTIONS = 6  # a table of contents from this many filled sections on
TOC_MIN_CHARS = 6000  # ... or from this much text


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n\n") if p.strip()]


def output_sections(fmt, version) -> list[dict]:
    texts = version.texts if version else {}
    sections = fmt.sections.all() if fmt else []
    return [
        {"key": s.key, "title": s.title, "paragraphs": _paragraphs(texts.get(s.key, ""))}
        for s in sections
    ]


def _context(signal, fmt, version) -> dict:
    sections = output_sections(fmt, version)
    filled = [s for s in sections if s["paragraphs"]]
    total = sum(len(p) for s in sections for p in s["paragraphs"])
    return {
        "signal": signal,
        "version": version,
        "sections": sections,
        "show_toc": len(filled) >= TOC_MIN_SECTIONS or total >= TOC_MIN_CHARS,
        "marking": signal.get_confidentiality_display(),
        "generated_at": timezone.localtime(),
        "desk": settings.DESK_CONTACT,
    }


def render_pdf(*, signal, fmt, version) -> bytes:
    from weasyprint import HTML

    html = render_to_string("drafting/output_pdf.html", _context(signal, fmt, version))
    # No base_url and no url_fetcher access: the document is self-contained.
    return HTML(string=html, url_fetcher=_no_fetch).write_pdf()


def _no_fetch(url, *args, **kwargs):
    raise ValueError("external resources are not loaded")


def _add_page_number(paragraph) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _clean_xml_text(text: str) -> str:
    # XML 1.0 forbids most control characters; python-docx would raise on them.
    return "".join(ch for ch in text if ch in "\t\n" or ord(ch) >= 32)


def render_docx(*, signal, fmt, version) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    context = _context(signal, fmt, version)
    document = docx.Document()
    core = document.core_properties
    core.title = _clean_xml_text(f"{signal.reference} {signal.title}")[:250]
    core.subject = _("Bestuurlijk signaal")
    core.author = settings.DESK_CONTACT["name"]
    marking = f"{signal.reference} · {context['marking']}"
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = marking
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer = section.footer.paragraphs[0]
    footer.text = f"{context['marking']} · {signal.reference} · {_('pagina')} "
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add_page_number(footer)

    document.add_heading(_clean_xml_text(signal.title), level=0)
    document.add_paragraph(
        _("Kenmerk: %(ref)s · Rubricering: %(marking)s")
        % {"ref": signal.reference, "marking": context["marking"]},
        style="Subtitle",
    )
    if version is not None:
        document.add_paragraph(
            _("Conceptversie %(n)s van %(date)s")
            % {
                "n": version.number,
                "date": timezone.localtime(version.created_at).strftime("%d-%m-%Y %H:%M"),
            }
        )
    for item in context["sections"]:
        document.add_heading(_clean_xml_text(item["title"]), level=1)
        if not item["paragraphs"]:
            document.add_paragraph(_("(nog niet ingevuld)"), style="Quote")
        for text in item["paragraphs"]:
            paragraph = document.add_paragraph()
            lines = _clean_xml_text(text).split("\n")
            for i, line in enumerate(lines):
                run = paragraph.add_run(line)
                if i < len(lines) - 1:
                    run.add_break()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
