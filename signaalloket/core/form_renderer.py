"""The form renderer: Django's templates, with <select> rendered in Python.

Django renders every <option> through a template include. The signal-list filters offer
hundreds of organisations and offices, and their selects took more than half of the list
page's time (make bench). The output is byte for byte that of Django's templates
(tests/core/test_form_renderer.py).
"""

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _attrs(attrs: dict) -> str:
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
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
        if template_name == SELECT and _plain_select(context):
            return mark_safe(render_select(context["widget"]))  # every part is escaped above
        return super().render(template_name, context, request=request)
