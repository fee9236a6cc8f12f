"""Extending a deadline (desk only): a page with the history and the form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from signaalloket.accounts.context import access_for
from signaalloket.core.errors import Conflict, NotAllowed, NotFound, ValidationFailed

from .forms import DeadlineExtendForm
from .models import Deadline, DeadlineExtension, DeadlineStatus
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
    if not access_for(request.user).is_desk:
        raise NotAllowed(_("Alleen het loket kan een termijn verlengen."))
    signal_url = reverse("web:signal_detail", args=[deadline.signal_id])
    conflict = False
    status = 200
    if request.method == "POST":
        form = DeadlineExtendForm(request.POST, deadline=deadline)
        if form.is_valid():
            try:
                deadline_extend(
                    deadline=deadline,
                    actor=request.user,
                    new_due_date=form.cleaned_data["new_due_date"],
                    reason=form.cleaned_data["reason"],
                    expected_version=form.cleaned_data["version"],
                )
            except Conflict:
                conflict = True
                status = 409
            except ValidationFailed as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
                status = 400
            else:
                messages.success(request, _("De termijn is verlengd."))
                return redirect(signal_url)
        else:
            status = 400
    else:
        form = DeadlineExtendForm(deadline=deadline)
    return render(
        request,
        "deadlines/extend.html",
        {
            "deadline": deadline,
            "signal": deadline.signal,
            "form": form if deadline.status == DeadlineStatus.OPEN else None,
            "conflict": conflict,
            "current_url": request.path,
            "signal_url": signal_url,
        },
        status=status,
    )
