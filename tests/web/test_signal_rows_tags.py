from django.template import Context, Template
from django.test import override_settings
from django.urls import reverse, set_script_prefix

from signaalloket.web.templatetags.signal_rows import signal_url


def test_signal_url_is_the_reversed_url():
    assert signal_url(7) == reverse("web:signal_detail", args=[7])
    assert signal_url("123") == reverse("web:signal_detail", args=[123])


def test_signal_url_follows_the_script_prefix():
    try:
        set_script_prefix("/loket/")
        assert signal_url(5) == reverse("web:signal_detail", args=[5])
        assert signal_url(5).startswith("/loket/")
    finally:
        set_script_prefix("/")


@override_settings(ROOT_URLCONF="signaalloket.bench.urls")
def test_signal_url_follows_the_urlconf():
    assert signal_url(5) == reverse("web:signal_detail", args=[5])


def test_state_badge_escapes():
    html = Template("{% load signal_rows %}{% state_badge state label %}").render(
        Context({"state": "offered", "label": "<Aangeboden>"})
    )
    assert html == (
        '<span class="app-status app-status--state app-status--offered">&lt;Aangeboden&gt;</span>'
    )
