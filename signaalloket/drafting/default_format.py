"""The default format (PROCESS.md, "The format"). Used by the data migration; the desk
changes the format by creating a new version in the application, not by editing this file."""

DEFAULT_SECTIONS = [
    (
        "titel",
        "Titel",
        "Een korte, feitelijke titel die het misbruikte proces en het knelpunt noemt. "
        "Geen namen van personen of bedrijven.",
        True,
    ),
    (
        "samenvatting",
        "Samenvatting",
        "Vat in enkele alinea's samen: welk legaal proces wordt misbruikt, hoe, waarom dit "
        "structureel is en wat u de bewindspersoon vraagt. Schrijf voor een lezer zonder "
        "voorkennis.",
        True,
    ),
    (
        "aanleiding",
        "Aanleiding",
        "Uit welk onderzoek of welke casuïstiek komt dit signaal voort (bijvoorbeeld een "
        "strafrechtelijk onderzoek of een RIEC-casus)? Een veroordeling is niet nodig. "
        "Beschrijf het fenomeen, niet de personen: neem geen persoonsgegevens op.",
        True,
    ),
    (
        "legaal-proces",
        "Het legale proces dat wordt misbruikt",
        "Welke wet, vergunning, subsidie of handhavingspraktijk wordt gebruikt of misbruikt "
        "voor criminele doeleinden? Beschrijf hoe het proces bedoeld is te werken.",
        True,
    ),
    (
        "knelpunt",
        "Het structurele knelpunt",
        "Beschrijf de werkwijze (modus operandi, eventueel via facilitators), de omvang "
        "(hoe vaak, waar, verwachte verspreiding) en het bewijs (welke feiten uit onderzoek "
        "onderbouwen dit). Laat zien dat het geen incident is maar een gelegenheidsstructuur.",
        True,
    ),
    (
        "landelijk-niveau",
        "Waarom landelijk niveau",
        "Waarom kan alleen een minister of staatssecretaris dit knelpunt wegnemen? Welke "
        "lokale of regionale maatregelen zijn al geprobeerd en waarom volstaan die niet?",
        True,
    ),
    (
        "aanbevelingen",
        "Aanbevelingen",
        "Wat vraagt u concreet? Licht per aanbeveling de haalbaarheid en de "
        "proportionaliteit toe (verhouding tussen het doel en de lasten voor bonafide "
        "gebruikers van het proces).",
        True,
    ),
    (
        "geadresseerden",
        "Geadresseerden",
        "Aan welke bewindspersonen is het signaal gericht, en waarom aan hen? Het loket "
        "adviseert hierover en vraagt om één gezamenlijke reactie.",
        True,
    ),
    (
        "indieners",
        "Indieners en strategisch vertegenwoordigers",
        "Welke organisaties dienen het signaal in, en wie is per organisatie de strategisch "
        "vertegenwoordiger (naam en functie) namens wie definitief wordt ingediend?",
        True,
    ),
    (
        "bijlagen",
        "Bijlagen",
        "Noem de bijlagen (bijvoorbeeld geanonimiseerde analyses). Voeg de bestanden toe "
        "bij Documenten. Ook bijlagen bevatten geen persoonsgegevens.",
        False,
    ),
]
