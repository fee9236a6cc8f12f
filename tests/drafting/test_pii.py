import pytest

from signaalloket.drafting.pii import fingerprint, scan_text, segments


def _found(text, names=()):
    return [(f.kind, text[f.start : f.end]) for f in scan_text("s", text, names=names)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Het BSN is 111222333.", [("bsn", "111222333")]),
        ("BSN 1112.22.333 genoteerd", [("bsn", "1112.22.333")]),
        ("Rekening NL91ABNA0417164300 gebruikt", [("iban", "NL91ABNA0417164300")]),
        ("Rekening NL91 ABNA 0417 1643 00.", [("iban", "NL91 ABNA 0417 1643 00")]),
        ("Bel 06-12345678 vandaag", [("phone", "06-12345678")]),
        ("Bel +31 20 123 4567", [("phone", "+31 20 123 4567")]),
        ("Bel 0031612345678", [("phone", "0031612345678")]),
        ("Mail jan.jansen@voorbeeld.nl graag", [("email", "jan.jansen@voorbeeld.nl")]),
        ("Auto met kenteken GF-123-K gezien", [("licence_plate", "GF-123-K")]),
        ("Kenteken 12-BBB-3", [("licence_plate", "12-BBB-3")]),
        ("Kenteken XX-99-99", [("licence_plate", "XX-99-99")]),
        ("Woont op Kerkstraat 12, 1234 AB Utrecht", [("address", "12, 1234 AB")]),
        ("Adres 1234AB 12a", [("address", "1234AB 12a")]),
        ("Hij is geboren op 12-03-1980 in Delft", [("birth_date", "12-03-1980")]),
        ("geb. 3 mei 1975", [("birth_date", "3 mei 1975")]),
        ("Geboortedatum: 01/02/1990", [("birth_date", "01/02/1990")]),
    ],
)
def test_true_positives(text, expected):
    assert _found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Het nummer 111222334 voldoet niet aan de elfproef.",  # invalid BSN
        "Een bedrag van 123456789 euro is geen BSN.",  # fails the elfproef
        "Rekening NL91ABNA0417164301 met een fout controlecijfer",  # invalid IBAN
        "Het kantoor is gevestigd aan Postbus 20301, 2500 EH Den Haag.",  # PO box
        "In 2023 werden 1234 vergunningen verleend.",
        "Op 12-03-2024 vond de zitting plaats.",  # a date without birth context
        "Artikel 3:4 BW en de Wet Bibob.",
        "Het postcodegebied 1234 AB kent veel bedrijven.",  # postcode without house number
        "Het telefoonnummer bestaat uit 10 cijfers.",
        "Versie AB-12-CD-34 van het protocol.",  # not a plate shape
    ],
)
def test_false_positives_are_not_reported(text):
    assert _found(text) == []


def test_bsn_elfproef_valid_and_invalid():
    assert _found("BSN 123456782") == [("bsn", "123456782")]
    assert _found("BSN 123456783") == []


def test_names_from_list_case_insensitive_and_whole_words():
    text = "Verdachte jan  Jansen en Janssens werden gehoord."
    assert _found(text, names=["Jan Jansen"]) == [("name", "jan  Jansen")]
    assert _found("Janssens", names=["Jansen"]) == []


def test_positions_and_segments_for_highlighting():
    text = "Mail a@b.nl of bel 0612345678."
    findings = scan_text("s", text)
    assert [(f.start, f.end) for f in findings] == [(5, 11), (19, 29)]
    parts = segments(text, findings)
    assert "".join(p for p, _ in parts) == text
    assert [p for p, f in parts if f] == ["a@b.nl", "0612345678"]


def test_fingerprint_ignores_formatting_but_not_value():
    assert fingerprint("bsn", "1112.22.333") == fingerprint("bsn", "111222333")
    assert fingerprint("bsn", "111222333") != fingerprint("bsn", "123456782")


def test_scan_texts_cache_follows_the_text_and_the_name_list():
    from signaalloket.drafting.pii import scan_texts

    texts = {"s": "Jan Jansen belde 0612345678."}
    without = scan_texts(texts)
    # issue 17: a first name + surname is a person name even when not on the name list
    assert [f.kind for f in without] == ["person", "phone"]
    with_name = scan_texts(texts, names=["Jan Jansen"])
    assert sorted(f.kind for f in with_name) == ["name", "phone"]
    assert scan_texts({"s": "Niets bijzonders."}, names=["Jan Jansen"]) == []
    assert scan_texts(texts) == without  # the same text, the same findings
