"""Structure of issue 16 items 5 and 7: services build no URLs, permissions are predicates."""

from pathlib import Path

import signaalloket

ROOT = Path(signaalloket.__file__).parent


def _sources(*, names):
    for path in ROOT.rglob("*.py"):
        if path.name in names or path.parent.name == "services":
            yield path.relative_to(ROOT).as_posix(), path.read_text()


def test_services_build_no_urls():
    for name, text in _sources(names={"services.py"}):
        assert "reverse(" not in text, name
        assert "current_url" not in text, name


def test_no_local_require_helpers_in_views_and_services():
    for name, text in _sources(names={"services.py", "views.py"}):
        assert "def _require_" not in text, name
