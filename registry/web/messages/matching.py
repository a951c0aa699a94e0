"""Texts of job profiles, matches and the coach's pages: key -> (Dutch, English).

Dutch at B1 level: short sentences, everyday words, "je" form.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # A match, in plain words
    "match.verdict.fits": ("Past: alles is er", "Fits: everything is there"),
    "match.verdict.fits.text": (
        "Alle verplichte certificaten zijn er en alle vaardigheden zijn bewezen.",
        "Every mandatory certificate is there and every skill is proven.",
    ),
    "match.verdict.fits-after-training": ("Past na opleiding", "Fits after training"),
    "match.verdict.fits-after-training.text": (
        "Alles wat bij de start nodig is, is er. Wat nog ontbreekt, leer je na de start.",
        "Everything needed at the start is there. What is still missing can be learned after "
        "starting.",
    ),
    "match.verdict.blocked": ("Geblokkeerd", "Blocked"),
    "match.verdict.blocked.text": (
        "Dit moet eerst geregeld zijn. Andere vaardigheden wegen daar niet tegen op.",
        "This must be sorted out first. Other skills do not make up for it.",
    ),
    "match.blocked.certificate.missing": ("{name} ontbreekt", "{name} is missing"),
    "match.blocked.certificate.expired": ("{name} is verlopen", "{name} has expired"),
    "match.blocked.certificate.revoked": ("{name} is ingetrokken", "{name} was revoked"),
    "match.blocked.certificate.suspended": ("{name} is geschorst", "{name} is suspended"),
    "match.blocked.at_start": (
        "Nodig bij de start, maar niet bewezen: {name}",
        "Needed at the start, but not proven: {name}",
    ),
    "match.certificates": ("Verplichte certificaten", "Mandatory certificates"),
    "match.certificate.present": ("aanwezig", "present"),
    "match.certificate.missing": ("ontbreekt", "missing"),
    "match.certificate.expired": ("verlopen", "expired"),
    "match.certificate.revoked": ("ingetrokken", "revoked"),
    "match.certificate.suspended": ("geschorst", "suspended"),
    "match.certificate.exam": (
        "Dit certificaat krijg je alleen met een examen bij een examenbureau. Een opleiding "
        "alleen is niet genoeg.",
        "You only get this certificate by passing an exam at an exam institute. A course alone "
        "is not enough.",
    ),
    "match.requirements": ("Vaardigheden", "Skills"),
    "match.when.at-start": ("nodig bij de start", "needed at the start"),
    "match.when.can-learn": ("kan je leren na de start", "can be learned after starting"),
    "match.status.covered": ("bewezen", "proven"),
    "match.status.covered-via-equivalent": (
        "bewezen met een gelijkwaardige vaardigheid",
        "proven by an equivalent skill",
    ),
    "match.status.self-declared-only": (
        "alleen zelf opgegeven, telt niet mee",
        "only self-declared, does not count",
    ),
    "match.status.missing": ("ontbreekt", "missing"),
    "match.via": ("Telt mee via: {name}", "Counts through: {name}"),
    "match.route": ("De route: welke opleidingen helpen", "The route: which training helps"),
    "match.route.by": ("Door {provider}, {hours} uur", "By {provider}, {hours} hours"),
    "match.route.covers": ("Je leert:", "You learn:"),
    "match.route.next_run": (
        "Eerstvolgende start: {start} in {place}, klaar op {end}",
        "Next start: {start} in {place}, finished on {end}",
    ),
    "match.route.no_run": (
        "Er is nog geen startdatum bekend.",
        "No start date is known yet.",
    ),
    "match.route.module": ("Bekijk de opleiding {title}", "See the course {title}"),
    "match.route.none_needed": ("Er is geen opleiding nodig.", "No training is needed."),
    "match.unroutable": (
        "Hiervoor is nog geen opleiding in de catalogus:",
        "There is no course in the catalogue yet for:",
    ),
    "match.ready_in": ("Klaar over ongeveer {weeks} weken.", "Ready in about {weeks} weeks."),
    "match.ready_unknown": (
        "We kunnen nog niet zeggen wanneer alles klaar is.",
        "We cannot say yet when everything will be ready.",
    ),
    # Job profiles (employer)
    "jobs.title": ("Mijn vacatures", "My job profiles"),
    "jobs.intro": (
        "Een vacature zegt wat iemand nodig heeft bij de start en wat die later kan leren.",
        "A job profile says what someone needs at the start and what they can learn later.",
    ),
    "jobs.new": ("Nieuwe vacature", "New job profile"),
    "jobs.edit": ("Vacature aanpassen", "Edit job profile"),
    "jobs.occupation": ("Begin met een beroep", "Start from an occupation"),
    "jobs.occupation.hint": (
        "Kies een beroep uit ESCO. Dan staan de vaardigheden van dat beroep al in de vacature: "
        "wat nodig is vanaf het begin, en wat iemand kan leren in het werk. Je kunt ze daarna "
        "nog aanpassen.",
        "Choose an occupation from ESCO. Then the job profile already has that occupation's "
        "skills: what is needed from the start, and what someone can learn on the job. You can "
        "still change them afterwards.",
    ),
    "jobs.occupation.search": ("Zoek een beroep", "Find an occupation"),
    "jobs.occupation.find": ("Zoek beroep", "Find occupation"),
    "jobs.occupation.or": ("De vacature", "The job profile"),
    "jobs.occupation.results": ("Gevonden beroepen", "Occupations found"),
    "jobs.occupation.start": ("Begin met dit beroep", "Start from this occupation"),
    "jobs.occupation.none": (
        "Geen beroep gevonden. Probeer een ander woord.",
        "No occupation found. Try another word.",
    ),
    "jobs.occupation.chosen": (
        "De vaardigheden van het beroep staan hieronder. Kijk ze na en sla de vacature op.",
        "The occupation's skills are below. Check them and save the job profile.",
    ),
    "jobs.occupation.unknown": (
        "Kies een beroep uit de lijst.",
        "Choose an occupation from the list.",
    ),
    "jobs.none": ("Je hebt nog geen vacatures.", "You have no job profiles yet."),
    "jobs.published": ("gepubliceerd", "published"),
    "jobs.draft": ("concept", "draft"),
    "jobs.open": ("Bekijk {title}", "See {title}"),
    "jobs.field.title": ("Naam van de functie", "Job title"),
    "jobs.field.description": ("Omschrijving", "Description"),
    "jobs.field.region": (
        "Regio (begin van de postcode, of een plaats)",
        "Region (start of the postcode, or a place)",
    ),
    "jobs.field.published": (
        "Publiceren: werkzoekenden mogen deze vacature zien",
        "Publish: job seekers may see this profile",
    ),
    "jobs.requirements": ("Vaardigheden", "Skills"),
    "jobs.requirements.none": ("Nog geen vaardigheden gekozen.", "No skills chosen yet."),
    "jobs.when.at-start": ("Nodig bij de start", "Needed at the start"),
    "jobs.when.can-learn": ("Kan je leren na de start", "Can be learned after starting"),
    "jobs.when.remove": ("Weghalen", "Remove"),
    "jobs.search": ("Zoek een vaardigheid (in het Nederlands)", "Find a skill (in Dutch)"),
    "jobs.search.button": ("Zoeken", "Search"),
    "jobs.search.results": ("Kies wat je wilt toevoegen", "Choose what to add"),
    "jobs.search.none": (
        "Niets gevonden. Probeer een ander woord.",
        "Nothing found. Try another word.",
    ),
    "jobs.add_when": ("Toevoegen als", "Add as"),
    "jobs.certificates": ("Verplichte certificaten", "Mandatory certificates"),
    "jobs.certificates.hint": (
        "Bijvoorbeeld VCA Basis: https://www.vca.nl/schemes/vca-basis. Laat een regel leeg als "
        "je hem niet nodig hebt.",
        "For example VCA Basic: https://www.vca.nl/schemes/vca-basis. Leave a row empty when you "
        "do not need it.",
    ),
    "jobs.certificate.name": ("Naam van certificaat {n}", "Name of certificate {n}"),
    "jobs.certificate.uri": (
        "Adres (URI) van het schema van certificaat {n}",
        "Scheme address (URI) of certificate {n}",
    ),
    "jobs.certificate.age": (
        "Maximaal zoveel maanden oud (mag leeg)",
        "At most this many months old (may be empty)",
    ),
    "jobs.save": ("Opslaan", "Save"),
    "jobs.saved": ("De vacature is opgeslagen.", "The job profile was saved."),
    # Form errors name the field by its label (a certificate by its row number).
    "jobs.invalid.title": (
        "Naam van de functie: vul een naam in (hoogstens 200 tekens).",
        "Job title: fill in a title (at most 200 characters).",
    ),
    "jobs.invalid.description": (
        "Omschrijving: deze is te lang (hoogstens 20.000 tekens).",
        "Description: it is too long (at most 20,000 characters).",
    ),
    "jobs.invalid.region": (
        "Regio: vul het begin van een postcode of een plaats in (hoogstens 60 tekens).",
        "Region: fill in the start of a postcode or a place (at most 60 characters).",
    ),
    "jobs.invalid.zoek": (
        "Vaardigheden: kies elke vaardigheid één keer, nodig bij de start of te leren na de start.",
        "Skills: choose each skill once, needed at the start or learnable after starting.",
    ),
    "jobs.invalid.cert_name": (
        "Naam van certificaat {n}: vul een naam in (hoogstens 200 tekens).",
        "Name of certificate {n}: fill in a name (at most 200 characters).",
    ),
    "jobs.invalid.cert_uri": (
        "Adres (URI) van het schema van certificaat {n}: vul een adres in, zoals "
        "https://www.vca.nl/schemes/vca-basis.",
        "Scheme address (URI) of certificate {n}: fill in an address, such as "
        "https://www.vca.nl/schemes/vca-basis.",
    ),
    "jobs.invalid.cert_age": (
        "Certificaat {n}, maximaal zoveel maanden oud: vul een heel aantal maanden in, van 1 "
        "tot en met 1200. Of laat het leeg: dan mag het elke leeftijd hebben.",
        "Certificate {n}, at most this many months old: fill in a whole number of months, from "
        "1 to 1200. Or leave it empty: then any age will do.",
    ),
    "jobs.invalid.occupation": (
        "Beroep: kies een beroep uit de lijst.",
        "Occupation: choose an occupation from the list.",
    ),
    "jobs.invalid.form": (
        "Dit klopt nog niet. Kijk de vacature na en probeer het opnieuw.",
        "This is not right yet. Check the job profile and try again.",
    ),
    "jobs.match.title": ("Vergelijk een gedeeld cv", "Compare a shared CV"),
    "jobs.match.intro": (
        "Kies wat een werkzoekende met je deelde. Je ziet wat past, wat ontbreekt en welke "
        "opleidingen helpen.",
        "Choose what a job seeker shared with you. You see what fits, what is missing and which "
        "courses help.",
    ),
    "jobs.match.share": ("Gedeeld door", "Shared by"),
    "jobs.match.button": ("Vergelijken", "Compare"),
    "jobs.match.none": ("Er is nog niets met je gedeeld.", "Nothing was shared with you yet."),
    "jobs.match.result": ("{name} en {title}", "{name} and {title}"),
    "jobs.not_found": (
        "Deze vacature bestaat niet (meer).",
        "This job profile does not exist (any more).",
    ),
    "jobs.share_not_found": (
        "Deze gedeelde gegevens zijn niet gevonden. Kies een deling die met jou is gedeeld.",
        "This share was not found. Choose a share that was shared with you.",
    ),
    # Published job profiles (worker, coach)
    "vacancies.title": ("Vacatures", "Job profiles"),
    "vacancies.intro": (
        "Vacatures van werkgevers. Kies er een en zie wat je nog nodig hebt.",
        "Job profiles of employers. Choose one and see what you still need.",
    ),
    "vacancies.region": (
        "Bij mij in de buurt (begin van je postcode)",
        "Near me (start of your postcode)",
    ),
    "vacancies.filter": ("Toon", "Show"),
    "vacancies.none": (
        "Er zijn (hier) nog geen vacatures.",
        "There are no job profiles (here) yet.",
    ),
    "vacancies.by": ("Bij {employer}", "At {employer}"),
    "vacancies.need": ("Wat heb ik nog nodig?", "What do I still need?"),
    "vacancies.need_for": (
        "Wat heb je nog nodig voor {title}?",
        "What do you still need for {title}?",
    ),
    "vacancies.everywhere": ("overal", "anywhere"),
    "nav.jobs": ("Vacatures", "Job profiles"),
    "nav.coach": ("Coach", "Coach"),
    # The coach
    "coach.title": ("Coach", "Coach"),
    "coach.intro": (
        "Werkzoekenden die jou toestemming gaven. Kies iemand en bekijk samen de vacatures.",
        "Job seekers who gave you consent. Choose someone and look at job profiles together.",
    ),
    "coach.none": ("Nog niemand gaf je toestemming.", "Nobody gave you consent yet."),
    "coach.open": ("Vacatures voor {name}", "Job profiles for {name}"),
    "coach.vacancies.intro": (
        "Vacatures van werkgevers. Kies er een en zie wat {name} nog nodig heeft.",
        "Job profiles of employers. Choose one and see what {name} still needs.",
    ),
    "coach.vacancies.region": (
        "In de buurt van {name} (begin van de postcode, of een plaats)",
        "Near {name} (start of the postcode, or a place)",
    ),
    "coach.vacancies.need": ("Wat heeft {name} nog nodig?", "What does {name} still need?"),
    "coach.need_for": (
        "Wat heeft {name} nog nodig voor {title}?",
        "What does {name} still need for {title}?",
    ),
    "coach.no_consent": (
        "Deze persoon gaf je geen toestemming.",
        "This person gave you no consent.",
    ),
}
