"""Issuing: single, batch (JSON or CSV) and EVC issuance."""

from __future__ import annotations

from schemas.errors.base import (
    ConflictError,
    DomainError,
    InvalidInputError,
    MalformedInputError,
    NotFoundError,
    PermissionDeniedError,
)


class BatchRejectedError(InvalidInputError):
    """At least one item of a batch is bad; `errors` lists every bad item, nothing is issued.
    When every bad item is an exact re-issue the code is `already-issued`."""

    code = "batch-rejected"


class AlreadyIssuedError(InvalidInputError):
    """The holder still holds a certificate of this very module version (not revoked, not
    expired); issuing it again takes `reissue`."""

    code = "already-issued"


class IdempotencyKeyError(DomainError):
    """The Idempotency-Key header is missing or unusable (400)."""

    code = "idempotency-key-required"


class CsvHeaderError(InvalidInputError):
    """The CSV header row lacks a column, has an unknown one, or has one twice; the problem
    names the columns `found`, `missing`, `unknown` and `twice`."""

    code = "bad-csv-header"


class RepeatedRowError(InvalidInputError):
    """The same learner and module appear twice in one batch (a mistake in the file, refused
    also with `reissue`: one batch never issues the same certificate twice)."""

    code = "duplicate-row"


class BadCsvRowError(InvalidInputError):
    code = "bad-csv-row"


class BadIdempotencyKeyError(IdempotencyKeyError):
    code = "bad-idempotency-key"


class BadValidUntilError(InvalidInputError):
    code = "bad-valid-until"


class BatchTooLargeError(InvalidInputError):
    code = "batch-too-large"


class CredentialNotFoundError(NotFoundError):
    code = "credential-not-found"


class EmptyBatchError(InvalidInputError):
    code = "empty-batch"


class EvcRecordNotFoundError(NotFoundError):
    code = "evc-record-not-found"


class IdempotencyKeyReusedError(ConflictError):
    code = "idempotency-key-reused"


class InvalidItemError(InvalidInputError):
    code = "invalid-item"


class MalformedCsvError(MalformedInputError):
    code = "malformed-csv"


class ModuleNotPublishedError(ConflictError):
    code = "module-not-published"


class NotCredentialIssuerError(PermissionDeniedError):
    code = "not-credential-issuer"


class CheckedOnlyError(InvalidInputError):
    """Never on the wire: the stand-in item the provider's cohort page adds to a chunk once an
    earlier chunk had bad rows, so that the chunk's rows are checked and none is signed."""

    code = "check-only"


class UnknownSchemeError(InvalidInputError):
    """A person certificate names a certificate scheme the catalogue does not know: its name
    comes from the catalogue, so the scheme is added there first."""

    code = "unknown-scheme"
