"""Issue 17, item 7: the personal-data check flags person names."""

import pytest

from signaalloket.drafting.pii import first_names, scan_text


def _persons(text):
    return [text[f.start : f.end] for f in scan_text("s", text) if f.kind == "person"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Gesprek met dhr. J. de Vries over de zaak.", "dhr. J. de Vries"),
        ("Volgens mevrouw Jansen is dat zo.", "mevrouw Jansen"),
        ("Brief van mr. drs. P.A. van den Berg.", "mr. drs. P.A. van den Berg"),
        ("Dat meldde de heer Bakker gisteren.", "de heer Bakker"),
        ("Hierover sprak Jan de Vries met ons.", "Jan de Vries"),
        ("Ook Peter van der Linden was er.", "Peter van der Linden"),
        ("Getekend: Anna Bakker-Smit.", "Anna Bakker-Smit"),
        ("Contact via P.A. Jansen.", "P.A. Jansen"),
    ],
)
def test_person_names_are_flagged(text, name):
    assert _persons(text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "Het Ministerie van Justitie en Veiligheid is gevestigd in Den Haag.",
        "De Minister van Financiën en de Staatssecretaris van Toeslagen.",
        "Zie bijlage B. Daarna volgt het advies.",
        "Het RIEC Midden-Nederland en de Belastingdienst werken samen.",
        "Op 12 mei. De gemeente Utrecht meldde het.",
        "Van de signalen gaat een deel naar De Nederlandsche Bank.",
    ],
)
def test_organisations_and_places_are_not_persons(text):
    assert _persons(text) == []


def test_the_first_name_list_ships_a_few_hundred_names():
    names = first_names()
    assert len(names) >= 250
    assert {"Jan", "Maria", "Mohamed", "Sanne"} <= names
    assert "Den" not in names and "Van" not in names


def test_an_identifier_inside_a_name_context_keeps_its_own_kind():
    text = "Jan de Vries, BSN 111222333"
    kinds = [f.kind for f in scan_text("s", text)]
    assert kinds == ["person", "bsn"]


def test_public_office_holders_are_not_flagged():
    text = "Aan de minister, Dick Schoof, en aan Jan de Vries."
    found = [text[f.start : f.end] for f in scan_text("s", text, public=["Dick Schoof"])]
    assert found == ["Jan de Vries"]
