"""Reading drafts. Always through the visible_to querysets."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import BooleanField, Prefetch, Value

from signaalloket.organisations.models import Office

from . import pii
from .models import (
    Comment,
    DraftVersion,
    Format,
    FormatSection,
    NameListEntry,
    PiiDismissal,
    SignalFormat,
)


def format_current() -> Format | None:
    return (
        Format.objects.filter(is_current=True)
        .prefetch_related(Prefetch("sections", queryset=FormatSection.objects.order_by("order")))
        .first()
    )


def format_for_signal(signal) -> Format | None:
    """The format version the signal started with, or the current one if it has none yet."""
    link = (
        SignalFormat.objects.filter(signal=signal)
        .select_related("format")
        .prefetch_related(
            Prefetch("format__sections", queryset=FormatSection.objects.order_by("order"))
        )
        .first()
    )
    return link.format if link else format_current()


def latest_version(*, signal, user=None) -> DraftVersion | None:
    qs = DraftVersion.objects.filter(signal=signal)
    if user is not None:
        qs = DraftVersion.objects.visible_to(user).filter(signal=signal)
    return qs.select_related("author").order_by("-number").first()


def active_names() -> list[str]:
    return list(NameListEntry.objects.filter(is_active=True).values_list("name", flat=True))


def _names_and_office_holders() -> tuple[list[str], list[str]]:
    """The name list, and the names of ministers (public office holders, not personal data
    in a letter addressed to them), in one query."""
    flag = BooleanField()
    listed = (
        NameListEntry.objects.filter(is_active=True)
        .order_by()
        .values_list("name", Value(True, output_field=flag))
    )
    holders = (
        Office.objects.exclude(holder_name="")
        .order_by()
        .values_list("holder_name", Value(False, output_field=flag))
    )
    names: list[str] = []
    public: list[str] = []
    for name, is_listed in listed.union(holders, all=True):
        (names if is_listed else public).append(name)
    return names, public


@dataclass
class PiiReport:
    findings: list[pii.Finding] = field(default_factory=list)  # all, incl. dismissed
    dismissed: dict[tuple[str, str], PiiDismissal] = field(default_factory=dict)

    def is_dismissed(self, finding: pii.Finding) -> bool:
        return (finding.section_key, finding.fingerprint) in self.dismissed

    @property
    def open(self) -> list[pii.Finding]:
        return [f for f in self.findings if not self.is_dismissed(f)]

    def for_section(self, key: str) -> list[pii.Finding]:
        return [f for f in self.findings if f.section_key == key]


def pii_report(*, signal, version: DraftVersion | None) -> PiiReport:
    """Scan a version (2 queries: name list and dismissals)."""
    if version is None:
        return PiiReport()
    names, public = _names_and_office_holders()
    findings = pii.scan_texts(version.texts, names=names, public=public)
    dismissed = {
        (d.section_key, d.fingerprint): d
        for d in PiiDismissal.objects.filter(signal=signal).select_related("created_by")
    }
    return PiiReport(findings=findings, dismissed=dismissed)


def missing_required_sections(*, fmt: Format | None, version: DraftVersion | None) -> list:
    if fmt is None:
        return []
    texts = version.texts if version else {}
    return [s for s in fmt.sections.all() if s.required and not (texts.get(s.key) or "").strip()]


def draft_ready_for_fact_check(signal) -> bool:
    """Guard: all required sections of the latest version filled and no open findings."""
    version = latest_version(signal=signal)
    if version is None:
        return False
    fmt = format_for_signal(signal)
    if missing_required_sections(fmt=fmt, version=version):
        return False
    return not pii_report(signal=signal, version=version).open


def comments_for_signal(*, user, signal):
    """Root comments visible to the user, with their visible replies (fixed queries)."""
    visible = Comment.objects.visible_to(user).filter(signal=signal)
    return (
        visible.filter(parent__isnull=True)
        .select_related("author", "resolved_by")
        .prefetch_related(
            Prefetch(
                "replies",
                queryset=Comment.objects.visible_to(user)
                .select_related("author")
                .order_by("created_at", "id"),
                to_attr="visible_replies",
            )
        )
        .order_by("created_at", "id")
    )
