"""The job profile form: what it posts, as the API's body, and what is wrong with it, in plain
words by field. The service (`registry.matching.profiles`) stays the judge: the form only reads
what a browser sends (a number field is text) and says a refusal in the person's language."""

from __future__ import annotations

from typing import Any

import msgspec

from registry.web.i18n import Translate
from registry.web.pages import FormData, refused_path
from schemas.errors import DomainError
from schemas.errors.matching import (
    OccupationMismatchError,
    OccupationUnknownError,
    RequirementConflictError,
)
from schemas.matching import MaxAge

CERTIFICATE_ROWS = 3
CERT_KEYS = ("name", "uri", "age")
# Where a body field is on the form; a certificate's fields are numbered by its row.
WIRE_TO_FIELD = {
    "title": "title",
    "description": "description",
    "region": "region",
    "occupation": "occupation",
    "requirements": "zoek",
}
CERTIFICATE_FIELDS = {"name": "cert_name", "competence": "cert_uri", "maxAgeMonths": "cert_age"}
DOMAIN_FIELDS: dict[type[DomainError], str] = {
    RequirementConflictError: "zoek",
    OccupationUnknownError: "occupation",
    OccupationMismatchError: "occupation",
}


def _age(text: str) -> int | str | None:
    """A certificate's age in whole months; the text itself when it is none (the form shows
    it again with its error); None when empty (no limit)."""
    if not text:
        return None
    try:
        return msgspec.convert(int(text), MaxAge)
    except (ValueError, msgspec.ValidationError):
        return text


def form_lists(data: FormData) -> tuple[dict[str, Any], list[str]]:
    """The profile as the form gives it: requirements kept (`req`/`when_<n>`), ones ticked
    in the search results (`add`, all with `add_when`), and the certificate rows; with the
    fields that cannot be read (a certificate age that is no whole number of months)."""
    kept = data.get("req") or []
    kept = kept if isinstance(kept, list) else [kept]
    requirements = [
        {"competence": uri, "when": data.get(f"when_{n}", "at-start")}
        for n, uri in enumerate(kept)
        if data.get(f"when_{n}") != "remove"
    ]
    added = data.get("add") or []
    added = added if isinstance(added, list) else [added]
    requirements += [{"competence": uri, "when": data.get("add_when", "at-start")} for uri in added]
    certificates: list[dict[str, Any]] = []
    unread: list[str] = []
    for n in range(CERTIFICATE_ROWS):
        name, uri, age = (str(data.get(f"cert_{k}_{n}", "")).strip() for k in CERT_KEYS)
        if name or uri or age:
            # Shown again in list order: the error names the row it will be on.
            if isinstance(_age(age), str):
                unread.append(f"cert_age_{len(certificates)}")
            certificates.append({"name": name, "competence": uri, "maxAgeMonths": _age(age)})
    values = {
        "title": str(data.get("title", "")).strip(),
        "description": str(data.get("description", "")).strip(),
        "region": str(data.get("region", "")).strip() or None,
        "occupation": str(data.get("occupation", "")).strip() or None,
        "requirements": requirements,
        "mandatoryCertificates": certificates,
        "published": data.get("published") == "1",
    }
    return values, unread


def field_text(t: Translate, field: str) -> str:
    """The error of a form field, naming it by its label (a certificate row by its number)."""
    base, _, row = field.rpartition("_") if field.startswith("cert_") else (field, "", "")
    return t(f"jobs.invalid.{base}", n=int(row) + 1 if row else 0)


def field_errors(t: Translate, fields: list[str]) -> dict[str, str]:
    return {field: field_text(t, field) for field in fields}


def _wire_field(path: list[str]) -> str:
    if len(path) == 3 and path[0] == "mandatoryCertificates":
        base = CERTIFICATE_FIELDS.get(path[2])
        return f"{base}_{path[1]}" if base else "form"
    if len(path) == 2 and path[0] == "mandatoryCertificates":
        return f"cert_name_{path[1]}"
    return WIRE_TO_FIELD.get(path[0], "form") if path else "form"


def refused_field(error: msgspec.ValidationError | DomainError) -> str:
    """The form field a refusal of the body or of the service is about ("form" when none)."""
    if isinstance(error, msgspec.ValidationError):
        return _wire_field(refused_path(error))
    for kind, field in DOMAIN_FIELDS.items():
        if isinstance(error, kind):
            return field
    where = str(error.extra.get("field", ""))
    return _wire_field(where.replace("]", "").replace("[", ".").split(".") if where else [])
