"""Texts of the provider pages: key -> (Dutch, English).

Dutch at B1 level: short sentences, everyday words, "je" form. Service errors the provider
pages show have their own `provider.error.<code>` keys (looked up before the shared
`error.<code>` ones), so no other area's table is touched.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # Navigation inside the provider area
    "provider.nav.label": ("Menu voor opleiders", "Provider menu"),
    "provider.nav.home": ("Overzicht", "Overview"),
    "provider.nav.new": ("Nieuwe module", "New module"),
    "provider.nav.cohort": ("Groep uploaden", "Upload a group"),
    "provider.nav.credentials": ("Uitgegeven bewijzen", "Issued certificates"),
    # Dashboard
    "provider.dashboard.title": ("Mijn opleidingen", "My courses"),
    "provider.dashboard.intro": (
        "Hier beheer je je modules en geef je deelcertificaten uit.",
        "Manage your modules and issue partial certificates here.",
    ),
    "provider.dashboard.new_module": ("Nieuwe module maken", "Create a new module"),
    "provider.dashboard.cohort": ("Een groep deelnemers uploaden", "Upload a group of learners"),
    "provider.dashboard.modules": ("Mijn modules", "My modules"),
    "provider.dashboard.no_modules": (
        "Je hebt nog geen modules. Maak je eerste module.",
        "You have no modules yet. Create your first module.",
    ),
    "provider.dashboard.recent": ("Laatst uitgegeven", "Recently issued"),
    "provider.dashboard.all_issued": (
        "Alle uitgegeven bewijzen ({count})",
        "All issued certificates ({count})",
    ),
    "provider.dashboard.none_issued": (
        "Je hebt nog geen bewijzen uitgegeven.",
        "You have not issued any certificates yet.",
    ),
    # Table columns
    "provider.col.module": ("Module", "Module"),
    "provider.col.status": ("Status", "Status"),
    "provider.col.module_status": ("Module en status", "Module and status"),
    "provider.col.version": ("Versie", "Version"),
    "provider.col.learner": ("Deelnemer", "Learner"),
    "provider.col.issued_at": ("Uitgegeven op", "Issued on"),
    "provider.col.row": ("Rij", "Row"),
    "provider.col.problem": ("Wat is er mis", "What is wrong"),
    "provider.col.result": ("Resultaat", "Result"),
    # States
    "provider.status.draft": ("Concept", "Draft"),
    "provider.status.published": ("Gepubliceerd", "Published"),
    "provider.status.withdrawn": ("Uit de catalogus", "Withdrawn"),
    "provider.credential_status.active": ("Geldig", "Valid"),
    "provider.credential_status.suspended": ("Tijdelijk geschorst", "Suspended"),
    "provider.credential_status.revoked": ("Ingetrokken", "Revoked"),
    "provider.run_status.open": ("Open voor aanmelding", "Open for enrolment"),
    "provider.run_status.planned": ("Gepland", "Planned"),
    "provider.run_status.full": ("Vol", "Full"),
    "provider.run_status.cancelled": ("Geannuleerd", "Cancelled"),
    "provider.version.published": ("versie {n} gepubliceerd", "version {n} published"),
    "provider.version.draft": ("concept versie {n}", "draft version {n}"),
    "provider.mode.classroom": ("In een lokaal", "Classroom"),
    "provider.mode.online": ("Online", "Online"),
    "provider.mode.blended": ("Deels online, deels in een lokaal", "Blended"),
    "provider.mode.on-the-job": ("Op de werkplek", "On the job"),
    # Actions
    "provider.action.edit": ("Bewerken", "Edit"),
    "provider.action.runs": ("Uitvoeringen ({count})", "Runs ({count})"),
    "provider.action.issue": ("Uitgeven", "Issue"),
    "provider.action.edit_module": ("Module bewerken", "Edit the module"),
    "provider.action.manage_runs": ("Uitvoeringen bekijken en toevoegen", "See and add runs"),
    "provider.action.issue_one": (
        "Deelcertificaat uitgeven aan een deelnemer",
        "Issue the partial certificate to a learner",
    ),
    # Notices after a change
    "provider.notice.created": (
        "De module is gemaakt als concept. Publiceer hem als hij klaar is.",
        "The module was created as a draft. Publish it when it is ready.",
    ),
    "provider.notice.saved": ("Je wijzigingen zijn opgeslagen.", "Your changes are saved."),
    "provider.notice.published": (
        "De module is gepubliceerd. Iedereen kan hem nu vinden.",
        "The module is published. Everyone can find it now.",
    ),
    "provider.notice.withdrawn": (
        "De module staat niet meer in de catalogus.",
        "The module is no longer in the catalogue.",
    ),
    "provider.notice.run_added": ("De uitvoering is toegevoegd.", "The run was added."),
    "provider.notice.run_cancelled": ("De uitvoering is geannuleerd.", "The run was cancelled."),
    "provider.notice.issued": (
        "Het deelcertificaat is uitgegeven.",
        "The partial certificate was issued.",
    ),
    "provider.notice.revoked": ("Het bewijs is ingetrokken.", "The certificate was revoked."),
    "provider.notice.suspended": (
        "Het bewijs is tijdelijk geschorst.",
        "The certificate was suspended.",
    ),
    "provider.notice.reinstated": ("Het bewijs is weer geldig.", "The certificate is valid again."),
    # Module form
    "provider.module.new_title": ("Nieuwe module", "New module"),
    "provider.module.edit_title": ("{title} bewerken", "Edit {title}"),
    "provider.module.edit_published": (
        "Deze module is gepubliceerd. Als je opslaat, maak je concept versie {n}. "
        "De gepubliceerde versie blijft staan tot je het concept publiceert.",
        "This module is published. Saving makes draft version {n}. "
        "The published version stays until you publish the draft.",
    ),
    "provider.module.edit_withdrawn": (
        "Deze module staat niet meer in de catalogus. Je kunt hem niet meer wijzigen.",
        "This module was withdrawn. It can no longer be changed.",
    ),
    "provider.module.title": ("Titel", "Title"),
    "provider.module.summary": ("Korte samenvatting", "Short summary"),
    "provider.module.summary_hint": (
        "Eén of twee zinnen. Die zie je in de zoekresultaten.",
        "One or two sentences, shown in search results.",
    ),
    "provider.module.description": ("Beschrijving (niet verplicht)", "Description (optional)"),
    "provider.module.level": ("Niveau", "Level"),
    "provider.module.no_level": ("Geen niveau", "No level"),
    "provider.module.hours": ("Studielast in uren", "Study load in hours"),
    "provider.module.hours_hint": (
        "Alle uren samen: les, oefenen en zelfstudie.",
        "All hours together: lessons, practice and self-study.",
    ),
    "provider.module.hours_value": ("{n} uur", "{n} hours"),
    "provider.module.mode": ("Hoe volg je de module?", "How is the module taught?"),
    "provider.module.sectors": ("Sectoren", "Sectors"),
    "provider.module.sectors_hint": (
        "Bijvoorbeeld: installatietechniek, energie. Kleine letters, met komma's ertussen.",
        "For example: installatietechniek, energie. Lower case, separated by commas.",
    ),
    "provider.module.competences": ("Competenties", "Competences"),
    "provider.module.competences_hint": (
        "Eén competentie per regel: de naam zoals in de catalogus, of het adres (URI).",
        "One competence per line: its name as in the catalogue, or its address (URI).",
    ),
    "provider.module.search_label": ("Zoek een competentie", "Search for a competence"),
    "provider.module.search_button": ("Zoeken", "Search"),
    "provider.module.search_add": ("Toevoegen", "Add"),
    "provider.module.search_found": ("{count} gevonden.", "{count} found."),
    "provider.module.search_none": ("Niets gevonden.", "Nothing found."),
    "provider.module.search_added": ("{label} is toegevoegd.", "{label} was added."),
    "provider.module.certificate": ("Naam van het deelcertificaat", "Name of the certificate"),
    "provider.module.certificate_hint": (
        "Laat je dit leeg, dan heet het 'Deelcertificaat' met de titel erachter.",
        "Leave it empty to use 'Deelcertificaat' followed by the title.",
    ),
    "provider.module.certificate_default": ("Deelcertificaat {title}", "Deelcertificaat {title}"),
    "provider.module.save": ("Opslaan", "Save"),
    "provider.module.invalid.title": (
        "Vul een titel in van hoogstens 200 tekens.",
        "Fill in a title of at most 200 characters.",
    ),
    "provider.module.invalid.summary": (
        "Maak de samenvatting korter: hoogstens 500 tekens.",
        "Make the summary shorter: at most 500 characters.",
    ),
    "provider.module.invalid.description": (
        "Maak de beschrijving korter: hoogstens 20.000 tekens.",
        "Make the description shorter: at most 20,000 characters.",
    ),
    "provider.module.invalid.level": (
        "Kies een niveau uit de lijst.",
        "Choose a level from the list.",
    ),
    "provider.module.invalid.study_load_hours": (
        "Vul het aantal uren in als heel getal, van 1 tot 10.000.",
        "Fill in the hours as a whole number from 1 to 10,000.",
    ),
    "provider.module.invalid.delivery_mode": (
        "Kies hoe deelnemers de module volgen.",
        "Choose how learners take the module.",
    ),
    "provider.module.invalid.sectors": (
        "Schrijf sectoren met kleine letters en streepjes, met komma's ertussen.",
        "Write sectors in lower case and hyphens, separated by commas.",
    ),
    "provider.module.invalid.competences": (
        "Er klopt iets niet bij de competenties.",
        "Something is wrong with the competences.",
    ),
    "provider.module.invalid.certificate": (
        "De naam van het deelcertificaat mag hoogstens 200 tekens hebben.",
        "The certificate's name may have at most 200 characters.",
    ),
    "provider.module.unknown_competence": (
        "Deze competentie staat niet in de catalogus: {line}",
        "This competence is not in the catalogue: {line}",
    ),
    "provider.module.ambiguous_competence": (
        "Meer dan één competentie past bij '{line}'. Kies er één met de zoekfunctie "
        "of gebruik het adres (URI).",
        "More than one competence fits '{line}'. Pick one with the search or use its URI.",
    ),
    "provider.module.too_many_competences": (
        "Kies hoogstens {count} competenties.",
        "Choose at most {count} competences.",
    ),
    # Module page
    "provider.module.runs_label": ("Uitvoeringen", "Runs"),
    "provider.module.runs_value": ("{count} gepland of open", "{count} planned or open"),
    "provider.module.what_next": ("Wat wil je doen?", "What do you want to do?"),
    "provider.module.publish_title": ("Publiceren", "Publish"),
    "provider.module.publish_text": (
        "Concept versie {n} is nog niet zichtbaar. Publiceer hem, dan staat hij in de "
        "catalogus en kun je er deelcertificaten voor uitgeven.",
        "Draft version {n} is not visible yet. Publish it to put it in the catalogue "
        "and to issue certificates for it.",
    ),
    "provider.module.publish_button": ("Publiceren", "Publish"),
    "provider.module.withdraw_title": ("Uit de catalogus halen", "Withdraw from the catalogue"),
    "provider.module.withdraw_text": (
        "Dan kan niemand de module meer vinden en kun je hem niet meer wijzigen. "
        "Uitgegeven deelcertificaten blijven geldig. Dit kun je niet terugdraaien.",
        "Nobody can find the module any more and it cannot be changed. Issued "
        "certificates stay valid. This cannot be undone.",
    ),
    "provider.module.withdraw_confirm": (
        "Ja, haal deze module uit de catalogus.",
        "Yes, withdraw this module from the catalogue.",
    ),
    "provider.module.withdraw_confirm_needed": (
        "Vink eerst aan dat je de module uit de catalogus wilt halen.",
        "First tick that you want to withdraw the module.",
    ),
    "provider.module.withdraw_button": ("Uit de catalogus halen", "Withdraw"),
    # Runs
    "provider.runs.title": ("Uitvoeringen van {title}", "Runs of {title}"),
    "provider.runs.back": ("Terug naar {title}", "Back to {title}"),
    "provider.runs.caption": ("Alle uitvoeringen", "All runs"),
    "provider.runs.when": ("Wanneer", "When"),
    "provider.runs.where": ("Waar", "Where"),
    "provider.runs.seats_value": ("{count} plaatsen", "{count} seats"),
    "provider.runs.from_to": ("{start} t/m {end}", "{start} to {end}"),
    "provider.runs.none": (
        "Deze module heeft nog geen uitvoeringen.",
        "This module has no runs yet.",
    ),
    "provider.runs.cancel": ("Annuleren", "Cancel"),
    "provider.runs.cancel_which": (
        "(uitvoering van {start} in {place})",
        "(run of {start} in {place})",
    ),
    "provider.runs.cancel_hint": (
        "Een geannuleerde uitvoering blijft zichtbaar, met 'Geannuleerd' erbij. "
        "Je kunt hem niet meer openen.",
        "A cancelled run stays visible, marked 'Cancelled'. It cannot be reopened.",
    ),
    "provider.runs.add_title": ("Uitvoering toevoegen", "Add a run"),
    "provider.runs.add_button": ("Uitvoering toevoegen", "Add run"),
    "provider.runs.withdrawn": (
        "Deze module staat niet meer in de catalogus. Je kunt geen uitvoeringen toevoegen.",
        "This module was withdrawn. You cannot add runs.",
    ),
    "provider.run.start_date": ("Begindatum", "Start date"),
    "provider.run.end_date": ("Einddatum", "End date"),
    "provider.run.place": ("Plaats", "Place"),
    "provider.run.postcode": ("Postcode", "Postcode"),
    "provider.run.postcode_hint": ("Bijvoorbeeld 3511 AB.", "For example 3511 AB."),
    "provider.run.seats": ("Aantal plaatsen", "Number of seats"),
    "provider.run.status": ("Aanmelden", "Enrolment"),
    "provider.run.status_hint": (
        "Open: deelnemers kunnen zich aanmelden. Gepland: nog niet.",
        "Open: learners can enrol. Planned: not yet.",
    ),
    "provider.run.invalid.start_date": ("Vul een begindatum in.", "Fill in a start date."),
    "provider.run.invalid.end_date": ("Vul een einddatum in.", "Fill in an end date."),
    "provider.run.end_before_start": (
        "De einddatum ligt voor de begindatum.",
        "The end date is before the start date.",
    ),
    "provider.run.invalid.place": ("Vul een plaats in.", "Fill in a place."),
    "provider.run.invalid.postcode": (
        "Vul een postcode in zoals 3511 AB.",
        "Fill in a postcode such as 3511 AB.",
    ),
    "provider.run.invalid.seats": (
        "Vul het aantal plaatsen in als heel getal, van 0 tot 10.000.",
        "Fill in the seats as a whole number from 0 to 10,000.",
    ),
    "provider.run.invalid.status": ("Kies open of gepland.", "Choose open or planned."),
    # Issuing to one learner
    "provider.issue.title": ("Deelcertificaat uitgeven", "Issue a partial certificate"),
    "provider.issue.for_module": ("Voor de module {title}.", "For the module {title}."),
    "provider.issue.not_published": (
        "Deze module is niet gepubliceerd. Je kunt pas uitgeven als hij gepubliceerd is.",
        "This module is not published. You can issue only once it is published.",
    ),
    "provider.issue.to_module": ("Naar de module", "Go to the module"),
    "provider.issue.name": ("Naam van de deelnemer", "Learner's name"),
    "provider.issue.name_hint": (
        "Zoals die op het deelcertificaat moet staan.",
        "As it should appear on the certificate.",
    ),
    "provider.issue.email": ("E-mailadres van de deelnemer", "Learner's e-mail address"),
    "provider.issue.email_hint": (
        "Hiermee vindt de deelnemer het bewijs in zijn of haar cv.",
        "The learner finds the certificate in their CV with this address.",
    ),
    "provider.issue.reissue": (
        "Opnieuw uitgeven: deze deelnemer krijgt een nieuw deelcertificaat",
        "Issue again: this learner gets a new certificate",
    ),
    "provider.issue.button": ("Uitgeven", "Issue"),
    "provider.issue.many": (
        "Meer deelnemers tegelijk? Upload een groep.",
        "Several learners at once? Upload a group.",
    ),
    "provider.issue.invalid_email": (
        "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.",
        "Fill in a valid e-mail address, such as name@example.nl.",
    ),
    "provider.issue.invalid_name": (
        "Vul de naam van de deelnemer in.",
        "Fill in the learner's name.",
    ),
    # One issued credential
    "provider.credential.title": ("Bewijs van {name}", "Certificate of {name}"),
    "provider.credential.id": ("Nummer van het bewijs", "Certificate id"),
    "provider.credential.change": ("Status wijzigen", "Change the status"),
    "provider.credential.suspend": ("Tijdelijk schorsen", "Suspend"),
    "provider.credential.suspend_text": (
        "Schors het bewijs als je iets moet uitzoeken. Je kunt het later weer herstellen.",
        "Suspend the certificate while you look into something. You can reinstate it later.",
    ),
    "provider.credential.reinstate": ("Herstellen", "Reinstate"),
    "provider.credential.reinstate_text": (
        "Het bewijs is geschorst. Herstel het, dan is het weer geldig.",
        "The certificate is suspended. Reinstate it to make it valid again.",
    ),
    "provider.credential.revoke_title": ("Intrekken", "Revoke"),
    "provider.credential.revoke_text": (
        "Trek het bewijs in als het ten onrechte is uitgegeven. Dit is definitief: "
        "iedereen die het controleert, ziet dan 'Ingetrokken'.",
        "Revoke the certificate if it was issued by mistake. This is final: everyone "
        "who checks it then sees 'Revoked'.",
    ),
    "provider.credential.revoke_confirm": (
        "Ja, trek het bewijs van {name} definitief in.",
        "Yes, revoke the certificate of {name} for good.",
    ),
    "provider.credential.revoke_confirm_needed": (
        "Vink eerst aan dat je het bewijs definitief wilt intrekken.",
        "First tick that you want to revoke the certificate for good.",
    ),
    "provider.credential.revoke": ("Definitief intrekken", "Revoke for good"),
    "provider.credential.revoked_final": (
        "Dit bewijs is ingetrokken. Dat blijft zo.",
        "This certificate is revoked. That is final.",
    ),
    "provider.credential.back": ("Naar alle uitgegeven bewijzen", "To all issued certificates"),
    "provider.credential.reason.suspend": (
        "Waarom schors je het bewijs?",
        "Why do you suspend the certificate?",
    ),
    "provider.credential.reason.revoke": (
        "Waarom trek je het bewijs in?",
        "Why do you revoke the certificate?",
    ),
    "provider.credential.reason_choose": ("Kies een reden", "Choose a reason"),
    "provider.credential.reason_needed": (
        "Kies waarom je de status van dit bewijs verandert.",
        "Choose why you change the status of this certificate.",
    ),
    "provider.credential.note": ("Uitleg voor de deelnemer", "Explanation for the learner"),
    "provider.credential.note.suspend": (
        "Uitleg bij het schorsen",
        "Explanation of the suspension",
    ),
    "provider.credential.note.revoke": (
        "Uitleg bij het intrekken",
        "Explanation of the revocation",
    ),
    "provider.credential.note_hint": (
        "De deelnemer ziet deze uitleg. Werkgevers zien alleen de reden en de datum.",
        "The learner sees this explanation. Employers only see the reason and the date.",
    ),
    "provider.credential.note_long": (
        "Maak de uitleg korter: hoogstens 1000 tekens.",
        "Make the explanation shorter: 1000 characters at most.",
    ),
    # List of issued credentials
    "provider.credentials.title": ("Uitgegeven bewijzen", "Issued certificates"),
    "provider.credentials.filter": ("Toon bewijzen met status", "Show certificates with status"),
    "provider.credentials.all": ("Alle", "All"),
    "provider.credentials.show": ("Toon", "Show"),
    "provider.credentials.count.one": ("{count} bewijs.", "{count} certificate."),
    "provider.credentials.count.other": ("{count} bewijzen.", "{count} certificates."),
    "provider.credentials.open": ("Bekijken", "View"),
    "provider.credentials.issued_on": ("uitgegeven op {date}", "issued on {date}"),
    "provider.credentials.revoke": ("Intrekken", "Revoke"),
    "provider.credentials.pages": ("Pagina's", "Pages"),
    "provider.credentials.previous": ("Vorige pagina", "Previous page"),
    "provider.credentials.next": ("Volgende pagina", "Next page"),
    "provider.credentials.page_of": ("Pagina {n} van {total}", "Page {n} of {total}"),
    # Cohort upload
    "provider.cohort.title": ("Groep uploaden", "Upload a group"),
    "provider.cohort.intro": (
        "Geef in één keer een deelcertificaat aan een hele groep. Klopt er één rij niet, "
        "dan geven we niemand iets. Je ziet dan welke rijen je moet verbeteren.",
        "Issue a partial certificate to a whole group at once. If one row is wrong, "
        "nobody gets one, and you see which rows to fix.",
    ),
    "provider.cohort.file_title": ("Hoe ziet het bestand eruit?", "What does the file look like?"),
    "provider.cohort.file_text": (
        "Een CSV-bestand. De eerste regel heeft de kolommen email en name. "
        "Daarna één deelnemer per regel:",
        "A CSV file. The first line has the columns email and name, then one learner per line:",
    ),
    "provider.cohort.excel_text": (
        "Een bestand uit Excel kan ook: opgeslagen als CSV, met komma's of puntkomma's.",
        "A file from Excel works too: saved as CSV, with commas or semicolons.",
    ),
    "provider.cohort.column_text": (
        "Wil je meer modules in één bestand? Zet dan ook een kolom moduleId erin.",
        "More modules in one file? Add a moduleId column as well.",
    ),
    "provider.cohort.example": ("Download een voorbeeldbestand", "Download an example file"),
    "provider.cohort.upload_title": ("Bestand uploaden", "Upload the file"),
    "provider.cohort.module": ("Module", "Module"),
    "provider.cohort.module_in_file": (
        "Staat per rij in het bestand (moduleId)",
        "Given per row in the file (moduleId)",
    ),
    "provider.cohort.module_hint": (
        "Alleen gepubliceerde modules staan in de lijst.",
        "Only published modules are listed.",
    ),
    "provider.cohort.no_modules": (
        "Je hebt nog geen gepubliceerde modules.",
        "You have no published modules yet.",
    ),
    "provider.cohort.file": ("CSV-bestand", "CSV file"),
    "provider.cohort.file_hint": ("Hoogstens 10.000 deelnemers.", "At most 10,000 learners."),
    "provider.cohort.reissue": (
        "Opnieuw uitgeven: ook aan deelnemers die dit deelcertificaat al hebben",
        "Issue again: also to learners who already have this certificate",
    ),
    "provider.cohort.reissue_hint": (
        "Zonder dit vinkje krijgt niemand hetzelfde deelcertificaat twee keer.",
        "Without this tick nobody gets the same certificate twice.",
    ),
    "provider.cohort.button": ("Uploaden en uitgeven", "Upload and issue"),
    "provider.cohort.progress": ("Voortgang", "Progress"),
    "provider.cohort.uploading": ("Het bestand wordt verstuurd...", "Sending the file..."),
    "provider.cohort.working": (
        "Bezig: {done} van {total} rijen verwerkt.",
        "Working: {done} of {total} rows done.",
    ),
    "provider.cohort.failed": (
        "Het uploaden lukte niet. Laad de pagina opnieuw en probeer het nog eens.",
        "The upload failed. Reload the page and try again.",
    ),
    "provider.cohort.invalid_module": (
        "Kies een module uit de lijst.",
        "Choose a module from the list.",
    ),
    "provider.cohort.no_file": ("Kies een CSV-bestand.", "Choose a CSV file."),
    "provider.cohort.result_title": ("Resultaat van de upload", "Result of the upload"),
    "provider.cohort.issued": (
        "Klaar: {count} deelcertificaten uitgegeven.",
        "Done: {count} partial certificates issued.",
    ),
    "provider.cohort.issued_one": (
        "Klaar: 1 deelcertificaat uitgegeven.",
        "Done: 1 partial certificate issued.",
    ),
    "provider.cohort.issued_rows": ("Uitgegeven per rij", "Issued per row"),
    "provider.cohort.row_issued": ("Uitgegeven", "Issued"),
    "provider.cohort.nothing_issued": ("Er is niets uitgegeven", "Nothing was issued"),
    "provider.cohort.rejected": (
        "{bad} van de {total} rijen hebben een fout. Daarom is er niets uitgegeven.",
        "{bad} of the {total} rows have an error, so nothing was issued.",
    ),
    "provider.cohort.rejected_one": (
        "{bad} van de {total} rijen heeft een fout. Daarom is er niets uitgegeven.",
        "{bad} of the {total} rows has an error, so nothing was issued.",
    ),
    "provider.cohort.issued_before": (
        "Wil je deelnemers die het deelcertificaat al hebben, toch een nieuw geven? Vink dan "
        "'Opnieuw uitgeven' aan en upload het bestand nog een keer.",
        "Do you want to give learners who already have the certificate a new one anyway? "
        "Then tick 'Issue again' and upload the file once more.",
    ),
    "provider.cohort.row_already_issued": (
        "Heeft dit deelcertificaat al. Het is uitgegeven op {date}.",
        "Already has this certificate. It was issued on {date}.",
    ),
    "provider.cohort.row_repeated": (
        "Staat ook op regel {line}, met dezelfde module. Haal een van de twee rijen weg.",
        "Also on line {line}, with the same module. Remove one of the two rows.",
    ),
    "provider.cohort.header_missing": (
        "In de eerste regel ontbreekt: {names}.",
        "The first line lacks: {names}.",
    ),
    "provider.cohort.header_unknown": (
        "Deze kolommen kennen we niet: {names}.",
        "We do not know these columns: {names}.",
    ),
    "provider.cohort.header_twice": (
        "Deze kolommen staan er twee keer in: {names}.",
        "These columns are there twice: {names}.",
    ),
    "provider.cohort.header_module": (
        "Kies bij Module een module, of zet een kolom moduleId in het bestand.",
        "Choose a module under Module, or add a moduleId column to the file.",
    ),
    "provider.cohort.header_found": (
        "Gevonden kolommen: {names}.",
        "Columns found: {names}.",
    ),
    "provider.cohort.header_expected": (
        "Nodig: {names}.",
        "Needed: {names}.",
    ),
    "provider.cohort.fix_and_retry": (
        "Verbeter deze rijen en upload het hele bestand opnieuw.",
        "Fix these rows and upload the whole file again.",
    ),
    "provider.cohort.bad_rows": ("Rijen met een fout", "Rows with an error"),
    "provider.cohort.again": ("Nog een bestand uploaden", "Upload another file"),
    # Service errors, by code
    "provider.error.invalid-input": (
        "In deze rij staat een onzichtbaar stuurteken, bijvoorbeeld uit een kopie uit een ander "
        "programma. Typ de naam en het e-mailadres opnieuw.",
        "This row contains an invisible control character, for example from text copied from "
        "another program. Type the name and e-mail address again.",
    ),
    "provider.error.not-accredited": (
        "Je organisatie is niet erkend om dit deelcertificaat uit te geven. "
        "Neem contact op met het sectorfonds.",
        "Your organisation is not accredited to issue this certificate. Contact the sector fund.",
    ),
    "provider.error.module-not-published": (
        "Deze module is niet gepubliceerd. Publiceer hem eerst.",
        "This module is not published. Publish it first.",
    ),
    "provider.error.not-module-owner": (
        "Deze module is van een andere opleider.",
        "This module belongs to another provider.",
    ),
    "provider.error.module-not-found": ("Deze module bestaat niet.", "This module does not exist."),
    "provider.error.no-organisation": (
        "Je account hoort niet bij een organisatie.",
        "Your account does not belong to an organisation.",
    ),
    "provider.error.nothing-to-publish": (
        "Er is geen concept om te publiceren.",
        "There is no draft to publish.",
    ),
    "provider.error.not-published": (
        "Alleen een gepubliceerde module kun je uit de catalogus halen.",
        "Only a published module can be withdrawn.",
    ),
    "provider.error.module-withdrawn": (
        "Deze module staat niet meer in de catalogus. Je kunt hem niet meer wijzigen.",
        "This module was withdrawn. It can no longer be changed.",
    ),
    "provider.error.unknown-competence": (
        "Een competentie staat niet in de catalogus.",
        "A competence is not in the catalogue.",
    ),
    "provider.error.duplicate-competence": (
        "Een competentie staat er twee keer in.",
        "A competence is listed twice.",
    ),
    "provider.error.invalid-dates": (
        "De einddatum ligt voor de begindatum.",
        "The end date is before the start date.",
    ),
    "provider.error.already-revoked": (
        "Dit bewijs is al ingetrokken. Dat blijft zo.",
        "This certificate is already revoked. That is final.",
    ),
    "provider.error.already-suspended": (
        "Dit bewijs is al geschorst.",
        "This certificate is already suspended.",
    ),
    "provider.error.not-suspended": (
        "Dit bewijs is niet geschorst, dus er is niets te herstellen.",
        "This certificate is not suspended, so there is nothing to reinstate.",
    ),
    "provider.error.not-credential-issuer": (
        "Dit bewijs is door een andere organisatie uitgegeven.",
        "Another organisation issued this certificate.",
    ),
    "provider.error.credential-not-found": (
        "Dit bewijs bestaat niet.",
        "This certificate does not exist.",
    ),
    "provider.error.bad-holder": (
        "Geef een e-mailadres en een naam van de deelnemer.",
        "Give the learner's e-mail address and name.",
    ),
    "provider.error.holder-required": (
        "Geef een e-mailadres en een naam van de deelnemer.",
        "Give the learner's e-mail address and name.",
    ),
    "provider.error.holder-name-required": (
        "Vul de naam van de deelnemer in.",
        "Fill in the learner's name.",
    ),
    "provider.error.holder-not-worker": (
        "Dit e-mailadres hoort bij een account dat geen werkende is. Gebruik het e-mailadres "
        "van de deelnemer zelf.",
        "This e-mail address belongs to an account that is not a worker. Use the learner's "
        "own address.",
    ),
    "provider.error.worker-not-found": (
        "Deze deelnemer bestaat niet.",
        "This learner does not exist.",
    ),
    "provider.error.malformed-csv": (
        "Dit is geen goed CSV-bestand. Sla het op als CSV (UTF-8) en probeer het opnieuw.",
        "This is not a proper CSV file. Save it as CSV (UTF-8) and try again.",
    ),
    "provider.error.batch-rejected": (
        "Er is niets uitgegeven: een of meer regels kloppen niet. Verbeter ze en probeer het "
        "opnieuw.",
        "Nothing was issued: one or more rows are not right. Correct them and try again.",
    ),
    "provider.error.already-issued": (
        "Deze deelnemer heeft dit deelcertificaat al. Vink 'Opnieuw uitgeven' aan als je "
        "toch een nieuw wilt geven.",
        "This learner already has this certificate. Tick 'Issue again' if you want to give "
        "a new one anyway.",
    ),
    "provider.error.duplicate-row": (
        "Deze deelnemer staat twee keer in het bestand, met dezelfde module.",
        "This learner is in the file twice, with the same module.",
    ),
    "provider.error.empty-batch": (
        "Het bestand heeft geen deelnemers.",
        "The file has no learners.",
    ),
    "provider.error.batch-too-large": (
        "Het bestand heeft meer dan 10.000 deelnemers. Splits het in delen.",
        "The file has more than 10,000 learners. Split it into parts.",
    ),
    "provider.error.bad-csv-row": (
        "Deze rij heeft niet evenveel kolommen als de eerste regel.",
        "This row does not have as many columns as the first line.",
    ),
    "provider.error.invalid-item": ("Deze rij klopt niet.", "This row is not right."),
    "provider.error.row-email": ("Het e-mailadres klopt niet.", "The e-mail address is not right."),
    "provider.error.row-name": (
        "De naam ontbreekt of is te lang.",
        "The name is missing or too long.",
    ),
    "provider.error.row-module": (
        "De moduleId klopt niet.",
        "The moduleId is not right.",
    ),
}
