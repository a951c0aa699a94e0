"""The search page's form: read the GET fields, check them, and run the catalogue search.

The page reads its fields itself rather than through typed handler parameters, so a wrong
date or level gets a clear message on the form instead of a bare 400.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, get_args
from urllib.parse import urlencode

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.public import SearchQuery, list_competences, list_providers, search_modules
from registry.web.i18n import Translate
from registry.web.pages import form_date
from schemas.catalogue import CompetenceOut, DeliveryMode, SearchResult
from schemas.common import today_nl
from schemas.levels import LEVELS, level_key, parse_level_key

FIELDS = ("q", "competentie", "niveau", "sector", "regio", "vorm", "vanaf", "tot", "aanbieder")
PAGE_SIZE = 20
# The search service takes offsets up to 100,000.
MAX_PAGE = 100_000 // PAGE_SIZE + 1
MAX_LENGTH = 200
MODES: tuple[str, ...] = get_args(DeliveryMode)


class Outcome(msgspec.Struct, kw_only=True):
    """What the search page shows: the form as filled in, its errors, and the results."""

    values: dict[str, str]
    errors: dict[str, str]  # field -> message key
    page: int = 1
    result: SearchResult | None = None
    choices: list[tuple[CompetenceOut, str]] = []  # a competence and the search with it
    previous_url: str | None = None
    next_url: str | None = None


def form_of(params: Mapping[str, str]) -> tuple[dict[str, str], int]:
    """The form's fields (stripped, cut to a sane length) and the page number asked for."""
    values = {name: str(params.get(name) or "").strip()[:MAX_LENGTH] for name in FIELDS}
    try:
        number = int(params.get("pagina") or 1)
    except ValueError:
        number = 1
    return values, min(max(number, 1), MAX_PAGE)


def _dates(values: dict[str, str], errors: dict[str, str]) -> dict[str, dt.date | None]:
    dates: dict[str, dt.date | None] = {}
    for name in ("vanaf", "tot"):
        try:
            dates[name] = form_date(values[name])
        except ValueError:
            errors[name] = "catalogue.error.date"
            dates[name] = None
    start, end = dates["vanaf"], dates["tot"]
    if start and end and end < start:
        errors["tot"] = "catalogue.error.date_order"
    return dates


def _level(text: str, errors: dict[str, str]) -> tuple[str | None, int | None]:
    if not text:
        return None, None
    level = parse_level_key(text)
    if level is None:
        errors["niveau"] = "catalogue.error.level"
        return None, None
    return level


async def _competence(
    session: AsyncSession, text: str, errors: dict[str, str]
) -> tuple[str | None, list[CompetenceOut]]:
    """A competence URI for the filter: given as a link, or found by (part of) its name.

    Several names match: the visitor picks one (the choices), and nothing is searched yet.
    """
    if not text or text.startswith(("http://", "https://")):
        return text or None, []
    found = await list_competences(session, q=text, framework=None, limit=10, offset=0)
    exact = [c for c in found.items if text.lower() in (v.lower() for v in c.labels.values())]
    if exact:
        return exact[0].uri, []
    if found.total == 1:
        return found.items[0].uri, []
    if found.total == 0:
        errors["competentie"] = "catalogue.error.competence_unknown"
    return None, found.items


def page_url(values: Mapping[str, str], number: int, **changes: str) -> str:
    """The search page's address for these fields (shareable), empty fields left out."""
    fields = {name: value for name, value in {**values, **changes}.items() if value}
    if number > 1:
        fields["pagina"] = str(number)
    return "/catalogus" + (f"?{urlencode(fields)}" if fields else "")


async def run_search(session: AsyncSession, base_url: str, params: Mapping[str, str]) -> Outcome:
    """Check the form; when it is right, search one page of published modules."""
    values, number = form_of(params)
    errors: dict[str, str] = {}
    dates = _dates(values, errors)
    scheme, level = _level(values["niveau"], errors)
    if values["vorm"] and values["vorm"] not in MODES:
        errors["vorm"] = "catalogue.error.mode"
    competence, choices = await _competence(session, values["competentie"], errors)
    outcome = Outcome(values=values, errors=errors, page=number)
    outcome.choices = [(c, page_url(values, 1, competentie=c.uri)) for c in choices]
    if errors or choices:
        return outcome
    query = SearchQuery(
        q=values["q"] or None,
        competence=competence,
        level=level,
        level_scheme=scheme,
        sector=values["sector"] or None,
        region=values["regio"] or None,
        delivery_mode=values["vorm"] or None,  # type: ignore[arg-type]  # checked above
        start_from=dates["vanaf"],
        start_to=dates["tot"],
        provider=values["aanbieder"] or None,
        limit=PAGE_SIZE,
        offset=(number - 1) * PAGE_SIZE,
    )
    outcome.result = result = await search_modules(session, base_url, query, today=today_nl())
    if number > 1:
        outcome.previous_url = page_url(values, number - 1)
    seen = result.offset + len(result.items)
    more = seen < result.total or (result.total_is_lower_bound and len(result.items) == PAGE_SIZE)
    if more and number < MAX_PAGE:
        outcome.next_url = page_url(values, number + 1)
    return outcome


async def filter_options(session: AsyncSession, t: Translate) -> dict[str, Any]:
    """The choices of the select fields, and sector suggestions from the providers' sectors."""
    providers = sorted(await list_providers(session), key=lambda p: p.name)
    any_option = ("", t("catalogue.search.any"))
    return {
        "levels": [any_option]
        + [(level_key(s, v), t(f"catalogue.level.{s}", value=v)) for s, v in LEVELS],
        "modes": [any_option] + [(m, t(f"catalogue.mode.{m}")) for m in MODES],
        "providers": [any_option] + [(p.slug, p.name) for p in providers],
        "sectors": sorted({s for p in providers for s in p.sectors}),
    }
