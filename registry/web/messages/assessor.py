"""Texts of the assessor pages: key -> (Dutch, English).

EVC = Erkenning van Verworven Competenties (recognition of prior learning). The Dutch terms
"werkproces" and "kwalificatiestandaard" are kept in Dutch-first texts; English explains them.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # Start page
    "assessor.home.title": ("EVC-resultaten", "EVC results"),
    "assessor.home.intro": (
        "EVC betekent Erkenning van Verworven Competenties. Je legt hier vast wat iemand kan "
        "door werkervaring. Dat doe je per werkproces van een kwalificatiestandaard: behaald "
        "of niet behaald.",
        "EVC means recognition of prior learning (Erkenning van Verworven Competenties). Here "
        "you record what someone can do from work experience, for each work process "
        "(werkproces) of a qualification standard: achieved or not achieved.",
    ),
    "assessor.home.intro_cv": (
        "De kandidaat krijgt een digitaal bewijs. Dat staat in 'Mijn cv'.",
        "The candidate gets a digital certificate. It appears in 'My CV'.",
    ),
    "assessor.home.new": ("Nieuw EVC-resultaat vastleggen", "Record a new EVC result"),
    "assessor.home.list_title": (
        "Vastgelegd door {organisation}",
        "Recorded by {organisation}",
    ),
    "assessor.home.list_title_plain": ("Vastgelegd door jouw organisatie", "Recorded by you"),
    "assessor.home.none": ("Er is nog niets vastgelegd.", "Nothing has been recorded yet."),
    "assessor.home.limit": (
        "Je ziet de laatste {count} resultaten.",
        "You see the latest {count} results.",
    ),
    "assessor.col.date": ("Datum", "Date"),
    "assessor.col.standard": ("Kwalificatiestandaard", "Qualification standard"),
    "assessor.col.status": ("Status", "Status"),
    "assessor.status.active": ("Geldig", "Valid"),
    "assessor.status.revoked": ("Ingetrokken", "Revoked"),
    "assessor.status.suspended": ("Tijdelijk geschorst", "Suspended"),
    # Standing of the organisation
    "assessor.standing.not_accredited": (
        "Jouw organisatie is nu niet erkend voor EVC. Je kunt daarom geen EVC-resultaat "
        "vastleggen. Neem contact op met het sectorfonds.",
        "Your organisation is not accredited for EVC at the moment, so you cannot record EVC "
        "results. Please contact the sector fund.",
    ),
    "assessor.standing.no_organisation": (
        "Je account hoort niet bij een EVC-organisatie. Je kunt daarom geen EVC-resultaat "
        "vastleggen. Neem contact op met het sectorfonds.",
        "Your account does not belong to an EVC organisation, so you cannot record EVC "
        "results. Please contact the sector fund.",
    ),
    # Person certificates (exam institutes)
    "assessor.home.certificates": (
        "Certificaten na een examen uitgeven",
        "Issue certificates after an exam",
    ),
    "assessor.certificates.title": ("Certificaten uitgeven", "Issue certificates"),
    "assessor.certificates.intro": (
        "Is iemand geslaagd voor een examen, zoals VCA Basis of NEN 3140? Geef dan hier het "
        "certificaat uit. De kandidaat krijgt een digitaal bewijs in 'Mijn cv'.",
        "Has someone passed an exam, such as VCA Basis or NEN 3140? Then issue the "
        "certificate here. The candidate gets a digital certificate in 'My CV'.",
    ),
    "assessor.certificates.none_allowed": (
        "Jouw organisatie mag nu geen certificaten uitgeven. Neem contact op met het sectorfonds.",
        "Your organisation may not issue certificates at the moment. Please contact the "
        "sector fund.",
    ),
    "assessor.certificates.scheme": ("Certificaat", "Certificate"),
    "assessor.certificates.scheme_hint": (
        "Je ziet alleen de certificaten waarvoor jouw organisatie erkend is.",
        "You only see the certificates your organisation is accredited for.",
    ),
    "assessor.certificates.valid_until": (
        "Geldig tot en met (niet verplicht)",
        "Valid until (optional)",
    ),
    "assessor.certificates.valid_until_hint": (
        "Laat leeg als het certificaat niet verloopt. VCA Basis is 10 jaar geldig.",
        "Leave empty when the certificate does not expire. VCA Basis is valid for 10 years.",
    ),
    "assessor.certificates.valid_until_short": ("Geldig tot en met", "Valid until"),
    "assessor.certificates.no_end": ("Geen einddatum", "No end date"),
    "assessor.certificates.submit": ("Certificaat uitgeven", "Issue certificate"),
    "assessor.certificates.issued": (
        "Het certificaat is uitgegeven.",
        "The certificate has been issued.",
    ),
    "assessor.certificates.list_title": ("Uitgegeven certificaten", "Certificates issued"),
    "assessor.certificates.list_none": (
        "Jouw organisatie heeft nog geen certificaten uitgegeven.",
        "Your organisation has not issued any certificates yet.",
    ),
    "assessor.certificates.error.scheme": ("Kies een certificaat.", "Choose a certificate."),
    # The form
    "assessor.new.title": ("EVC-resultaat vastleggen", "Record an EVC result"),
    "assessor.new.intro": (
        "Vul in wie de kandidaat is, welke kwalificatiestandaard je hebt beoordeeld en het "
        "resultaat per werkproces. Lege regels tellen niet mee.",
        "Fill in who the candidate is, which qualification standard you assessed, and the "
        "result for each work process. Empty rows are ignored.",
    ),
    # Picking the standard and its werkprocessen from the catalogue
    "assessor.pick.title": ("Standaard uit de catalogus", "Standard from the catalogue"),
    "assessor.pick.intro": (
        "Zoek de standaard in de catalogus, bijvoorbeeld een kwalificatiedossier. Dan hoef je "
        "de naam, het adres en de werkprocessen niet zelf te typen. Staat de standaard er "
        "niet in? Vul hem dan hieronder zelf in.",
        "Find the standard in the catalogue, for example a qualification file. Then you do not "
        "have to type its name, address and work processes. Is the standard not there? Then "
        "fill it in yourself below.",
    ),
    "assessor.pick.word": ("Zoekwoord", "Search word"),
    "assessor.pick.word_hint": (
        "Een woord uit de naam van de standaard of van een werkproces, bijvoorbeeld: "
        "dienstverlening.",
        "A word from the name of the standard or of a work process, for example: dienstverlening.",
    ),
    "assessor.pick.search": ("Zoeken", "Search"),
    "assessor.pick.version": ("versie {version}", "version {version}"),
    "assessor.pick.none": (
        "Niets gevonden. Probeer een ander woord, of vul de standaard hieronder zelf in.",
        "Nothing found. Try another word, or fill in the standard yourself below.",
    ),
    "assessor.pick.chosen": (
        "Je beoordeelt volgens: {name} (versie {version}).",
        "You assess against: {name} (version {version}).",
    ),
    "assessor.pick.other": ("Andere standaard kiezen", "Choose another standard"),
    "assessor.pick.narrow": ("Zoek een werkproces", "Find a work process"),
    "assessor.pick.narrow_hint": (
        "Laat leeg om alle werkprocessen te zien.",
        "Leave empty to see all work processes.",
    ),
    "assessor.pick.rows_hint": (
        "Kies bij elk werkproces dat je hebt beoordeeld: behaald of niet behaald. Werkprocessen "
        "zonder resultaat tellen niet mee.",
        "For each work process you assessed, choose: achieved or not achieved. Work processes "
        "without a result are ignored.",
    ),
    "assessor.pick.more": (
        "Je ziet {shown} van de {total} werkprocessen. Zoek een werkproces om de rest te vinden.",
        "You see {shown} of the {total} work processes. Find a work process to see the rest.",
    ),
    "assessor.pick.no_rows": (
        "Geen werkprocessen gevonden.",
        "No work processes found.",
    ),
    "assessor.new.candidate": ("De kandidaat", "The candidate"),
    "assessor.new.email": ("E-mailadres van de kandidaat", "Candidate's e-mail address"),
    "assessor.new.email_hint": (
        "Met dit e-mailadres vindt de kandidaat het resultaat in 'Mijn cv'.",
        "With this e-mail address the candidate finds the result in 'My CV'.",
    ),
    "assessor.new.name": ("Naam van de kandidaat", "Candidate's name"),
    "assessor.new.name_hint": (
        "Zoals die op het bewijs moet staan.",
        "As it should appear on the certificate.",
    ),
    "assessor.new.standard": ("De kwalificatiestandaard", "The qualification standard"),
    "assessor.new.standard_name": ("Naam van de standaard", "Name of the standard"),
    "assessor.new.standard_name_hint": (
        "Bijvoorbeeld: Eerste monteur elektrotechnische installaties.",
        "For example: Eerste monteur elektrotechnische installaties.",
    ),
    "assessor.new.standard_url": ("Webadres van de standaard", "Web address of the standard"),
    "assessor.new.standard_url_hint": (
        "Het adres van het kwalificatiedossier of de branchestandaard. Begint met https://.",
        "The address of the qualification file or branch standard. Starts with https://.",
    ),
    "assessor.new.standard_description": (
        "Korte beschrijving van de standaard (niet verplicht)",
        "Short description of the standard (optional)",
    ),
    "assessor.new.level_scheme": ("Soort niveau (niet verplicht)", "Kind of level (optional)"),
    "assessor.new.level_none": ("Geen niveau", "No level"),
    "assessor.new.level.mbo": ("mbo (1 tot en met {top})", "mbo (1 to {top})"),
    "assessor.new.level.nlqf": ("NLQF (1 tot en met {top})", "NLQF (1 to {top})"),
    "assessor.new.level.eqf": ("EQF (1 tot en met {top})", "EQF (1 to {top})"),
    "assessor.new.level_value": ("Niveau", "Level"),
    "assessor.new.level_value_hint": ("Een getal, bijvoorbeeld 3.", "A number, for example 3."),
    "assessor.new.rows": ("Resultaat per werkproces", "Result per work process"),
    "assessor.new.rows_hint": (
        "Vul minstens één werkproces in. Kies bij elk werkproces: behaald of niet behaald.",
        "Fill in at least one work process. For each one choose: achieved or not achieved.",
    ),
    "assessor.new.row": ("Werkproces {number}", "Work process {number}"),
    "assessor.new.code": ("Code", "Code"),
    "assessor.new.code_hint": ("Bijvoorbeeld B1-K1-W1.", "For example B1-K1-W1."),
    "assessor.new.label": ("Naam van het werkproces", "Name of the work process"),
    "assessor.new.result": ("Resultaat", "Result"),
    "assessor.new.achieved": ("Behaald niveau", "Level achieved"),
    "assessor.new.achieved_hint": (
        "Bijvoorbeeld: 3 of zelfstandig.",
        "For example: 3 or zelfstandig (independent).",
    ),
    "assessor.new.add_row": ("Nog een werkproces", "Add a work process"),
    "assessor.new.evidence": ("Het bewijs", "The evidence"),
    "assessor.new.methods": ("Hoe heb je beoordeeld?", "How did you assess?"),
    "assessor.new.evidence_description": (
        "Korte beschrijving van het bewijs (niet verplicht)",
        "Short description of the evidence (optional)",
    ),
    "assessor.new.evidence_description_hint": (
        "Geen persoonlijke documenten. Bijvoorbeeld: gesprek over vijf jaar werk als elektricien.",
        "No personal documents. For example: interview about five years of work as an electrician.",
    ),
    "assessor.new.valid_until": ("Geldig tot en met", "Valid until"),
    "assessor.new.valid_until_hint": (
        "Alleen invullen als de standaard een einddatum heeft.",
        "Only fill in when the standard sets an end date.",
    ),
    "assessor.new.submit": ("EVC-resultaat vastleggen", "Record EVC result"),
    "assessor.choose": ("Kies", "Choose"),
    "assessor.result.behaald": ("Behaald", "Achieved"),
    "assessor.result.niet behaald": ("Niet behaald", "Not achieved"),
    "assessor.method.portfolio": ("Portfolio", "Portfolio"),
    "assessor.method.interview": ("Criteriumgericht interview", "Criterion-based interview"),
    "assessor.method.observatie": ("Praktijkobservatie", "Workplace observation"),
    "assessor.method.assessment": ("Praktijkassessment", "Practical assessment"),
    # Form errors
    "assessor.error.email_required": (
        "Vul het e-mailadres van de kandidaat in.",
        "Fill in the candidate's e-mail address.",
    ),
    "assessor.error.email_invalid": (
        "Dit e-mailadres klopt niet. Het ziet eruit als naam@voorbeeld.nl.",
        "This e-mail address is not right. It looks like name@example.com.",
    ),
    "assessor.error.name_required": (
        "Vul de naam van de kandidaat in.",
        "Fill in the candidate's name.",
    ),
    "assessor.error.too_long": ("Deze tekst is te lang.", "This text is too long."),
    "assessor.error.standard_name_required": (
        "Vul de naam van de kwalificatiestandaard in.",
        "Fill in the name of the qualification standard.",
    ),
    "assessor.error.standard_url_required": (
        "Vul het webadres van de kwalificatiestandaard in.",
        "Fill in the web address of the qualification standard.",
    ),
    "assessor.error.standard_url_invalid": (
        "Dit webadres klopt niet. Het begint met https:// en heeft geen spaties.",
        "This web address is not right. It starts with https:// and has no spaces.",
    ),
    "assessor.error.level_scheme": (
        "Kies de soort niveau: mbo, NLQF of EQF.",
        "Choose the kind of level: mbo, NLQF or EQF.",
    ),
    "assessor.error.level_value_mbo": (
        "Vul een mbo-niveau in van 1 tot en met 4.",
        "Fill in an mbo level from 1 to 4.",
    ),
    "assessor.error.level_value_nlqf": (
        "Vul een NLQF-niveau in van 1 tot en met 8.",
        "Fill in an NLQF level from 1 to 8.",
    ),
    "assessor.error.level_value_eqf": (
        "Vul een EQF-niveau in van 1 tot en met 8.",
        "Fill in an EQF level from 1 to 8.",
    ),
    "assessor.error.no_competence": (
        "Vul minstens één werkproces in, met een resultaat.",
        "Fill in at least one work process, with a result.",
    ),
    "assessor.error.row_label": (
        "Vul de naam van dit werkproces in.",
        "Fill in the name of this work process.",
    ),
    "assessor.error.pick_unknown": (
        "Deze standaard of een van de werkprocessen staat niet meer in de catalogus. Kies de "
        "standaard opnieuw.",
        "This standard or one of its work processes is no longer in the catalogue. Choose the "
        "standard again.",
    ),
    "assessor.error.row_result": (
        "Kies het resultaat: behaald of niet behaald.",
        "Choose the result: achieved or not achieved.",
    ),
    "assessor.error.row_duplicate": (
        "Dit werkproces staat er al. Vul elk werkproces één keer in.",
        "This work process is already listed. Fill in each one once.",
    ),
    "assessor.error.no_method": (
        "Kies minstens één manier waarop je hebt beoordeeld.",
        "Choose at least one way you assessed.",
    ),
    "assessor.error.valid_until_invalid": (
        "Vul een geldige datum in.",
        "Fill in a valid date.",
    ),
    "assessor.error.valid_until_past": (
        "Kies een datum na vandaag.",
        "Choose a date after today.",
    ),
    "assessor.error.invalid": (
        "Er klopt iets niet in het formulier. Kijk alles nog eens na.",
        "Something in the form is not right. Please check everything.",
    ),
    # Domain errors from the issuance service, per code
    "assessor.error.not-accredited": (
        "Jouw organisatie is niet erkend om EVC vast te leggen voor deze "
        "kwalificatiestandaard. Neem contact op met het sectorfonds.",
        "Your organisation is not accredited to record EVC for this qualification standard. "
        "Please contact the sector fund.",
    ),
    "assessor.error.already-issued": (
        "Deze persoon heeft dit certificaat al, en het is nog geldig.",
        "This person already holds this certificate, and it is still valid.",
    ),
    "error.unknown-scheme": (
        "Dit certificaat staat niet in de catalogus. Neem contact op met het sectorfonds.",
        "This certificate is not in the catalogue. Please contact the sector fund.",
    ),
    "assessor.error.no-organisation": (
        "Je account hoort niet bij een EVC-organisatie. Neem contact op met het sectorfonds.",
        "Your account does not belong to an EVC organisation. Please contact the sector fund.",
    ),
    "assessor.error.holder-not-worker": (
        "Dit e-mailadres hoort bij een account dat geen werkende is. Gebruik het privé "
        "e-mailadres van de kandidaat.",
        "This e-mail address belongs to an account that is not a worker. Use the candidate's "
        "own e-mail address.",
    ),
    "assessor.error.holder-required": (
        "Vul het e-mailadres en de naam van de kandidaat in.",
        "Fill in the candidate's e-mail address and name.",
    ),
    "assessor.error.holder-name-required": (
        "Vul de naam van de kandidaat in.",
        "Fill in the candidate's name.",
    ),
    "assessor.error.bad-valid-until": (
        "Kies een datum na vandaag.",
        "Choose a date after today.",
    ),
    "error.evc-record-not-found": (
        "Dit EVC-resultaat bestaat niet, of jouw organisatie heeft het niet vastgelegd.",
        "This EVC result does not exist, or your organisation did not record it.",
    ),
    # One record (and the confirmation after recording it)
    "assessor.record.recorded": (
        "Het EVC-resultaat is vastgelegd.",
        "The EVC result has been recorded.",
    ),
    "assessor.record.title": ("EVC-resultaat: {standard}", "EVC result: {standard}"),
    "assessor.record.candidate": ("Kandidaat", "Candidate"),
    "assessor.record.email": ("E-mailadres", "E-mail address"),
    "assessor.record.standard": ("Kwalificatiestandaard", "Qualification standard"),
    "assessor.record.level": ("Niveau", "Level"),
    "assessor.record.issued_at": ("Vastgelegd op", "Recorded on"),
    "assessor.record.valid_until": ("Geldig tot en met", "Valid until"),
    "assessor.record.status": ("Status", "Status"),
    "assessor.record.credential_id": ("Nummer van het bewijs", "Certificate number"),
    "assessor.record.results": ("Resultaat per werkproces", "Result per work process"),
    "assessor.record.werkproces": ("Werkproces", "Work process"),
    "assessor.record.achieved": ("Behaald niveau: {level}", "Level achieved: {level}"),
    "assessor.record.evidence": ("Bewijs", "Evidence"),
    "assessor.record.no_evidence": ("Geen bewijs beschreven.", "No evidence described."),
    "assessor.record.where": ("Waar vindt de kandidaat dit?", "Where does the candidate find it?"),
    "assessor.record.in_cv": (
        "De kandidaat vindt dit EVC-resultaat in 'Mijn cv'.",
        "The candidate finds this EVC result in 'My CV'.",
    ),
    "assessor.record.in_cv_later": (
        "Het EVC-resultaat komt in 'Mijn cv' zodra de kandidaat een account heeft met {email} "
        "en dat adres heeft bevestigd.",
        "The EVC result appears in 'My CV' once the candidate has an account with {email} and "
        "has confirmed that address.",
    ),
    "assessor.record.another": ("Nog een EVC-resultaat vastleggen", "Record another EVC result"),
    "assessor.record.back": ("Naar alle EVC-resultaten", "Back to all EVC results"),
}
