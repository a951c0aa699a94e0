"""The verification pipeline of DESIGN section 5, for one credential.

Everything it needs arrives through a `VerifierConfig`: the trust list, a source of decoded
status lists, extra DID documents and a clock. Nothing is ever fetched. The hot path (one of our
own VC-JOSE-COSE credentials) splits and checks the JWS by hand, verifies the signature, decodes
the payload twice with msgspec (a strict dict for the claims, the typed OB 3.0 Struct for
everything after) and reads status bits from lists that the source decoded once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import msgspec

from credentials.claims import (
    CLAIMS,
    AnyCredential,
    claims_problem,
    issuer_id,
    legacy_credential,
    outside_window,
)
from credentials.clr import NestedVerifier, nested_reports
from credentials.documents import (
    UNKNOWN_CONTEXT,
    canonical_payload,
    decode_credential,
    issuer_of,
    summary_of,
    unknown_context,
)
from credentials.jws import ParsedJws, parse_compact, strict_json, verify_jws
from credentials.keydocs import KeyStore
from credentials.keysource import KeyLookup, bind_issuer, find_key, unknown_key
from credentials.report import Checks
from credentials.status import StatusList
from credentials.status_check import StatusReader, StatusSource
from credentials.trust import TrustList, achievement_id_problem
from schemas.credentials import AchievementCredentialDoc, ClrCredentialDoc, CredentialStatus
from schemas.errors.credentials import AlgNotSupportedError, JwsError
from schemas.kinds import kind_of_achievement_type
from schemas.verification import Report, Verdict

CREDENTIAL_TYPS = frozenset({"vc+jwt", "vc+ld+jwt", "JWT", None})
STEPS = (
    "jws",
    "payload",
    "issuer-key",
    "signature",
    "issuer-binding",
    "claims",
    "dates",
    "schema",
    "status",
    "accreditation",
)


def _no_status(_: str) -> StatusList | None:
    return None


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class VerifierConfig(msgspec.Struct, kw_only=True, frozen=True):
    """What a verifier trusts and where it reads status; all injected, nothing fetched."""

    trust_list: TrustList | None = None
    status_lists: StatusSource = _no_status
    # Supplied DID documents, key documents and JWKS (an empty store knows no keys).
    documents: KeyStore = msgspec.field(default_factory=KeyStore)
    clock: Callable[[], dt.datetime] = _utc_now
    leeway: dt.timedelta = dt.timedelta(minutes=5)
    max_bytes: int = 256_000


class CredentialPipeline:
    """One credential through the checks, in the order of DESIGN section 5."""

    def __init__(self, config: VerifierConfig, nested: NestedVerifier | None = None) -> None:
        self.config = config
        # How a CLR's nested credentials are verified (credentials.clr); None: not opened.
        self.nested = nested
        self.checks = Checks()
        self.lookup: KeyLookup | None = None
        # The issuer the binding was checked for (what the later checks speak about).
        self.issuer: str | None = None

    # ------------------------------------------------------------------ JWS front half

    def run_jws(self, token: str | bytes) -> Report:
        """Verify a VC-JOSE-COSE credential (or the older VC 1.1 `vc`-claim form)."""
        parsed = self._parse(token)
        if parsed is None:
            return self.stop("the token could not be read")
        signed = canonical_payload(parsed.payload)
        if signed is not None:
            # Fast path: our own canonical encoding, decoded once into the typed document.
            self.checks.passed("payload", "vc-jose-cose")
            claims = {c: getattr(signed, c) for c in CLAIMS if getattr(signed, c) is not None}
            return self._signed(parsed, issuer_of(signed), lambda: (signed, ""), claims)
        payload = self._payload(parsed)
        credential = self._credential(payload) if payload is not None else None
        if payload is None or credential is None:
            return self.stop("the token could not be read")
        raw = parsed.payload if credential is payload else None
        return self._signed(
            parsed, issuer_id(credential), lambda: self.decode(credential, raw), payload
        )

    def _signed(
        self,
        parsed: ParsedJws,
        issuer: str | None,
        decode: Callable[[], tuple[AnyCredential | None, str]],
        claims: Mapping[str, Any],
    ) -> Report:
        if not self.issuer_key(parsed.header.get("kid"), issuer):
            return self.stop("there is no key to check the signature with")
        assert self.lookup is not None
        if not verify_jws(parsed, self.lookup.key):
            self.checks.failed(
                "signature", "invalid", "signature-invalid", "the signature does not match"
            )
            return self.stop("the signature is not valid")
        self.checks.passed("signature", "signature-valid")
        if not self.issuer_binding(issuer):
            return self.stop("the credential names no issuer")
        doc, problem = decode()
        return self.finish(doc, problem, claims)

    def stop(self, reason: str) -> Report:
        self.checks.skip_rest(STEPS, reason)
        return self.checks.report(None)

    def _parse(self, token: str | bytes) -> ParsedJws | None:
        try:
            parsed = parse_compact(token, max_bytes=self.config.max_bytes)
        except JwsError as error:
            # An algorithm we do not read means "we cannot check this", not "this is false".
            unknown_alg = isinstance(error, AlgNotSupportedError)
            verdict: Verdict = "cannot-verify" if unknown_alg else "invalid"
            self.checks.failed("jws", verdict, error.code, error.message)
            return None
        typ = parsed.header.get("typ")
        if typ not in CREDENTIAL_TYPS:
            self.checks.failed("jws", "invalid", "wrong-typ", f"typ {typ!r} is not a credential")
            return None
        self.checks.passed("jws", "well-formed")
        return parsed

    def _payload(self, parsed: ParsedJws) -> dict[str, Any] | None:
        try:
            payload = strict_json(parsed.payload)
        except JwsError as error:
            self.checks.failed("payload", "invalid", error.code, error.message)
            return None
        if not isinstance(payload, dict):
            self.checks.failed("payload", "invalid", "bad-json", "the payload is not a JSON object")
            return None
        return payload

    def _credential(self, payload: dict[str, Any]) -> dict[str, Any] | None:
        """The credential: the payload itself, or its `vc` claim in the VC 1.1 JWT form."""
        if "@context" in payload:
            self.checks.passed("payload", "vc-jose-cose")
            return payload
        vc = payload.get("vc")
        if isinstance(vc, dict) and "@context" in vc:
            self.checks.passed("payload", "vc-jwt-1.1")
            return legacy_credential(payload, vc)
        self.checks.failed("payload", "invalid", "not-a-credential", "no @context and no vc claim")
        return None

    def issuer_key(self, kid: object, claimed_issuer: str | None = None) -> bool:
        """Find the key named by `kid` (whose it is, is judged after the signature; an unknown
        key is judged by the issuer the credential claims too: `unknown_key`)."""
        if not isinstance(kid, str) or not kid:
            # Keys in the header (jwk, x5c) are never used: without a kid we cannot find it.
            self.checks.failed(
                "issuer-key", "cannot-verify", "no-kid", "the token names no issuer key"
            )
            return False
        config = self.config
        self.lookup = find_key(kid, config.trust_list, config.documents)
        if self.lookup is None:
            self.checks.failed("issuer-key", *unknown_key(kid, config.trust_list, claimed_issuer))
            return False
        self.checks.passed("issuer-key", self.lookup.source, kid)
        return True

    def issuer_binding(self, issuer: str | None) -> bool:
        """After a good signature: is the signing key the issuer's? (False: no issuer.)"""
        assert self.lookup is not None
        if issuer is None:
            self.checks.failed(
                "issuer-binding", "invalid", "no-issuer", "the credential names no issuer"
            )
            return False
        self.issuer = issuer
        if self.lookup.controller == issuer:  # the usual case, kept cheap
            self.checks.passed("issuer-binding", "issuers-key")
            return True
        config = self.config
        binding = bind_issuer(self.lookup, issuer, config.trust_list, config.documents)
        if binding.verdict is None:
            self.checks.passed("issuer-binding", binding.code, binding.message)
        else:
            self.checks.failed("issuer-binding", binding.verdict, binding.code, binding.message)
        return True

    # ------------------------------------------------------------------ shared back half

    def finish(
        self,
        doc: AnyCredential | None,
        problem: str,
        claims: Mapping[str, Any] | None = None,
    ) -> Report:
        """Claims, dates, structure, status and accreditation, after a good signature."""
        if doc is None:
            self.checks.skipped("claims", "not-run", "the credential could not be read")
            self.checks.skipped("dates", "not-run", "the credential could not be read")
            if problem.startswith(UNKNOWN_CONTEXT):
                # Never fetched: without the context we cannot know what the terms mean.
                self.checks.failed("schema", "cannot-verify", "unknown-context", problem)
            else:
                code, _, message = problem.partition(": ")
                self.checks.failed("schema", "invalid", code, message)
            return self.stop("the credential could not be read")
        unknown = unknown_context(doc.context)
        if unknown is not None:
            # Before claims and dates: an unknown context means we cannot read it at all.
            return self.finish(None, f"{UNKNOWN_CONTEXT} {unknown}")
        if claims is not None:
            self._claims(claims, doc)
        self._dates(doc, claims or {})
        self._schema(doc)
        self._status(doc)
        # A CLR's nested credentials before trust, which comes last (the verdict order).
        nested = None
        if isinstance(doc, ClrCredentialDoc):
            nested = nested_reports(self.checks, doc, self.nested)
        self._accreditation(doc)
        report = self.checks.report(summary_of(doc, self._trusted_name(doc)))
        if nested is not None:
            report.credentials = nested
        return report

    def decode(
        self, credential: Mapping[str, Any], raw: bytes | None = None
    ) -> tuple[AnyCredential | None, str]:
        return decode_credential(credential, raw)

    def _schema(self, doc: AnyCredential) -> None:
        if not isinstance(doc, AchievementCredentialDoc):
            self.checks.passed("schema", "clr" if isinstance(doc, ClrCredentialDoc) else "vc")
            return
        problem = achievement_id_problem(doc.credential_subject.achievement.id)
        if problem is not None:
            # Its id could name something outside the scope it seems to be in: see trust.py.
            self.checks.failed("schema", "invalid", "invalid-achievement-id", problem)
        else:
            self.checks.passed("schema", "ob3")

    def _claims(self, claims: Mapping[str, Any], doc: AnyCredential) -> None:
        """Registered claims must say what the credential says (VC-JOSE-COSE section 3.1.2)."""
        problem = claims_problem(claims, doc, self.issuer or issuer_of(doc))
        if problem is not None:
            self.checks.failed("claims", "invalid", *problem)
        else:
            self.checks.passed("claims", "consistent")

    def _dates(self, doc: AnyCredential, claims: Mapping[str, Any]) -> None:
        outside = outside_window(doc, claims, self.config.clock(), self.config.leeway)
        if outside is not None:
            verdict, message = outside
            self.checks.failed("dates", verdict, verdict, message)
        elif not self.key_valid_at(doc.valid_from):
            self.checks.failed(
                "dates", "invalid", "key-not-valid", "the key was not valid when this was issued"
            )
        else:
            self.checks.passed("dates", "in-window")

    def _trusted_name(self, doc: AnyCredential) -> str | None:
        """The trust list's name for the issuer, when its key came from the trust list."""
        trust_list = self.config.trust_list
        lookup = self.lookup
        if lookup is None or not lookup.trusted or trust_list is None:
            return None
        issuer = self.issuer or issuer_of(doc)
        if lookup.controller != issuer:
            return None
        listed = trust_list.trusted_issuer(issuer)
        return listed.name if listed is not None else None

    def key_valid_at(self, at: dt.datetime | None) -> bool:
        if self.lookup is None or at is None:
            return True
        start, end = self.lookup.valid_from, self.lookup.valid_until
        return (start is None or at >= start - self.config.leeway) and (end is None or at < end)

    def _status(self, doc: AnyCredential) -> None:
        entries = doc.credential_status
        if entries is None:
            self.checks.skipped("status", "no-status", "the credential has no status entry")
            return
        self.status(entries if isinstance(entries, list) else [entries])

    def status(self, entries: list[CredentialStatus]) -> None:
        """The status check over these entries (an SD-JWT VC carries ours too), as the
        Bitstring Status List validate algorithm says (`credentials.status_check`): every list
        an entry needs (for a revocation entry also its sibling suspension list, our
        convention) must be at hand, signed by the credential's issuer, of the entry's purpose
        and in its validity window; else the status is unknown, never "active"."""
        config = self.config
        reader = StatusReader(
            config.status_lists,
            self.issuer,
            ours=self._ours(),
            now=config.clock(),
            leeway=config.leeway,
        )
        outcome = reader.check(entries)
        if outcome.verdict is None:
            self.checks.passed("status", outcome.code, outcome.message)
        else:
            self.checks.failed("status", outcome.verdict, outcome.code, outcome.message)

    def _ours(self) -> bool:
        """Whether the issuer is one of the operator's own (trust list): only their revocation
        lists always have a sibling suspension list (our convention), so only for them is a
        missing sibling a status we cannot know. Another issuer's sibling counts when at hand."""
        trust_list = self.config.trust_list
        return self.issuer is not None and (
            trust_list is not None and trust_list.gives_every_key_of(self.issuer)
        )

    def _accreditation(self, doc: AnyCredential) -> None:
        trust_list = self.config.trust_list
        if self.lookup is None or not self.lookup.trusted or trust_list is None:
            self.checks.failed(
                "accreditation",
                "untrusted-issuer",
                "issuer-not-trusted",
                "the issuer is not on the trust list",
            )
            return
        if not isinstance(doc, AchievementCredentialDoc):
            # Accreditations name kinds of achievements; other credentials have none.
            self.checks.failed(
                "accreditation", "untrusted-issuer", "not-accredited", "no accredited kind"
            )
            return
        achievement = doc.credential_subject.achievement
        kind = kind_of_achievement_type(achievement.achievement_type)
        issuer, at = self.issuer or issuer_of(doc), doc.valid_from
        creator = achievement.creator.id if achievement.creator is not None else None
        if kind is not None and trust_list.accredited(
            issuer, kind, achievement.id, at, creator=creator
        ):
            self.checks.passed("accreditation", "accredited")
        elif kind is not None and trust_list.accredited(
            issuer, kind, achievement.id, at, creator=issuer
        ):
            # Accredited only for achievements it made itself, and this one names another.
            self.checks.failed(
                "accreditation",
                "untrusted-issuer",
                "creator-not-issuer",
                "the issuer may issue only its own achievements, and this names another creator",
            )
        else:
            self.checks.failed(
                "accreditation",
                "untrusted-issuer",
                "not-accredited",
                "the issuer may not issue this",
            )


def verify_credential_jws(
    token: str | bytes, config: VerifierConfig, nested: NestedVerifier | None = None
) -> Report:
    """Verify one credential given as a compact JWS (a CLR's nested credentials with
    `nested`; without it they are not opened and the CLR cannot be verified)."""
    return CredentialPipeline(config, nested).run_jws(token)
