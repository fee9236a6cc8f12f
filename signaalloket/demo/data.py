"""What the demo holds: users for every role and signals in every state (2022-2026)."""

from dataclasses import dataclass

from signaalloket.organisations.reference_data import DESK_ORGANISATION
from signaalloket.signals.states import State

DEMO_PASSWORD = "Signaal-demo-2026"  # noqa: S105 - published demo password, local settings only
MARKER_EMAIL = "loket@demo.example"


@dataclass(frozen=True)
class DemoUser:
    email: str
    name: str
    role: str
    organisation: str
    description: str


DEMO_USERS = [
    DemoUser(MARKER_EMAIL, "Lotte de Loket", "desk_staff", DESK_ORGANISATION, "loketmedewerker"),
    DemoUser(
        "manager@demo.example", "Marco Manager", "desk_manager", DESK_ORGANISATION, "loketmanager"
    ),
    DemoUser(
        "indiener@demo.example",
        "Ilse Indiener",
        "submitter",
        "RIEC Den Haag",
        "indiener (RIEC Den Haag)",
    ),
    DemoUser(
        "sv@demo.example",
        "Sander Strateeg",
        "strategic_rep",
        "RIEC Den Haag",
        "strategisch vertegenwoordiger (RIEC Den Haag)",
    ),
    DemoUser(
        "gemeente@demo.example",
        "Gert Gemeente",
        "submitter",
        "Gemeente Rotterdam",
        "indiener (Gemeente Rotterdam)",
    ),
    DemoUser("ambtenaar@demo.example", "Anna Ambtenaar", "official", "JenV", "ambtenaar (JenV)"),
    DemoUser("szw@demo.example", "Sam Sociaal", "official", "SZW", "ambtenaar (SZW)"),
    DemoUser(
        "beheer@demo.example", "Bert Beheer", "admin", DESK_ORGANISATION, "functioneel beheerder"
    ),
]

THEMES = [
    "Subsidies",
    "Mensenhandel",
    "Vastgoed",
    "Witwassen",
    "Arbeidsuitbuiting",
    "Vergunningen",
    "Logistiek",
]


@dataclass(frozen=True)
class DemoSignal:
    title: str
    summary: str
    lead: str
    co: tuple[str, ...]
    ministries: tuple[str, ...]  # first is the coordinating ministry
    state: str
    year: int
    themes: tuple[str, ...]


SIGNALS = [
    DemoSignal(
        "Misbruik van subsidies die worden verstrekt door RVO",
        "Criminele samenwerkingsverbanden vragen via stromannen subsidies aan bij de Rijksdienst "
        "voor Ondernemend Nederland. De controle vooraf is beperkt en terugvordering komt te laat.",
        "RIEC Den Haag",
        (),
        ("JenV", "LNV", "EZK"),
        State.RESPONSE_DELIVERED,
        2023,
        ("Subsidies",),
    ),
    DemoSignal(
        "Seksuele uitbuiting van Roemeense en Moldavische vrouwen door Roemeense criminele "
        "samenwerkingsverbanden in Nederland",
        "Het Mensenhandel Fieldlab-team Lovitura zag dat inschrijving, huisvesting en "
        "bankrekeningen stelselmatig worden geregeld door facilitators, waardoor uitbuiting "
        "buiten beeld blijft.",
        "Mensenhandel Fieldlab-team Lovitura",
        (),
        ("JenV", "SZW", "BZ"),
        State.CLOSED,
        2023,
        ("Mensenhandel",),
    ),
    DemoSignal(
        "Katvangers bij de inschrijving van rechtspersonen in het Handelsregister",
        "Bij inschrijving wordt de identiteit van bestuurders niet getoetst; katvangers worden op "
        "grote schaal ingezet.",
        "RIEC Rotterdam",
        ("Belastingdienst",),
        ("JenV", "EZ"),
        State.EFFECT_INQUIRY,
        2024,
        ("Witwassen",),
    ),
    DemoSignal(
        "Malafide uitzendbureaus en de registratieplicht",
        "Uitzendbureaus die na een boete opnieuw worden opgericht onder een andere naam.",
        "Nederlandse Arbeidsinspectie",
        ("RIEC Midden-Nederland",),
        ("SZW",),
        State.OFFERED,
        2025,
        ("Arbeidsuitbuiting",),
    ),
    DemoSignal(
        "Vastgoedtransacties zonder zicht op de herkomst van het geld",
        "Contante aanbetalingen en snelle doorverkoop van panden via BV's zonder toezicht.",
        "RIEC Den Haag",
        ("Gemeente Rotterdam",),
        ("JenV", "Fin"),
        State.DECISION,
        2026,
        ("Vastgoed", "Witwassen"),
    ),
    DemoSignal(
        "Exploitatievergunningen horeca: Bibob-toets omzeild via tussenpersonen",
        "Vergunningen worden aangevraagd door tussenpersonen zonder dat de feitelijk "
        "leidinggevende in beeld komt.",
        "Gemeente Rotterdam",
        (),
        ("BZK", "JenV"),
        State.FACT_CHECK,
        2026,
        ("Vergunningen",),
    ),
    DemoSignal(
        "Misbruik van de vrijstelling voor vergunningvrije opslag in havengebieden",
        "Containers met precursoren worden opgeslagen op terreinen zonder meldplicht.",
        "RIEC Zeeland-West-Brabant",
        ("Douane",),
        ("IenW", "JenV"),
        State.DRAFTING,
        2026,
        ("Logistiek",),
    ),
    DemoSignal(
        "Huisvesting arbeidsmigranten als verdienmodel voor criminelen",
        "Verkenning: signalen over overbewoning en doorverhuur via stromannen.",
        "RIEC Oost-Brabant",
        (),
        ("SZW",),
        State.INTAKE,
        2026,
        ("Arbeidsuitbuiting", "Vastgoed"),
    ),
    DemoSignal(
        "Onterechte toeslagen via fictieve adressen",
        "Na de verkenning bleek het knelpunt al in een lopend wetgevingstraject te worden "
        "aangepakt; het loket adviseerde een andere route.",
        "Dienst Toeslagen",
        (),
        ("Fin",),
        State.NOT_PURSUED,
        2022,
        ("Subsidies",),
    ),
    DemoSignal(
        "Witwassen via cryptomunten bij geldautomaten",
        "De indieners hebben het signaal ingetrokken nadat de minister zelf onderzoek aankondigde.",
        "FIOD",
        (),
        ("Fin", "JenV"),
        State.WITHDRAWN,
        2022,
        ("Witwassen",),
    ),
    DemoSignal(
        "Vergunningvrije verbouwingen voor drugslabs in het buitengebied",
        "Leegstaande agrarische opstallen worden zonder vergunning verbouwd tot productielocatie.",
        "RIEC Noord-Nederland",
        ("Nationale Politie",),
        ("BZK", "LVVN"),
        State.RESPONSE_RECEIVED,
        2025,
        ("Vergunningen",),
    ),
    DemoSignal(
        "Misbruik van de Wet kinderopvang door criminele exploitanten",
        "Kinderopvangorganisaties dienen als dekmantel voor witwassen via subsidies.",
        "RIEC Amsterdam-Amstelland",
        (),
        ("SZW", "OCW"),
        State.CLOSED,
        2024,
        ("Subsidies", "Witwassen"),
    ),
]
