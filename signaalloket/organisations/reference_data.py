"""Reference data from PROCESS.md: ministries, bewindspersonen (portfolios), RIECs, partner kinds.

Loaded by migration 0002 and by `manage.py load_reference_data` (both idempotent). Names
change with every cabinet: desk managers keep them current in the application; this file is
the starting point, not the truth. Current cabinet: the holders as appointed on 2 July 2024
(kabinet-Schoof); later changes are entered by the desk.
"""

import datetime as dt

D = dt.date
SCHOOF = D(2024, 7, 2)
RUTTE4 = D(2022, 1, 10)
RUTTE4_END = D(2024, 7, 1)

# code, name, valid_from, valid_to
MINISTRIES = [
    ("AZ", "Ministerie van Algemene Zaken", None, None),
    ("BZ", "Ministerie van Buitenlandse Zaken", None, None),
    ("JenV", "Ministerie van Justitie en Veiligheid", None, None),
    ("BZK", "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", None, None),
    ("OCW", "Ministerie van Onderwijs, Cultuur en Wetenschap", None, None),
    ("Fin", "Ministerie van Financiën", None, None),
    ("Def", "Ministerie van Defensie", None, None),
    ("IenW", "Ministerie van Infrastructuur en Waterstaat", None, None),
    ("EZK", "Ministerie van Economische Zaken en Klimaat", None, RUTTE4_END),
    ("EZ", "Ministerie van Economische Zaken", SCHOOF, None),
    ("LNV", "Ministerie van Landbouw, Natuur en Voedselkwaliteit", None, RUTTE4_END),
    ("LVVN", "Ministerie van Landbouw, Visserij, Voedselzekerheid en Natuur", SCHOOF, None),
    ("SZW", "Ministerie van Sociale Zaken en Werkgelegenheid", None, None),
    ("VWS", "Ministerie van Volksgezondheid, Welzijn en Sport", None, None),
    ("AenM", "Ministerie van Asiel en Migratie", SCHOOF, None),
    ("KGG", "Ministerie van Klimaat en Groene Groei", SCHOOF, None),
    ("VRO", "Ministerie van Volkshuisvesting en Ruimtelijke Ordening", SCHOOF, None),
]

M, S, Z = "minister", "state_secretary", "minister_without_ministry"

# ministry code, kind, title, holder, valid_from, valid_to
OFFICES = [
    # kabinet-Schoof (from 2 July 2024)
    ("AZ", M, "Minister-president, minister van Algemene Zaken", "Dick Schoof", SCHOOF, None),
    ("BZ", M, "Minister van Buitenlandse Zaken", "Caspar Veldkamp", SCHOOF, None),
    (
        "BZ",
        Z,
        "Minister voor Buitenlandse Handel en Ontwikkelingshulp",
        "Reinette Klever",
        SCHOOF,
        None,
    ),
    ("JenV", M, "Minister van Justitie en Veiligheid", "David van Weel", SCHOOF, None),
    ("JenV", S, "Staatssecretaris van Justitie en Veiligheid", "Ingrid Coenradie", SCHOOF, None),
    (
        "BZK",
        M,
        "Minister van Binnenlandse Zaken en Koninkrijksrelaties",
        "Judith Uitermark",
        SCHOOF,
        None,
    ),
    (
        "BZK",
        S,
        "Staatssecretaris Koninkrijksrelaties en Digitalisering",
        "Zsolt Szabó",
        SCHOOF,
        None,
    ),
    ("OCW", M, "Minister van Onderwijs, Cultuur en Wetenschap", "Eppo Bruins", SCHOOF, None),
    ("Fin", M, "Minister van Financiën", "Eelco Heinen", SCHOOF, None),
    (
        "Fin",
        S,
        "Staatssecretaris Fiscaliteit, Belastingdienst en Douane",
        "Folkert Idsinga",
        SCHOOF,
        None,
    ),
    ("Fin", S, "Staatssecretaris Herstel en Toeslagen", "Nora Achahbar", SCHOOF, None),
    ("Def", M, "Minister van Defensie", "Ruben Brekelmans", SCHOOF, None),
    ("IenW", M, "Minister van Infrastructuur en Waterstaat", "Barry Madlener", SCHOOF, None),
    ("EZ", M, "Minister van Economische Zaken", "Dirk Beljaarts", SCHOOF, None),
    (
        "LVVN",
        M,
        "Minister van Landbouw, Visserij, Voedselzekerheid en Natuur",
        "Femke Wiersma",
        SCHOOF,
        None,
    ),
    ("SZW", M, "Minister van Sociale Zaken en Werkgelegenheid", "Eddy van Hijum", SCHOOF, None),
    ("SZW", S, "Staatssecretaris Participatie en Integratie", "Jurgen Nobel", SCHOOF, None),
    ("VWS", M, "Minister van Volksgezondheid, Welzijn en Sport", "Fleur Agema", SCHOOF, None),
    ("AenM", M, "Minister van Asiel en Migratie", "Marjolein Faber", SCHOOF, None),
    ("KGG", M, "Minister van Klimaat en Groene Groei", "Sophie Hermans", SCHOOF, None),
    (
        "VRO",
        M,
        "Minister van Volkshuisvesting en Ruimtelijke Ordening",
        "Mona Keijzer",
        SCHOOF,
        None,
    ),
    # kabinet-Rutte IV: the addressees of the signals named in the seed (2023)
    (
        "JenV",
        M,
        "Minister van Justitie en Veiligheid",
        "Dilan Yeşilgöz-Zegerius",
        RUTTE4,
        RUTTE4_END,
    ),
    (
        "LNV",
        M,
        "Minister van Landbouw, Natuur en Voedselkwaliteit",
        "Piet Adema",
        D(2022, 9, 5),
        RUTTE4_END,
    ),
    (
        "EZK",
        M,
        "Minister van Economische Zaken en Klimaat",
        "Micky Adriaansens",
        RUTTE4,
        RUTTE4_END,
    ),
    (
        "SZW",
        M,
        "Minister van Sociale Zaken en Werkgelegenheid",
        "Karien van Gennip",
        RUTTE4,
        RUTTE4_END,
    ),
    ("BZ", M, "Minister van Buitenlandse Zaken", "Wopke Hoekstra", RUTTE4, D(2023, 9, 1)),
    ("BZ", M, "Minister van Buitenlandse Zaken", "Hanke Bruins Slot", D(2023, 9, 5), RUTTE4_END),
    (
        "OCW",
        M,
        "Minister van Onderwijs, Cultuur en Wetenschap",
        "Robbert Dijkgraaf",
        RUTTE4,
        RUTTE4_END,
    ),
]

