"""The committed English translation is complete, consistent and compiled."""

import gettext
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

LC_MESSAGES = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO = LC_MESSAGES / "django.po"
MO = LC_MESSAGES / "django.mo"


def _load_script():
    path = Path(settings.BASE_DIR) / "scripts" / "translations.py"
    spec = importlib.util.spec_from_file_location("translations_script", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up while it loads
    spec.loader.exec_module(module)
    return module


tr = _load_script()


@pytest.fixture(scope="module")
def entries():
    return [e for e in tr.load(PO) if not e.is_header]


def _expected_catalog(entries) -> dict:
    """msgid -> msgstr as GNUTranslations stores it, from the translated, non-fuzzy entries."""
    catalog = {}
    for e in entries:
        if e.fuzzy or not e.translated:
            continue
        msgid = e.msgid if e.msgctxt is None else f"{e.msgctxt}\x04{e.msgid}"
        if e.msgid_plural is None:
            catalog[msgid] = e.msgstr
        else:
            for index, text in e.msgstr_plural.items():
                catalog[(msgid, index)] = text
    return catalog


def _mo_catalog(path: Path) -> dict:
    with path.open("rb") as fh:
        catalog = dict(gettext.GNUTranslations(fh)._catalog)
    catalog.pop("", None)  # header
    return catalog


def test_po_has_entries_and_no_untranslated_or_fuzzy(entries):
    assert len(entries) > 300
    untranslated = [e.msgid for e in entries if not e.translated]
    fuzzy = [e.msgid for e in entries if e.fuzzy]
    assert untranslated == []
    assert fuzzy == []


def test_placeholders_match(entries):
    mismatched = [p for p in tr.problems(entries) if p.startswith("placeholders")]
    assert mismatched == []


def test_placeholder_check_catches_mistakes():
    bad = tr.parse(
        'msgid "Signaal %(ref)s is <strong>klaar</strong>."\n'
        'msgstr "Signal %(reference)s is ready."\n'
    )
    assert tr.problems(bad) == [
        "placeholders ['%(reference)s'] != ['%(ref)s', '</strong>', '<strong>']: "
        "'Signaal %(ref)s is <strong>klaar</strong>.'"
    ]
    plural = tr.parse(
        'msgid "%(n)s bericht"\nmsgid_plural "%(n)s berichten"\n'
        'msgstr[0] "one message"\nmsgstr[1] "%(n)s messages"\n'
    )
    assert len(tr.problems(plural)) == 1


def test_committed_mo_matches_po(entries):
    assert MO.exists(), "run: manage.py compilemessages --ignore=.venv"
    assert _mo_catalog(MO) == _expected_catalog(entries)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext not installed")
def test_committed_mo_equals_fresh_compile(tmp_path):
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(fresh), str(PO)], check=True)
    assert set(_mo_catalog(MO)) == set(_mo_catalog(fresh))
    assert _mo_catalog(MO) == _mo_catalog(fresh)


def test_gettext_uses_english():
    with translation.override("en"):
        assert translation.gettext("Direct naar de inhoud") == "Skip to content"
        assert translation.gettext("bestuurlijk signaal") == "administrative signal"


def test_login_page_in_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/inloggen/"})
    assert response.status_code == 302
    response = client.get("/inloggen/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="en"' in html
    assert "Log in" in html
    assert "Skip to content" in html
    assert "Inloggen" not in html
    assert "Direct naar de inhoud" not in html


def test_login_page_in_dutch_by_default(client):
    html = client.get("/inloggen/").content.decode()
    assert "Inloggen" in html
    assert "Direct naar de inhoud" in html
