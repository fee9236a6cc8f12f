from django.db.models import Count, Q

from .models import Comment
from .permissions import can_see_pii_findings, may_edit_draft
from .selectors import format_for_signal, latest_version, missing_required_sections, pii_report


def draft_panel_context(request, signal) -> dict:
    user = request.user
    version = latest_version(signal=signal, user=user)
    editable = may_edit_draft(user, signal)
    show_findings = editable or can_see_pii_findings(user)
    context = {
        "version": version,
        "editable": editable,
        "show_findings": show_findings,
        "show_intake": bool(editable or can_see_pii_findings(user)),
    }
    if show_findings:
        context["open_findings"] = len(pii_report(signal=signal, version=version).open)
        context["missing"] = missing_required_sections(
            fmt=format_for_signal(signal), version=version
        )
    counts = (
        Comment.objects.visible_to(user)
        .filter(signal=signal)
        .aggregate(
            total=Count("id"),
            open=Count("id", filter=Q(parent__isnull=True, resolved_at__isnull=True)),
        )
    )
    context["comment_count"] = counts["total"]
    context["open_comment_count"] = counts["open"]
    return context
