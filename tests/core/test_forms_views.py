"""The one form-view helper and its error policy (core/forms_views.py)."""

import pytest
from django import forms
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from signaalloket.core.errors import Conflict, NotAllowed, ValidationFailed
from signaalloket.core.forms_views import fields, form_page, post_action
from signaalloket.signals.models import Signal


class NameForm(forms.Form):
    name = forms.CharField()


def _request(method="post", data=None):
    request = getattr(RequestFactory(), method)("/x/", data or {})
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _page(request, save, **kwargs):
    return form_page(
        request,
        NameForm(request.POST if request.method == "POST" else None),
        template="error.html",
        save=save,
        success_url="/klaar/",
        **kwargs,
    )


def _raise(exc):
    def call(*args):
        raise exc

    return call


def test_get_shows_the_form_and_a_valid_post_redirects():
    assert _page(_request("get"), lambda d: None).status_code == 200
    response = _page(_request(data={"name": "x"}), lambda d: None, success_message="Goed.")
    assert response.status_code == 302 and response["Location"] == "/klaar/"


def test_invalid_input_and_validation_errors_stay_on_the_form():
    assert _page(_request(), lambda d: None).status_code == 400
    saved = _page(_request(data={"name": "x"}), _raise(ValidationFailed("Fout.", field="name")))
    assert saved.status_code == 400


def test_forbidden_and_conflicts_get_the_error_page():
    with pytest.raises(NotAllowed):
        _page(_request(data={"name": "x"}), _raise(NotAllowed()))
    with pytest.raises(Conflict):
        _page(_request(data={"name": "x"}), _raise(Conflict()))


def test_a_conflict_shown_in_place_answers_409_with_the_link():
    current = Signal(pk=5)
    response = _page(
        _request(data={"name": "x"}), _raise(Conflict(current=current)), conflict="inline"
    )
    assert response.status_code == 409


def test_a_button_flashes_what_went_wrong_and_goes_back():
    response = post_action(_request(), call=_raise(ValidationFailed("Nee.")), redirect_to="/terug/")
    assert response.status_code == 302 and response["Location"] == "/terug/"
    with pytest.raises(NotAllowed):
        post_action(_request(), call=_raise(NotAllowed()), redirect_to="/terug/")


def test_fields_hands_over_cleaned_values():
    assert fields({"a": 1, "file": 2}, "a", uploaded_file="file") == {"a": 1, "uploaded_file": 2}
