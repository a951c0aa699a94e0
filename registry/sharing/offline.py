"""Configuration and output of the offline `registry verify` command: local files only, and,
when no trust anchor file is given, the operator key in the registry's own database."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import msgspec
from sqlalchemy.exc import SQLAlchemyError

from credentials.export.bundle import BundleReport, anchor_line, status_line
from credentials.jws import parse_compact
from credentials.keydocs import KeyStore
from credentials.status_lists import status_source
from credentials.trust import (
    TrustAnchor,
    TrustList,
    load_trust_list,
    load_trust_list_unverified,
    merge_trust_lists,
)
from credentials.verify import VerifierConfig
from schemas.errors import DomainError
from schemas.errors.credentials import (
    BadDidDocumentError,
    BadKeyDocumentError,
    JwsError,
    KeyFormatError,
    TrustListError,
)
from schemas.errors.sharing import (
    BadTrustAnchorError,
    TrustAnchorCountError,
    TrustAnchorMissingError,
    TrustListUnsignedError,
)
from schemas.json_input import decode_json
from schemas.trust import TrustListOrigin
from schemas.verification import Report

MARKS = {"passed": "ok  ", "failed": "FAIL", "skipped": "skip"}
# Named in reports instead of the URL itself, which may hold a password.
DATABASE_ANCHOR = "REGISTRY_DATABASE_URL"


class TrustLists(msgspec.Struct, kw_only=True, frozen=True):
    """The configured trust lists as one, and how each came to be trusted."""

    trust_list: TrustList | None
    origins: list[TrustListOrigin]


def read_anchor(path: Path) -> TrustAnchor:
    """An operator DID document or public JWK from a file."""
    try:
        document = decode_json(path.read_bytes())
    except DomainError:
        raise BadTrustAnchorError(f"{path} is not JSON") from None
    return TrustAnchor.from_json(document, str(path))


def database_anchor(database_url: str | None) -> TrustAnchor:
    """The current operator key(s) of the registry in `database_url` (read, never written)."""
    if not database_url:
        raise TrustAnchorMissingError(
            "a signed trust list needs --trust-anchor (the operator's DID document from "
            f"/.well-known/did.json, or its JWK) or {DATABASE_ANCHOR} set to the registry "
            "that signed it (the default database is not used as an anchor)",
        )
    sqlite_file = database_url.removeprefix("sqlite:///")
    if sqlite_file != database_url and not Path(sqlite_file).is_file():
        # Opening it would create an empty database: say what is wrong instead.
        raise TrustAnchorMissingError(f"{DATABASE_ANCHOR} names no database file")
    try:
        document = asyncio.run(_operator_document(database_url))
    except (SQLAlchemyError, OSError) as error:
        raise TrustAnchorMissingError(
            f"cannot read the operator key from {DATABASE_ANCHOR} ({type(error).__name__})",
        ) from None
    if document is None:
        raise TrustAnchorMissingError(
            f"the registry in {DATABASE_ANCHOR} has no operator key yet",
        )
    return TrustAnchor.from_json(document, DATABASE_ANCHOR)


async def _operator_document(database_url: str) -> dict[str, object] | None:
    from registry.db import make_engine, make_sessionmaker
    from registry.issuers.keys import OPERATOR, stored_did_document

    engine = make_engine(database_url)
    try:
        async with make_sessionmaker(engine)() as session:
            return await stored_did_document(session, OPERATOR)
    finally:
        await engine.dispose()


def read_trust_lists(
    paths: Sequence[Path], anchor_paths: Sequence[Path], database_url: str | None
) -> TrustLists:
    """Load each trust list: a signed one (JWS) is checked with its anchor, the n-th anchor
    for the n-th list or a single one for all, else the operator key in the registry
    database; plain JSON is trusted because the user configured it, and reported unsigned."""
    if anchor_paths and (not paths or len(anchor_paths) not in (1, len(paths))):
        raise TrustAnchorCountError(
            "give one --trust-anchor for all trust lists, or one per --trust-list in order",
        )
    anchors = [read_anchor(path) for path in anchor_paths]
    fallback: list[TrustAnchor] = []  # the database is read at most once, and only if needed
    lists: list[TrustList] = []
    origins: list[TrustListOrigin] = []
    for index, path in enumerate(paths):
        data = path.read_bytes().strip()
        if data[:1] == b"{":
            if anchors:
                # An anchor was given to pin this list: plain JSON cannot be checked with it,
                # and trusting it anyway would let an edited copy pass for the signed list.
                raise TrustListUnsignedError(
                    f"{path} is plain JSON, not a signed trust list, but a --trust-anchor "
                    "was given for it",
                )
            lists.append(_load(path, data, None))
            origins.append(TrustListOrigin(file=str(path), signed=False))
            continue
        if anchors:
            anchor = anchors[index if len(anchors) > 1 else 0]
        else:
            fallback = fallback or [database_anchor(database_url)]
            anchor = fallback[0]
        lists.append(_load(path, data, anchor))
        origins.append(
            TrustListOrigin(file=str(path), signed=True, anchor=anchor.source, kid=_kid(data))
        )
    return TrustLists(trust_list=merge_trust_lists(lists) if lists else None, origins=origins)


def _load(path: Path, data: bytes, anchor: TrustAnchor | None) -> TrustList:
    """A signed list checked with `anchor`, or plain JSON; errors name the file."""
    try:
        if anchor is None:
            return load_trust_list_unverified(data)
        return load_trust_list(data, anchor)
    except TrustListError as error:
        raise type(error)(f"{path}: {error.message}", **error.extra) from None


def _kid(token: bytes) -> str | None:
    try:
        kid = parse_compact(token, max_bytes=len(token)).header.get("kid")
    except JwsError:
        return None
    return kid if isinstance(kid, str) else None


def offline_config(
    trust_lists: TrustLists,
    status_files: tuple[Path, ...],
    did_files: tuple[Path, ...],
    key_files: tuple[Path, ...] = (),
) -> VerifierConfig:
    """A verifier that reads nothing but these files."""
    documents = KeyStore()
    for path in did_files:
        _add_document(documents, path, BadDidDocumentError, "a DID document")
    for path in key_files:
        _add_document(documents, path, BadKeyDocumentError, "a key document")
    base = VerifierConfig(trust_list=trust_lists.trust_list, documents=documents)
    lists = status_source((p.read_bytes() for p in status_files), base)
    return msgspec.structs.replace(base, status_lists=lists.get)


def _add_document(
    documents: KeyStore, path: Path, error_class: type[KeyFormatError], what: str
) -> None:
    """One DID document, controller / issuer profile, verification method, JWK or JWKS from a
    file (else exit 2 with the code of `error_class`, not a traceback)."""
    try:
        document = decode_json(path.read_bytes(), dict[str, Any])
        documents.add(document)
    except (msgspec.ValidationError, DomainError) as error:
        reason = error.message if isinstance(error, DomainError) else str(error)
        raise error_class(f"{path} is not {what}: {reason}") from None


def render(
    report: Report, *, as_json: bool, origins: Sequence[TrustListOrigin] | None = None
) -> str:
    """The report as JSON, or as lines a person reads; `origins` says how each configured
    trust list was trusted (the top-level report only)."""
    if as_json:
        body = msgspec.to_builtins(report)
        if origins is not None:
            body["trustLists"] = msgspec.to_builtins(origins)
        return msgspec.json.encode(body).decode()
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
    lines += [_origin_line(origin) for origin in origins or ()]
    return "\n".join(lines)


def _origin_line(origin: TrustListOrigin) -> str:
    if not origin.signed:
        return f"trust list {origin.file}: unsigned JSON, trusted as configured"
    return f"trust list {origin.file}: signature checked with {origin.anchor} (key {origin.kid})"


def render_bundle(report: BundleReport, *, as_json: bool) -> str:
    """A bundle's report: JSON, or per credential the lines of `render`, then which anchor
    checked the trust list and how old the status lists are."""
    if as_json:
        return msgspec.json.encode(report).decode()
    lines = [f"bundle verdict: {report.verdict}"]
    for item in report.credentials:
        lines.append(f"credential {item.id}:")
        lines += ["  " + line for line in render(item.report, as_json=False).splitlines()]
    lines += [anchor_line(report), status_line(report)]
    return "\n".join(lines)
