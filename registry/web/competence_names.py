"""How pages name competences: in the visitor's language wherever there is a label in it.

A module version and a credential keep a snapshot of their competences' labels (labels change).
The snapshot may lack the page's language: ESCO skills came in English first, and the operator
adds Dutch labels later. Then the catalogue's current label in that language is shown, and
only without one the snapshot's own label. Frameworks are named in words, not by their slug.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.public import labels_by_uri
from registry.web.i18n import LANGS, Lang
from registry.web.messages import MESSAGES


@dataclass(frozen=True, slots=True)
class CompetenceNames:
    """Competence labels for one page (`names.label(...)`, `names.framework(...)`)."""

    lang: Lang
    current: Mapping[str, Mapping[str, str]]

    def label(self, uri: str, fallback: str = "", snapshot: Mapping[str, str] | None = None) -> str:
        """The snapshot's label in the page's language, else the catalogue's, else the
        snapshot's own label (`fallback`), else the URI."""
        return (
            (snapshot or {}).get(self.lang)
            or self.current.get(uri, {}).get(self.lang)
            or fallback
            or uri
        )

    def framework(self, name: str) -> str:
        """A framework in words ("esco": a European skill); anything else, such as the
        standard an EVC record was assessed against, as it is."""
        texts = MESSAGES.get(f"framework.{name}")
        return texts[LANGS.index(self.lang)] if texts else name


async def competence_names(
    session: AsyncSession, lang: Lang, uris: Iterable[str]
) -> CompetenceNames:
    """The names for a page showing these competences (one query)."""
    wanted = [uri for uri in uris if uri]
    return CompetenceNames(lang, await labels_by_uri(session, wanted) if wanted else {})
