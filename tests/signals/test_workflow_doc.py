"""docs/architecture.md carries the diagram generated from the transition table."""

from io import StringIO

import pytest
from django.core.management import call_command

from signaalloket.signals.management.commands.workflow_diagram import (
    END,
    START,
    architecture_doc,
    diagram_block,
    embedded_block,
)
from signaalloket.signals.states import State
from signaalloket.signals.workflow import TRANSITIONS, mermaid


def test_architecture_doc_matches_the_transition_table():
    text = architecture_doc().read_text(encoding="utf-8")
    assert embedded_block(text) == diagram_block(), (
        "docs/architecture.md is out of date: run `manage.py workflow_diagram --write`"
    )


def test_diagram_has_every_edge_and_state():
    diagram = mermaid()
    for t in TRANSITIONS:
        assert f"    {t.source.value} --> {t.target.value}: " in diagram
    for state in State:
        assert f"    {state.value}: {state.label}" in diagram
    assert diagram.count(" --> ") == len(TRANSITIONS) + 1 + 3  # start and three final states


def test_command_prints_the_diagram():
    out = StringIO()
    call_command("workflow_diagram", stdout=out)
    assert out.getvalue().strip() == mermaid()


def test_write_updates_a_stale_document(tmp_path, monkeypatch):
    doc = tmp_path / "docs" / "architecture.md"
    doc.parent.mkdir()
    doc.write_text(f"# Titel\n\n{START}\n```mermaid\noud\n```\n{END}\n\nNa.\n", encoding="utf-8")
    monkeypatch.setattr(
        "signaalloket.signals.management.commands.workflow_diagram.architecture_doc", lambda: doc
    )
    call_command("workflow_diagram", "--write", stdout=StringIO())
    text = doc.read_text(encoding="utf-8")
    assert embedded_block(text) == diagram_block()
    assert text.startswith("# Titel\n\n") and text.endswith("\n\nNa.\n")


def test_write_refuses_a_document_without_markers(tmp_path, monkeypatch):
    from django.core.management.base import CommandError

    doc = tmp_path / "architecture.md"
    doc.write_text("geen markeringen", encoding="utf-8")
    monkeypatch.setattr(
        "signaalloket.signals.management.commands.workflow_diagram.architecture_doc", lambda: doc
    )
    with pytest.raises(CommandError):
        call_command("workflow_diagram", "--write", stdout=StringIO())


def test_glossary_names_every_state_and_role():
    from django.conf import settings
    from django.utils import translation

    from signaalloket.accounts.roles import Role

    text = (settings.BASE_DIR / "docs" / "glossary.md").read_text(encoding="utf-8")
    with translation.override("nl"):
        for choice in (*State, *Role):
            assert f"| {choice.label} | `{choice.value}` |" in text
