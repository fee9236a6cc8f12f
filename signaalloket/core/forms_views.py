"""The one way to write a form page or a POST action, and the one error policy for them.

Where a domain error (core/errors.py) goes:
- 403 and 404 get a page of their own (DomainErrorMiddleware), whatever the view.
- 409 on a form page: the error page with a link to the current version (middleware), or,
  for pages that show the conflict above the form (`conflict="inline"`), that page with
  status 409 and `conflict`/`current_url` in the context.
- Everything else (400; and 409 after a one-button action) is a Dutch message in place: on
  the form, at the field the error names, or as a flash message after an action.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .errors import Conflict, DomainError
from .links import link_for

PAGE_STATUSES = (403, 404)


def raise_page_error(exc: DomainError, *, conflict_page: bool = False) -> None:
    """Re-raise the errors that get a page of their own; return for those shown in place."""
    if exc.status_code in PAGE_STATUSES or (conflict_page and isinstance(exc, Conflict)):
        raise exc


def form_error(form, exc: DomainError, *, field: str | None = "") -> None:
    """Put a domain error on the form: at `field`, by default at the field the error names."""
    if field == "":
        field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


def posted(request: HttpRequest):
    """request.POST on a POST (even an empty one, so the form is bound), else None."""
    return request.POST if request.method == "POST" else None


def fields(data: dict, *names: str, **renamed: str) -> dict:
    """Cleaned form values as service keywords: `names` as they are, `renamed` as
    argument=form field (`uploaded_file="file"`)."""
    return {name: data[name] for name in names} | {
        argument: data[field] for argument, field in renamed.items()
    }


def _value(value, result):
    return value(result) if callable(value) else value


def form_page(
    request: HttpRequest,
    form,
    *,
    template: str,
    save: Callable[[dict], Any],
    success_url: str | Callable[[Any], str],
    success_message: str | Callable[[Any], str] = "",
    context: dict | Callable[[], dict] | None = None,
    conflict: str = "page",
    error_field: str | None = "",
    invalid_status: int = 400,
) -> HttpResponse:
    """GET: the form. POST: validate, `save(cleaned_data)`, then redirect with a message, or
    show the form again with the errors (400; 409 for `conflict="inline"`).

    `conflict`: "page" (the error page), "inline" (this page shows it) or "form" (on the
    form like any other error). `success_url`/`success_message` may be callables of what
    `save` returned. `context` (a dict, or a function returning one) may override "form".
    """
    status = 200
    extra: dict = {}
    if request.method == "POST":
        status = invalid_status
        if form.is_valid():
            try:
                result = save(form.cleaned_data)
            except DomainError as exc:
                raise_page_error(exc, conflict_page=conflict == "page")
                if conflict == "inline" and isinstance(exc, Conflict):
                    status = 409
                    extra = {"conflict": True, "current_url": link_for(exc.current)}
                else:
                    form_error(form, exc, field=error_field)
            else:
                message = _value(success_message, result)
                if message:
                    messages.success(request, message)
                return redirect(_value(success_url, result))
    if callable(context):  # built only when the page is shown, not before a redirect
        context = context()
    return render(request, template, {"form": form, **(context or {}), **extra}, status=status)


def post_action(
    request: HttpRequest,
    *,
    call: Callable[[], Any],
    redirect_to: str,
    success_message: str = "",
    form=None,
    invalid_message: str = "",
) -> HttpResponse:
    """A POST without a page of its own (a button): do it, flash the outcome, go back."""
    if form is not None and not form.is_valid():
        messages.error(request, invalid_message)
        return redirect(redirect_to)
    try:
        call()
    except DomainError as exc:
        raise_page_error(exc)
        messages.error(request, exc.message)
    else:
        if success_message:
            messages.success(request, success_message)
    return redirect(redirect_to)
