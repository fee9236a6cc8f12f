"""Personal-data check: finds personal data in draft text, with exact positions.

Signals describe phenomena, not people (PROCESS.md), so every finding must be removed or
marked by the desk as a false positive (with a reason). Checksums come from python-stdnum.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _
from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn

KIND_LABELS = {
    "bsn": _("BSN (burgerservicenummer)"),
    "iban": _("IBAN (rekeningnummer)"),
    "phone": _("Telefoonnummer"),
    "email": _("E-mailadres"),
    "licence_plate": _("Kenteken"),
    "address": _("Postcode met huisnummer"),
    "birth_date": _("Geboortedatum"),
    "name": _("Naam (uit de namenlijst)"),
    "person": _("Persoonsnaam"),
}


@dataclass(frozen=True)
class Finding:
    section_key: str
    kind: str
    start: int
    end: int
    fingerprint: str

    @property
    def label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))


def fingerprint(kind: str, value: str) -> str:
    normalised = re.sub(r"[\s.\-/]", "", value).lower()
    return hashlib.sha256(f"{kind}:{normalised}".encode()).hexdigest()[:40]


_BSN = re.compile(r"(?<![\w.])(\d{4}\.\d{2}\.\d{3}|\d{3}[ .]\d{3}[ .]\d{3}|\d{9})(?![\w]|\.\d)")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b")
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)31[ \-]?(?:\(0\)[ \-]?)?|0)[1-9](?:(?:[ \-]|\s-\s)?\d){8}(?!\d)"
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})*\.[A-Za-z]{2,24}\b")
_L = "[BDFGHJKLNPRSTVXZ]"  # letters used on Dutch plates (no vowels, no C/Q/W/M/Y)
_PLATE_PATTERNS = [
    rf"{_L}{{2}}-\d{{2}}-\d{{2}}",  # 1 XX-99-99
    rf"\d{{2}}-\d{{2}}-{_L}{{2}}",  # 2 99-99-XX
    rf"\d{{2}}-{_L}{{2}}-\d{{2}}",  # 3 99-XX-99
    rf"{_L}{{2}}-\d{{2}}-{_L}{{2}}",  # 4 XX-99-XX
    rf"{_L}{{2}}-{_L}{{2}}-\d{{2}}",  # 5 XX-XX-99
    rf"\d{{2}}-{_L}{{2}}-{_L}{{2}}",  # 6 99-XX-XX
    rf"\d{{2}}-{_L}{{3}}-\d",  # 7 99-XXX-9
    rf"\d-{_L}{{3}}-\d{{2}}",  # 8 9-XXX-99
    rf"{_L}{{2}}-\d{{3}}-{_L}",  # 9 XX-999-X
    rf"{_L}-\d{{3}}-{_L}{{2}}",  # 10 X-999-XX
    rf"{_L}{{3}}-\d{{2}}-{_L}",  # 11 XXX-99-X
    rf"{_L}-\d{{2}}-{_L}{{3}}",  # 12 X-99-XXX
    rf"\d-{_L}{{2}}-\d{{3}}",  # 13 9-XX-999
    rf"\d{{3}}-{_L}{{2}}-\d",  # 14 999-XX-9
]
_PLATE = re.compile(r"(?<![\w-])(?:" + "|".join(_PLATE_PATTERNS) + r")(?![\w-])")
_POSTCODE = r"[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}"
_HOUSE_NUMBER = r"\d{1,5}(?: ?[a-zA-Z](?![a-zA-Z])|-\d{1,4})?"
_ADDRESS = re.compile(
    rf"(?<!\w)(?:{_POSTCODE}[ ,]+{_HOUSE_NUMBER}|{_HOUSE_NUMBER}[ ,]+{_POSTCODE})(?![\w])"
)
_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_DATE = rf"\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:\d{{4}}|\d{{2}})|\d{{1,2}} (?:{_MONTHS})\.? \d{{4}}"
_BIRTH_DATE = re.compile(
    rf"(?i)\b(?:geboren|geb\.|geboortedatum|geb\.datum|geboortedag|d\.o\.b\.|"
    rf"date of birth)\s*(?::\s*)?(?:op\s+|d\.d\.\s+)?(?P<date>{_DATE})(?!\d)"
)


def _bsn(text: str) -> Iterable[tuple[str, int, int]]:
    for m in _BSN.finditer(text):
        if stdnum_bsn.is_valid(re.sub(r"\D", "", m.group(0))):
            yield "bsn", m.start(), m.end()


def _iban(text: str) -> Iterable[tuple[str, int, int]]:
    for m in _IBAN.finditer(text):
        value = m.group(0)
        # the pattern may grab a trailing word; shrink until the checksum fits
        for end in range(len(value), 14, -1):
            candidate = value[:end].rstrip()
            if stdnum_iban.is_valid(candidate):
                yield "iban", m.start(), m.start() + len(candidate)
                break


def _simple(kind: str, pattern: re.Pattern, group: int | str = 0):
    def finder(text: str) -> Iterable[tuple[str, int, int]]:
        for m in pattern.finditer(text):
            yield kind, m.start(group), m.end(group)

    return finder


def _address(text: str) -> Iterable[tuple[str, int, int]]:
    for m in _ADDRESS.finditer(text):
        before = text[max(0, m.start() - 12) : m.start()].lower()
        if re.search(r"postbus\s*$", before) or re.search(r"antwoordnummer\s*$", before):
            continue  # an organisation's PO box, not a home address
        yield "address", m.start(), m.end()


def _names_pattern(names: Iterable[str]) -> re.Pattern | None:
    cleaned = sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    alternatives = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in cleaned)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


# Person names -------------------------------------------------------------------------------
# A title or initials with a surname ("dhr. J. de Vries", "mevrouw Jansen", "mr. drs. P.A. van
# den Berg", "de heer Bakker"), or a common Dutch first name (data/first_names_nl.txt) with a
# capitalised surname ("Jan de Vries"). Titles are matched in any case, names only capitalised,
# so "Den Haag" or "Ministerie van Justitie en Veiligheid" are not persons.
_FIRST_NAMES_FILE = Path(__file__).parent / "data" / "first_names_nl.txt"
_TITLE = (
    r"(?i:(?:de\s+)?heer|mevrouw|mevr\.?|dhr\.?|mw\.?|mr\.|drs\.|dr\.|ir\.|ing\.|prof\.|"
    r"ds\.|jhr\.|jkvr\.)"
)
_INITIALS = r"(?:[A-Z]\.(?:\s?[A-Z]\.)*|[A-Z][a-z]?\.)"
_INFIX = (
    r"(?:(?:van\s+der|van\s+den|van\s+de|van\s+'t|in\s+'t|op\s+de|van|de|den|der|ten|ter|te|"
    r"'t|le|la|du|el)\s+)"
)
_SURNAME = r"[A-Z][a-zà-ÿ']+(?:-[A-Z][a-zà-ÿ']+)?"
# Capitalised words that follow a title but are no surname.
_NOT_SURNAMES = frozenset({"Haag", "Bosch", "Helder", "Minister", "Staatssecretaris"})
_TITLED = re.compile(
    rf"(?<![\w.])(?:{_TITLE}\s*)+(?:{_INITIALS}\s*)?{_INFIX}?(?P<surname>{_SURNAME})(?!\w)"
)
# Initials alone need a second initial or an infix ("P.A. Jansen", "J. de Vries"): a single
# letter and a capital may be a list item or a sentence end ("bijlage B. Daarna").
_INITIALLED = re.compile(
    rf"(?<![\w.])(?:[A-Z]\.\s?[A-Z]\.(?:\s?[A-Z]\.)*\s*{_INFIX}?|[A-Z]\.\s*{_INFIX})"
    rf"(?P<surname>{_SURNAME})(?!\w)"
)


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    lines = _FIRST_NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(n.strip() for n in lines if n.strip() and not n.startswith("#"))


@lru_cache(maxsize=1)
def _first_name_pattern() -> re.Pattern:
    names = "|".join(re.escape(n) for n in sorted(first_names(), key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{names})\s+{_INFIX}?(?P<surname>{_SURNAME})(?!\w)")


def _persons(text: str, public: frozenset[str] = frozenset()) -> Iterable[tuple[str, int, int]]:
    """Person names; `public` holds names of public office holders (ministers), not flagged."""
    public_surnames = {n.split()[-1] for n in public if n.split()}
    for pattern in (_TITLED, _INITIALLED, _first_name_pattern()):
        for m in pattern.finditer(text):
            surname = m.group("surname")
            if surname in _NOT_SURNAMES or surname in public_surnames:
                continue
            yield "person", m.start(), m.end()


FINDERS = (
    _iban,  # before BSN and phone: digits inside an IBAN are not a BSN
    _bsn,
    _simple("email", _EMAIL),
    _simple("phone", _PHONE),
    _simple("licence_plate", _PLATE),
    _simple("birth_date", _BIRTH_DATE, "date"),
    _address,
)


def scan_text(
    section_key: str, text: str, *, names: Iterable[str] = (), public: Iterable[str] = ()
) -> list[Finding]:
    """All findings in one text, sorted by position, without overlaps."""
    raw: list[tuple[str, int, int]] = []
    for finder in FINDERS:
        raw.extend(finder(text))
    pattern = _names_pattern(names)
    if pattern is not None:
        raw.extend(("name", m.start(), m.end()) for m in pattern.finditer(text))
    # last: an identifier or a listed name found above wins on overlap
    raw.extend(_persons(text, frozenset(" ".join(n.split()) for n in public)))
    starts: list[int] = []  # taken intervals, sorted and disjoint
    ends: list[int] = []
    findings: list[Finding] = []
    for kind, start, end in raw:  # earlier finders win on overlap
        i = bisect.bisect_right(starts, start)
        if i > 0 and ends[i - 1] > start:
            continue  # overlaps the interval starting before it
        if i < len(starts) and starts[i] < end:
            continue  # overlaps the interval starting after it
        starts.insert(i, start)
        ends.insert(i, end)
        findings.append(Finding(section_key, kind, start, end, fingerprint(kind, text[start:end])))
    return sorted(findings, key=lambda f: (f.start, f.end))


def scan_texts(
    texts: dict[str, str], *, names: Iterable[str] = (), public: Iterable[str] = ()
) -> list[Finding]:
    names = tuple(names)
    public = tuple(sorted(set(public)))
    result: list[Finding] = []
    for key, text in texts.items():
        result.extend(_scan_cached(key, text or "", names, public))
    return result


@lru_cache(maxsize=2048)
def _scan_cached(
    key: str, text: str, names: tuple[str, ...], public: tuple[str, ...] = ()
) -> tuple[Finding, ...]:
    # Keyed by the text itself: draft versions never change, and the signal page scanned the
    # latest one on every view (twice for a signal in drafting: panel and guard).
    return tuple(scan_text(key, text, names=names, public=public))


def segments(text: str, findings: list[Finding]) -> list[tuple[str, Finding | None]]:
    """Split a text into plain parts and found parts, for highlighting with <mark>."""
    parts: list[tuple[str, Finding | None]] = []
    position = 0
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.start < position:
            continue
        if finding.start > position:
            parts.append((text[position : finding.start], None))
        parts.append((text[finding.start : finding.end], finding))
        position = finding.end
    if position < len(text):
        parts.append((text[position:], None))
    return parts
