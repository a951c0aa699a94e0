"""Picking the standard and its werkprocessen from the catalogue for the EVC form: frameworks
found by a word (a framework's name or one of its competences, accents ignored), then the
framework's werkprocessen, each with a result. Plain GET forms, so it works without
JavaScript; the EVC record then aligns to the catalogue's own werkproces URIs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue import public
from registry.web.assessor.form import PICKS, EvcForm
from schemas.catalogue import CompetenceOut, FrameworkOut
from schemas.common import SLUG_PATTERN
from schemas.errors.catalogue import FrameworkNotFoundError

SearchWord = Annotated[str | None, Parameter(query="zoek", max_length=200)]
FrameworkRef = Annotated[str | None, Parameter(query="kader", pattern=SLUG_PATTERN)]


@dataclass
class Picker:
    """What the form shows of the catalogue: the word searched, the frameworks it found, and
    once one is chosen that framework and its werkprocessen (`known`, by URI, in order)."""

    q: str = ""
    found: list[FrameworkOut] = field(default_factory=list)
    searched: bool = False
    standard: FrameworkOut | None = None
    known: dict[str, CompetenceOut] = field(default_factory=dict)
    total: int = 0

    def rows(self, form: EvcForm) -> list[tuple[int, CompetenceOut, dict[str, str]]]:
        """Each picked werkproces with its number in the form and what was filled in."""
        return [
            (index, self.known[pick["uri"]], pick)
            for index, pick in enumerate(form.picks, start=1)
            if pick["uri"] in self.known
        ]


async def picker_for_search(
    session: AsyncSession, form: EvcForm, framework: str | None, q: str
) -> Picker:
    """The frameworks a word finds; or a chosen framework's werkprocessen (narrowed by the
    word), put in `form` as rows to give a result."""
    if framework is None:
        found = await public.search_frameworks(session, q) if q else []
        return Picker(q=q, found=found, searched=bool(q))
    try:
        standard = await public.framework_of(session, framework)
    except FrameworkNotFoundError:
        return Picker(q=q, searched=True)
    listed = await public.list_competences(
        session, q=q or None, framework=standard.slug, limit=PICKS, offset=0
    )
    ordered = sorted(listed.items, key=lambda c: (c.code or "", c.label))
    form.framework = standard.slug
    form.picks = [{"uri": c.uri, "result": "", "achieved": ""} for c in ordered]
    return Picker(q=q, standard=standard, known={c.uri: c for c in ordered}, total=listed.total)


async def picker_for_post(session: AsyncSession, form: EvcForm) -> Picker:
    """The posted framework and the werkprocessen of it the form names; an unknown framework
    is an error on the form, not a page."""
    if not form.framework:
        return Picker()
    try:
        standard = await public.framework_of(session, form.framework)
    except FrameworkNotFoundError:
        form.errors["werkprocessen"] = "assessor.error.pick_unknown"
        return Picker()
    known = await public.competences_in(session, standard.slug, [p["uri"] for p in form.picks])
    return Picker(standard=standard, known=known, total=len(known))
