"""Reports only reads (issue 16): its former writes live in publications and lists, on the
same tables, and the search index is its one model."""

import importlib.util

from django.apps import apps


def test_reports_has_no_services_and_only_the_search_index_as_model():
    assert importlib.util.find_spec("signaalloket.reports.services") is None
    models = {m.__name__ for m in apps.get_app_config("reports").get_models()}
    assert models == {"SearchEntry"}


def test_the_moved_models_keep_their_tables():
    tables = {
        "publications.Publication": "reports_publication",
        "publications.PublicationConsent": "reports_publicationconsent",
        "lists.SavedFilter": "reports_savedfilter",
    }
    for label, table in tables.items():
        assert apps.get_model(label)._meta.db_table == table, label
