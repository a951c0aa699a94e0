"""The catalogue pages: home, search, a module, qualifications. Public: no sign-in needed."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from litestar import Controller, get
from litestar.params import Parameter
from litestar.response import Template
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.public import get_qualification, qualification_page, study_loads, view_module
from registry.web.catalogue.format import Formats
from registry.web.catalogue.search import filter_options, run_search
from registry.web.competence_names import competence_names
from registry.web.i18n import lang_of, translator
from registry.web.pages import AnyRequest, page, web_user_of
from schemas.errors import NotFoundError
from schemas.errors.catalogue import NoSuchModuleError, QualificationNotFoundError

QUALIFICATIONS_PER_PAGE = 50
MAX_PAGE = 1_000
PageNumber = Annotated[str | None, Parameter(query="pagina")]


def _formats(request: AnyRequest) -> Formats:
    lang = lang_of(request)
    return Formats(lang, translator(lang))


def _uuid(text: str, what: type[NotFoundError]) -> UUID:
    """A path's id; a malformed one is simply a page that does not exist."""
    try:
        return UUID(text)
    except ValueError:
        raise what(f"no such id {text!r}") from None


def _not_found(request: AnyRequest, what: str) -> Template:
    return page(request, "catalogue/not_found.html", status_code=404, what=what)


class CataloguePages(Controller):
    """The public catalogue: find a course, read about it, see how courses add up."""

    include_in_schema = False

    @get("/")
    async def get_home(self, request: AnyRequest) -> Template:
        """Show the home page: what this site is for, and a search box."""
        signed_out = request.query_params.get("uitgelogd") == "1"
        return page(request, "home.html", signed_out=signed_out)

    @get("/catalogus")
    async def get_search(
        self, request: AnyRequest, db_session: AsyncSession, base_url: str
    ) -> Template:
        """Search published modules with filters (a GET form: the address can be shared)."""
        outcome = await run_search(db_session, base_url, request.query_params)
        t = translator(lang_of(request))
        return page(
            request,
            "catalogue/search.html",
            status_code=400 if outcome.errors else 200,
            outcome=outcome,
            values=outcome.values,
            errors={name: t(key) for name, key in outcome.errors.items()},
            options=await filter_options(db_session, t),
            fmt=_formats(request),
        )

    @get("/catalogus/modules/{module_id:str}")
    async def get_module(
        self, request: AnyRequest, db_session: AsyncSession, base_url: str, module_id: str
    ) -> Template:
        """Show one module with its runs and the qualifications it counts towards."""
        user = web_user_of(request)
        try:
            module = await view_module(
                db_session,
                base_url,
                user.actor if user else None,
                _uuid(module_id, NoSuchModuleError),
            )
        except NotFoundError:
            return _not_found(request, "module")
        uris = [competence.uri for competence in module.current.competences]
        names = await competence_names(db_session, lang_of(request), uris)
        return page(
            request, "catalogue/module.html", module=module, fmt=_formats(request), names=names
        )

    @get("/catalogus/kwalificaties")
    async def get_qualifications(
        self, request: AnyRequest, db_session: AsyncSession, base_url: str, pagina: PageNumber
    ) -> Template:
        """List the qualifications."""
        number = min(max(int(pagina), 1), MAX_PAGE) if pagina and pagina.isdigit() else 1
        found = await qualification_page(
            db_session,
            base_url,
            limit=QUALIFICATIONS_PER_PAGE,
            offset=(number - 1) * QUALIFICATIONS_PER_PAGE,
        )
        return page(
            request,
            "catalogue/qualifications.html",
            found=found,
            number=number,
            has_next=found.offset + len(found.items) < found.total,
            fmt=_formats(request),
        )

    @get("/catalogus/kwalificaties/{qualification_id:str}")
    async def get_qualification(
        self, request: AnyRequest, db_session: AsyncSession, base_url: str, qualification_id: str
    ) -> Template:
        """Show a qualification: its required modules and choice groups, with study load."""
        try:
            qualification = await get_qualification(
                db_session, base_url, _uuid(qualification_id, QualificationNotFoundError)
            )
        except NotFoundError:
            return _not_found(request, "qualification")
        loads = await study_loads(db_session, qualification)
        return page(
            request,
            "catalogue/qualification.html",
            qualification=qualification,
            loads=loads.modules,
            totals=loads,
            fmt=_formats(request),
        )
