"""What the employer's pages show, built from a verification report: one card per credential
with its verdict, and the competences that the valid credentials prove.

Nothing here verifies anything: the reports come from the registry's one verifier
(`registry.sharing.verification`); this only arranges them for people.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from registry.models import Credential
from registry.sharing.opening import OpenedShare
from registry.web.i18n import Lang, day_in_words
from registry.web.pages import verdict_reason
from schemas.kinds import OTHER_KIND, kind_of_achievement_type
from schemas.verification import Check, Report, Verdict


@dataclass(frozen=True, slots=True)
class VerdictCard:
    """One credential as a person reads it: the verdict first, then whose it is and what it
    is about. `issuer` is the trust list's name when `issuer_confirmed`, else only the name
    the credential claims for itself; `holder_name` is the name in the credential."""

    verdict: Verdict
    achievement: str | None
    issuer: str | None
    issued: dt.date | None
    valid_until: dt.date | None
    kind: str | None
    credential_id: str | None
    checks: list[Check]
    holder_name: str | None = None
    issuer_confirmed: bool = False
    status_reason: str | None = None
    status_changed_at: dt.datetime | None = None
    # A selectively disclosed credential: the provider's notes when shared, and the parts
    # the worker left out ("name", "date", "notes").
    notes: str | None = None
    withheld: tuple[str, ...] = ()

    @property
    def reason(self) -> str:
        """The message key saying why (`registry.web.pages.verdict_reason`)."""
        return verdict_reason(self.verdict, self.checks)


@dataclass(frozen=True, slots=True)
class CompetenceLine:
    """A competence and the valid credentials that prove it."""

    uri: str
    label: str
    framework: str
    achievements: list[str]


@dataclass(frozen=True, slots=True)
class CompetenceGroup:
    """The competences proven by the valid credentials in one name: `name` is the name their
    issuers signed (None: credentials that name nobody). Never merged across names: skills
    in another name are not this person's."""

    name: str | None
    lines: list[CompetenceLine]


@dataclass(frozen=True, slots=True)
class ShareView:
    """An opened share as its HTML page shows it. `shared_by` is the sharing account's name,
    which nobody checked: the page says who shared, never whose skills these are by it.
    `holder_names` are the names in the credentials, the ones an employer compares with an
    identity document."""

    shared_by: str
    recipient_name: str | None
    expires_at: dt.datetime
    verdict: Verdict
    cards: list[VerdictCard]
    presentation_failed: bool
    presentation_checks: list[Check]
    groups: list[CompetenceGroup] = field(default_factory=list)
    holder_names: list[str] = field(default_factory=list)

    @property
    def valid_count(self) -> int:
        return sum(1 for card in self.cards if card.verdict == "valid")

    @property
    def uris(self) -> list[str]:
        """Every competence on the page (to name them in the page's language)."""
        return [line.uri for group in self.groups for line in group.lines]

    @property
    def names_differ(self) -> bool:
        """Whether the skills stand under more than one name. A name left out is not another
        name: credentials without one form a group of their own, but no name differs."""
        return sum(1 for group in self.groups if group.name) > 1

    @property
    def name_warning(self) -> str | None:
        """ "several" when the credentials are in more than one name, "other" when they are
        in one name that is not the sharer's, else None."""
        if len(self.holder_names) > 1:
            return "several"
        if self.holder_names and not same_name(self.holder_names[0], self.shared_by):
            return "other"
        return None


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def same_name(first: str, second: str) -> bool:
    """The same name as people write it: case and spacing do not count."""
    return _name_key(first) == _name_key(second)


def holder_names(cards: list[VerdictCard]) -> list[str]:
    """The distinct names in the credentials, in the order of the cards, as first written."""
    names: dict[str, str] = {}
    for card in cards:
        if card.holder_name:
            names.setdefault(_name_key(card.holder_name), card.holder_name)
    return list(names.values())


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        return None


