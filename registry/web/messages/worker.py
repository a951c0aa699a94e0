"""Texts of the worker pages: key -> (Dutch, English)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # The CV
    "worker.cv.title": ("Mijn cv", "My CV"),
    "worker.cv.intro": (
        "Hallo {name}. Hier zie je wat je kunt en wat je hebt bewezen. Jij kiest wie het ziet.",
        "Hello {name}. Here you see what you can do and what you have proven. You choose who "
        "sees it.",
    ),
    "worker.cv.share": ("Deel bewijzen met een werkgever", "Share certificates with an employer"),
    "worker.cv.shares": ("Bekijk wat je hebt gedeeld", "See what you have shared"),
    "worker.cv.import": ("Bewijs van elders toevoegen", "Add a certificate from elsewhere"),
    "worker.cv.download": ("Alles downloaden", "Download everything"),
    "worker.cv.download_hint": (
        "Eén bestand met al je bewijzen en wat nodig is om ze te controleren, ook als deze "
        "website er niet meer is. Er staat ook je geheime sleutel in: bewaar het goed.",
        "One file with all your certificates and what is needed to check them, even when this "
        "website is gone. It also holds your secret key: keep it safe.",
    ),
    "worker.back_to_cv": ("Terug naar mijn cv", "Back to my CV"),
    "worker.notice.experience_added": (
        "Je werkervaring staat in je cv.",
        "Your work experience is in your CV.",
    ),
    "worker.notice.experience_removed": (
        "Je werkervaring is verwijderd.",
        "Your work experience has been removed.",
    ),
    "worker.notice.share_withdrawn": (
        "Je deelt deze bewijzen niet meer. De link werkt niet meer.",
        "You no longer share these certificates. The link no longer works.",
    ),
    "worker.notice.link_renewed": (
        "Dit is de nieuwe link. De oude link werkt niet meer.",
        "This is the new link. The old link no longer works.",
    ),
    # Progress towards qualifications
    "worker.progress.title": ("Op weg naar een kwalificatie", "On the way to a qualification"),
    "worker.progress.count": ("{done} van {needed} klaar", "{done} of {needed} done"),
    "worker.progress.complete": (
        "Je hebt alle modules voor deze kwalificatie.",
        "You have all the modules for this qualification.",
    ),
    "worker.progress.remaining": ("Dit moet je nog doen", "What you still need to do"),
    "worker.progress.choose": (
        "Kies er nog {count} uit {group}:",
        "Choose {count} more from {group}:",
    ),
    "worker.progress.next_run": (
        "Volgende start: {date} in {place}",
        "Next start: {date} in {place}",
    ),
    "worker.progress.withdrawn": (
        "Deze module wordt niet meer aangeboden.",
        "This module is no longer offered.",
    ),
    "worker.progress.no_run": (
        "Er is nu nog geen startdatum bekend.",
        "No start date is known yet.",
    ),
    "worker.progress.competences": (
        "Laat nog zien dat je dit kunt (met een deelcertificaat of een EVC-uitslag):",
        "Still show that you can do this (with a partial certificate or an EVC result):",
    ),
    "worker.progress.done": ("Al klaar: {modules}", "Already done: {modules}"),
    "worker.progress.none": (
        "Je hebt nog geen module die bij een kwalificatie hoort.",
        "You have no module yet that belongs to a qualification.",
    ),
    "worker.progress.find": ("Zoek een opleiding", "Find a course"),
    # Competences and credentials
    "worker.competences.title": ("Wat je kunt", "What you can do"),
    "worker.competences.intro": (
        "Deze vaardigheden staan in je bewijzen.",
        "These skills are in your certificates.",
    ),
    "worker.competences.none": (
        "Er staan nog geen vaardigheden in je bewijzen.",
        "There are no skills in your certificates yet.",
    ),
    "worker.competences.shown_by": ("Blijkt uit: {names}", "Shown by: {names}"),
    "worker.credentials.title": ("Je bewijzen", "Your certificates"),
    "worker.credentials.none": (
        "Je hebt nog geen bewijzen. Maak je een module af? Dan komt het bewijs hier.",
        "You have no certificates yet. When you finish a module, its certificate appears here.",
    ),
    "worker.credentials.share": ("Deel {name}", "Share {name}"),
    # The card's heading names the credential; the links say only which file (so a link's
    # name never repeats the title, which finding the title on the page relies on).
    "worker.credentials.download": ("Downloaden:", "Download:"),
    "worker.credentials.download_jwt": ("als .jwt (ondertekend)", "as .jwt (signed)"),
    "worker.credentials.download_json": (
        "als .json (Open Badges 3.0)",
        "as .json (Open Badges 3.0)",
    ),
    "worker.credentials.linkedin": ("Zet {name} op LinkedIn", "Add {name} to LinkedIn"),
    "worker.kind.module-certificate": ("Deelcertificaat", "Partial certificate"),
    "worker.kind.evc": ("EVC: erkend uit werkervaring", "EVC: recognised prior learning"),
    "worker.kind.certificate": (
        "Certificaat: examen gehaald (zoals VCA)",
        "Certificate: exam passed (such as VCA)",
    ),
    "worker.kind.other": ("Bewijs", "Certificate"),
    "worker.unverified.title": ("Toegevoegd, maar niet bevestigd", "Added, but not confirmed"),
    "worker.unverified.intro": (
        "Deze bewijzen heb je zelf toegevoegd. We konden ze niet bevestigen. Bij elk bewijs "
        "staat waarom. Ze tellen niet mee in je cv en je kunt ze niet delen.",
        "You added these certificates yourself. We could not confirm them. Each one says why. "
        "They do not count in your CV and you cannot share them.",
    ),
    # Adding a certificate made elsewhere
    "worker.import.title": ("Bewijs van elders toevoegen", "Add a certificate from elsewhere"),
    "worker.import.intro": (
        "Heb je een bewijs van een andere opleider of uit een andere app? Zet het hier in je cv. "
        "We kijken of het echt is en of het van jou is.",
        "Do you have a certificate from another provider or from another app? Put it in your "
        "CV here. We check whether it is genuine and whether it is yours.",
    ),
    "worker.import.paste": ("Plak hier je bewijs", "Paste your certificate here"),
    "worker.import.paste_hint": (
        "Een bewijs is een lange code (vaak begint die met eyJ) of een stuk tekst in JSON.",
        "A certificate is a long code (it often starts with eyJ) or a piece of JSON text.",
    ),
    "worker.import.file": ("Of kies een bestand", "Or choose a file"),
    "worker.import.file_hint": (
        "Een bestand met een bewijs: .json, .jwt of .txt, tot 250 kB. Of een badge als plaatje "
        "(.png of .svg) met het bewijs erin, tot 1,5 MB.",
        "A file with a certificate: .json, .jwt or .txt, up to 250 kB. Or a badge picture "
        "(.png or .svg) with the certificate in it, up to 1.5 MB.",
    ),
    "worker.import.button": ("Toevoegen aan mijn cv", "Add to my CV"),
    "worker.import.result_title": ("Je bewijs is toegevoegd", "Your certificate has been added"),
    "worker.import.counts": (
        "Dit bewijs klopt. Het telt mee in je cv, net als je andere bewijzen.",
        "This certificate is right. It counts in your CV, just like your other certificates.",
    ),
    "worker.import.not_counted": (
        "Dit bewijs telt niet mee in je cv. Het staat apart, onder Toegevoegd, maar niet "
        "bevestigd. Je kunt het ook niet delen.",
        "This certificate does not count in your CV. It is kept apart, under Added, but not "
        "confirmed. You cannot share it either.",
    ),
    "worker.import.issuer_claimed": (
        "Zo staat het in het bewijs. Wij konden dit niet bevestigen.",
        "That is what the certificate says. We could not confirm it.",
    ),
    "worker.import.holder": ("Naam in het bewijs", "Name in the certificate"),
    "worker.import.another": ("Nog een bewijs toevoegen", "Add another certificate"),
    # What the form cannot read (registry.web.credential_input codes)
    "worker.import.error.empty": (
        "Plak een bewijs of kies een bestand.",
        "Paste a certificate or choose a file.",
    ),
    "worker.import.error.both": (
        "Kies één ding: plak een bewijs of kies een bestand, niet allebei.",
        "Choose one: paste a certificate or choose a file, not both.",
    ),
    "worker.import.error.too-large": (
        "Dit is te groot. Een bewijs is kleiner dan 250 kB, een plaatje kleiner dan 1,5 MB.",
        "This is too large. A certificate is smaller than 250 kB, a picture smaller than 1.5 MB.",
    ),
    "worker.import.error.not-a-credential": (
        "Dit is geen bewijs dat we kunnen lezen. Kopieer het hele bewijs, of kies het bestand.",
        "This is not a certificate we can read. Copy the whole certificate, or choose the file.",
    ),
    "worker.import.error.not-a-badge": (
        "In dit plaatje zit geen bewijs dat we kunnen lezen. Vraag de uitgever om het bewijs zelf.",
        "This picture holds no certificate we can read. Ask the issuer for the certificate itself.",
    ),
    "worker.import.error.not-text": (
        "Dit bestand kunnen we niet lezen. Kies een bestand met tekst (.json, .jwt of .txt) of "
        "een plaatje (.png of .svg).",
        "We cannot read this file. Choose a file with text (.json, .jwt or .txt) or a picture "
        "(.png or .svg).",
    ),
    "worker.import.error.share-link": (
        "Dit is een link om bewijzen te bekijken, geen bewijs. Plak het bewijs zelf.",
        "This is a link to view certificates, not a certificate. Paste the certificate itself.",
    ),
    # Self-declared experience
    "worker.experience.title": (
        "Zelf opgegeven, niet gecontroleerd",
        "Self-declared, not checked",
    ),
    "worker.experience.intro": (
        "Dit heb je zelf ingevuld. Niemand heeft het gecontroleerd. Daarom staat het apart.",
        "You filled this in yourself. Nobody has checked it. That is why it is kept apart.",
    ),
    "worker.experience.label": ("Zelf opgegeven", "Self-declared"),
    "worker.experience.none": (
        "Je hebt nog geen werkervaring ingevuld.",
        "You have not added any work experience yet.",
    ),
    "worker.experience.period": ("{start} tot {end}", "{start} to {end}"),
    "worker.experience.since": ("Sinds {start}", "Since {start}"),
    "worker.experience.until": ("Tot {end}", "Until {end}"),
    "worker.experience.delete": ("Verwijder {title}", "Remove {title}"),
    "worker.experience.add_title": ("Werkervaring toevoegen", "Add work experience"),
    "worker.experience.field_title": ("Wat voor werk deed je?", "What work did you do?"),
    "worker.experience.field_title_hint": (
        "Bijvoorbeeld: elektricien in de woningbouw.",
        "For example: electrician in house building.",
    ),
    "worker.experience.field_description": (
        "Vertel er meer over (niet verplicht)",
        "Tell more about it (optional)",
    ),
    "worker.experience.field_start": ("Begonnen op", "Started on"),
    "worker.experience.field_end": ("Gestopt op", "Ended on"),
    "worker.experience.field_end_hint": (
        "Werk je er nog? Laat dit dan leeg.",
        "Still working there? Leave this empty.",
    ),
    "worker.experience.add_button": ("Toevoegen", "Add"),
    # Sharing
    "worker.share.title": ("Bewijzen delen", "Share certificates"),
    "worker.share.intro": (
        "Kies wat je wilt laten zien, aan wie en hoe lang. Je kunt altijd stoppen met delen.",
        "Choose what you want to show, to whom and for how long. You can stop sharing at any time.",
    ),
    "worker.share.credentials": ("Welke bewijzen wil je delen?", "Which certificates to share?"),
    "worker.share.option": ("{issuer}, {date}", "{issuer}, {date}"),
    # A deelcertificaat with an SD-JWT VC form: the parts the worker may leave out.
    "worker.share.parts": ("Wat deel je van {achievement}?", "What do you share of {achievement}?"),
    "worker.share.parts_hint": (
        "Haal een vinkje weg als je iets niet wilt delen. De werkgever ziet dan dat het er "
        "is, maar niet wat er staat. Het bewijs blijft echt.",
        "Untick what you do not want to share. The employer then sees that it exists, but "
        "not what it says. The certificate stays genuine.",
    ),
    "worker.share.part.name": ("Je volledige naam", "Your full name"),
    "worker.share.part.date": ("Wanneer je het certificaat kreeg", "When you got the certificate"),
    "worker.share.part.notes": ("De notities van de opleider", "The provider's notes"),
    "worker.share.stopped": (
        "Deze bewijzen kun je niet delen, want ze tellen niet mee:",
        "You cannot share these certificates, because they do not count:",
    ),
    "worker.share.not_confirmed": (
        "niet bevestigd ({verdict})",
        "not confirmed ({verdict})",
    ),
    "worker.share.none": (
        "Je hebt nog geen bewijzen om te delen.",
        "You have no certificates to share yet.",
    ),
    "worker.share.recipient": ("E-mailadres van de werkgever", "E-mail address of the employer"),
    "worker.share.recipient_hint": (
        "Iedereen met de link kan de bewijzen zien. Geef de link dus alleen aan deze werkgever.",
        "Anyone with the link can see the certificates. So give it only to this employer.",
    ),
    "worker.share.lifetime": ("Hoe lang werkt de link?", "How long does the link work?"),
    "worker.share.days": ("{days} dagen", "{days} days"),
    "worker.share.own_date": ("Tot een datum die ik kies", "Until a date I choose"),
    "worker.share.until": ("Datum", "Date"),
    # A date typed in counts whatever the menu says (registry/web/worker/forms.py: _expiry).
    "worker.share.until_hint": (
        "Vul je een datum in? Dan werkt de link tot en met die dag, ook als je hierboven iets "
        "anders koos. Dat kan tot een jaar vooruit.",
        "If you fill in a date, the link works up to and including that day, even if you chose "
        "something else above. Up to one year ahead.",
    ),
    "worker.share.button": ("Maak de link", "Create the link"),
    "worker.created.title_new": ("Je link is klaar", "Your link is ready"),
    "worker.created.title": ("Link om te delen", "Link to share"),
    "worker.created.for": (
        "Gedeeld met {recipient} op {date}.",
        "Shared with {recipient} on {date}.",
    ),
    "worker.created.intro": (
        "Stuur deze link naar {recipient}. Of laat de werkgever de QR-code scannen.",
        "Send this link to {recipient}. Or let the employer scan the QR code.",
    ),
    "worker.created.link": ("Link om te delen", "Link to share"),
    "worker.created.link_hint": ("Kopieer de link en stuur hem op.", "Copy the link and send it."),
    "worker.created.copy": ("Kopieer de link", "Copy the link"),
    "worker.created.copied": ("De link is gekopieerd.", "The link has been copied."),
    "worker.created.qr_alt": ("QR-code van de link", "QR code of the link"),
    "worker.created.expires": ("De link werkt tot {date}.", "The link works until {date}."),
    "worker.created.kept": (
        "Je vindt deze link later ook terug bij Wat je hebt gedeeld.",
        "You can also find this link later under What you have shared.",
    ),
    "worker.created.shared": ("Wat je deelt", "What you share"),
    "worker.created.to_list": ("Naar alles wat je deelt", "To everything you share"),
    # The list of shares
    "worker.shares.title": ("Wat je hebt gedeeld", "What you have shared"),
    "worker.shares.intro": (
        "Hier zie je met wie je bewijzen deelt, tot wanneer, en wie heeft gekeken.",
        "Here you see with whom you share certificates, until when, and who has looked.",
    ),
    "worker.shares.new": ("Nieuwe link maken", "Create a new link"),
    "worker.shares.none": ("Je hebt nog niets gedeeld.", "You have not shared anything yet."),
    "worker.shares.recipient_on": (
        "Gedeeld met {recipient} op {date}",
        "Shared with {recipient} on {date}",
    ),
    "worker.shares.link": ("Link", "Link"),
    "worker.shares.show_link": ("Toon de link en de QR-code", "Show the link and the QR code"),
    "worker.shares.link_not_kept": (
        "Deze link is gemaakt voordat we links bewaarden. We kunnen hem niet meer laten zien.",
        "This link was made before we kept links. We cannot show it any more.",
    ),
    "worker.shares.renew": ("Nieuwe link maken", "Create a new link"),
    "worker.shares.renew_hint": (
        "Dan werkt de oude link niet meer. Stuur de werkgever de nieuwe link.",
        "The old link then stops working. Send the employer the new link.",
    ),
    "worker.shares.credentials": ("Bewijzen", "Certificates"),
    "worker.shares.created": ("Gemaakt op", "Created on"),
    "worker.shares.expires": ("Werkt tot", "Works until"),
    "worker.shares.withdrawn": ("Gestopt op", "Stopped on"),
    "worker.shares.views": ("Bekeken", "Viewed"),
    "worker.shares.no_views": ("Nog niemand heeft gekeken.", "Nobody has looked yet."),
    # Who looked, in the page's language: the API gives it as data (`viewerKind`, ...).
    "worker.shares.view_account": ("{moment}: {name} ({role})", "{moment}: {name} ({role})"),
    "worker.shares.view_anyone": (
        "{moment}: iemand met de link",
        "{moment}: someone with the link",
    ),
    "worker.viewer_role.operator": ("beheerder", "operator"),
    "worker.viewer_role.provider": ("opleider", "training provider"),
    "worker.viewer_role.assessor": ("EVC-beoordelaar", "EVC assessor"),
    "worker.viewer_role.worker": ("werkende", "worker"),
    "worker.viewer_role.employer": ("werkgever", "employer"),
    "worker.viewer_role.coach": ("coach", "coach"),
    "worker.viewer_role.integrator": ("gekoppeld systeem", "connected system"),
    "worker.shares.unknown_credential": (
        "(dit bewijs staat niet meer in je cv)",
        "(this certificate is no longer in your CV)",
    ),
    "worker.shares.withdraw": ("Stop met delen met {recipient}", "Stop sharing with {recipient}"),
    "worker.share_state.active": ("Actief: de link werkt", "Active: the link works"),
    "worker.share_state.withdrawn": (
        "Ingetrokken: de link werkt niet meer",
        "Withdrawn: the link no longer works",
    ),
    "worker.share_state.expired": (
        "Verlopen: de link werkt niet meer",
        "Expired: the link no longer works",
    ),
    # A certificate
    "worker.cert.holder": ("Naam", "Name"),
    "worker.cert.issuer": ("Uitgegeven door", "Issued by"),
    "worker.cert.date": ("Datum", "Date"),
    "worker.cert.valid_until": ("Geldig tot", "Valid until"),
    "worker.cert.status": ("Status", "Status"),
    "worker.cert.valid_on": ("Geldig op {date}", "Valid on {date}"),
    "worker.cert.expired_on": ("Verlopen op {date}", "Expired on {date}"),
    "worker.cert.number": ("Nummer van het bewijs", "Certificate number"),
    "worker.cert.competences": ("Vaardigheden", "Skills"),
    "worker.cert.no_competences": (
        "In dit bewijs staan geen vaardigheden.",
        "This certificate names no skills.",
    ),
    "worker.cert.check_title": ("Is dit bewijs echt?", "Is this certificate genuine?"),
    "worker.cert.check_text": (
        "Scan de QR-code of open de link. Dan zie je of het bewijs echt is en nog geldt.",
        "Scan the QR code or open the link to see if the certificate is genuine and still valid.",
    ),
    "worker.cert.qr_alt": (
        "QR-code naar de controle van dit bewijs",
        "QR code to the check of this certificate",
    ),
    "worker.cert.check_link": ("Controleer dit bewijs online", "Check this certificate online"),
    "worker.cert.pdf": ("Download als PDF", "Download as PDF"),
    "worker.cert.print": ("Afdrukken", "Print"),
    "worker.cert.share": ("Deel dit bewijs", "Share this certificate"),
    # Form errors (our own keys, so no other area's `error.<code>` can clash)
    "worker.error.title-required": ("Vul in wat voor werk je deed.", "Fill in what work you did."),
    "worker.error.title-long": (
        "Maak het korter: hoogstens 200 tekens.",
        "Make it shorter: 200 characters at most.",
    ),
    "worker.error.description-long": ("Je uitleg is te lang.", "Your description is too long."),
    "worker.error.bad-date": (
        "Deze datum klopt niet. Schrijf hem zo: 31-12-2026.",
        "This date is not right. Write it like this: 31-12-2026.",
    ),
    "worker.error.end-before-start": (
        "Je stopte voordat je begon. Kijk de data nog eens na.",
        "You ended before you started. Please check the dates.",
    ),
    "worker.error.no-credential": (
        "Kies minstens één bewijs om te delen.",
        "Choose at least one certificate to share.",
    ),
    "worker.error.unknown-credential": (
        "Een van de gekozen bewijzen staat niet in je cv.",
        "One of the chosen certificates is not in your CV.",
    ),
    "worker.error.credential-not-shareable": (
        "Een van de gekozen bewijzen is ingetrokken of geschorst, of we konden het niet "
        "bevestigen. Dat kun je niet delen.",
        "One of the chosen certificates has been revoked or suspended, or we could not confirm "
        "it. You cannot share it.",
    ),
    # Refusals of the import service (registry.wallet.wallet_content.import_credential)
    "worker.error.not-holders-credential": (
        "Dit bewijs is niet van jou. Het staat niet op je e-mailadres en hoort niet bij dit cv. "
        "Je kunt alleen je eigen bewijzen toevoegen.",
        "This certificate is not yours. It is not in the name of your e-mail address and does "
        "not belong to this CV. You can only add your own certificates.",
    ),
    "worker.error.unreadable-credential": (
        "We kunnen dit bewijs niet lezen. Misschien is het niet helemaal gekopieerd. Probeer "
        "het nog een keer.",
        "We cannot read this certificate. Perhaps it was not copied completely. Please try again.",
    ),
    "worker.error.not-a-credential": (
        "Dit is een pakket met bewijzen. Voeg de bewijzen een voor een toe.",
        "This is a package of certificates. Add the certificates one by one.",
    ),
    "worker.error.already-imported": (
        "Dit bewijs is al toegevoegd. Je ziet het in je cv.",
        "This certificate has already been added. You can see it in your CV.",
    ),
    "worker.error.bad-credential": (
        "Dit bewijs is leeg of te groot.",
        "This certificate is empty or too large.",
    ),
    # The import API's two refusals the page cannot meet (it sends text only), said anyway.
    "worker.error.bad-image": (
        "Dit plaatje kunnen we niet lezen.",
        "We cannot read this picture.",
    ),
    "worker.error.one-of-required": (
        "Kies één ding: plak een bewijs of kies een bestand.",
        "Choose one: paste a certificate or choose a file.",
    ),
    "worker.error.recipient-required": (
        "Vul het e-mailadres van de werkgever in.",
        "Fill in the employer's e-mail address.",
    ),
    "worker.error.bad-recipient": (
        "Dit is geen goed e-mailadres. Kijk of er een @ en een punt in staan.",
        "This is not a valid e-mail address. Check that it has an @ and a dot.",
    ),
    "worker.error.recipient-not-employer": (
        "Je kunt alleen delen met een werkgever. Vul het e-mailadres van de werkgever in.",
        "You can only share with an employer. Fill in the employer's e-mail address.",
    ),
    "worker.error.lifetime": ("Kies hoe lang de link werkt.", "Choose how long the link works."),
    "worker.error.date-required": (
        "Vul een datum in, of kies 7, 30 of 90 dagen.",
        "Fill in a date, or choose 7, 30 or 90 days.",
    ),
    "worker.error.date-past": (
        "Deze datum is al voorbij. Kies vandaag of een dag later.",
        "This date has passed. Choose today or a later day.",
    ),
    "worker.error.bad-expiry": (
        "Kies een datum na vandaag en niet verder dan een jaar vooruit.",
        "Choose a date after today and no more than one year ahead.",
    ),
}
