"""Texts of the account pages (mailed links, confirm your address, password reset, the
account page, stopping notices): key -> (Dutch, English)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "nav.account": ("Mijn account", "My account"),
    "auth.forgot_link": ("Wachtwoord vergeten?", "Forgot your password?"),
    "auth.notice.confirmed": (
        "Je e-mailadres is bevestigd. Log in om verder te gaan.",
        "Your e-mail address is confirmed. Sign in to go on.",
    ),
    # On the start page after the link's page confirmed the address (and signed the person in)
    "account.notice.confirmed": (
        "Je e-mailadres is bevestigd. Je bent nu ingelogd.",
        "Your e-mail address is confirmed. You are now signed in.",
    ),
    "auth.notice.reset": (
        "Je wachtwoord is veranderd. Je bent overal uitgelogd. Log in met je nieuwe wachtwoord.",
        "Your password was changed. You are signed out everywhere. Sign in with your new password.",
    ),
    # "Look in your mail"
    "sent.title": ("Kijk in je mail", "Check your mail"),
    "sent.register": (
        "We hebben een mail gestuurd naar {email}. Klik op de link in die mail om verder te gaan.",
        "We have sent a mail to {email}. Click the link in that mail to go on.",
    ),
    "sent.reset": (
        "Als er een account is met {email}, hebben we daar een mail naartoe gestuurd. "
        "Met de link in die mail kies je een nieuw wachtwoord.",
        "If there is an account with {email}, we have sent a mail there. "
        "With the link in that mail you choose a new password.",
    ),
    "sent.spam": (
        "Geen mail gekregen? Kijk ook bij ongewenste mail (spam).",
        "No mail? Also look in your junk mail (spam).",
    ),
    # Pages behind mailed links
    "link.verify.title": ("E-mailadres bevestigen", "Confirm your e-mail address"),
    "link.verify.intro": (
        "Klik op de knop om te bevestigen dat dit e-mailadres van jou is.",
        "Click the button to confirm that this e-mail address is yours.",
    ),
    "link.verify.button": ("Bevestig mijn e-mailadres", "Confirm my e-mail address"),
    "link.change-email.title": ("Nieuw e-mailadres bevestigen", "Confirm your new address"),
    "link.change-email.intro": (
        "Klik op de knop. Daarna gebruik je dit e-mailadres om in te loggen.",
        "Click the button. After that you sign in with this e-mail address.",
    ),
    "link.change-email.button": ("Bevestig mijn nieuwe e-mailadres", "Confirm my new address"),
    "link.password": ("Je wachtwoord", "Your password"),
    "link.password_hint": (
        "Het wachtwoord dat je koos voor dit account.",
        "The password you chose for this account.",
    ),
    "link.not_yours.verify": (
        "Heb jij dit account niet gemaakt? Klik dan nergens op. Wil je zelf een account met "
        "dit e-mailadres? Kies dan 'Wachtwoord vergeten' bij Inloggen.",
        "Did you not make this account? Then do not click anything. Do you want an account "
        "with this e-mail address yourself? Choose 'Forgot your password' at Sign in.",
    ),
    # A change of address: the new address has no account (yet), so no reset helps there.
    "link.not_yours.change-email": (
        "Heb jij niet gevraagd om dit e-mailadres te gebruiken? Klik dan nergens op. Dan "
        "verandert er niets. Wil je zelf een account met dit e-mailadres? Kies dan 'Account "
        "maken'.",
        "Did you not ask to use this e-mail address? Then do not click anything, and nothing "
        "changes. Do you want an account with this e-mail address yourself? Choose 'Create "
        "account'.",
    ),
    # Forgot password, choose a new one
    "forgot.title": ("Wachtwoord vergeten", "Forgot your password"),
    "forgot.intro": (
        "Vul je e-mailadres in. We sturen je een link om een nieuw wachtwoord te kiezen.",
        "Fill in your e-mail address. We send you a link to choose a new password.",
    ),
    "forgot.button": ("Stuur mij een link", "Send me a link"),
    "reset.title": ("Kies een nieuw wachtwoord", "Choose a new password"),
    "reset.intro": (
        "Na het opslaan ben je overal uitgelogd, ook op andere apparaten.",
        "After saving you are signed out everywhere, on other devices too.",
    ),
    "reset.password": ("Nieuw wachtwoord", "New password"),
    "reset.choose_profile": (
        "Dit account is nog nooit bevestigd. Kies daarom ook wie je bent en je naam.",
        "This account was never confirmed. So also choose who you are and your name.",
    ),
    "reset.button": ("Wachtwoord opslaan", "Save password"),
    # Confirm your address first
    "verify_needed.title": ("Bevestig eerst je e-mailadres", "First confirm your e-mail address"),
    "verify_needed.intro": (
        "We hebben een mail gestuurd naar {email}. Klik op de link in die mail. "
        "Daarna zie je alles wat bij dit e-mailadres hoort.",
        "We have sent a mail to {email}. Click the link in that mail. "
        "After that you see everything that belongs to this e-mail address.",
    ),
    "verify_needed.why": (
        "Zo weten we zeker dat dit adres van jou is, en kan niemand anders jouw bewijzen zien.",
        "That way we know for sure this address is yours, and nobody else can see your "
        "certificates.",
    ),
    "verify_needed.resend": ("Stuur de mail opnieuw", "Send the mail again"),
    "verify_needed.sent": ("We hebben een nieuwe mail gestuurd.", "We have sent a new mail."),
    "verify_needed.wait": (
        "Je hebt net al mails gekregen. Wacht even en kijk ook bij ongewenste mail.",
        "You just got mails. Wait a while, and also look in your junk mail.",
    ),
    # The account page
    "account.title": ("Mijn account", "My account"),
    "account.email": ("E-mailadres", "E-mail address"),
    "account.change_title": ("E-mailadres veranderen", "Change your e-mail address"),
    "account.change_intro": (
        "We sturen een link naar het nieuwe adres. Je adres verandert pas als je op die link "
        "klikt. Je oude adres krijgt daarover een mail.",
        "We send a link to the new address. Your address only changes when you click that "
        "link. Your old address gets a mail about it.",
    ),
    "account.new_email": ("Nieuw e-mailadres", "New e-mail address"),
    "account.password_check": ("Je wachtwoord", "Your password"),
    "account.password_check_hint": (
        "Ter controle dat jij het bent.",
        "To check that it is you.",
    ),
    "account.change_button": ("Stuur de link", "Send the link"),
    "account.notices_title": ("Meldingen per mail", "Notices by mail"),
    "account.notices_on": (
        "Je krijgt een mail als je een bewijs krijgt, als er iets met een bewijs verandert, "
        "of als iemand bewijzen met je deelt.",
        "You get a mail when you receive a certificate, when something changes about one, "
        "or when someone shares certificates with you.",
    ),
    "account.notices_off": (
        "Je krijgt geen meldingen. Mails over je account (zoals links) krijg je wel.",
        "You get no notices. Mails about your account (such as links) still come.",
    ),
    "account.notices_stop": ("Geen meldingen meer", "No more notices"),
    "account.notices_start": ("Meldingen weer aanzetten", "Turn notices back on"),
    "account.notice.email_changed": (
        "Je e-mailadres is veranderd.",
        "Your e-mail address was changed.",
    ),
    "account.notice.change_sent": (
        "Als het nieuwe adres kan, hebben we er een link naartoe gestuurd. Klik op die link "
        "om de verandering af te maken.",
        "If the new address can be used, we have sent a link to it. Click that link to "
        "finish the change.",
    ),
    "account.notice.notices_on": ("De meldingen staan weer aan.", "Notices are on again."),
    "account.notice.notices_off": ("Je krijgt geen meldingen meer.", "You get no more notices."),
    # Stop notices (link in a mail)
    "optout.title": ("Geen meldingen meer", "No more notices"),
    "optout.intro": (
        "Wil je geen meldingen meer krijgen op {email}? Mails over je account (zoals een link "
        "om je wachtwoord te herstellen) krijg je wel.",
        "No more notices to {email}? Mails about your account (such as a link to reset your "
        "password) still come.",
    ),
    "optout.button": ("Stop de meldingen", "Stop the notices"),
    "optout.done": (
        "Je krijgt geen meldingen meer op {email}.",
        "You will get no more notices at {email}.",
    ),
    # Errors of these pages
    "error.link-unknown": (
        "Deze link klopt niet. Kopieer de hele link uit de mail.",
        "This link is not right. Copy the whole link from the mail.",
    ),
    "error.link-used": (
        "Deze link is al gebruikt. Een link werkt maar een keer. Vraag zo nodig een nieuwe.",
        "This link was used already. A link works only once. Ask for a new one if needed.",
    ),
    "error.link-expired": (
        "Deze link is verlopen. Vraag een nieuwe aan.",
        "This link has expired. Ask for a new one.",
    ),
    "error.link-stale": (
        "Deze link hoort bij een e-mailadres dat je account niet meer heeft.",
        "This link belongs to an e-mail address your account no longer has.",
    ),
    "error.email-same": (
        "Dit is al je e-mailadres.",
        "This is your e-mail address already.",
    ),
    "error.current-password-wrong": ("Je wachtwoord klopt niet.", "Your password is wrong."),
    "error.confirm-password-wrong": (
        "Dit is niet het wachtwoord van dit account.",
        "This is not the password of this account.",
    ),
    "error.email-taken": (
        "Een ander account heeft dit e-mailadres al.",
        "Another account has this e-mail address already.",
    ),
    "error.email-not-verified": (
        "Bevestig eerst je e-mailadres.",
        "First confirm your e-mail address.",
    ),
}
