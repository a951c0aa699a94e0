"""Texts of the employer pages and of public verification: key -> (Dutch, English).

Dutch at B1 level: short sentences, everyday words, "je" form.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # Dates: "12 maart 2025"
    # One credential as a card
    "employer.card.issuer": ("Uitgegeven door", "Issued by"),
    "employer.card.issuer_claimed": (
        "Uitgever volgens het bewijs zelf",
        "Issuer according to the certificate itself",
    ),
    "employer.card.issuer_not_confirmed": (
        "Niet bevestigd: deze naam staat in het bewijs, maar wij konden niet nagaan of hij klopt.",
        "Not confirmed: this name is in the certificate, but we could not check that it is true.",
    ),
    "employer.card.holder": ("Op naam van", "In the name of"),
    "employer.card.holder_hint": (
        "Vergelijk deze naam met een identiteitsbewijs van de persoon.",
        "Compare this name with the person's identity document.",
    ),
    "employer.card.issued": ("Uitgegeven op", "Issued on"),
    # A credential shared with parts left out (SD-JWT VC): what the issuer made but the
    # worker did not share. The rest is checked as usual.
    "employer.card.notes": ("Notities van de opleider", "The provider's notes"),
    "employer.card.withheld_heading": ("Niet gedeeld", "Not shared"),
    "employer.card.withheld.notes": (
        "De opleider heeft notities toegevoegd die niet gedeeld zijn.",
        "The provider added notes that were not shared.",
    ),
    "employer.card.withheld.date": (
        "De datum van het certificaat is niet gedeeld.",
        "The date of the certificate was not shared.",
    ),
    "employer.card.withheld.name": (
        "De volledige naam is niet gedeeld. Vraag de persoon om een identiteitsbewijs.",
        "The full name was not shared. Ask the person for an identity document.",
    ),
    "employer.card.withheld_hint": (
        "De persoon koos ervoor dit niet te delen. Wat wel gedeeld is, hebben we gecontroleerd.",
        "The person chose not to share this. We checked what was shared.",
    ),
    "employer.card.valid_until": ("Geldig tot", "Valid until"),
    "employer.card.kind": ("Soort", "Type"),
    "employer.card.unknown": ("Onbekend", "Unknown"),
    "employer.card.unreadable": (
        "Bewijs dat we niet konden lezen",
        "A certificate we could not read",
    ),
    "employer.card.id": ("Nummer van het bewijs", "Certificate number"),
    "employer.kind.module-certificate": ("Deelcertificaat", "Partial certificate"),
    "employer.kind.evc": ("EVC (erkenning van ervaring)", "EVC (recognised experience)"),
    "employer.kind.certificate": (
        "Certificaat na een examen (zoals VCA)",
        "Certificate after an exam (such as VCA)",
    ),
    "employer.kind.other": ("Ander bewijs", "Other certificate"),
    # The checks, for experts
    "employer.checks.summary": (
        "Alle controles bekijken (voor experts)",
        "See every check (for experts)",
    ),
    "employer.checks.caption": ("Controles van dit bewijs", "Checks of this certificate"),
    "employer.checks.presentation_caption": (
        "Controles van het gedeelde pakket",
        "Checks of the shared package",
    ),
    "employer.checks.name": ("Controle", "Check"),
    "employer.checks.result": ("Uitkomst", "Result"),
    # The check names and their messages are the verification report's own (technical
    # English, the same as the API and the CLI give): said so, not half translated.
    "employer.checks.message": ("Toelichting (technisch, in het Engels)", "Details (technical)"),
    "employer.check.passed": ("✓ gelukt", "✓ passed"),
    "employer.check.failed": ("✗ mislukt", "✗ failed"),
    "employer.check.skipped": ("○ overgeslagen", "○ skipped"),
    # The share page
    # The sharer's name is the account's own: it says who shared, never whose skills these are.
    "employer.share.title": ("Bewijzen gedeeld door {name}", "Certificates shared by {name}"),
    # The worker left their name out of every credential shared: the page names nobody.
    "employer.share.title_unnamed": ("Bewijzen gedeeld met u", "Certificates shared with you"),
    "employer.share.sharer_hint_unnamed": (
        "Wie deze link deelde, liet de naam weg uit de bewijzen. Daarom staat hier geen naam.",
        "Whoever shared this link left the name out of the certificates. That is why no name "
        "is shown here.",
    ),
    "employer.share.sharer_unnamed": ("de persoon die deelde", "the person who shared"),
    "employer.share.logged_unnamed": (
        "Wie deze link deelde, kan zien dat deze link is bekeken.",
        "Whoever shared this link can see that it was viewed.",
    ),
    "employer.share.sharer_hint": (
        "Dit is de naam van het account dat deze link deelde. Niemand heeft die naam "
        "gecontroleerd. Bij elk bewijs staat op welke naam het staat.",
        "This is the name of the account that shared this link. Nobody has checked that name. "
        "Each certificate shows whose name it is in.",
    ),
    "employer.share.names_other": (
        "Let op: deze bewijzen staan op naam van {holder}, niet op {sharer}. Vergelijk met een "
        "identiteitsbewijs.",
        "Note: these certificates are in the name of {holder}, not {sharer}. Compare with an "
        "identity document.",
    ),
    "employer.share.names_several": (
        "Let op: deze bewijzen staan op verschillende namen: {names}. Vergelijk elke naam met "
        "een identiteitsbewijs.",
        "Note: these certificates are in different names: {names}. Compare each name with an "
        "identity document.",
    ),
    "employer.share.shared_with": ("Gedeeld met", "Shared with"),
    "employer.share.recipient_unnamed": (
        "het e-mailadres dat {name} opgaf (niet getoond)",
        "the e-mail address {name} gave (not shown)",
    ),
    "employer.share.until": ("Te zien tot", "Visible until"),
    "employer.share.count": (
        "{valid} van de {total} bewijzen zijn geldig.",
        "{valid} of the {total} certificates are valid.",
    ),
    "employer.share.credentials": ("Bewijzen", "Certificates"),
    "employer.share.none": (
        "Er zitten geen bewijzen (meer) in deze link.",
        "There are no certificates (left) in this link.",
    ),
    "employer.share.presentation_problem": (
        "Het pakket zelf klopt niet: we kunnen niet bevestigen dat deze bewijzen van {name} "
        "komen. Vertrouw de bewijzen hieronder niet zonder meer.",
        "The package itself is not right: we cannot confirm that these certificates come from "
        "{name}. Do not simply trust the certificates below.",
    ),
    # Skills are named by the name in the credentials (the issuer signed it), per name.
    "employer.share.competences": ("Wat {name} kan", "What {name} can do"),
    "employer.share.competences_unnamed": (
        "Wat de bewijzen zonder naam laten zien",
        "What the certificates without a name show",
    ),
    "employer.share.competences_heading": ("Vaardigheden", "Skills"),
    "employer.share.competences_by_name": ("Vaardigheden per naam", "Skills by name"),
    "employer.share.competences_by_name_intro": (
        "De bewijzen staan op verschillende namen. Daarom staan de vaardigheden hier per naam.",
        "The certificates are in different names. That is why the skills are shown by name.",
    ),
    "employer.share.competences_intro": (
        "Dit komt alleen uit de bewijzen die geldig zijn.",
        "This comes only from the certificates that are valid.",
    ),
    "employer.share.competences_none": (
        "Er zijn geen vaardigheden uit geldige bewijzen.",
        "There are no skills from valid certificates.",
    ),
    "employer.share.from": ("Uit: {achievements}", "From: {achievements}"),
    "employer.share.self_declared": (
        "Eigen ervaring die {name} zelf opgaf, zit niet in deze link. Bij elk bewijs hierboven "
        "staat wat de controle liet zien.",
        "Experience that {name} declared themselves is not part of this link. Each certificate "
        "above shows what the check found.",
    ),
    "employer.share.logged": (
        "{name} kan zien dat deze link is bekeken.",
        "{name} can see that this link was viewed.",
    ),
    "employer.share.back": ("Terug naar Gedeeld met mij", "Back to Shared with me"),
    "employer.share.gone_title": (
        "Deze link is ingetrokken of verlopen",
        "This link has been withdrawn or has expired",
    ),
    "employer.share.gone_text": (
        "De bewijzen zijn niet meer te zien. Wil je ze toch bekijken? Vraag de persoon die de "
        "link stuurde om een nieuwe link.",
        "The certificates can no longer be seen. Do you still want to see them? Ask the person "
        "who sent the link for a new one.",
    ),
    "employer.share.not_found_title": ("Deze link bestaat niet", "This link does not exist"),
    "employer.share.not_found_text": (
        "Kijk of je de hele link goed hebt overgenomen. Werkt het nog steeds niet? Vraag om "
        "een nieuwe link.",
        "Check that you copied the whole link. Still not working? Ask for a new link.",
    ),
    # Shared with me
    "employer.received.title": ("Gedeeld met mij", "Shared with me"),
    "employer.received.intro": (
        "Werkenden delen hier hun bewijzen met jou. Open een link om te zien of de bewijzen "
        "geldig zijn en op welke naam ze staan.",
        "Workers share their certificates with you here. Open a link to see whether the "
        "certificates are valid and whose name they are in.",
    ),
    "employer.received.none": (
        "Er is nog niets met je gedeeld.",
        "Nothing has been shared with you yet.",
    ),
    "employer.received.count": ("Aantal bewijzen", "Number of certificates"),
    "employer.received.until": ("Te zien tot", "Visible until"),
    "employer.received.shared_by": ("Gedeeld door {name}", "Shared by {name}"),
    # The worker left their name out of every credential shared (`Share.names_sharer`).
    "employer.received.shared_unnamed": ("Gedeeld met u, zonder naam", "Shared with you, no name"),
    "employer.received.open_unnamed": ("Bekijk wat er gedeeld is", "View what was shared"),
    "employer.received.open": (
        "Bekijk wat {name} deelde",
        "View what {name} shared",
    ),
    "employer.received.state.active": ("te zien", "visible"),
    "employer.received.state.expired": ("verlopen", "expired"),
    "employer.received.state.withdrawn": ("ingetrokken", "withdrawn"),
    "employer.received.check_other": (
        "Heb je een bewijs of een link op een andere manier gekregen?",
        "Did you get a certificate or a link in another way?",
    ),
    # Checking a certificate
    "employer.verify.title": ("Bewijs controleren", "Check a certificate"),
    "employer.verify.intro": (
        "Kijk of een bewijs echt is, van een erkende opleider komt en niet is ingetrokken. "
        "Iedereen kan dit doen. We bewaren niets van wat je hier invult.",
        "Check whether a certificate is genuine, comes from a recognised provider and has not "
        "been revoked. Anyone can do this. We do not keep what you enter here.",
    ),
    "employer.verify.paste": (
        "Plak hier het bewijs of de deellink",
        "Paste the certificate or the share link here",
    ),
    "employer.verify.paste_hint": (
        "Een bewijs is een lange code die begint met eyJ. Een deellink begint met {prefix}",
        "A certificate is a long code that starts with eyJ. A share link starts with {prefix}",
    ),
    "employer.verify.file": ("Of kies een bestand", "Or choose a file"),
    "employer.verify.file_hint": (
        "Een bestand met een bewijs: .jwt, .json of .txt, tot 250 kB. Of een badge als plaatje "
        "(.png of .svg) met het bewijs erin.",
        "A file with a certificate: .jwt, .json or .txt, up to 250 kB. Or a badge picture "
        "(.png or .svg) with the certificate inside.",
    ),
    "employer.verify.button": ("Controleren", "Check"),
    "employer.verify.result_title": ("Uitkomst van de controle", "Result of the check"),
    "employer.verify.presentation_problem": (
        "Het pakket zelf klopt niet: de handtekening van de houder, de ontvanger of de datum "
        "klopt niet. Vertrouw de bewijzen hieronder niet zonder meer.",
        "The package itself is not right: the holder's signature, the recipient or the date is "
        "wrong. Do not simply trust the certificates below.",
    ),
    "employer.verify.clr_items": (
        "Bewijzen in deze verzameling",
        "Certificates in this collection",
    ),
    "employer.verify.again": ("Nog een bewijs controleren", "Check another certificate"),
    "employer.verify.error.empty": (
        "Plak een bewijs of een deellink, of kies een bestand.",
        "Paste a certificate or a share link, or choose a file.",
    ),
    "employer.verify.error.both": (
        "Kies één ding: plak een bewijs of kies een bestand, niet allebei.",
        "Choose one: paste a certificate or choose a file, not both.",
    ),
    "employer.verify.error.too-large": (
        "Dit is te groot voor een bewijs. Een bewijs is kleiner dan 250 kB.",
        "This is too large for a certificate. A certificate is smaller than 250 kB.",
    ),
    "employer.verify.error.not-a-credential": (
        "Dit is geen bewijs en geen deellink. Een bewijs is een lange code die begint met eyJ.",
        "This is not a certificate and not a share link. A certificate is a long code that "
        "starts with eyJ.",
    ),
    "employer.verify.error.not-a-badge": (
        "In dit plaatje zit geen bewijs dat we kunnen lezen. Vraag de houder om het bewijs zelf.",
        "This picture holds no certificate we can read. Ask the holder for the certificate itself.",
    ),
    "employer.verify.error.not-text": (
        "Dit bestand kunnen we niet lezen. Kies een bestand met tekst (.jwt, .json of .txt).",
        "We cannot read this file. Choose a file with text (.jwt, .json or .txt).",
    ),
    "employer.verify.error.not-a-share-url": (
        "Dit is geen deellink van deze website. We halen niets op van andere websites.",
        "This is not a share link of this website. We do not fetch anything from other sites.",
    ),
    "employer.verify.error.share-not-found": (
        "Deze deellink bestaat niet. Kijk of je de hele link hebt overgenomen.",
        "This share link does not exist. Check that you copied the whole link.",
    ),
    "employer.verify.error.share-gone": (
        "Deze link is ingetrokken of verlopen. Vraag om een nieuwe link.",
        "This link has been withdrawn or has expired. Ask for a new link.",
    ),
    # One stored credential (the QR code on a printed certificate)
    "employer.stored.title": ("Controle van een bewijs", "Check of a certificate"),
    "employer.stored.intro": (
        "Dit bewijs staat in ons register. Hieronder zie je of het nu geldig is.",
        "This certificate is in our registry. Below you see whether it is valid now.",
    ),
    "employer.stored.not_found_title": (
        "Dit bewijs kennen we niet",
        "We do not know this certificate",
    ),
    "employer.stored.not_found_text": (
        "Er staat geen bewijs met dit nummer in ons register. Kijk of je de code goed hebt "
        "gescand of overgenomen. Vertrouw het bewijs anders niet.",
        "There is no certificate with this number in our registry. Check that you scanned or "
        "copied the code correctly. Otherwise, do not trust the certificate.",
    ),
}
