"""The operator's import page: choose a format, upload a file, read the preview (the import
done and undone: `catalogue.imports.run.run_import` with `dry_run`), then apply exactly that
file, kept on the server for a short while (`registry.web.operator.uploads`), without sending
it again. A file the import refuses is a page that names the line or element."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from litestar import Controller, get, post
from litestar.datastructures import UploadFile
from litestar.response import Template
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.public import IMPORT_MAX_BYTES, import_format_names, list_providers, run_import
from registry.errors import status_of
from registry.web.i18n import Translate, lang_of, translator
from registry.web.messages import MESSAGES
from registry.web.operator.uploads import keep_upload, kept_upload
from registry.web.pages import AnyRequest, WebUser, error_message, page, read_form
from schemas.access import requires_role
from schemas.catalogue import ProviderOut
from schemas.errors import DomainError
from schemas.errors.catalogue import ImportUploadGoneError
from schemas.imports import ImportCounts, ImportReport

IMPORT = "/beheer/importeren"
LANGUAGES = ("nl", "en")
OUTCOMES = ("created", "updated", "withdrawn", "unchanged")
# The form's own fields beside the file: a little room for them above the largest file.
MAX_BODY = IMPORT_MAX_BYTES + 64_000


def format_label(t: Translate, name: str) -> str:
    """A format in words; a format added without its words yet shows its name."""
    key = f"operator.format.{name}"
    return t(key) if key in MESSAGES else name


def report_rows(t: Translate, report: ImportReport) -> list[tuple[str, list[tuple[str, int]]]]:
    """Per outcome (created, updated, ...) the kinds it touched with their counts, in words;
    outcomes with nothing left out."""
    rows = []
    for outcome in OUTCOMES:
        counts: ImportCounts = getattr(report, outcome)
        kinds = [
            (t(f"operator.kind.{kind}"), count)
            for kind, count in zip(counts.__struct_fields__, _values(counts), strict=True)
            if count
        ]
        if kinds:
            rows.append((t(f"operator.outcome.{outcome}"), kinds))
    return rows


def _values(counts: ImportCounts) -> list[int]:
    return [getattr(counts, field) for field in counts.__struct_fields__]


class OperatorImportPages(Controller):
    """Import a document into the catalogue: preview first, then apply."""

    path = IMPORT
    guards = [requires_role("operator")]
    include_in_schema = False

    @get("/")
    async def get_import(self, request: AnyRequest, db_session: AsyncSession) -> Template:
        """Show the form: format, language (for files of one language), provider (for a
        provider's document) and the file."""
        return _form(request, {}, {}, await list_providers(db_session))

    @post("/", request_max_body_size=MAX_BODY)
    async def post_preview(
        self,
        request: AnyRequest,
        user: WebUser,
        db_session: AsyncSession,
        base_url: str,
        allow_loopback_fetch: bool,
    ) -> Template:
        """Do the import and undo it; show what it would do, with a button to apply it."""
        data = await read_form(request)
        values = {name: str(data.get(name) or "") for name in ("format", "language", "provider")}
        t = translator(lang_of(request))
        errors = dict(data.refused)
        if values["format"] not in import_format_names():
            errors["format"] = t("operator.import.error.format")
        if values["language"] and values["language"] not in LANGUAGES:
            errors["language"] = t("operator.import.error.language")
        upload = data.get("bestand")
        if not isinstance(upload, UploadFile) or not upload.filename:
            errors["bestand"] = t("operator.import.error.file")
        if errors:
            providers = await list_providers(db_session)
            return _form(request, values, errors, providers, status_code=data.error_status())
        assert isinstance(upload, UploadFile)
        body = await upload.read()
        language = values["language"] or None
        try:
            report = await run_import(
                db_session,
                user.actor,
                base_url,
                values["format"],
                body,
                provider=values["provider"] or None,
                language=language,
                dry_run=True,
                allow_loopback_fetch=allow_loopback_fetch,
            )
        except DomainError as error:
            await db_session.rollback()
            return _refused(request, error, upload.filename)
        upload_id = await keep_upload(
            db_session,
            user.account_id,
            name=values["format"],
            provider=values["provider"] or None,
            language=language,
            filename=upload.filename,
            body=body,
        )
        return _report(request, "operator/preview.html", report, upload.filename, upload_id)

    @post("/{upload_id:uuid}")
    async def post_apply(
        self,
        request: AnyRequest,
        user: WebUser,
        db_session: AsyncSession,
        base_url: str,
        allow_loopback_fetch: bool,
        upload_id: UUID,
    ) -> Template:
        """Import the previewed file for real and show what it did."""
        data = await read_form(request)
        data.require_clean()
        try:
            upload = await kept_upload(db_session, user.account_id, upload_id)
        except ImportUploadGoneError as gone:
            return _refused(request, gone, None)
        filename = upload.filename
        try:
            report = await run_import(
                db_session,
                user.actor,
                base_url,
                upload.format,
                upload.body,
                provider=upload.provider,
                language=upload.language,
                allow_loopback_fetch=allow_loopback_fetch,
            )
        except DomainError as error:
            await db_session.rollback()
            return _refused(request, error, filename)
        await db_session.delete(upload)
        return _report(request, "operator/applied.html", report, filename, None)


def _form(
    request: AnyRequest,
    values: dict[str, str],
    errors: dict[str, str],
    providers: list[ProviderOut],
    status_code: int = 200,
) -> Template:
    t = translator(lang_of(request))
    formats = [("", t("operator.import.choose"))] + [
        (name, format_label(t, name)) for name in import_format_names()
    ]
    languages = [("", t("operator.import.language_none"))] + [
        (lang, t(f"operator.language.{lang}")) for lang in LANGUAGES
    ]
    return page(
        request,
        "operator/import.html",
        status_code=status_code,
        values=values,
        errors=errors,
        formats=formats,
        languages=languages,
        providers=[("", t("operator.import.provider_none"))]
        + [(p.slug, p.name) for p in providers],
    )


def _report(
    request: AnyRequest,
    template: str,
    report: ImportReport,
    filename: str,
    upload_id: UUID | None,
) -> Template:
    t = translator(lang_of(request))
    return page(
        request,
        template,
        report=report,
        rows=report_rows(t, report),
        changes=any(
            any(_values(getattr(report, outcome)))
            for outcome in ("created", "updated", "withdrawn")
        ),
        format_name=format_label(t, report.format),
        filename=filename,
        upload_id=upload_id,
    )


def _refused(request: AnyRequest, error: DomainError, filename: str | None) -> Template:
    """The import's refusal as a page: the plain words for its code, and the detail that
    names the line or element."""
    extra: dict[str, Any] = {"filename": filename, "detail": error.message}
    reason = error_message(request, error, "operator")
    if reason == error.message:
        # No words of our own for this code: the service's English text is the detail, shown
        # labelled as English under plain words, never as if it were the page's own.
        reason = translator(lang_of(request))("operator.refused.other")
    return page(
        request,
        "operator/refused.html",
        status_code=status_of(error),
        reason=reason,
        **extra,
    )