# code, name: the partner organisation kinds of PROCESS.md
PARTNER_KINDS = [
    ("gemeente", "Gemeente"),
    ("provincie", "Provincie"),
    ("om", "Openbaar Ministerie"),
    ("politie", "Nationale Politie"),
    ("belastingdienst", "Belastingdienst"),
    ("toeslagen", "Toeslagen"),
    ("douane", "Douane"),
    ("fiod", "FIOD"),
    ("nla", "Nederlandse Arbeidsinspectie"),
    ("kmar", "Koninklijke Marechaussee"),
    ("ind", "Immigratie- en Naturalisatiedienst"),
    ("uwv", "UWV"),
    ("nvwa", "Nederlandse Voedsel- en Warenautoriteit"),
    ("riec", "Regionaal Informatie- en Expertise Centrum"),
    ("team", "Samenwerkingsverband van partners"),
]

RIECS = [
    "RIEC Noord-Nederland",
    "RIEC Oost-Nederland",
    "RIEC Midden-Nederland",
    "RIEC Noord-Holland",
    "RIEC Amsterdam-Amstelland",
    "RIEC Den Haag",
    "RIEC Rotterdam",
    "RIEC Zeeland-West-Brabant",
    "RIEC Oost-Brabant",
    "RIEC Limburg",
]

# National partner organisations (one organisation each): name, partner kind
NATIONAL_PARTNERS = [
    ("Openbaar Ministerie", "om"),
    ("Nationale Politie", "politie"),
    ("Belastingdienst", "belastingdienst"),
    ("Dienst Toeslagen", "toeslagen"),
    ("Douane", "douane"),
    ("FIOD", "fiod"),
    ("Nederlandse Arbeidsinspectie", "nla"),
    ("Koninklijke Marechaussee", "kmar"),
    ("Immigratie- en Naturalisatiedienst", "ind"),
    ("UWV", "uwv"),
    ("Nederlandse Voedsel- en Warenautoriteit", "nvwa"),
]

DESK_ORGANISATION = "LIEC - Landelijk Loket Bestuurlijke Signalen"


def load(apps=None) -> None:
    """Create what is missing; never changes or removes what the desk has edited."""
    if apps is None:
        from django.apps import apps as django_apps

        apps = django_apps
    Ministry = apps.get_model("organisations", "Ministry")
    Office = apps.get_model("organisations", "Office")
    PartnerKind = apps.get_model("organisations", "PartnerKind")
    Organisation = apps.get_model("organisations", "Organisation")

    ministries = {}
    for code, name, valid_from, valid_to in MINISTRIES:
        ministries[code], _ = Ministry.objects.get_or_create(
            code=code, valid_from=valid_from, defaults={"name": name, "valid_to": valid_to}
        )
    for code, kind, title, holder, valid_from, valid_to in OFFICES:
        Office.objects.get_or_create(
            ministry=ministries[code],
            title=title,
            holder_name=holder,
            defaults={"kind": kind, "valid_from": valid_from, "valid_to": valid_to},
        )
    kinds = {}
    for code, name in PARTNER_KINDS:
        kinds[code], _ = PartnerKind.objects.get_or_create(code=code, defaults={"name": name})
    for name in RIECS:
        Organisation.objects.get_or_create(
            name=name, defaults={"kind": "riec", "partner_kind": kinds["riec"]}
        )
    for name, kind in NATIONAL_PARTNERS:
        Organisation.objects.get_or_create(
            name=name, defaults={"kind": "partner", "partner_kind": kinds[kind]}
        )
    Organisation.objects.get_or_create(name=DESK_ORGANISATION, defaults={"kind": "desk"})
    for ministry in ministries.values():
        Organisation.objects.get_or_create(
            name=ministry.name
            if ministry.valid_to is None
            else f"{ministry.name} (tot {ministry.valid_to:%Y})",
            defaults={"kind": "ministry", "ministry": ministry},
        )
