from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from signaalloket.core.errors import NotFound
from signaalloket.core.forms_views import form_page

from .forms import PreferenceForm
from .models import EmailMode, Notification, NotificationPreference
from .services import (
    notification_mark_all_read,
    notification_mark_read,
    notification_preference_set,
)


def _own(user, nid) -> Notification:
    try:
        return Notification.objects.visible_to(user).get(pk=int(nid))
    except (Notification.DoesNotExist, ValueError) as exc:
        raise NotFound() from exc


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    notifications = Notification.objects.visible_to(request.user).select_related("signal")
    page = Paginator(notifications, 50).get_page(request.GET.get("pagina"))
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
def open_notification(request: HttpRequest, nid: int) -> HttpResponse:
    """Mark as read and go to the linked page (only links inside the application)."""
    notification = notification_mark_read(notification=_own(request.user, nid), actor=request.user)
    url = notification.url
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return redirect(url)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_read(request: HttpRequest, nid: int) -> HttpResponse:
    notification_mark_read(notification=_own(request.user, nid), actor=request.user)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = notification_mark_all_read(actor=request.user)
    messages.success(request, _("%(count)s berichten gemarkeerd als gelezen.") % {"count": count})
    return redirect("notifications:inbox")


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    pref = NotificationPreference.objects.filter(user=request.user).first()
    current = pref.email_mode if pref else EmailMode.IMMEDIATE
    return form_page(
        request,
        PreferenceForm(request.POST or None, initial={"email_mode": current}),
        template="notifications/preferences.html",
        save=lambda data: notification_preference_set(
            user=request.user, actor=request.user, email_mode=data["email_mode"]
        ),
        success_url=reverse("notifications:preferences"),
        success_message=_("Uw voorkeur is opgeslagen."),
    )
