from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from signaalloket.core.errors import NotFound
from signaalloket.core.forms_views import fields, post_action

from .forms import SavedFilterForm
from .models import SavedFilter
from .services import saved_filter_create, saved_filter_delete


@login_required
@require_POST
def saved_filter_create_view(request: HttpRequest) -> HttpResponse:
    form = SavedFilterForm(request.POST)
    query = form.data.get("query", "")
    url = reverse("web:signal_list")
    return post_action(
        request,
        form=form,
        invalid_message=_("Geef het filter een naam (maximaal 100 tekens)."),
        call=lambda: saved_filter_create(
            user=request.user,
            **fields(form.cleaned_data, "name", query_string="query"),
        ),
        redirect_to=f"{url}?{query}" if query and len(query) <= 2000 else url,
        success_message=_("Het filter is opgeslagen."),
    )


@login_required
@require_POST
def saved_filter_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    saved = SavedFilter.objects.visible_to(request.user).filter(pk=pk).first()
    if saved is None:
        raise NotFound()
    saved_filter_delete(user=request.user, saved_filter=saved)
    messages.success(request, _("Het filter is verwijderd."))
    return redirect("web:signal_list")
