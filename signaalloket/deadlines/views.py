"""Extending a deadline (desk only): a page with the history and the form."""

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from signaalloket.core.errors import NotAllowed, NotFound
from signaalloket.core.forms_views import fields, form_page, posted

from .forms import DeadlineExtendForm
from .models import Deadline, DeadlineExtension, DeadlineStatus
from .permissions import may_extend_deadline
from .services import deadline_extend


def _deadline_for_user(user, pk) -> Deadline:
    try:
        return (
            Deadline.objects.visible_to(user)
            .select_related("signal")
            .prefetch_related(
                Prefetch("extensions", queryset=DeadlineExtension.objects.select_related("actor"))
            )
            .get(pk=int(pk))
        )
    except (Deadline.DoesNotExist, TypeError, ValueError) as exc:
        raise NotFound() from exc


@login_required
def deadline_extend_view(request: HttpRequest, pk: int) -> HttpResponse:
    deadline = _deadline_for_user(request.user, pk)
    if not may_extend_deadline(request.user, deadline):
        raise NotAllowed(_("Alleen het loket kan een termijn verlengen."))
    signal_url = reverse("web:signal_detail", args=[deadline.signal_id])
    form = DeadlineExtendForm(posted(request), deadline=deadline)
    return form_page(
        request,
        form,
        template="deadlines/extend.html",
        save=lambda data: deadline_extend(
            deadline=deadline,
            actor=request.user,
            **fields(data, "new_due_date", "reason", expected_version="version"),
        ),
        success_url=signal_url,
        success_message=_("De termijn is verlengd."),
        context={
            "deadline": deadline,
            "signal": deadline.signal,
            "form": form if deadline.status == DeadlineStatus.OPEN else None,
            "signal_url": signal_url,
        },
        conflict="inline",
    )
