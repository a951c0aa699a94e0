"""The words for each reason an issuer can give for revoking or suspending a credential
(`schemas.issuers.StatusReason`), Dutch and English: one table for the pages and the mails."""

from __future__ import annotations

from schemas.issuers import StatusReason

STATUS_REASON_TEXTS: dict[StatusReason, tuple[str, str]] = {
    "unspecified": ("niet opgegeven", "not given"),
    "issued-in-error": ("per vergissing uitgegeven", "issued by mistake"),
    "fraud": ("fraude", "fraud"),
    "assessment-withdrawn": ("de beoordeling is ingetrokken", "the assessment was withdrawn"),
    "superseded": ("vervangen door een nieuw bewijs", "replaced by a new certificate"),
    "holder-request": ("op verzoek van de houder", "at the holder's request"),
    "under-investigation": ("er loopt een onderzoek", "under investigation"),
}


def status_reason_keys() -> dict[str, tuple[str, str]]:
    """The table as text keys `status_reason.<code>`, for a message table."""
    return {f"status_reason.{code}": words for code, words in STATUS_REASON_TEXTS.items()}
