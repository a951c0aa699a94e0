"""Issuing a cohort from a CSV file: all or nothing, through `registry.issuing.issuance.issue_many`.

Without JavaScript the form posts and the answer is the result page. With JavaScript the
page asks for `application/x-ndjson`: the answer then streams `{"done": n, "total": m}` after
each chunk of rows and ends with `{"result": ..., "message": ..., "html": ...}`, the same
result table as the page. The chunks run in one transaction of their own (the request's
session is closed once the handler returns), so a bad row anywhere still means nothing is
issued.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import msgspec
from litestar import Response, get, post
from litestar.datastructures import UploadFile
from litestar.response import Stream, Template
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from catalogue.public import OwnModule, own_modules
from registry.issuing.batches import ParsedBatch, parse_csv_batch
from registry.issuing.issuance import issue_many
from registry.settings import Settings
from registry.web.i18n import Lang, Translate, day_in_words, lang_of, translator
from registry.web.pages import SECURITY_HEADERS, AnyRequest, WebUser, page, read_form
from registry.web.provider.common import reason_text
from schemas.common import Actor
from schemas.errors import DomainError
from schemas.errors.base import error_class
from schemas.errors.issuing import (
    AlreadyIssuedError,
    BatchRejectedError,
    CheckedOnlyError,
    CsvHeaderError,
    InvalidItemError,
    RepeatedRowError,
)
from schemas.issuance import IssuedOut, IssueIn

NDJSON = "application/x-ndjson"
# Litestar lets the handler's media type (JSON here) win over a Stream's own, but never over
# an explicit header: name the type in the headers.
NDJSON_HEADERS = {**SECURITY_HEADERS, "Content-Type": NDJSON}
MAX_UPLOAD = 20_000_000
EXAMPLE_CSV = (
    "email,name\nsam.devries@example.nl,Sam de Vries\nfatima@example.nl,Fatima El Amrani\n"
)


@dataclass
class RowResult:
    """One CSV row as the provider sees it in the result table."""

    line: int
    name: str
    email: str
    credential_id: str | None = None
    reason: str | None = None
    code: str | None = None

    @property
    def error(self) -> type[DomainError] | None:
        """The class of the row's refusal (rows travel in the batch problem as text)."""
        return error_class(self.code) if self.code else None


@dataclass
class Outcome:
    """What happened to the batch: every row issued, or the bad rows and nothing issued."""

    total: int
    issued: list[RowResult] = field(default_factory=list)
    bad: list[RowResult] = field(default_factory=list)

    @property
    def rejected(self) -> bool:
        return bool(self.bad)

    @property
    def issued_before(self) -> bool:
        """Some rows were refused only because the learner already has the certificate."""
        return any(row.error is AlreadyIssuedError for row in self.bad)


def csv_people(parsed: ParsedBatch) -> dict[int, tuple[str, str]]:
    """Name and e-mail per line number, to show next to each row's result (also for rows
    that could not be decoded)."""
    return {
        line: (cells.get("name", ""), cells.get("email", ""))
        for line, cells in (parsed.cells or {}).items()
    }


def _row(people: dict[int, tuple[str, str]], line: int, **more: Any) -> RowResult:
    name, email = people.get(line, ("", ""))
    return RowResult(line=line, name=name, email=email, **more)


def issued_rows(
    people: dict[int, tuple[str, str]], lines: Sequence[int], issued: Sequence[IssuedOut]
) -> list[RowResult]:
    return [
        _row(people, line, credential_id=out.id) for line, out in zip(lines, issued, strict=True)
    ]


def bad_rows(
    people: dict[int, tuple[str, str]], errors: Sequence[dict[str, Any]], lang: Lang
) -> list[RowResult]:
    return [
        _row(people, int(e["line"]), reason=row_reason(lang, e), code=str(e["code"]))
        for e in errors
    ]


def row_reason(lang: Lang, error: dict[str, Any]) -> str:
    """Why a row was refused, in plain words; an undecodable row names its field, a repeated
    or already issued one says where or when."""
    code, detail = str(error["code"]), str(error["detail"])
    kind = error_class(code)
    t = translator(lang)
    if kind is AlreadyIssuedError:
        issued = dt.datetime.fromisoformat(str(error["issuedAt"]))
        return t("provider.cohort.row_already_issued", date=day_in_words(lang, issued))
    if kind is RepeatedRowError:
        return t("provider.cohort.row_repeated", line=error["firstLine"])
    if kind is InvalidItemError:
        for path, name in (
            ("holder.email", "email"),
            ("holder.name", "name"),
            ("moduleId", "module"),
        ):
            if f"$.{path}" in detail:
                return reason_text(lang, f"row-{name}", detail)
    return reason_text(lang, code, detail)


