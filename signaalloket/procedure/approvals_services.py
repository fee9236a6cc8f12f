"""Approval of an exact text (issue 17, item 2).

Each strategic representative approves one identified draft version: its number, the
sha256 of its text and the list of annexes at that moment. When the text or the annexes
change afterwards, every current approval of the signal lapses (inside the same
transaction as the change: drafting and documents publish synchronous events that this
module handles, see ProcedureConfig.ready), the representatives are told, and the guard
`all_submitters_approved` only counts approvals of the current version and annexes.
"""

import hashlib
import json
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from signaalloket.audit.services import audit_event_record
from signaalloket.core.errors import Conflict, ValidationFailed
from signaalloket.core.links import link_for
from signaalloket.documents.models import Document, DocumentKind
from signaalloket.drafting.models import DraftVersion
from signaalloket.notifications.models import NotificationKind
from signaalloket.notifications.recipients import strategic_rep_recipients
from signaalloket.notifications.services import notification_create_many
from signaalloket.signals.models import ApprovalKind, Signal, Submitter
from signaalloket.signals.services.participants import submitter_approvals_reset, submitter_approve
from signaalloket.signals.states import State

from .approvals import SubmissionApproval


def _sha256(value) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ApprovalBasis:
    """What an approval right now would cover."""

    draft_version: DraftVersion
    content_hash: str
    annexes: list
    annexes_hash: str

    @property
    def number(self) -> int:
        return self.draft_version.number

    def matches(self, approval: SubmissionApproval) -> bool:
        return (
            approval.draft_version_id == self.draft_version.pk
            and approval.content_hash == self.content_hash
            and approval.annexes_hash == self.annexes_hash
        )


def annexes_of(signal: Signal) -> list[dict]:
    """The attachments (not retracted) with their current file version, oldest first."""
    documents = (
        Document.objects.filter(
            signal=signal, kind=DocumentKind.ATTACHMENT, retracted_at__isnull=True
        )
        .prefetch_related("versions")
        .order_by("pk")
    )
    result = []
    for document in documents:
        versions = sorted(document.versions.all(), key=lambda v: v.number)
        latest = versions[-1] if versions else None
        result.append(
            {
                "document": document.pk,
                "title": document.title,
                "version": latest.number if latest else 0,
                "sha256": latest.sha256 if latest else "",
            }
        )
    return result


def approval_basis(signal: Signal) -> ApprovalBasis | None:
    """The latest draft version with its text hash and the annexes; None without a draft."""
    version = DraftVersion.objects.filter(signal=signal).order_by("-number").first()
    if version is None:
        return None
    annexes = annexes_of(signal)
    return ApprovalBasis(
        draft_version=version,
        content_hash=_sha256(version.texts),
        annexes=annexes,
        annexes_hash=_sha256(annexes),
    )


def approval_record(
    *,
    submitter: Submitter,
    actor,
    kind: str,
    at,
    expected_version: int | None = None,
    expected_hash: str | None = None,
    expected_annexes_hash: str | None = None,
) -> SubmissionApproval:
    """Create the approval record; called inside submitter_approve's transaction.

    Refuses (Conflict) when the version or the hashes the approver was shown are no longer
    the current ones: the text or the annexes changed in between.
    """
    signal = submitter.signal
    basis = approval_basis(signal)
    if basis is None:
        raise ValidationFailed(_("Er is nog geen concepttekst om mee in te stemmen."))
    stale = (
        (expected_version is not None and expected_version != basis.number)
        or (expected_hash is not None and expected_hash != basis.content_hash)
        or (expected_annexes_hash is not None and expected_annexes_hash != basis.annexes_hash)
    )
    if stale:
        raise Conflict(
            _(
                "De tekst of de bijlagen zijn gewijzigd sinds u de pagina opende (nu versie "
                "%(n)s). Uw instemming is niet vastgelegd; bekijk de nieuwe versie en stem "
                "opnieuw in."
            )
            % {"n": basis.number}
        )
    if kind == ApprovalKind.OFFLINE and submitter.strategic_rep is not None:
        # Signed on paper by the named representative: the record names that person.
        approver = None
        name = submitter.strategic_rep.full_name
        function = submitter.strategic_rep.function_title or submitter.strategic_rep_function
    elif kind == ApprovalKind.OFFLINE:
        approver = None
        name = submitter.strategic_rep_name or ""
        function = submitter.strategic_rep_function or ""
    else:
        approver = actor
        name = actor.full_name or actor.email
        function = actor.function_title or ""
    return SubmissionApproval.objects.create(
        submitter=submitter,
        draft_version=basis.draft_version,
        version_number=basis.number,
        content_hash=basis.content_hash,
        annexes=basis.annexes,
        annexes_hash=basis.annexes_hash,
        approver=approver,
        approver_name=name[:200],
        approver_function=function[:200],
        approver_organisation=submitter.organisation.name[:200],
        recorded_by=actor,
        kind=kind,
        approved_at=at,
    )


