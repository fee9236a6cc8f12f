"""Structure of issue 16 items 5 and 7: services build no URLs, permissions are predicates."""

from pathlib import Path

import signaalloket

ROOT = Path(signaalloket.__file__).parent
# The import pages move to signaalloket/imports with the importer (issue 16, item 4).
REQUIRE_HELPERS_LEFT = {"reports/views.py"}


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
        if name not in REQUIRE_HELPERS_LEFT:
            assert "def _require_" not in text, name
