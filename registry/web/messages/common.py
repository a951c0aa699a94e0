"""Texts shared by every page (layout, sign-in, errors, verdicts): key -> (Dutch, English).

Dutch at B1 level: short sentences, everyday words, "je" form.
"""

from __future__ import annotations

from registry.status_reasons import status_reason_keys

MESSAGES: dict[str, tuple[str, str]] = {
    # Layout
    # Competence frameworks in words (see registry/web/competence_names.py)
    "framework.esco": ("Europese vaardigheid", "European skill"),
    "site.name": ("Leven Lang Ontwikkelen - Energie", "Lifelong Learning - Energy"),
    "site.tagline": (
        "Korte opleidingen en bewijzen van wat je kunt, voor de energietransitie.",
        "Short courses and proof of what you can do, for the energy transition.",
    ),
    "nav.label": ("Hoofdmenu", "Main menu"),
    "nav.skip": ("Ga naar de inhoud", "Skip to content"),
    "nav.catalogue": ("Opleidingen zoeken", "Find courses"),
    "nav.verify": ("Bewijs controleren", "Check a certificate"),
    "nav.cv": ("Mijn cv", "My CV"),
    "nav.provider": ("Mijn opleidingen", "My courses"),
    "nav.employer": ("Gedeeld met mij", "Shared with me"),
    "nav.assessor": ("EVC vastleggen", "Record EVC"),
    "nav.sign_in": ("Inloggen", "Sign in"),
    "nav.sign_out": ("Uitloggen", "Sign out"),
    "nav.register": ("Account maken", "Create account"),
    "nav.signed_in_as": ("Ingelogd als {name}", "Signed in as {name}"),
    "lang.switch": ("English", "Nederlands"),
    "lang.switch_label": ("Read this page in English", "Lees deze pagina in het Nederlands"),
    "footer.text": (
        "Bewijzen zijn open standaard (Open Badges 3.0) en blijven te controleren, ook zonder ons.",
        "Certificates use an open standard (Open Badges 3.0) and stay verifiable, even without us.",
    ),
    # Dates: month names
    "month.1": ("januari", "January"),
    "month.2": ("februari", "February"),
    "month.3": ("maart", "March"),
    "month.4": ("april", "April"),
    "month.5": ("mei", "May"),
    "month.6": ("juni", "June"),
    "month.7": ("juli", "July"),
    "month.8": ("augustus", "August"),
    "month.9": ("september", "September"),
    "month.10": ("oktober", "October"),
    "month.11": ("november", "November"),
    "month.12": ("december", "December"),
    # Forms
    "form.required": ("verplicht", "required"),
    "form.optional": ("niet verplicht", "optional"),
    "form.errors_title": ("Er ging iets mis. Kijk naar deze punten:", "Something is wrong. Check:"),
    "form.save": ("Opslaan", "Save"),
    "form.cancel": ("Annuleren", "Cancel"),
    # Sign-in and accounts
    "auth.sign_in_title": ("Inloggen", "Sign in"),
    "auth.email": ("E-mailadres", "E-mail address"),
    "auth.password": ("Wachtwoord", "Password"),
    "auth.password_hint": ("Minstens 10 tekens.", "At least 10 characters."),
    "auth.name": ("Je naam", "Your name"),
    "auth.name_hint": (
        "Zoals die op je certificaten moet staan.",
        "As it should appear on your certificates.",
    ),
    "auth.role": ("Ik ben", "I am"),
    "auth.role.worker": ("werkende of werkzoekende", "a worker or job seeker"),
    "auth.role.employer": ("werkgever", "an employer"),
    "auth.sign_in_button": ("Inloggen", "Sign in"),
    "auth.register_title": ("Account maken", "Create an account"),
    "auth.register_intro": (
        "Opleiders en EVC-beoordelaars krijgen een account van het sectorfonds.",
        "Training providers and EVC assessors get an account from the sector fund.",
    ),
    "auth.register_button": ("Account maken", "Create account"),
    "auth.no_account": ("Nog geen account?", "No account yet?"),
    "auth.signed_out": ("Je bent uitgelogd.", "You are signed out."),
    "auth.wrong": ("E-mailadres of wachtwoord klopt niet.", "E-mail address or password is wrong."),
    # Errors as pages
    "error.title": ("Dat lukte niet", "That did not work"),
    "error.back_home": ("Naar de startpagina", "Go to the home page"),
    "error.status.400": ("Het verzoek klopt niet.", "The request is not right."),
    "error.status.403": ("Dit mag je niet doen met dit account.", "Your account may not do this."),
    "error.status.404": (
        "Deze pagina bestaat niet (meer).",
        "This page does not exist (any more).",
    ),
    "error.status.405": ("Dit kan niet op deze pagina.", "This cannot be done on this page."),
    "error.status.409": ("Dit botst met wat er al is.", "This conflicts with what is there."),
    "error.status.410": ("Dit is niet meer beschikbaar.", "This is no longer available."),
    "error.status.413": ("Het bestand is te groot.", "The file is too large."),
    "error.status.422": (
        "Er klopt iets niet in wat je invulde.",
        "Something you filled in is wrong.",
    ),
    "error.status.429": (
        "Je hebt het te vaak geprobeerd. Wacht even en probeer het dan opnieuw.",
        "Too many attempts. Wait a while, then try again.",
    ),
    "error.wait": (
        "Je hebt het te vaak geprobeerd. Wacht {wait} en probeer het dan opnieuw.",
        "Too many attempts. Wait {wait}, then try again.",
    ),
    "count.minutes.one": ("{count} minuut", "{count} minute"),
    "count.minutes.other": ("{count} minuten", "{count} minutes"),
    "error.status.500": (
        "Er ging bij ons iets mis. Probeer het later nog eens.",
        "Something went wrong on our side. Please try again later.",
    ),
    "error.control-character": (
        "In een veld staat een onzichtbaar stuurteken, bijvoorbeeld uit een kopie uit een ander "
        "programma. Ga terug en typ de tekst opnieuw. Het gaat om: {fields}.",
        "A field contains an invisible control character, for example from text copied from "
        "another program. Go back and type the text again. It is about: {fields}.",
    ),
    "error.control-character.field": (
        "In {field} staat een onzichtbaar stuurteken, bijvoorbeeld uit tekst die je uit een "
        "ander programma hebt gekopieerd. Dat teken mag er niet in staan. We hebben het "
        "weggehaald: kijk het veld na en verstuur het formulier opnieuw.",
        "{field} contains an invisible control character, for example from text copied from "
        "another program. That character is not allowed. We took it out: check the field and "
        "send the form again.",
    ),
    # A field of a numbered row (the assessor's werkprocessen), named for an error about it
    "field.in-row": ("'{label}' bij werkproces {row}", "'{label}' of work process {row}"),
    # Fields that forms label in more than one way, named for an error about any of them
    "field.name": ("Naam", "Name"),
    "field.email": ("E-mailadres", "E-mail address"),
    "field.password": ("Wachtwoord", "Password"),
    "field.title": ("Titel", "Title"),
    "field.description": ("Beschrijving", "Description"),
    "field.status": ("Status", "Status"),
    "field.note": ("Uitleg", "Explanation"),
    "field.jws": ("Het geplakte bewijs", "The pasted certificate"),
    "error.csrf": (
        "Het formulier is verlopen. Laad de pagina opnieuw en probeer het nog eens.",
        "The form has expired. Reload the page and try again.",
    ),
    "error.wrong-password": (
        "E-mailadres of wachtwoord klopt niet.",
        "E-mail address or password is wrong.",
    ),
    "error.password-length": (
        "Kies een wachtwoord van minstens 10 tekens.",
        "Choose a password of at least 10 characters.",
    ),
    "error.name-required": ("Vul je naam in.", "Fill in your name."),
    "error.name-not-a-name": (
        "Vul alleen je naam in, zonder link, e-mailadres of extra regels.",
        "Fill in only your name, without a link, e-mail address or extra lines.",
    ),
    "error.email-invalid": ("Vul een geldig e-mailadres in.", "Fill in a valid e-mail address."),
    "error.role-choice": ("Kies wat je bent.", "Choose what you are."),
    "error.role-not-allowed": (
        "Dit mag je niet doen met dit account.",
        "Your account may not do this.",
    ),
    "error.invalid-token": (
        "Deze sleutel is onbekend of verlopen. Log opnieuw in.",
        "This key is unknown or has expired. Sign in again.",
    ),
    "error.not-signed-in": (
        "Log eerst in.",
        "Sign in first.",
    ),
    "error.provider-required": (
        "Kies de organisatie van dit account.",
        "Choose the organisation of this account.",
    ),
    "error.wallet-conflict": (
        "Er gebeurde net iets anders tegelijk. Probeer het nog een keer.",
        "Something else happened at the same moment. Please try again.",
    ),
    # Verdicts, as the worker and the employer see them
    "verdict.valid": ("Geldig", "Valid"),
    "verdict.invalid": ("Ongeldig", "Invalid"),
    "verdict.revoked": ("Ingetrokken", "Revoked"),
    "verdict.suspended": ("Tijdelijk geschorst", "Suspended"),
    "verdict.expired": ("Verlopen", "Expired"),
    "verdict.not-yet-valid": ("Nog niet geldig", "Not yet valid"),
    "verdict.untrusted-issuer": ("Uitgever niet erkend", "Issuer not recognised"),
    "verdict.cannot-verify": ("Kan niet worden gecontroleerd", "Cannot be checked"),
    # Why and since when an issuer revoked or suspended a credential (schemas.issuers.StatusReason)
    "status_change.revoked": ("Ingetrokken op {date}", "Revoked on {date}"),
    "status_change.suspended": ("Geschorst sinds {date}", "Suspended since {date}"),
    "status_change.reason": ("Reden: {reason}", "Reason: {reason}"),
    "status_change.note": ("Uitleg van de uitgever: {note}", "The issuer's explanation: {note}"),
    **status_reason_keys(),
    "verdict_reason.valid": (
        "De handtekening klopt, de uitgever is erkend en het bewijs is niet ingetrokken.",
        "The signature is right, the issuer is recognised and it has not been revoked.",
    ),
    "verdict_reason.invalid": (
        "Dit bewijs is veranderd of niet echt. Vertrouw het niet.",
        "This certificate was changed or is not genuine. Do not trust it.",
    ),
    "verdict_reason.revoked": (
        "De uitgever heeft dit bewijs ingetrokken. Het telt niet meer.",
        "The issuer has revoked this certificate. It no longer counts.",
    ),
    "verdict_reason.suspended": (
        "De uitgever heeft dit bewijs tijdelijk stopgezet. Vraag de uitgever waarom.",
        "The issuer has put this certificate on hold. Ask the issuer why.",
    ),
    "verdict_reason.expired": (
        "Dit bewijs was geldig, maar de geldigheid is voorbij.",
        "This certificate was valid, but it has expired.",
    ),
    "verdict_reason.not-yet-valid": (
        "Dit bewijs gaat pas later in.",
        "This certificate only starts to count later.",
    ),
    "verdict_reason.untrusted-issuer": (
        "De handtekening klopt, maar de uitgever staat niet op de lijst van erkende opleiders.",
        "The signature is right, but the issuer is not on the list of recognised providers.",
    ),
    "verdict_reason.key-not-issuers": (
        "Dit bewijs is ondertekend met een sleutel die niet van deze uitgever is. Vertrouw het "
        "niet.",
        "This certificate was signed with a key that is not one of this issuer's. Do not trust it.",
    ),
    "verdict_reason.not-holders-credential": (
        "We kunnen niet zien dat dit bewijs van de persoon is die het deelt. Vergelijk de naam "
        "in het bewijs met een identiteitsbewijs.",
        "We cannot see that this certificate belongs to the person sharing it. Compare the name "
        "in the certificate with an identity document.",
    ),
    "verdict_reason.nested-not-valid": (
        "Niet alle bewijzen in deze verzameling zijn geldig. Bekijk ze hieronder één voor één.",
        "Not every certificate in this collection is valid. See each one below.",
    ),
    "verdict_reason.cannot-verify": (
        "We konden dit bewijs nu niet controleren. Probeer het later nog eens.",
        "We could not check this certificate now. Please try again later.",
    ),
}
