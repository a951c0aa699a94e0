"""Texts of the operator pages (`/beheer`): key -> (Dutch, English).

The operator is the sector fund or regional alliance that runs the registry: it imports
frameworks, qualifications and occupations, and accredits providers.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "nav.operator": ("Beheer", "Management"),
    # Start page
    "operator.home.title": ("Beheer", "Management"),
    "operator.home.intro": (
        "Hier zet je gegevens die al bestaan in de catalogus. Dan hoeft niemand ze over te typen.",
        "Here you put data that already exists into the catalogue, so nobody has to type it again.",
    ),
    "operator.home.import": ("Bestand inlezen", "Import a file"),
    "operator.home.import_text": (
        "Lees een bestand in, bijvoorbeeld ESCO-beroepen of opleidingen in ELM. Je ziet eerst "
        "wat er verandert.",
        "Import a file, for example ESCO occupations or courses in ELM. You first see what "
        "would change.",
    ),
    "operator.home.frameworks": ("Competentiekaders", "Competence frameworks"),
    "operator.home.frameworks_text": (
        "Bekijk de kaders en hun competenties, zoals ESCO en werkprocessen.",
        "See the frameworks and their competences, such as ESCO and work processes.",
    ),
    "operator.home.occupations": ("Beroepen", "Occupations"),
    "operator.home.occupations_text": (
        "Zoek een beroep en zie welke vaardigheden erbij horen.",
        "Find an occupation and see which skills belong to it.",
    ),
    # Import form
    "operator.import.title": ("Bestand inlezen", "Import a file"),
    "operator.import.intro": (
        "Kies wat voor bestand het is en kies het bestand. Er verandert nog niets: je ziet "
        "eerst wat het inlezen zou doen.",
        "Choose what kind of file it is and choose the file. Nothing changes yet: you first "
        "see what the import would do.",
    ),
    "operator.import.format": ("Soort bestand", "Kind of file"),
    "operator.import.choose": ("Kies een soort", "Choose a kind"),
    "operator.import.language": ("Taal van het bestand", "Language of the file"),
    "operator.import.language_hint": (
        "Alleen nodig voor ESCO-beroepen: ESCO heeft één bestand per taal. Lees het "
        "Nederlandse en het Engelse bestand allebei in.",
        "Only needed for ESCO occupations: ESCO has one file per language. Import both the "
        "Dutch and the English file.",
    ),
    "operator.import.language_none": ("Geen taal", "No language"),
    "operator.language.nl": ("Nederlands", "Dutch"),
    "operator.language.en": ("Engels", "English"),
    "operator.import.provider": ("Voor welke aanbieder", "For which provider"),
    "operator.import.provider_hint": (
        "Alleen nodig voor opleidingen in EDU-DEX of CTDL: het bestand noemt de aanbieder niet.",
        "Only needed for courses in EDU-DEX or CTDL: the file does not name the provider.",
    ),
    "operator.import.provider_none": ("Geen aanbieder", "No provider"),
    "operator.import.file": ("Bestand", "File"),
    "operator.import.button": ("Bekijk wat er verandert", "See what would change"),
    "operator.import.error.format": ("Kies wat voor bestand het is.", "Choose the kind of file."),
    "operator.import.error.language": ("Kies Nederlands of Engels.", "Choose Dutch or English."),
    "operator.import.error.file": ("Kies een bestand.", "Choose a file."),
    # Formats
    "operator.format.elm": ("Opleidingen (Europass ELM, XML)", "Courses (Europass ELM, XML)"),
    "operator.format.edudex": ("Opleidingen (EDU-DEX, XML)", "Courses (EDU-DEX, XML)"),
    "operator.format.edudex-directory": (
        "Overzicht van opleidingen van een aanbieder (EDU-DEX directory, XML)",
        "A provider's list of courses (EDU-DEX directory, XML)",
    ),
    "operator.format.ctdl": (
        "Opleidingen of een competentiekader (CTDL, JSON-LD)",
        "Courses or a competence framework (CTDL, JSON-LD)",
    ),
    "operator.format.sbb": (
        "Kwalificatiedossiers van SBB (XML)",
        "SBB qualification files (kwalificatiedossiers, XML)",
    ),
    "operator.format.esco-occupations": ("ESCO-beroepen (CSV)", "ESCO occupations (CSV)"),
    "operator.format.esco-occupation-skills": (
        "Vaardigheden van ESCO-beroepen (CSV)",
        "Skills of ESCO occupations (CSV)",
    ),
    # Preview and result
    "operator.preview.title": ("Dit verandert er", "This is what would change"),
    "operator.preview.intro": (
        "Er is nog niets veranderd. Klopt dit? Lees het bestand dan echt in.",
        "Nothing has changed yet. Is this right? Then import the file for real.",
    ),
    "operator.preview.apply": ("Nu inlezen", "Import now"),
    "operator.preview.again": ("Ander bestand kiezen", "Choose another file"),
    "operator.applied.title": ("Het bestand is ingelezen", "The file has been imported"),
    "operator.applied.more": ("Nog een bestand inlezen", "Import another file"),
    "operator.report.file": ("Bestand: {filename} ({format})", "File: {filename} ({format})"),
    "operator.report.nothing": (
        "Er verandert niets: alles in dit bestand staat al zo in de catalogus.",
        "Nothing changes: everything in this file is already in the catalogue like this.",
    ),
    "operator.report.warnings": ("Let op", "Please note"),
    "operator.report.warnings_hint": (
        "Deze meldingen komen van het inlezen, in het Engels.",
        "These notes come from the import, in English.",
    ),
    "operator.outcome.created": ("Nieuw", "New"),
    "operator.outcome.updated": ("Gewijzigd", "Changed"),
    "operator.outcome.withdrawn": ("Ingetrokken", "Withdrawn"),
    "operator.outcome.unchanged": ("Al zo in de catalogus", "Already in the catalogue"),
    "operator.kind.frameworks": ("kaders", "frameworks"),
    "operator.kind.competences": ("competenties", "competences"),
    "operator.kind.qualifications": ("kwalificaties", "qualifications"),
    "operator.kind.modules": ("opleidingen", "courses"),
    "operator.kind.occupations": ("beroepen", "occupations"),
    # Refused
    "operator.refused.title": (
        "Dit bestand kan niet worden ingelezen",
        "This file cannot be imported",
    ),
    "operator.refused.intro": (
        "Er is niets veranderd. Maak het bestand goed en probeer het opnieuw.",
        "Nothing has changed. Correct the file and try again.",
    ),
    "operator.refused.file": ("Bestand: {filename}", "File: {filename}"),
    "operator.refused.detail": ("Wat er mis is (in het Engels):", "What is wrong:"),
    # A refusal the pages have no words of their own for: its detail follows, labelled.
    "operator.refused.other": ("Het bestand klopt niet.", "The file is not right."),
    "operator.error.invalid-esco-csv": (
        "Een regel in het ESCO-bestand klopt niet.",
        "A line in the ESCO file is not right.",
    ),
    "operator.error.import-language-required": (
        "Kies de taal van het bestand: ESCO heeft één bestand per taal.",
        "Choose the language of the file: ESCO has one file per language.",
    ),
    "operator.error.unknown-edudex-org-unit": (
        "We kennen de aanbieder in het bestand niet (orgUnitId). Kies de aanbieder, of leg eerst "
        "de EDU-DEX-code van de aanbieder vast.",
        "The file's provider (orgUnitId) is not known. Choose the provider, or first record the "
        "provider's EDU-DEX org unit id.",
    ),
    "operator.error.import-upload-gone": (
        "Dit bestand is niet meer bewaard. Kies het bestand opnieuw.",
        "This file is no longer kept. Choose the file again.",
    ),
    "operator.error.payload-too-large": (
        "Het bestand is te groot voor deze soort.",
        "The file is too large for this kind.",
    ),
    # Frameworks
    "operator.frameworks.title": ("Competentiekaders", "Competence frameworks"),
    "operator.frameworks.none": ("Er zijn nog geen kaders.", "There are no frameworks yet."),
    "operator.frameworks.count": ("{count} competenties", "{count} competences"),
    "operator.frameworks.version": ("Versie {version}", "Version {version}"),
    "operator.framework.search": ("Zoek een competentie", "Find a competence"),
    "operator.framework.flat": (
        "De competenties staan in een lijst, op naam.",
        "The competences are listed by name.",
    ),
    "operator.framework.tree": (
        "De competenties staan in de boom van het kader: onderdelen met hun competenties.",
        "The competences are shown in the framework's tree: parts with their competences.",
    ),
    "operator.framework.loose": ("Competenties zonder onderdeel", "Competences outside a part"),
    "operator.framework.none": ("Geen competenties gevonden.", "No competences found."),
    "operator.framework.back": ("Alle kaders", "All frameworks"),
    # Occupations
    "operator.occupations.title": ("Beroepen", "Occupations"),
    "operator.occupations.search": ("Zoek een beroep", "Find an occupation"),
    "operator.occupations.search_hint": (
        "Bijvoorbeeld: monteur, zonnepanelen of warmtepomp.",
        "For example: monteur, zonnepanelen or heat pump.",
    ),
    "operator.occupations.button": ("Zoeken", "Search"),
    "operator.occupations.found.one": ("{count} beroep gevonden", "{count} occupation found"),
    "operator.occupations.found.other": ("{count} beroepen gevonden", "{count} occupations found"),
    "operator.occupations.none": (
        "Geen beroepen gevonden. Zijn de ESCO-beroepen al ingelezen?",
        "No occupations found. Have the ESCO occupations been imported?",
    ),
    "operator.occupations.previous": ("Vorige", "Previous"),
    "operator.occupations.next": ("Volgende", "Next"),
    "operator.occupations.page": ("Pagina {number} van {pages}", "Page {number} of {pages}"),
    "operator.occupation.code": ("ESCO-code", "ESCO code"),
    "operator.occupation.also": ("Ook genoemd", "Also called"),
    "operator.occupation.essential": ("Nodig vanaf het begin", "Needed from the start"),
    "operator.occupation.optional": ("Kan iemand leren in het werk", "Can be learned on the job"),
    "operator.occupation.no_skills": (
        "Nog geen vaardigheden. Lees de vaardigheden van ESCO-beroepen in.",
        "No skills yet. Import the skills of ESCO occupations.",
    ),
    "operator.occupation.unknown_skill": (
        "niet in de catalogus",
        "not in the catalogue",
    ),
    "operator.occupation.back": ("Terug naar zoeken", "Back to search"),
}