def header_problem(lang: Lang, error: DomainError) -> str:
    """What is wrong with the first line, naming the columns: those missing or unknown, and
    those found (a file read with the wrong separator shows up here as one odd column)."""
    if not isinstance(error, CsvHeaderError):
        return reason_text(lang, error.code, error.message)
    t = translator(lang)
    extra = error.extra
    parts = [
        t(f"provider.cohort.header_{what}", names=", ".join(extra[what]))
        for what in ("missing", "unknown", "twice")
        if extra[what]
    ]
    if "moduleId" in extra["missing"]:
        parts.append(t("provider.cohort.header_module"))
    parts.append(t("provider.cohort.header_found", names=", ".join(extra["found"]) or "-"))
    parts.append(t("provider.cohort.header_expected", names=", ".join(extra["expected"])))
    return " ".join(parts)


def outcome_message(t: Translate, outcome: Outcome) -> str:
    """'Klaar: 1 deelcertificaat uitgegeven.' or '1 van de 20 rijen heeft een fout. ...'"""
    if outcome.rejected:
        bad = len(outcome.bad)
        key = "provider.cohort.rejected_one" if bad == 1 else "provider.cohort.rejected"
        return t(key, bad=bad, total=outcome.total)
    count = len(outcome.issued)
    key = "provider.cohort.issued_one" if count == 1 else "provider.cohort.issued"
    return t(key, count=count)


