"""Texts of the catalogue pages and the home page: key -> (Dutch, English).

Dutch at B1 level: short sentences, everyday words, "je" form.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # Home page
    "catalogue.home.title": ("Welkom", "Welcome"),
    "catalogue.home.heading": (
        "Leren voor werk in de energietransitie",
        "Learning for work in the energy transition",
    ),
    "catalogue.home.intro": (
        "Hier vind je korte opleidingen voor werk in de techniek, zoals laadpalen, "
        "zonnepanelen en warmtepompen. Na elke opleiding krijg je een digitaal bewijs.",
        "Here you find short courses for technical work, such as charging points, solar "
        "panels and heat pumps. After each course you get a digital certificate.",
    ),
    "catalogue.home.who_title": ("Voor wie is dit?", "Who is this for?"),
    "catalogue.home.who_worker": (
        "Werkenden en werkzoekenden: zoek een opleiding en bewaar je bewijzen in je eigen cv.",
        "Workers and job seekers: find a course and keep your certificates in your own CV.",
    ),
    "catalogue.home.who_provider": (
        "Opleiders: zet je opleidingen hier en geef bewijzen uit.",
        "Training providers: publish your courses here and issue certificates.",
    ),
    "catalogue.home.who_employer": (
        "Werkgevers: controleer in een paar seconden of een bewijs echt is.",
        "Employers: check in seconds whether a certificate is genuine.",
    ),
    "catalogue.home.search_title": ("Zoek een opleiding", "Find a course"),
    "catalogue.home.search_label": ("Wat wil je leren?", "What do you want to learn?"),
    "catalogue.home.search_hint": (
        "Bijvoorbeeld: laadpaal, warmtepomp of isolatie.",
        "For example: charging point, heat pump or insulation.",
    ),
    "catalogue.home.search_button": ("Zoeken", "Search"),
    "catalogue.home.qualifications": (
        "Bekijk welke opleidingen samen een diploma of beroep vormen",
        "See which courses together make up a qualification",
    ),
    # Search page
    "catalogue.search.title": ("Opleidingen zoeken", "Find courses"),
    "catalogue.search.q": ("Zoekwoorden", "Search words"),
    "catalogue.search.q_hint": (
        "Bijvoorbeeld: laadpaal of warmtepomp.",
        "For example: charging point or heat pump.",
    ),
    "catalogue.search.filters": ("Meer filters", "More filters"),
    "catalogue.search.competence": ("Vaardigheid", "Skill"),
    "catalogue.search.competence_hint": (
        "Een naam of een ESCO-link, bijvoorbeeld: install heat pump.",
        "A name or an ESCO link, for example: install heat pump.",
    ),
    "catalogue.search.level": ("Niveau", "Level"),
    "catalogue.search.sector": ("Sector", "Sector"),
    "catalogue.search.sector_hint": (
        "Bijvoorbeeld: installatietechniek.",
        "For example: installatietechniek.",
    ),
    "catalogue.search.region": ("Plaats of postcode", "Town or postcode"),
    "catalogue.search.region_hint": (
        "Een plaats, of het begin van een postcode, zoals 35.",
        "A town, or the start of a postcode, such as 35.",
    ),
    "catalogue.search.mode": ("Hoe je leert", "How you learn"),
    "catalogue.search.start_from": ("Start vanaf", "Starts from"),
    "catalogue.search.start_to": ("Start uiterlijk", "Starts by"),
    "catalogue.search.provider": ("Opleider", "Training provider"),
    "catalogue.search.any": ("Alle", "Any"),
    "catalogue.search.button": ("Zoeken", "Search"),
    "catalogue.search.clear": ("Alle filters wissen", "Clear all filters"),
    "catalogue.search.results": ("Resultaten", "Results"),
    "catalogue.search.count_one": ("1 opleiding gevonden.", "1 course found."),
    "catalogue.search.count": ("{n} opleidingen gevonden.", "{n} courses found."),
    "catalogue.search.count_more": (
        "Meer dan {n} opleidingen gevonden. Maak je zoekvraag kleiner.",
        "More than {n} courses found. Narrow your search.",
    ),
    "catalogue.search.none": (
        "We vonden geen opleiding die hierbij past.",
        "We found no course that matches.",
    ),
    "catalogue.search.none_tips": (
        "Probeer minder of andere woorden. Of wis een paar filters.",
        "Try fewer or other words. Or clear some filters.",
    ),
    "catalogue.search.choose_competence": (
        "Er zijn meer vaardigheden met dit woord. Welke bedoel je?",
        "More skills match this word. Which one do you mean?",
    ),
    "catalogue.search.page": ("Pagina {n}", "Page {n}"),
    "catalogue.search.pages": ("Meer resultaten", "More results"),
    "catalogue.search.previous": ("Vorige pagina", "Previous page"),
    "catalogue.search.next": ("Volgende pagina", "Next page"),
    "catalogue.search.qualifications_link": (
        "Bekijk ook de kwalificaties: welke opleidingen horen bij elkaar?",
        "See the qualifications too: which courses belong together?",
    ),
    "catalogue.error.date": (
        "Vul een datum in zoals 31-12-2030.",
        "Fill in a date such as 2030-12-31.",
    ),
    "catalogue.error.date_order": (
        "De datum 'Start uiterlijk' ligt voor 'Start vanaf'.",
        "The date 'Starts by' is before 'Starts from'.",
    ),
    "catalogue.error.level": ("Kies een niveau uit de lijst.", "Choose a level from the list."),
    "catalogue.error.mode": ("Kies een manier uit de lijst.", "Choose a way from the list."),
    "catalogue.error.competence_unknown": (
        "We kennen geen vaardigheid met dit woord. Probeer een ander woord.",
        "We know no skill with this word. Try another word.",
    ),
    # Search hits
    "catalogue.hit.provider": ("Opleider", "Provider"),
    "catalogue.hit.next_start": ("Volgende start", "Next start"),
    "catalogue.hit.open_run": ("Je kunt je aanmelden", "You can sign up"),
    "catalogue.hit.no_open_run": ("Nu geen startdatum open", "No start date open now"),
    # Facts of a module
    "catalogue.level": ("Niveau", "Level"),
    "catalogue.level.mbo": ("mbo niveau {value}", "MBO level {value}"),
    "catalogue.level.nlqf": ("NLQF niveau {value}", "NLQF level {value}"),
    "catalogue.level.eqf": ("EQF niveau {value}", "EQF level {value}"),
    "catalogue.level.none": ("Geen niveau", "No level"),
    "catalogue.study_load": ("Studielast", "Study load"),
    "catalogue.hours": ("{n} uur", "{n} hours"),
    "catalogue.hours_one": ("1 uur", "1 hour"),
    "catalogue.credits": ("Studiepunten", "Credits"),
    "catalogue.duration": ("Duur", "Duration"),
    "catalogue.days_one": ("1 dag", "1 day"),
    "catalogue.days": ("{n} dagen", "{n} days"),
    "catalogue.mode": ("Hoe je leert", "How you learn"),
    "catalogue.mode.classroom": ("In een klas", "In a classroom"),
    "catalogue.mode.online": ("Online", "Online"),
    "catalogue.mode.blended": (
        "Deels in een klas, deels online",
        "Partly classroom, partly online",
    ),
    "catalogue.mode.on-the-job": ("Op je werk", "On the job"),
    "catalogue.sector": ("Sector", "Sector"),
    "catalogue.language": ("Taal", "Language"),
    "catalogue.language.nl": ("Nederlands", "Dutch"),
    "catalogue.language.en": ("Engels", "English"),
    "catalogue.certificate": ("Bewijs na afloop", "Certificate afterwards"),
    "catalogue.price": ("Prijs", "Price"),
    "catalogue.price_unknown": ("Vraag de opleider", "Ask the provider"),
    "catalogue.prerequisites": ("Wat je vooraf nodig hebt", "What you need beforehand"),
    # Module page
    "catalogue.module.description": ("Over deze opleiding", "About this course"),
    "catalogue.module.competences": ("Wat je leert", "What you learn"),
    "catalogue.module.no_competences": (
        "De opleider heeft geen vaardigheden opgegeven.",
        "The provider has listed no skills.",
    ),
    "catalogue.module.competence_level": ("niveau: {level}", "level: {level}"),
    "catalogue.module.runs": ("Startdata", "Start dates"),
    "catalogue.module.no_runs": (
        "Er zijn nu geen startdata. Vraag de opleider wanneer de opleiding weer start.",
        "There are no start dates now. Ask the provider when the course starts again.",
    ),
    "catalogue.module.run_dates": ("Datum", "Dates"),
    "catalogue.module.run_place": ("Plaats", "Place"),
    "catalogue.module.run_status": ("Status", "Status"),
    "catalogue.module.run_until": ("tot en met {end}", "until {end}"),
    "catalogue.module.qualifications": ("Telt mee voor", "Counts towards"),
    "catalogue.module.no_qualifications": (
        "Deze opleiding hoort nog niet bij een kwalificatie.",
        "This course is not part of a qualification yet.",
    ),
    "catalogue.module.withdrawn": (
        "Deze opleiding is gestopt. Je kunt je niet meer aanmelden. "
        "Bewijzen die al zijn uitgegeven blijven geldig.",
        "This course has stopped. You can no longer sign up. "
        "Certificates already issued stay valid.",
    ),
    "catalogue.module.draft": (
        "Dit is een concept. Alleen jij en de beheerder zien deze versie.",
        "This is a draft. Only you and the operator see this version.",
    ),
    "catalogue.module.version": (
        "Versie {n}. Vaste link naar deze versie:",
        "Version {n}. Permanent link to this version:",
    ),
    "catalogue.module.more_from_provider": (
        "Meer opleidingen van {name}",
        "More courses from {name}",
    ),
    "catalogue.module.back": ("Terug naar zoeken", "Back to search"),
    "catalogue.run.planned": ("Gepland", "Planned"),
    "catalogue.run.open": ("Open", "Open"),
    "catalogue.run.full": ("Vol", "Full"),
    "catalogue.run.cancelled": ("Vervallen", "Cancelled"),
    # Not found
    "catalogue.not_found.title": ("Niet gevonden", "Not found"),
    "catalogue.not_found.module": (
        "Deze opleiding bestaat niet (meer).",
        "This course does not exist (any more).",
    ),
    "catalogue.not_found.qualification": (
        "Deze kwalificatie bestaat niet (meer).",
        "This qualification does not exist (any more).",
    ),
    # Qualifications
    "catalogue.quals.title": ("Kwalificaties", "Qualifications"),
    "catalogue.quals.intro": (
        "Een kwalificatie is een groep opleidingen die samen een vak vormen. "
        "Haal je ze allemaal, dan heb je het hele profiel.",
        "A qualification is a group of courses that together make up a trade. "
        "Complete them all and you have the whole profile.",
    ),
    "catalogue.quals.none": ("Er zijn nog geen kwalificaties.", "There are no qualifications yet."),
    "catalogue.quals.required_one": ("1 verplichte opleiding.", "1 required course."),
    "catalogue.quals.required_count": ("{n} verplichte opleidingen.", "{n} required courses."),
    "catalogue.quals.groups_one": ("En 1 groep om uit te kiezen.", "And 1 group to choose from."),
    "catalogue.quals.groups": (
        "En {n} groepen om uit te kiezen.",
        "And {n} groups to choose from.",
    ),
    "catalogue.qual.code": ("Code", "Code"),
    "catalogue.qual.how": (
        "Je hebt alle verplichte opleidingen nodig. Uit elke keuzegroep kies je er minstens "
        "zoveel als erbij staat.",
        "You need all required courses. From each choice group you choose at least as many "
        "as it says.",
    ),
    "catalogue.qual.required": ("Verplichte opleidingen", "Required courses"),
    "catalogue.qual.competences": ("Werkprocessen", "Work processes"),
    "catalogue.qual.competences_rule": (
        "Je laat alle {n} zien: met deelcertificaten of met een EVC-uitslag.",
        "You show all {n}: with partial certificates or with an EVC result.",
    ),
    "catalogue.qual.required_rule_one": ("Je hebt deze opleiding nodig.", "You need this course."),
    "catalogue.qual.required_rule": (
        "Je hebt ze alle {n} nodig.",
        "You need all {n} of them.",
    ),
    "catalogue.qual.group_rule": (
        "Kies er minstens {min} uit deze {n}.",
        "Choose at least {min} of these {n}.",
    ),
    "catalogue.qual.total": ("Studielast in totaal", "Total study load"),
    "catalogue.qual.total_value": ("minstens {n} uur", "at least {n} hours"),
    "catalogue.qual.group_total": (
        "Samen minstens {n} uur.",
        "Together at least {n} hours.",
    ),
    "catalogue.qual.withdrawn": ("Gestopt", "Stopped"),
    "catalogue.qual.all": ("Alle kwalificaties", "All qualifications"),
}