def card_of(report: Report) -> VerdictCard:
    """A card for the report of one credential, with why and when it was revoked or suspended
    where this registry knows (`registry.sharing.verification.add_status_changes`)."""
    summary = report.credential
    if summary is None:
        return VerdictCard(report.verdict, None, None, None, None, None, None, report.checks)
    changed = summary.status_changed_at
    return VerdictCard(
        verdict=report.verdict,
        achievement=summary.achievement,
        issuer=summary.trusted_issuer_name or summary.issuer_name or summary.issuer,
        issued=_date(summary.valid_from),
        valid_until=_date(summary.valid_until),
        kind=kind_of_achievement_type(summary.achievement_type) or OTHER_KIND,
        credential_id=summary.id,
        checks=report.checks,
        holder_name=summary.subject_name,
        issuer_confirmed=summary.trusted_issuer_name is not None,
        status_reason=summary.status_reason,
        status_changed_at=dt.datetime.fromisoformat(changed) if changed else None,
        notes=summary.notes,
        withheld=tuple(summary.withheld or ()),
    )


def is_presentation(report: Report) -> bool:
    """A presentation's report has credentials and no credential of its own; a CLR's has
    both (the CLR, and the credentials it bundles)."""
    return report.credential is None and report.credentials is not None


def cards_of(report: Report) -> list[VerdictCard]:
    """One card per credential: a presentation's credentials, or the one credential."""
    if report.credentials is not None and is_presentation(report):
        return [card_of(item) for item in report.credentials]
    return [card_of(report)]


def nested_cards_of(report: Report) -> list[VerdictCard]:
    """The cards of the credentials a CLR bundles (none for anything else)."""
    if report.credentials is None or is_presentation(report):
        return []
    return [card_of(item) for item in report.credentials]


def presentation_failed(report: Report) -> bool:
    """Whether the presentation itself (holder signature, audience, nonce, dates) failed,
    apart from its credentials."""
    return is_presentation(report) and any(c.status == "failed" for c in report.checks)


def competences_of(rows: list[Credential]) -> list[CompetenceLine]:
    """The competences of these credentials, most evidenced first."""
    lines: dict[str, CompetenceLine] = {}
    for row in rows:
        for competence in row.competences:
            uri = competence.get("uri", "")
            line = lines.get(uri)
            if line is None:
                line = lines[uri] = CompetenceLine(
                    uri=uri,
                    label=competence.get("label", "") or uri,
                    framework=competence.get("framework", ""),
                    achievements=[],
                )
            if row.achievement_name not in line.achievements:
                line.achievements.append(row.achievement_name)
    return sorted(lines.values(), key=lambda c: (-len(c.achievements), c.label.lower()))


def competence_groups(cards: list[VerdictCard], rows: list[Credential]) -> list[CompetenceGroup]:
    """The competences of the credentials whose verdict is valid, one group per name in them
    (the name the issuer signed, read from the verified credential), in the cards' order.
    Cards and rows go together by position (a presentation holds the share's credentials in
    their order): a card whose parts were left out names no id."""
    chosen: dict[str | None, list[Credential]] = {}
    written: dict[str | None, str | None] = {}
    for card, row in zip(cards, rows, strict=False):
        if card.verdict != "valid":
            continue
        key = _name_key(card.holder_name) if card.holder_name else None
        chosen.setdefault(key, []).append(row)
        written.setdefault(key, card.holder_name)
    groups = [CompetenceGroup(written[key], competences_of(found)) for key, found in chosen.items()]
    return [group for group in groups if group.lines]


def share_view(opened: OpenedShare, report: Report) -> ShareView:
    """The page of an opened share from the report of its presentation. The recipient shows
    by account name only: anyone with the link sees this page, so never an address."""
    cards = cards_of(report) if report.credentials is not None else []
    return ShareView(
        shared_by=opened.sharer_name,
        recipient_name=opened.recipient_name,
        expires_at=opened.share.expires_at,
        verdict=report.verdict,
        cards=cards,
        presentation_failed=presentation_failed(report) or report.credentials is None,
        presentation_checks=report.checks,
        groups=competence_groups(cards, opened.credentials),
        holder_names=holder_names(cards),
    )


def day_formatter(lang: Lang) -> Callable[[dt.date | dt.datetime | None], str]:
    """`day(value)`: a date in words ("12 maart 2025"), in the Dutch time zone for moments."""
    return partial(day_in_words, lang)
