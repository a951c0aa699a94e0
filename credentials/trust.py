"""The operator's trust list: which issuers, with which keys, may issue what, and when.

Verifiers trust an issuer only through a trust list they were configured with. The list is
a compact JWS (typ "trust-list+jwt") signed by the operator; the operator key is configured
out of band, never taken from the token. Loading validates every key once and indexes them,
so `key_for` on the verify path is one dict lookup.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple
from urllib.parse import urlsplit, urlunsplit

import msgspec

from credentials.did import keys_from_did_document
from credentials.jws import parse_compact, sign_compact, strict_json, verify_jws
from credentials.keys import SigningKey, VerifyingKey
from schemas.errors.credentials import (
    BadTrustListSignatureError,
    JwsError,
    KeyFormatError,
    TrustListError,
    TrustListKeyUnknownError,
    TrustListOverlapError,
)
from schemas.errors.sharing import BadTrustAnchorError
from schemas.kinds import kind_spec
from schemas.trust import (
    Accreditation,
    AccreditationKind,
    TrustedIssuer,
    TrustedKey,
    TrustListDocument,
)

__all__ = [
    "TRUST_LIST_TYP",
    "Accreditation",
    "TrustAnchor",
    "TrustList",
    "TrustListError",
    "TrustedIssuer",
    "TrustedKey",
    "achievement_id_problem",
    "covers",
    "load_trust_list",
    "load_trust_list_unverified",
    "merge_trust_lists",
    "normalise_url",
    "own_scope",
    "sign_trust_list",
    "within",
]

TRUST_LIST_TYP = "trust-list+jwt"
_BOUNDARIES = "/#?"
# A dot, slash or backslash written as a percent escape: a server may decode it and then walk
# out of the prefix a scope names, while the text still starts with that prefix.
_ENCODED_PATH_CHARACTERS = re.compile(r"%(2e|2f|5c)", re.IGNORECASE)
MAX_TRUST_LIST_BYTES = 16 * 1024 * 1024


class _KeyEntry(NamedTuple):
    key: VerifyingKey
    record: TrustedKey
    issuer: TrustedIssuer


class _Patterns(NamedTuple):
    """Achievement patterns ready for matching: the set, and the lengths that occur in it."""

    exact: frozenset[str]
    lengths: tuple[int, ...]


class _Scope(NamedTuple):
    """One accreditation made ready for lookups (patterns None: any achievement)."""

    kind: AccreditationKind
    patterns: _Patterns | None
    own: bool
    valid_from: dt.datetime
    valid_until: dt.datetime | None


class _Index(NamedTuple):
    keys: dict[str, _KeyEntry]
    issuers: dict[str, TrustedIssuer]
    scopes: dict[str, list[_Scope]]


class TrustList(TrustListDocument, kw_only=True, rename="camel", dict=True):
    """A trust list with lookups. Treat it as read-only: lookups are indexed on first use."""

    @functools.cached_property
    def _index(self) -> _Index:
        keys: dict[str, _KeyEntry] = {}
        issuers: dict[str, TrustedIssuer] = {}
        for issuer in self.issuers:
            if issuer.did in issuers:
                raise TrustListError(f"issuer {issuer.did} is listed twice")
            issuers[issuer.did] = issuer
            for record in issuer.keys:
                # A kid must belong to the issuer that lists it, or one issuer could vouch
                # for keys under another's DID.
                if not record.kid.startswith(issuer.did + "#") or record.kid in keys:
                    raise TrustListError(f"key {record.kid} is misplaced or listed twice")
                try:
                    key = VerifyingKey.from_jwk(record.jwk)
                except KeyFormatError as exc:
                    raise TrustListError(f"key {record.kid}: {exc.message}") from None
                keys[record.kid] = _KeyEntry(key, record, issuer)
        scopes = {
            issuer.did: [_scope(accreditation) for accreditation in issuer.accreditations]
            for issuer in self.issuers
        }
        return _Index(keys, issuers, scopes)

    def key_for(self, kid: str) -> VerifyingKey | None:
        """The issuer key named by a JWS `kid` (a full DID URL), retired keys included."""
        entry = self._index.keys.get(kid)
        return entry.key if entry is not None else None

    def key_record(self, kid: str) -> TrustedKey | None:
        """The listing of a key (status and validity window), for date checks."""
        entry = self._index.keys.get(kid)
        return entry.record if entry is not None else None

    def trusted_issuer(self, did: str) -> TrustedIssuer | None:
        """The listing of an issuer (None when it is not on the list)."""
        return self._index.issuers.get(did)

    @functools.cached_property
    def _own_issuers(self) -> frozenset[str]:
        """The operator's own issuers (DIDs under the operator's DID), with keys here or not:
        one listed without keys has none yet, so no key is its."""
        operator = self.issuer + ":"
        return frozenset(i.did for i in self.issuers if i.did.startswith(operator))

    def gives_every_key_of(self, did: str) -> bool:
        """Whether the list gives every key the issuer ever had, retired ones included: so for
        the operator's own issuers, whose keys the operator made. A foreign issuer is listed
        with the keys of a document it gave once, and may have made keys since."""
        return did in self._own_issuers

    def accredited(
        self,
        issuer_did: str,
        kind: AccreditationKind,
        achievement_id: str,
        at: dt.datetime,
        *,
        creator: str | None = None,
    ) -> bool:
        """Whether the issuer could issue this kind of achievement at `at` (aware).

        `creator` is the achievement's `creator.id`: an accreditation scoped to the issuer's
        own achievements counts only when it is the issuer itself.
        """
        if at.tzinfo is None or at.utcoffset() is None:
            raise ValueError("`at` must be timezone-aware")
        scoped_id = _scoped_form(achievement_id)
        if scoped_id is None:
            return False
        for scope in self._index.scopes.get(issuer_did, ()):
            if scope.kind != kind or not within(scope.valid_from, scope.valid_until, at):
                continue
            if scope.own and creator != issuer_did:
                continue
            if scope.patterns is None or _matches(scope.patterns, scoped_id):
                return True
        return False


def within(valid_from: dt.datetime, valid_until: dt.datetime | None, at: dt.datetime) -> bool:
    """Whether `at` falls in an accreditation's window: from its start, until (not at) its end;
    no end is open-ended. The trust list and the accreditation listings judge it the same."""
    return valid_from <= at and (valid_until is None or at < valid_until)


def _scope(accreditation: Accreditation) -> _Scope:
    achievements = accreditation.achievements
    # Only an empty list means any: a list of empty strings covers nothing. For a kind whose
    # accreditations must list what they cover (certificate schemes), an empty list covers
    # nothing either: an exam institute is accredited per scheme, never for any.
    listed = bool(achievements) or kind_spec(accreditation.kind).listed_achievements
    return _Scope(
        kind=accreditation.kind,
        patterns=_compile(achievements) if listed else None,
        own=accreditation.own_achievements,
        valid_from=accreditation.valid_from,
        valid_until=accreditation.valid_until,
    )


def achievement_id_problem(achievement_id: str) -> str | None:
    """Why an achievement id cannot be matched against URL prefixes, or None.

    `https://x/modules/../../other/1` starts with `https://x/modules/` but names something
    outside it. Rather than guess how the server behind it resolves such a path, an id whose
    path has `.` or `..` segments, or a percent-encoded dot, slash or backslash, is refused
    outright (ids that are no URL with a host, such as URNs, have no path to walk)."""
    if "%" not in achievement_id and "\\" not in achievement_id and "/." not in achievement_id:
        return None  # the common case, without parsing the URL
    parts = urlsplit(achievement_id)
    if not parts.scheme or not parts.netloc:
        return None
    if _ENCODED_PATH_CHARACTERS.search(parts.path) or "\\" in parts.path:
        return "the path has a percent-encoded dot or slash, or a backslash"
    if any(segment in {".", ".."} for segment in parts.path.split("/")):
        return "the path has . or .. segments"
    return None


def normalise_url(url: str) -> str:
    """A URL with its scheme and host in lower case and its dot segments removed (RFC 3986
    section 5.2.4), so prefixes are compared on what the URL names, not how it is written.
    Text that is no URL with a host is returned as it is."""
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return url
    path = _remove_dot_segments(parts.path)
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), path, parts.query, parts.fragment)
    )


def _scoped_form(achievement_id: str) -> str | None:
    """The id as prefixes are matched against, or None when it is refused. An id without "%",
    a backslash or "/." whose scheme and host are in lower case (every id this registry
    issues) is that already: the verify path then skips parsing the URL."""
    if "%" not in achievement_id and "\\" not in achievement_id and "/." not in achievement_id:
        end = achievement_id.find("/", achievement_id.find("//") + 2)
        head = achievement_id[:end] if end > 0 else achievement_id
        if head == head.lower():
            return achievement_id
    if achievement_id_problem(achievement_id) is not None:
        return None
    return normalise_url(achievement_id)


def _remove_dot_segments(path: str) -> str:
    absolute = path.startswith("/")
    segments = path.split("/")[1:] if absolute else path.split("/")
    output: list[str] = []
    for segment in segments:
        if segment == "..":
            if output:
                output.pop()
        elif segment != ".":
            output.append(segment)
    if segments and segments[-1] in {".", ".."}:
        output.append("")  # "/a/b/.." names the directory "/a/"
    return ("/" if absolute else "") + "/".join(output)


def _compile(patterns: Iterable[str]) -> _Patterns:
    exact = frozenset(normalise_url(p) for p in patterns if p)
    return _Patterns(exact, tuple(sorted({len(p) for p in exact})))


def _matches(patterns: _Patterns, achievement_id: str) -> bool:
    """An exact URL, or a prefix ending at a URL boundary (so ".../modules/1" and
    ".../modules/1/" cover ".../modules/1/versions/2", and ".../modules/12" does not).

    One slice and set lookup per distinct pattern length (module URLs all have the same
    length), so the check stays cheap however many modules an issuer owns.
    """
    size = len(achievement_id)
    for length in patterns.lengths:
        if length > size:
            break
        prefix = achievement_id[:length]
        if prefix in patterns.exact and (
            length == size or prefix[-1] in _BOUNDARIES or achievement_id[length] in _BOUNDARIES
        ):
            return True
    return False


def covers(patterns: Iterable[str], achievement_id: str) -> bool:
    """Whether any of these achievement patterns covers the id (the trust list's rule)."""
    scoped_id = _scoped_form(achievement_id)
    return scoped_id is not None and _matches(_compile(patterns), scoped_id)


def own_scope(achievements: Sequence[str], own: Sequence[str]) -> list[str]:
    """The part of an accreditation's achievements that lies among the issuer's own ones
    (`own`: URL prefixes of the issuer's modules): every own prefix it covers (all of them
    when it names none, "any"), and every narrower pattern inside an own prefix. Empty when
    nothing is left, which a caller must not publish as "any"."""
    if not achievements:
        return list(own)
    wanted, mine = _compile(achievements), _compile(own)
    kept = [prefix for prefix in own if _matches(wanted, prefix)]
    kept += [pattern for pattern in achievements if pattern and _matches(mine, pattern)]
    return list(dict.fromkeys(kept))


def sign_trust_list(trust_list: TrustListDocument, key: SigningKey, kid: str) -> str:
    """The trust list as a compact JWS signed by the operator."""
    return sign_compact(msgspec.json.encode(trust_list), key, kid=kid, typ=TRUST_LIST_TYP)


class TrustAnchor:
    """The operator key(s) a signed trust list must verify with, configured out of band: the
    current keys of the operator's DID document (`/.well-known/did.json`), or one public JWK.

    Retired keys of a DID document do not anchor anything: a trust list says who is trusted
    now, and whoever holds a retired key could sign a new list with an old date.
    """

    __slots__ = ("_keys", "_only", "source")

    def __init__(
        self,
        source: str,
        *,
        keys: Mapping[str, VerifyingKey] | None = None,
        key: VerifyingKey | None = None,
    ) -> None:
        self.source = source
        self._keys = dict(keys or {})
        self._only = key

    @classmethod
    def from_json(cls, document: object, source: str) -> TrustAnchor:
        """An anchor from a DID document or a JWK (as parsed JSON); raises TrustListError."""
        try:
            if isinstance(document, Mapping) and "kty" in document:
                return cls(source, key=VerifyingKey.from_jwk(document))
            if isinstance(document, Mapping):
                keys = keys_from_did_document(document, current_only=True)
                if keys:
                    return cls(source, keys=keys)
                problem = "it lists no current key"
            else:
                problem = "it is not a JSON object"
        except KeyFormatError as exc:
            problem = exc.message
        raise BadTrustAnchorError(
            f"{source} is neither a DID document with a current key nor a public JWK: {problem}",
        )

    def key_for(self, kid: object) -> VerifyingKey | None:
        """The key a trust list's `kid` names (a bare JWK pins its key whatever the kid)."""
        if self._only is not None:
            return self._only
        return self._keys.get(kid) if isinstance(kid, str) else None


def load_trust_list(token: str | bytes, operator_key: VerifyingKey | TrustAnchor) -> TrustList:
    """Verify a signed trust list against the configured operator key and load it."""
    try:
        parsed = parse_compact(token, max_bytes=MAX_TRUST_LIST_BYTES)
    except JwsError as exc:
        raise TrustListError(f"not a signed trust list: {exc.message}") from None
    if parsed.header.get("typ") != TRUST_LIST_TYP:
        raise TrustListError(f"the token is not a trust list (typ {TRUST_LIST_TYP!r})")
    key = operator_key
    if isinstance(key, TrustAnchor):
        key = _anchor_key(key, parsed.header.get("kid"))
    if not verify_jws(parsed, key):
        raise BadTrustListSignatureError(
            "the trust list signature does not verify with the operator key",
        )
    return load_trust_list_unverified(parsed.payload)


def _anchor_key(anchor: TrustAnchor, kid: object) -> VerifyingKey:
    key = anchor.key_for(kid)
    if key is None:
        raise TrustListKeyUnknownError(
            f"the trust list is signed with {kid!r}, not with a current key of {anchor.source}",
        )
    return key


def merge_trust_lists(lists: Sequence[TrustList]) -> TrustList:
    """Several configured trust lists as one: an issuer is trusted for what the list naming
    it says. An issuer named by two lists is refused rather than guessed at (whose key
    windows and accreditations would count?)."""
    if len(lists) == 1:
        return lists[0]
    first = lists[0]
    merged = TrustList(
        id=first.id,
        issuer=first.issuer,
        issued=first.issued,
        issuers=[issuer for trust_list in lists for issuer in trust_list.issuers],
    )
    seen: dict[str, str] = {}
    for trust_list in lists:
        for issuer in trust_list.issuers:
            if issuer.did in seen:
                raise TrustListOverlapError(
                    f"issuer {issuer.did} is on two trust lists ({seen[issuer.did]} and "
                    f"{trust_list.id})",
                )
            seen[issuer.did] = trust_list.id
    merged._index  # noqa: B018 - validate and index now
    # Each list knows its own operator's issuers; the merged list keeps only the first's id.
    merged.__dict__["_own_issuers"] = frozenset(d for t in lists for d in t._own_issuers)
    return merged


def load_trust_list_unverified(data: str | bytes) -> TrustList:
    """Load a trust list from JSON the caller already trusts (a local, configured file)."""
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    try:
        strict_json(raw)  # duplicate keys could make two readers see two different lists
        trust_list = msgspec.json.decode(raw, type=TrustList)
    except (JwsError, msgspec.DecodeError) as exc:
        raise TrustListError(f"not a trust list: {exc}") from None
    trust_list._index  # noqa: B018 - validate and index every key now, not on first verify
    return trust_list
