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


class Inputs(forms.Form):
    text = forms.CharField(initial='say "hi" <b>', required=False)
    safe = forms.CharField(initial=mark_safe("<i>al veilig</i>"), required=False)
    number = forms.DecimalField(initial="1234.5", required=False)
    integer = forms.IntegerField(initial=7, widget=forms.NumberInput(attrs={"min": 1}))
    date = forms.DateField(initial="2026-12-02", widget=forms.DateInput(attrs={"type": "date"}))
    datetime = forms.DateTimeField(required=False)
    time = forms.TimeField(required=False)
    email = forms.EmailField(
        required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    url = forms.URLField(required=False, assume_scheme="https")
    password = forms.CharField(widget=forms.PasswordInput, required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, initial="x&y")
    upload = forms.FileField(required=False)
    clearable = forms.FileField(required=False, widget=forms.ClearableFileInput)
    flag = forms.BooleanField(required=False, initial=True)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), initial="a < b\nregel 2")
    empty_body = forms.CharField(widget=forms.Textarea, required=False)
    search = forms.CharField(widget=forms.TextInput(attrs={"type": "search"}), required=False)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"text": "<script>", "number": "12,5", "date": "niet een datum", "flag": "on", "body": ""},
        {"integer": "-3", "hidden": '"', "email": "a@b", "body": "<p>tekst</p>"},
    ],
)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_inputs_and_textareas_give_the_html_of_django_templates(data, language):
    from django.utils import translation

    with translation.override(language):
        ours = {n: str(Inputs(data, renderer=FormRenderer())[n]) for n in Inputs.base_fields}
        django = {n: str(Inputs(data, renderer=DjangoTemplates())[n]) for n in Inputs.base_fields}
    assert ours == django


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