def chunk_size(total: int) -> int:
    """About twenty progress steps, but never chunks so large that a step takes long."""
    return max(1, min(250, -(-total // 20)))


async def stream_outcome(
    sessionmaker: async_sessionmaker[AsyncSession],
    settings: Settings,
    actor: Actor,
    parsed: ParsedBatch,
    lang: Lang,
    *,
    reissue: bool,
) -> AsyncIterator[dict[str, Any] | Outcome]:
    """Progress after each chunk, then the Outcome; one transaction for the whole batch."""
    items, lines = parsed.items, parsed.lines or []
    people = csv_people(parsed)
    outcome = Outcome(total=len(items))
    issued: list[IssuedOut] = []
    errors: list[dict[str, Any]] = []
    size = chunk_size(len(items))
    yield {"done": 0, "total": len(items)}
    async with sessionmaker() as session, session.begin():
        for start in range(0, len(items), size):
            chunk: list[IssueIn | DomainError] = list(items[start : start + size])
            chunk_lines = list(lines[start : start + size])
            if errors:
                chunk.append(CheckedOnlyError("checked only"))
                chunk_lines.append(0)
            try:
                issued += await issue_many(
                    session, settings, actor, chunk, lines=chunk_lines, reissue=reissue
                )
            except (BatchRejectedError, AlreadyIssuedError) as exc:
                errors += [e for e in exc.extra["errors"] if e["code"] != CheckedOnlyError.code]
            yield {"done": min(start + size, len(items)), "total": len(items)}
        if errors:
            # All or nothing: undo the chunks that were signed before the first bad row.
            await session.rollback()
    if errors:
        outcome.bad = bad_rows(people, errors, lang)
    else:
        outcome.issued = issued_rows(people, lines, issued)
    yield outcome


def render_fragment(request: AnyRequest, template: str, **context: Any) -> str:
    """A template rendered to text for the streamed answer (the page's own texts)."""
    lang = lang_of(request)
    engine = request.app.template_engine
    assert engine is not None
    html: str = engine.get_template(template).render(lang=lang, t=translator(lang), **context)
    return html


def _line(data: dict[str, Any]) -> bytes:
    return msgspec.json.encode(data) + b"\n"


async def ndjson(
    request: AnyRequest, events: AsyncIterator[dict[str, Any] | Outcome]
) -> AsyncIterator[bytes]:
    """Progress lines, then the result: its message for the live region and its table."""
    t = translator(lang_of(request))
    try:
        async for event in events:
            if not isinstance(event, Outcome):
                yield _line(event)
                continue
            message = outcome_message(t, event)
            html = render_fragment(
                request, "provider/_cohort_outcome.html", outcome=event, message=message
            )
            result = "rejected" if event.rejected else "issued"
            yield _line({"result": result, "message": message, "html": html})
    except DomainError as error:
        # The headers are sent already: the refusal travels as the last line.
        message = reason_text(lang_of(request), error.code, error.message)
        yield _line({"result": "error", "message": message, "html": ""})


def invalid_form(request: AnyRequest, errors: dict[str, str], status_code: int = 400) -> Stream:
    """A streamed answer for a form that cannot be processed: one result line."""

    async def lines() -> AsyncIterator[bytes]:
        html = render_fragment(request, "provider/_cohort_errors.html", errors=errors)
        message = next(iter(errors.values()))
        yield _line({"result": "invalid", "message": message, "html": html})

    return Stream(lines(), status_code=status_code, headers=NDJSON_HEADERS)


async def _published(session: AsyncSession, actor: Actor) -> list[OwnModule]:
    return [m for m in await own_modules(session, actor) if m.status == "published"]


class Upload(NamedTuple):
    """The cohort form as posted: the file, the module chosen (if any), the re-issue tick."""

    body: bytes
    module: str | None
    reissue: bool
    errors: dict[str, str]


async def read_upload(form: dict[str, Any], modules: Sequence[OwnModule], t: Translate) -> Upload:
    """The CSV file's bytes, the chosen module, whether to re-issue, and the form's errors."""
    errors: dict[str, str] = {}
    chosen = str(form.get("module") or "")
    if chosen and chosen not in {str(m.id) for m in modules}:
        errors["module"] = t("provider.cohort.invalid_module")
    upload = form.get("file")
    body = await upload.read() if isinstance(upload, UploadFile) else b""
    if not body.strip():
        errors["file"] = t("provider.cohort.no_file")
    return Upload(body, chosen or None, form.get("reissue") == "ja", errors)


class CohortPages:
    """Mixed into ProviderPages: /aanbieder/cohort."""

    @get("/cohort")
    async def get_cohort(
        self, request: AnyRequest, user: WebUser, db_session: AsyncSession
    ) -> Template:
        """Show the form to upload a cohort's CSV file."""
        modules = await _published(db_session, user.actor)
        return page(request, "provider/cohort.html", modules=modules, values={}, errors={})

    @get("/cohort/voorbeeld.csv")
    async def get_cohort_example(self, request: AnyRequest, user: WebUser) -> Response[str]:
        """An example CSV file to start from."""
        return Response(
            EXAMPLE_CSV,
            media_type="text/csv",  # Litestar adds the charset of a text type
            headers={"Content-Disposition": 'attachment; filename="cohort-voorbeeld.csv"'},
        )

    @post("/cohort", request_max_body_size=MAX_UPLOAD)
    async def post_cohort(
        self, request: AnyRequest, user: WebUser, db_session: AsyncSession, settings: Settings
    ) -> Any:
        """Issue a deelcertificaat to every row of the CSV file, or to none of them."""
        lang = lang_of(request)
        form = await read_form(request)
        modules = await _published(db_session, user.actor)
        upload = await read_upload(form, modules, translator(lang))
        errors = upload.errors | form.refused
        parsed = None
        if not errors:
            try:
                parsed = parse_csv_batch(upload.body, module_id=upload.module)
            except DomainError as error:
                errors["file"] = header_problem(lang, error)
        streaming = NDJSON in request.headers.get("accept", "")
        if parsed is None:
            if streaming:
                return invalid_form(request, errors, form.error_status())
            values = {"module": upload.module or "", "reissue": upload.reissue}
            return page(
                request,
                "provider/cohort.html",
                status_code=form.error_status(),
                modules=modules,
                values=values,
                errors=errors,
            )
        sessions = request.app.state.sessionmaker
        events = stream_outcome(
            sessions, settings, user.actor, parsed, lang, reissue=upload.reissue
        )
        if streaming:
            return Stream(ndjson(request, events), status_code=200, headers=NDJSON_HEADERS)
        outcome = None
        async for event in events:
            outcome = event if isinstance(event, Outcome) else outcome
        assert outcome is not None
        return page(
            request,
            "provider/cohort_result.html",
            status_code=422 if outcome.rejected else 200,
            outcome=outcome,
            message=outcome_message(translator(lang), outcome),
        )
