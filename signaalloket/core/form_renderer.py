"""The form renderer: Django's templates, with the common widgets rendered in Python.

Django renders every widget, and every <option>, through template includes. The
signal-list filters offer hundreds of organisations and offices, and their selects took more
than half of the list page's time; the signal page renders a dozen inputs (make bench).
<select>, <input> (text, number, date, file, ...) and <textarea> are built here; the output
is byte for byte that of Django's templates (tests/core/test_form_renderer.py). Any other
template, or a widget with its own option template, goes through the templates as before.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
TEXTAREA = "django/forms/widgets/textarea.html"
# Django's widget templates that are nothing but {% include "django/forms/widgets/input.html" %}
_INPUT_NAMES = ("input", "checkbox", "color", "date", "datetime", "email", "file", "hidden")
_INPUT_NAMES += ("number", "password", "search", "tel", "text", "time", "url")
INPUTS = frozenset(f"django/forms/widgets/{name}.html" for name in _INPUT_NAMES)


def _attrs(attrs: dict) -> str:
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(
                f' {conditional_escape(name)}="{conditional_escape(_stringformat(value))}"'
            )
    return "".join(parts)


def _option(option: dict) -> str:
    value = conditional_escape(str(option["value"]))
    return (
        f'<option value="{value}"{_attrs(option["attrs"])}>'
        f"{conditional_escape(localize(option['label']))}</option>"
    )


def render_select(widget: dict) -> str:
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            parts.append("\n  " + _option(option) + "\n")  # the template ends in a newline
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _stringformat(value) -> str:
    """{{ value|stringformat:'s' }}: the text, still safe when the value was."""
    text = "%s" % value  # noqa: UP031 (the template filter's own formatting)
    return mark_safe(text) if isinstance(value, SafeData) else text


def render_input(widget: dict) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{conditional_escape(_stringformat(value))}"'
    return (
        f'<input type="{conditional_escape(localize(widget["type"]))}" '
        f'name="{conditional_escape(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'
    )


def render_textarea(widget: dict) -> str:
    value = widget["value"]
    text = conditional_escape(localize(value)) if value else ""
    return (
        f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{text}</textarea>"
    )


def _plain_select(context: dict) -> bool:
    widget = context.get("widget")
    if not isinstance(widget, dict) or "optgroups" not in widget:
        return False
    return all(
        option.get("template_name") == OPTION
        for _name, options, _index in widget["optgroups"]
        for option in options
    )


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        # every part is escaped above
        widget = context.get("widget")
        if template_name in INPUTS and isinstance(widget, dict):
            return mark_safe(render_input(widget))
        if template_name == TEXTAREA and isinstance(widget, dict):
            return mark_safe(render_textarea(widget))
        if template_name == SELECT and _plain_select(context):
            return mark_safe(render_select(context["widget"]))
        return super().render(template_name, context, request=request)
