"""The credentials library: JWS, Data Integrity proofs, keys, encodings, status lists and
trust lists."""

from __future__ import annotations

from schemas.errors.base import ConflictError, InvalidInputError, MalformedInputError


class JwsError(MalformedInputError):
    """A token (or JSON inside it) that cannot be accepted; `code` says why."""

    code = "bad-jws"


class EncodingError(JwsError):
    """Text that is not strict base64url (a JWS error too: tokens are where it is met)."""

    code = "bad-base64url"


class DataIntegrityError(InvalidInputError):
    """A Data Integrity proof or document that cannot be processed; `code` says why."""

    code = "bad-proof"


class CredentialInputError(InvalidInputError):
    """The data to put in a credential is not acceptable (naive date, bad DID, ...)."""

    code = "bad-credential-input"


class StatusListCredentialError(InvalidInputError):
    """A status list credential that cannot be used."""

    code = "bad-status-list-credential"


class BadBundleError(InvalidInputError):
    """A wallet bundle (`GET /api/me/export`) that cannot be read; the message says which part."""

    code = "bad-bundle"


class TrustListError(InvalidInputError):
    """A trust list that cannot be used; `code` says why."""

    code = "bad-trust-list"


class StatusListError(MalformedInputError):
    """An encoded list that cannot be used, or an index outside the list."""

    code = "bad-status-list"


class StatusListFullError(ConflictError):
    """Every index of the list is in use; the caller starts a new list."""

    code = "status-list-full"


class UnknownContextError(InvalidInputError):
    """A JSON-LD context URL that is not in the local map (and will never be fetched)."""

    code = "unknown-context"


class KeyFormatError(InvalidInputError):
    """A key, DID or wrapped key that cannot be used."""

    code = "bad-key"


class SealError(KeyFormatError):
    """Sealed data that does not open: not sealed, changed, another kind, or another secret."""

    code = "bad-sealed-data"


class BakedError(InvalidInputError):
    """An image that carries no readable credential (a baked badge); `code` says why."""

    code = "not-a-baked-badge"


class SdJwtError(InvalidInputError):
    """An SD-JWT whose disclosures or key binding cannot be accepted; `code` says why."""

    code = "bad-sd-jwt"


class AlgNoneError(JwsError):
    code = "alg-none"


class AlgNotAllowedError(JwsError):
    code = "alg-not-allowed"


class AlgNotSupportedError(JwsError):
    """A real signature algorithm we cannot check (ES512, ES256K, ...): unknown, not false."""

    code = "alg-not-supported"


class BadDidDocumentError(KeyFormatError):
    code = "bad-did-document"


class BadDidError(KeyFormatError):
    code = "bad-did"


class BadDigestError(SdJwtError):
    code = "bad-digest"


class BadDisclosureError(SdJwtError):
    code = "bad-disclosure"


class BadHeaderError(JwsError):
    code = "bad-header"


class BadJsonError(JwsError):
    code = "bad-json"


class BadJsonLdError(DataIntegrityError):
    code = "bad-json-ld"


class BadKeyDocumentError(KeyFormatError):
    """A supplied key document (DID document, issuer profile, JWK, JWKS) with no usable key."""

    code = "bad-key-document"


class BadPngError(BakedError):
    code = "bad-png"


class BadProofValueError(DataIntegrityError):
    code = "bad-proof-value"


class BadStatusIndexError(StatusListError):
    code = "bad-status-index"


class BadSvgError(BakedError):
    code = "bad-svg"


class BadTrustListSignatureError(TrustListError):
    code = "bad-trust-list-signature"


class BadVerificationMethodError(DataIntegrityError):
    code = "bad-verification-method"


class BadWrappedKeyError(KeyFormatError):
    code = "bad-wrapped-key"


class CanonicalizationLimitError(DataIntegrityError):
    code = "canonicalization-limit"


class DuplicateKeyError(JwsError):
    code = "duplicate-key"


class InvalidUtf8Error(JwsError):
    code = "invalid-utf8"


class MissingProofError(DataIntegrityError):
    code = "missing-proof"


class NotCanonicalizableError(DataIntegrityError):
    code = "not-canonicalizable"


class NotCompactJwsError(JwsError):
    code = "not-compact-jws"


class ProofContextMismatchError(DataIntegrityError):
    code = "proof-context-mismatch"


class ProofPurposeMismatchError(DataIntegrityError):
    code = "proof-purpose-mismatch"


class RepeatedDigestError(SdJwtError):
    code = "repeated-digest"


class RepeatedDisclosureError(SdJwtError):
    code = "repeated-disclosure"


class SdAlgNotSupportedError(SdJwtError):
    code = "sd-alg"


class StatusListTooLargeError(StatusListError):
    code = "status-list-too-large"


class TokenTooLargeError(JwsError):
    code = "token-too-large"


class TrustListKeyUnknownError(TrustListError):
    code = "trust-list-key-unknown"


class TrustListOverlapError(TrustListError):
    code = "trust-list-overlap"


class UndefinedTermError(DataIntegrityError):
    code = "undefined-term"


class UnknownCritError(JwsError):
    code = "unknown-crit"


class UnknownCryptosuiteError(DataIntegrityError):
    code = "unknown-cryptosuite"


class UnknownProofTypeError(DataIntegrityError):
    code = "unknown-proof-type"


class UnreferencedDisclosureError(SdJwtError):
    code = "unreferenced"
