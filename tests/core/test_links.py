"""Services raise Conflict(current=obj); the web layer turns obj into the link (core/links.py)."""

from django.apps import apps

from signaalloket.core.links import link_for


def test_every_model_a_service_raises_a_conflict_about_has_a_page():
    for label in (
        "signals.Signal",
        "signals.Addressee",
        "meetings.FactCheckMeeting",
        "publications.Publication",
        "documents.Document",
        "drafting.DraftVersion",
        "drafting.Comment",
        "deadlines.Deadline",
    ):
        model = apps.get_model(label)
        obj = model(pk=7, signal_id=3) if label != "signals.Signal" else model(pk=3)
        assert link_for(obj), label


def test_the_signal_links_to_its_page():
    assert link_for(apps.get_model("signals.Signal")(pk=3)) == "/signalen/3/"
    assert link_for(None) is None
