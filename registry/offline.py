"""Configuration and output of the offline `registry verify` command: local files only."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import msgspec

from credentials.jws import JwsError, parse_compact
from credentials.status_lists import status_source
from credentials.trust import TrustList, load_trust_list_unverified
from credentials.verify import VerifierConfig
from schemas.verification import Report

MARKS = {"passed": "ok  ", "failed": "FAIL", "skipped": "skip"}


def read_trust_list(path: Path) -> TrustList:
    """A trust list the user configured: JSON, or the JWS the registry serves.

    A file on the verifier's own disk is trusted because the user chose it (DESIGN section 4);
    its JWS signature matters to whoever downloads it, and is checked when the operator key
    is known to the caller (`credentials.trust.load_trust_list`).
    """
    data = path.read_bytes().strip()
    if data[:1] != b"{":
        try:
            data = parse_compact(data).payload
        except JwsError as error:
            raise SystemExit(f"{path}: {error.message}") from None
    return load_trust_list_unverified(data)


def offline_config(
    trust_list: Path | None, status_files: tuple[Path, ...], did_files: tuple[Path, ...]
) -> VerifierConfig:
    """A verifier that reads nothing but these files."""
    documents: dict[str, Mapping[str, Any]] = {}
    for path in did_files:
        document = json.loads(path.read_text())
        documents[document["id"]] = document
    base = VerifierConfig(
        trust_list=read_trust_list(trust_list) if trust_list else None,
        did_documents=documents.get,
    )
    lists = status_source((p.read_bytes() for p in status_files), base)
    return msgspec.structs.replace(base, status_lists=lists.get)


def render(report: Report, *, as_json: bool) -> str:
    """The report as JSON, or as lines a person reads."""
    if as_json:
        return msgspec.json.encode(report).decode()
    lines = [f"verdict: {report.verdict}"]
    if report.credential is not None:
        c = report.credential
        issuer = c.trusted_issuer_name or (
            f"{c.issuer_name or c.issuer} (as the credential claims; not confirmed)"
        )
        lines.append(f"  {c.achievement} ({c.achievement_type}) from {issuer}")
        if c.subject_name:
            lines.append(f"  in the name of {c.subject_name} (compare with an identity document)")
    lines += [
        f"  [{MARKS[c.status]}] {c.name}: {c.code} {c.message}".rstrip() for c in report.checks
    ]
    for index, inner in enumerate(report.credentials or [], 1):
        lines.append(f"credential {index}:")
        lines += ["  " + line for line in render(inner, as_json=False).splitlines()]
    return "\n".join(lines)
