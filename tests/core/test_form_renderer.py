"""The Python <select> rendering gives exactly the HTML of Django's own templates."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from signaalloket.core.form_renderer import FormRenderer

CHOICES = [
    ("", "Alle"),
    ("a&b", 'Quote " and <tag>'),
    (3, mark_safe("<b>safe</b>")),
    ("Groep", [("g1", "Eén"), ("g2", "Twee & drie")]),
    (1000, 1000),
]


class Probe(forms.Form):
    single = forms.ChoiceField(choices=CHOICES, required=False)
    multiple = forms.MultipleChoiceField(
        choices=CHOICES,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4, "class": "utrecht-select", "data-x": True}),
    )
    flag = forms.NullBooleanField(required=False)
    disabled = forms.ChoiceField(choices=CHOICES, disabled=True, required=True)


def _render(renderer, data):
    form = Probe(data, renderer=renderer)
    return {name: str(form[name]) for name in form.fields}


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"single": "a&b", "multiple": ["g2", "3", "1000"], "flag": "true", "disabled": "g1"},
        {"single": "niet bestaand", "multiple": ["x"], "flag": "nonsense"},
    ],
)
def test_same_html_as_django_templates(data):
    assert _render(FormRenderer(), data) == _render(DjangoTemplates(), data)


def test_escapes_labels_and_values():
    html = _render(FormRenderer(), None)["single"]
    assert 'value="a&amp;b"' in html
    assert "Quote &quot; and &lt;tag&gt;" in html
    assert "<b>safe</b>" in html  # marked safe by the code that built the choices


def test_custom_option_template_falls_back_to_the_templates():
    class Custom(forms.Select):
        option_template_name = "django/forms/widgets/input.html"

    class CustomForm(forms.Form):
        pick = forms.ChoiceField(choices=[("a", "A")], widget=Custom)

    ours = str(CustomForm(renderer=FormRenderer())["pick"])
    django = str(CustomForm(renderer=DjangoTemplates())["pick"])
    assert ours == django
    assert "<option" not in ours  # the custom option template was used


def test_is_the_project_renderer(settings):
    from django.forms.renderers import get_default_renderer

    assert settings.FORM_RENDERER == "signaalloket.core.form_renderer.FormRenderer"
    get_default_renderer.cache_clear()
    assert isinstance(get_default_renderer(), FormRenderer)
