"""The texts of every mail: key -> (Dutch, English), Dutch at B1 level, "je" form.

Every mail carries both languages: Dutch first, the English version below it. The registry
does not know a person's language before they choose one on the site, and a mail read in the
wrong language is worse than a mail that is a little longer.
"""

from __future__ import annotations

from registry.status_reasons import status_reason_keys

MAIL_TEXTS: dict[str, tuple[str, str]] = {
    "greeting": ("Hallo {name},", "Hello {name},"),
    "greeting.anonymous": ("Hallo,", "Hello,"),
    "english_below": ("(English below)", "(English below)"),
    "signature": ("Met vriendelijke groet,\n{site}", "Kind regards,\n{site}"),
    "link_once.one": (
        "Deze link werkt {hours} uur en maar een keer.",
        "This link works for {hours} hour, and only once.",
    ),
    "link_once.other": (
        "Deze link werkt {hours} uur en maar een keer.",
        "This link works for {hours} hours, and only once.",
    ),
    "not_you": (
        "Heb jij dit niet gevraagd? Dan hoef je niets te doen.",
        "Did you not ask for this? Then you do not need to do anything.",
    ),
    "why_optional": (
        "Je krijgt deze melding omdat iemand dit e-mailadres gebruikte in {site}. "
        "Wil je deze meldingen niet meer? Kijk op {url}",
        "You get this notice because someone used this e-mail address in {site}. "
        "No more notices like this? See {url}",
    ),
    # Proving an address
    "verify.subject": ("Bevestig je e-mailadres", "Confirm your e-mail address"),
    "verify.body": (
        "Je hebt een account gemaakt. Bevestig dat dit jouw e-mailadres is. "
        "Pas daarna zie je de bewijzen die aan dit adres zijn gegeven.",
        "You made an account. Please confirm that this is your e-mail address. "
        "Only then will you see the certificates given to this address.",
    ),
    "verify.action": ("E-mailadres bevestigen", "Confirm e-mail address"),
    # Sign-up with an address that already has an account
    "exists.subject": ("Je hebt al een account", "You already have an account"),
    "exists.body": (
        "Iemand wilde een nieuw account maken met dit e-mailadres. Je hebt al een account. "
        "Weet je je wachtwoord niet meer? Kies dan een nieuw wachtwoord.",
        "Someone tried to make a new account with this e-mail address. You already have "
        "an account. Forgot your password? Then choose a new one.",
    ),
    "reset.action": ("Nieuw wachtwoord kiezen", "Choose a new password"),
    # Password reset
    "reset.subject": ("Kies een nieuw wachtwoord", "Choose a new password"),
    "reset.body": (
        "Je vroeg om een nieuw wachtwoord. Kies het met de knop hieronder. "
        "Daarna ben je overal uitgelogd en log je opnieuw in.",
        "You asked for a new password. Choose it with the button below. "
        "After that you are signed out everywhere and sign in again.",
    ),
    # Change of e-mail address
    "change.subject": ("Bevestig je nieuwe e-mailadres", "Confirm your new e-mail address"),
    "change.body": (
        "Je wilt het e-mailadres van je account veranderen in {email}. "
        "Bevestig dat dit jouw e-mailadres is.",
        "You want to change the e-mail address of your account to {email}. "
        "Please confirm that this is your e-mail address.",
    ),
    "change.action": ("Nieuw e-mailadres bevestigen", "Confirm new e-mail address"),
    "changed.subject": ("Je e-mailadres is veranderd", "Your e-mail address was changed"),
    "changed.body": (
        "Het e-mailadres van je account is nu {email}. Mails over je account gaan voortaan "
        "naar dat adres.",
        "The e-mail address of your account is now {email}. Mails about your account now go "
        "to that address.",
    ),
    "changed.not_you": (
        "Was jij dit niet? Neem dan meteen contact op met de beheerder van {site}.",
        "Was this not you? Then contact the administrator of {site} at once.",
    ),
    # Notices: a credential issued
    "issued.subject": ("Je hebt een nieuw bewijs", "You have a new certificate"),
    "issued.body": (
        "{issuer} heeft je een bewijs gegeven: {achievements}.",
        "{issuer} has given you a certificate: {achievements}.",
    ),
    "issued.see": (
        "Je ziet het in je cv. Daar kun je het ook delen.",
        "You see it in your CV. You can share it from there too.",
    ),
    "issued.claim": (
        "Maak een account met dit e-mailadres ({email}) om het te zien en te delen.",
        "Make an account with this e-mail address ({email}) to see and share it.",
    ),
    "issued.action_see": ("Naar mijn cv", "Go to my CV"),
    "issued.action_claim": ("Account maken", "Make an account"),
    # Notices: status changes
    "status.suspended.subject": (
        "Je bewijs is tijdelijk stopgezet",
        "Your certificate is on hold",
    ),
    "status.suspended.body": (
        "{issuer} heeft je bewijs '{achievement}' tijdelijk stopgezet. "
        "Tot het weer geldt, zien werkgevers het als geschorst.",
        "{issuer} has put your certificate '{achievement}' on hold. "
        "Until it counts again, employers see it as suspended.",
    ),
    "status.active.subject": ("Je bewijs geldt weer", "Your certificate counts again"),
    "status.active.body": (
        "{issuer} heeft je bewijs '{achievement}' weer geldig gemaakt.",
        "{issuer} has made your certificate '{achievement}' valid again.",
    ),
    "status.revoked.subject": ("Je bewijs is ingetrokken", "Your certificate was revoked"),
    "status.revoked.body": (
        "{issuer} heeft je bewijs '{achievement}' ingetrokken. Het telt niet meer.",
        "{issuer} has revoked your certificate '{achievement}'. It no longer counts.",
    ),
    "status.reason": ("Reden: {reason}.", "Reason: {reason}."),
    **status_reason_keys(),
    "status.note": ("Toelichting: {note}", "Note: {note}"),
    "status.ask": (
        "Vragen hierover? Neem contact op met {issuer}.",
        "Questions about this? Contact {issuer}.",
    ),
    # Notices: a share addressed to an employer
    "share.subject": ("{holder} deelt bewijzen met je", "{holder} shares certificates with you"),
    "share.body.one": (
        "{holder} heeft {count} bewijs met je gedeeld: {achievements}.",
        "{holder} has shared {count} certificate with you: {achievements}.",
    ),
    "share.body.other": (
        "{holder} heeft {count} bewijzen met je gedeeld: {achievements}.",
        "{holder} has shared {count} certificates with you: {achievements}.",
    ),
    # The worker left their name out of every credential shared: no name.
    "share.subject_unnamed": (
        "Er zijn bewijzen met je gedeeld",
        "Certificates were shared with you",
    ),
    "share.body_unnamed.one": (
        "Er is {count} bewijs met je gedeeld: {achievements}.",
        "{count} certificate was shared with you: {achievements}.",
    ),
    "share.body_unnamed.other": (
        "Er zijn {count} bewijzen met je gedeeld: {achievements}.",
        "{count} certificates were shared with you: {achievements}.",
    ),
    "share.see": (
        "Log in met dit e-mailadres om ze te bekijken en te controleren.",
        "Sign in with this e-mail address to view and check them.",
    ),
    "share.claim": (
        "Maak een werkgeversaccount met dit e-mailadres ({email}) om ze te bekijken.",
        "Make an employer account with this e-mail address ({email}) to view them.",
    ),
    "share.action_see": ("Bekijk wat met mij gedeeld is", "See what was shared with me"),
    "share.action_claim": ("Account maken", "Make an account"),
}