def on_submitter_approving(*, submitter, actor, kind, at, expected=None, **_ignored) -> None:
    """Synchronous event from signals' submitter_approve (inside its transaction)."""
    expected = expected or {}
    approval_record(
        submitter=submitter,
        actor=actor,
        kind=kind,
        at=at,
        expected_version=expected.get("version"),
        expected_hash=expected.get("content_hash"),
        expected_annexes_hash=expected.get("annexes_hash"),
    )


def approvals_lapse(*, signal: Signal, actor, reason: str, only_outdated: bool = True) -> int:
    """Let the current approvals of a signal lapse; returns how many lapsed.

    With only_outdated, approvals that still cover the current text and annexes stay.
    """
    current = list(
        SubmissionApproval.objects.current()
        .filter(submitter__signal=signal)
        .select_related("submitter__organisation")
    )
    if not current:
        return 0
    if only_outdated:
        basis = approval_basis(signal)
        current = [a for a in current if basis is None or not basis.matches(a)]
        if not current:
            return 0
    now = timezone.now()
    SubmissionApproval.objects.filter(pk__in=[a.pk for a in current]).update(
        lapsed_at=now, lapse_reason=reason[:300]
    )
    for approval in current:
        audit_event_record(
            event_type="approval.lapsed",
            actor=actor,
            signal=signal,
            organisation=approval.submitter.organisation,
            data={
                "organisation": approval.approver_organisation,
                "version": approval.version_number,
                "reason": reason,
            },
        )
    if only_outdated:
        # Submitter.approved_at follows the records.
        submitter_approvals_reset(signal=signal, actor=actor, lapse=False)
    notification_create_many(
        recipients=strategic_rep_recipients(signal, pending_only=False),
        signal=signal,
        kind=NotificationKind.APPROVAL_LAPSED,
        text=_(
            "De instemming met signaal %(ref)s is vervallen: %(reason)s Stem opnieuw in met "
            "de huidige versie."
        )
        % {"ref": signal.reference, "reason": reason},
        url=link_for(signal) or "",
        exclude=actor,
    )
    return len(current)


def on_draft_saved(*, signal, actor, version=None, **_ignored) -> None:
    if signal.state != State.DECISION:
        return
    number = getattr(version, "number", "")
    approvals_lapse(
        signal=signal,
        actor=actor,
        reason=_("De tekst is gewijzigd (nieuwe versie %(n)s).") % {"n": number},
    )


def on_document_changed(*, document, actor, change: str = "", **_ignored) -> None:
    if document.kind != DocumentKind.ATTACHMENT or document.signal.state != State.DECISION:
        return
    approvals_lapse(
        signal=document.signal,
        actor=actor,
        reason=_("De bijlagen zijn gewijzigd (%(title)s).") % {"title": document.title},
    )


def on_approvals_reset(*, signal, actor, lapse: bool = True, **_ignored) -> None:
    """Back to drafting (effect reset_approvals): every current approval lapses."""
    if lapse:
        approvals_lapse(
            signal=signal,
            actor=actor,
            reason=_("Het signaal is teruggezet voor aanpassing."),
            only_outdated=False,
        )


def all_submitters_approved(signal) -> bool:
    """Guard: every submitting organisation approved the current version and annexes."""
    submitters = list(signal.submitters.all())
    if not submitters:
        return False
    basis = approval_basis(signal)
    if basis is None:
        return False
    approvals = {
        a.submitter_id: a
        for a in SubmissionApproval.objects.current().filter(submitter__signal=signal)
    }
    return all(s.pk in approvals and basis.matches(approvals[s.pk]) for s in submitters)


def approvals_for_letter(signal) -> list[SubmissionApproval]:
    """The current approvals, in submitter order (lead first), for the offering letter."""
    return list(
        SubmissionApproval.objects.current()
        .filter(submitter__signal=signal)
        .select_related("submitter")
        .order_by("-submitter__is_lead", "submitter__pk")
    )


def submission_approve(
    *, submitter: Submitter, actor, version: int, content_hash: str, annexes_hash: str
) -> Submitter:
    """In-app approval of the version the representative was shown (version and hashes)."""
    return submitter_approve(
        submitter=submitter,
        actor=actor,
        kind=ApprovalKind.IN_APP,
        expected={"version": version, "content_hash": content_hash, "annexes_hash": annexes_hash},
    )


def approvals_of(signal) -> list[SubmissionApproval]:
    """Every approval record of the signal (current and lapsed), oldest first."""
    return list(SubmissionApproval.objects.filter(submitter__signal=signal).order_by("pk"))
