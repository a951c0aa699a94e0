"""The EVC form of the assessor pages: read the submitted fields, check them field by field,
and build the issuance request (`EvcIn`) the API accepts.

Checks use the issuance schema's own types (`Email`, `Uri`, the length limits), so the form
accepts exactly what `POST /api/credentials` accepts; errors are message keys per field, so
the page can show each next to its field in the visitor's language.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import msgspec

from registry.web.pages import fits, form_date, form_values
from schemas.catalogue import CompetenceOut, FrameworkOut
from schemas.common import NL_TIME, Email, NonEmpty, Uri
from schemas.issuance import EvcIn
from schemas.kinds import EVC
from schemas.levels import is_level, is_scheme

ROWS = 6
# Werkprocessen picked from one catalogue framework a form holds at most.
PICKS = 100
RESULTS = ("behaald", "niet behaald")
# Evidence methods: the form's value -> (name, genre) as they go into the credential (Dutch,
# like the rest of the credential's text).
METHODS = {
    "portfolio": ("Portfolio", "portfolio"),
    "interview": ("Criteriumgericht interview", "criteriumgericht interview"),
    "observatie": ("Praktijkobservatie", "praktijkobservatie"),
    "assessment": ("Praktijkassessment", "praktijkassessment"),
}
FIELDS = (
    "candidate_email",
    "candidate_name",
    "standard_name",
    "standard_url",
    "standard_description",
    "level_scheme",
    "level_value",
    "evidence_description",
    "valid_until",
)
ROW_FIELDS = ("code", "label", "result", "achieved")
LIMITS = {"code": 80, "label": 200, "achieved": 100}


@dataclass
class EvcForm:
    """What was filled in, and per field what is wrong with it (message keys)."""

    values: dict[str, str]
    rows: list[dict[str, str]]
    methods: list[str]
    errors: dict[str, str] = field(default_factory=dict)
    # The catalogue framework the werkprocessen were picked from (its slug; "" when typed by
    # hand) and per picked werkproces its URI, result and achieved level.
    framework: str = ""
    picks: list[dict[str, str]] = field(default_factory=list)


def empty_form() -> EvcForm:
    return EvcForm(
        values=dict.fromkeys(FIELDS, ""),
        rows=[dict.fromkeys(ROW_FIELDS, "") for _ in range(ROWS)],
        methods=[],
    )


def read_evc_form(data: dict[str, Any]) -> EvcForm:
    """The submitted fields as the form shows them again."""
    chosen = data.get("method") or []
    methods = [str(m) for m in (chosen if isinstance(chosen, list) else [chosen])]
    rows = []
    for index in range(1, ROWS + 1):
        named = form_values(data, *(f"{name}_{index}" for name in ROW_FIELDS))
        rows.append({name: named[f"{name}_{index}"] for name in ROW_FIELDS})
    picks = []
    for index in range(1, PICKS + 1):
        named = form_values(data, *(f"pick{part}_{index}" for part in ("", "_result", "_achieved")))
        if not named[f"pick_{index}"]:
            break
        picks.append(
            {
                "uri": named[f"pick_{index}"],
                "result": named[f"pick_result_{index}"],
                "achieved": named[f"pick_achieved_{index}"],
            }
        )
    framework = form_values(data, "framework")["framework"]
    return EvcForm(
        values=form_values(data, *FIELDS),
        rows=rows,
        methods=methods,
        framework=framework,
        picks=picks,
    )


def check_evc_form(
    form: EvcForm,
    today: dt.date,
    standard: FrameworkOut | None = None,
    known: dict[str, CompetenceOut] | None = None,
) -> EvcIn | None:
    """The issuance request, or None with `form.errors` filled in. With a catalogue
    `standard`, it names the standard and `known` holds its werkprocessen the form picked."""
    values, errors = form.values, form.errors
    if standard is not None:
        values["standard_name"], values["standard_url"] = standard.name, standard.uri
    check_candidate(values, errors)
    _check_standard(values, errors)
    level = _check_level(values, errors)
    if standard is not None:
        competences = _check_picks(form, standard, known or {})
    elif form.framework:
        competences = []  # a framework no longer in the catalogue: said on the form already
    else:
        competences = _check_rows(form, values["standard_url"])
    evidence = _check_evidence(form)
    valid_until = check_valid_until(values["valid_until"], today, errors)
    if errors:
        return None
    body = {
        "kind": EVC.kind,
        "holder": {"email": values["candidate_email"], "name": values["candidate_name"]},
        "standard": {
            "url": values["standard_url"],
            "name": values["standard_name"],
            "description": values["standard_description"] or values["standard_name"],
            "werkprocessen": [c for c, _, _ in competences],
            "level": level,
        },
        "results": [
            {"competence": c, "status": status, "achievedLevel": achieved or None}
            for c, status, achieved in competences
        ],
        "evidence": evidence,
        "validUntil": valid_until,
    }
    try:
        return msgspec.convert(body, EvcIn)
    except msgspec.ValidationError:
        # Every field was checked above; this only guards against the schema moving on.
        errors["evc-form"] = "assessor.error.invalid"
        return None


def check_candidate(values: dict[str, str], errors: dict[str, str]) -> None:
    email, name = values["candidate_email"], values["candidate_name"]
    if not email:
        errors["candidate_email"] = "assessor.error.email_required"
    elif not fits(email, Email):
        errors["candidate_email"] = "assessor.error.email_invalid"
    if not name:
        errors["candidate_name"] = "assessor.error.name_required"
    elif not fits(name, NonEmpty):
        errors["candidate_name"] = "assessor.error.too_long"


def _check_standard(values: dict[str, str], errors: dict[str, str]) -> None:
    name, url = values["standard_name"], values["standard_url"]
    if not name:
        errors["standard_name"] = "assessor.error.standard_name_required"
    elif not fits(name, NonEmpty):
        errors["standard_name"] = "assessor.error.too_long"
    if not url:
        errors["standard_url"] = "assessor.error.standard_url_required"
    elif not fits(url, Uri) or len(url) > 400:
        # 400, not 500: a werkproces address is the standard's address plus its code.
        errors["standard_url"] = "assessor.error.standard_url_invalid"
    if len(values["standard_description"]) > 20_000:
        errors["standard_description"] = "assessor.error.too_long"


def _check_level(values: dict[str, str], errors: dict[str, str]) -> dict[str, Any] | None:
    scheme, raw = values["level_scheme"], values["level_value"]
    if not scheme and not raw:
        return None
    if not is_scheme(scheme):
        errors["level_scheme"] = "assessor.error.level_scheme"
        return None
    if not raw.isdigit() or not is_level(scheme, int(raw)):
        errors["level_value"] = f"assessor.error.level_value_{scheme}"
        return None
    return {"scheme": scheme, "value": int(raw)}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "werkproces"


def _competence_uri(standard_url: str, code: str, label: str) -> str:
    """A werkproces's address: the standard's address plus its code (or its name)."""
    base = standard_url.rstrip("/")
    return f"{base}/{quote(code, safe='-._~')}" if code else f"{base}#{_slug(label)}"


def _check_rows(form: EvcForm, standard_url: str) -> list[tuple[dict[str, Any], str, str]]:
    """Filled rows as (competence, status, achieved level); empty rows are skipped."""
    errors = form.errors
    found: list[tuple[dict[str, Any], str, str]] = []
    seen: set[str] = set()
    for index, row in enumerate(form.rows, start=1):
        if not any(row.values()):
            continue
        for name, limit in LIMITS.items():
            if len(row[name]) > limit:
                errors[f"{name}_{index}"] = "assessor.error.too_long"
        if not row["label"]:
            errors[f"label_{index}"] = "assessor.error.row_label"
        if row["result"] not in RESULTS:
            errors[f"result_{index}"] = "assessor.error.row_result"
        uri = _competence_uri(standard_url, row["code"], row["label"])
        if uri in seen:
            errors[f"code_{index}"] = "assessor.error.row_duplicate"
        seen.add(uri)
        competence = {
            "uri": uri,
            "label": row["label"],
            "framework": form.values["standard_name"][:100] or None,
            "code": row["code"] or None,
        }
        found.append((competence, row["result"], row["achieved"]))
    if not found:
        errors["werkprocessen"] = "assessor.error.no_competence"
    return found


def _check_picks(
    form: EvcForm, standard: FrameworkOut, known: dict[str, CompetenceOut]
) -> list[tuple[dict[str, Any], str, str]]:
    """Picked werkprocessen with a result, aligned to their catalogue URIs; a werkproces left
    without a result was not assessed."""
    found: list[tuple[dict[str, Any], str, str]] = []
    for index, pick in enumerate(form.picks, start=1):
        if not pick["result"] and not pick["achieved"]:
            continue
        competence = known.get(pick["uri"])
        if competence is None:
            form.errors["werkprocessen"] = "assessor.error.pick_unknown"
            continue
        if pick["result"] not in RESULTS:
            form.errors[f"pick_result_{index}"] = "assessor.error.row_result"
        if len(pick["achieved"]) > LIMITS["achieved"]:
            form.errors[f"pick_achieved_{index}"] = "assessor.error.too_long"
        aligned = {
            "uri": competence.uri,
            "label": competence.label[:200],
            "framework": standard.name[:100],
            "code": competence.code,
        }
        found.append((aligned, pick["result"], pick["achieved"]))
    if not found and "werkprocessen" not in form.errors:
        form.errors["werkprocessen"] = "assessor.error.no_competence"
    return found


def _check_evidence(form: EvcForm) -> list[dict[str, str]]:
    description = form.values["evidence_description"]
    if len(description) > 20_000:
        form.errors["evidence_description"] = "assessor.error.too_long"
    chosen = [m for m in METHODS if m in form.methods]
    if not chosen:
        form.errors["methods"] = "assessor.error.no_method"
    return [
        {"name": METHODS[m][0], "genre": METHODS[m][1], "description": description} for m in chosen
    ]


def check_valid_until(raw: str, today: dt.date, errors: dict[str, str]) -> str | None:
    """An optional last day of validity; the record counts up to the end of that day."""
    if not raw:
        return None
    try:
        day = form_date(raw)
    except ValueError:
        day = None
    if day is None:
        errors["valid_until"] = "assessor.error.valid_until_invalid"
        return None
    if day <= today:
        errors["valid_until"] = "assessor.error.valid_until_past"
        return None
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=NL_TIME).isoformat()
