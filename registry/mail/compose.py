"""Building a mail: an RFC 5322 message with a plain-text and an HTML part, Dutch first and
the same text in English below it (see `registry.mail.texts`)."""

from __future__ import annotations

import email.policy
import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from html import escape
from urllib.parse import urlencode

from registry.mail.texts import MAIL_TEXTS
from registry.models import Account
from registry.settings import Settings

SITE_NAME = "LLO registry"
# CRLF line ends as SMTP wants them (and RFC 5322 files), 7-bit safe so that any server takes
# it, and lines up to RFC 5322's 998 so that links and headers stay whole and readable.
POLICY = email.policy.SMTP.clone(max_line_length=998, cte_type="7bit")
OPT_OUT_PATH = "/meldingen-uit"
LANGS = (0, 1)  # columns of MAIL_TEXTS: Dutch, English


@dataclass(frozen=True, slots=True)
class Line:
    """One paragraph: a text key of `MAIL_TEXTS` and the fields to fill in."""

    key: str
    # A field that is itself a Line (a reason code's words, say) is put in the same language.
    fields: Mapping[str, str | Line] = field(default_factory=dict)

    def text(self, lang: int) -> str:
        template = MAIL_TEXTS[self.key][lang]
        if not self.fields:
            return template
        values = {k: v.text(lang) if isinstance(v, Line) else v for k, v in self.fields.items()}
        return template.format(**values)


def counted(key: str, count: int, fields: Mapping[str, str | Line]) -> Line:
    """A line about `count` things: text `<key>.one` for one, else `<key>.other`; the count
    is filled in as field `count` unless `fields` names it otherwise."""
    form = "one" if count == 1 else "other"
    return Line(f"{key}.{form}", {"count": str(count), **fields})


@dataclass(frozen=True, slots=True)
class Mail:
    """What to say to whom. `link` is the one thing to click (a text key and a URL);
    `optional` notices carry a way to stop them."""

    topic: str
    to: str
    subject: Line
    lines: tuple[Line, ...]
    name: str | None = None
    link: tuple[str, str] | None = None
    optional: bool = False


def greeting_name(account: Account | None, to: str) -> str | None:
    """The name to greet `to` with: the account's, only when `to` is its proven address.

    A name is chosen by whoever made the account. Until the address is proven that may be a
    stranger who typed someone else's address and put a link or instructions in the name, so
    a mail to an unproven address (or to another address, such as a new one being confirmed)
    greets without a name.
    """
    if account is None or not account.is_verified or account.email != to:
        return None
    return account.name or None


def opt_out_code(settings: Settings, email: str) -> str:
    """A keyed hash of the address: the stop-notices link works without signing in, and
    nobody can stop notices for an address whose mail they do not read."""
    message = f"opt-out:{email.lower()}".encode()
    return hmac.new(settings.secret_key.encode(), message, hashlib.sha256).hexdigest()[:32]


def opt_out_url(settings: Settings, email: str) -> str:
    query = urlencode({"adres": email.lower(), "code": opt_out_code(settings, email)})
    return f"{settings.base_url}{OPT_OUT_PATH}?{query}"


def _blocks(settings: Settings, mail: Mail, lang: int) -> list[str]:
    """The paragraphs of one language, the link's label last."""
    greeting = (
        Line("greeting", {"name": mail.name}) if mail.name else Line("greeting.anonymous")
    ).text(lang)
    blocks = [greeting, *(line.text(lang) for line in mail.lines)]
    blocks.append(Line("signature", {"site": SITE_NAME}).text(lang))
    if mail.optional:
        url = opt_out_url(settings, mail.to)
        blocks.append(Line("why_optional", {"site": SITE_NAME, "url": url}).text(lang))
    return blocks


def _plain(settings: Settings, mail: Mail) -> str:
    parts = []
    for lang in LANGS:
        blocks = _blocks(settings, mail, lang)
        if mail.link is not None:
            label, url = mail.link
            blocks.insert(-1 - mail.optional, f"{Line(label).text(lang)}:\n{url}")
        parts.append("\n\n".join(blocks))
    return f"{parts[0]}\n\n----- English -----\n\n{parts[1]}\n"


def _html(settings: Settings, mail: Mail) -> str:
    sections = []
    for lang, code in zip(LANGS, ("nl", "en"), strict=True):
        paragraphs = [
            f"<p>{escape(block).replace(chr(10), '<br>')}</p>"
            for block in _blocks(settings, mail, lang)
        ]
        if mail.link is not None:
            label, url = mail.link
            button = (
                f'<p><a href="{escape(url)}" style="display:inline-block;padding:10px 16px;'
                f'background:#0b5394;color:#ffffff;text-decoration:none;border-radius:4px">'
                f"{escape(Line(label).text(lang))}</a></p>"
            )
            paragraphs.insert(len(paragraphs) - 1 - mail.optional, button)
        sections.append(f'<div lang="{code}">{"".join(paragraphs)}</div>')
    subject = escape(_subject(mail))
    return (
        f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{subject}</title>'
        f'</head><body style="font-family:sans-serif;line-height:1.5;max-width:40em">'
        f'{sections[0]}<hr><p lang="en"><em>English</em></p>{sections[1]}</body></html>'
    )


def _subject(mail: Mail) -> str:
    return f"{mail.subject.text(0)} / {mail.subject.text(1)}"


def compose(settings: Settings, mail: Mail) -> EmailMessage:
    """The message as it is sent (and as the `.eml` file is written)."""
    message = EmailMessage(policy=POLICY)
    message["From"] = settings.mail_from
    message["To"] = mail.to
    message["Subject"] = _subject(mail)
    message["Date"] = formatdate(usegmt=True)
    message["Message-ID"] = make_msgid(domain=settings.host.split(":")[0] or "localhost")
    message["Content-Language"] = "nl, en"
    if mail.optional:
        message["List-Unsubscribe"] = f"<{opt_out_url(settings, mail.to)}>"
    message.set_content(_plain(settings, mail))
    message.add_alternative(_html(settings, mail), subtype="html")
    return message
