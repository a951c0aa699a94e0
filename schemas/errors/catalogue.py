"""The catalogue: providers, frameworks, competences, modules, runs, qualifications, and
the XML and CSV imports."""

from __future__ import annotations

from schemas.errors.base import (
    ConflictError,
    GoneError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
)


class BadFeedUrlError(InvalidInputError):
    """A feed address that is not http(s), or a fetch refused (scheme, size, redirect)."""

    code = "bad-feed-url"


class BadImportDocumentError(InvalidInputError):
    """A document of a known format whose content we cannot take; the message names the line
    or element."""

    code = "bad-import-document"


class CompetenceNotFoundError(NotFoundError):
    code = "competence-not-found"


class DuplicateCompetenceError(ConflictError):
    code = "duplicate-competence"


class DuplicateModuleError(InvalidInputError):
    code = "duplicate-module"


class FeedExistsError(ConflictError):
    code = "feed-exists"


class FeedNotFoundError(NotFoundError):
    code = "feed-not-found"


class FeedUnreadableError(InvalidInputError):
    """A document a feed or directory names could not be read (status, size, time)."""

    code = "feed-unreadable"


class FrameworkExistsError(ConflictError):
    code = "framework-exists"


class FrameworkNotFoundError(NotFoundError):
    code = "framework-not-found"


class ImportFormatUnknownError(InvalidInputError):
    code = "unknown-import-format"


class InvalidDatesError(InvalidInputError):
    code = "invalid-dates"


class ModuleIdRequiredError(InvalidInputError):
    code = "module-id-required"


class NoSuchModuleError(NotFoundError):
    code = "module-not-found"


class ModuleWithdrawnError(ConflictError):
    code = "module-withdrawn"


class NotModuleOwnerError(PermissionDeniedError):
    code = "not-module-owner"


class NotOwnProgramError(PermissionDeniedError):
    """A provider imports only its own programs (EDU-DEX orgUnitId, CTDL owner)."""

    code = "not-own-program"


class NotPublishedError(ConflictError):
    code = "not-published"


class NothingToPublishError(ConflictError):
    code = "nothing-to-publish"


class ProviderExistsError(ConflictError):
    code = "provider-exists"


class ImportProviderRequiredError(InvalidInputError):
    """The operator names the provider an import is for (`provider=`)."""

    code = "import-provider-required"


class QualificationExistsError(ConflictError):
    code = "qualification-exists"


class QualificationNotFoundError(NotFoundError):
    code = "qualification-not-found"


class RunCancelledError(ConflictError):
    code = "run-cancelled"


class RunIdTakenError(ConflictError):
    code = "run-id-taken"


class RunNotFoundError(NotFoundError):
    code = "run-not-found"


class SlugReservedError(InvalidInputError):
    code = "slug-reserved"


class StaleImportError(ConflictError):
    code = "stale-import"


class UnknownCompetenceError(InvalidInputError):
    code = "unknown-competence"


class UnknownModuleError(InvalidInputError):
    code = "unknown-module"


class UnknownProviderError(InvalidInputError):
    code = "unknown-provider"


class VersionNotFoundError(NotFoundError):
    code = "version-not-found"


class SbbDossierInvalidError(InvalidInputError):
    code = "sbb-dossier-invalid"


class QualificationNotImportedError(ConflictError):
    code = "qualification-not-imported"


class EscoCsvError(InvalidInputError):
    """An ESCO occupations or occupation-skill relations file we cannot take: the message
    names the line (the record's first line; the header is line 1) and the column."""

    code = "invalid-esco-csv"


class ImportLanguageRequiredError(InvalidInputError):
    """A file of one language (as ESCO ships them) imported without saying which, or naming
    a language the catalogue does not hold."""

    code = "import-language-required"


class OccupationNotFoundError(NotFoundError):
    code = "occupation-not-found"


class ImportUploadGoneError(GoneError):
    """A previewed file that is no longer kept (applied already, expired, or another
    operator's): upload it again."""

    code = "import-upload-gone"


class EdudexOrgUnitTakenError(ConflictError):
    """An EDU-DEX orgUnitId another provider answers to already (as its EDU-DEX org unit id
    or its slug, which our own export writes as orgUnitId)."""

    code = "edudex-org-unit-taken"


class UnknownOrgUnitError(InvalidInputError):
    """An EDU-DEX document whose orgUnitId names no provider (neither an EDU-DEX org unit id
    the operator recorded nor a slug)."""

    code = "unknown-edudex-org-unit"


class UnknownEscoLanguageError(InvalidInputError):
    """An ESCO file's language (the request's `language`, or a `preferredLabel_<xx>` column)
    that ESCO does not publish: the 24 EU languages, Icelandic, Norwegian, Arabic, Ukrainian."""

    code = "unknown-esco-language"
