"""SBB kwalificatiedossier XML as a catalogue import (the operator's).

Each dossier version becomes a framework of its own (slug `sbb-<crebo>-<version>`, series
`sbb:<crebo>`) whose competences are its werkprocessen (URIs from `catalogue.urls.
werkproces_url`) under the nodes of its tree (the basis part and each profiel, their kerntaken
below them). Each profiel becomes the qualification with its crebo as code, requiring the
werkprocessen of the basis kerntaken and of its own kerntaken. A newer version of a dossier is
a new framework beside the old one (credentials keep pointing at the werkprocessen they were
assessed against) and moves the profielen's qualifications to it; an older version never
moves them back. The same file again finds everything as it is (`unchanged`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from uuid import UUID

from sqlalchemy import delete, select, update

from catalogue import search
from catalogue.imports import ImportContext, Tally
from catalogue.models import (
    Competence,
    CompetenceFramework,
    FrameworkNode,
    Qualification,
    QualificationCompetence,
)
from catalogue.urls import dossier_url, version_slug, werkproces_url
from catalogue.xml.sbb import Dossier, Kerntaak, Profiel, Werkproces, read_sbb
from schemas.errors.catalogue import QualificationNotImportedError

SOURCE = "sbb"


async def import_sbb(context: ImportContext, body: bytes, tally: Tally) -> None:
    """Every dossier of the document: its framework version, werkprocessen and profielen."""
    for dossier in read_sbb(body, max_bytes=context.max_bytes):
        await _DossierImport(context, tally, dossier).run()


def fingerprint(dossier: Dossier) -> str:
    """What the dossier says, as one hash: the same file again changes nothing."""
    text = json.dumps(dataclasses.asdict(dossier), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class _DossierImport:
    def __init__(self, context: ImportContext, tally: Tally, dossier: Dossier) -> None:
        self.session = context.session
        self.base_url = context.base_url
        self.tally = tally
        self.dossier = dossier

    async def run(self) -> None:
        dossier = self.dossier
        slug = f"sbb-{dossier.crebo}-{version_slug(dossier.version)}"[:64]
        framework = await self.session.scalar(
            select(CompetenceFramework).where(CompetenceFramework.slug == slug)
        )
        details = {**dossier.details, "fingerprint": fingerprint(dossier)}
        werkprocessen = len(dossier.werkprocessen())
        if framework is None:
            framework = CompetenceFramework(
                slug=slug,
                name=f"{dossier.title} ({dossier.crebo})",
                uri=dossier_url(self.base_url, dossier.crebo, dossier.version),
                version=dossier.version,
                series=f"{SOURCE}:{dossier.crebo}",
                source=SOURCE,
                issued_on=dossier.established,
                details=details,
            )
            self.session.add(framework)
            await self.session.flush()
            self.tally.add("created", "frameworks")
        elif framework.details == details:
            self.tally.add("unchanged", "frameworks")
            self.tally.add("unchanged", "competences", werkprocessen)
            await self._qualifications(framework, await self._competences(framework))
            return
        else:
            # The same version again, corrected: rebuild its tree, update its werkprocessen.
            framework.name = f"{dossier.title} ({dossier.crebo})"
            framework.details = details
            self.tally.add("updated", "frameworks")
        competences = await self._tree(framework)
        await self._qualifications(framework, competences)

    async def _competences(self, framework: CompetenceFramework) -> dict[str, Competence]:
        rows = await self.session.scalars(
            select(Competence).where(Competence.framework_id == framework.id)
        )
        return {c.uri: c for c in rows}

    async def _tree(self, framework: CompetenceFramework) -> dict[str, Competence]:
        """Nodes made afresh; werkprocessen created, updated or found unchanged by URI."""
        existing = await self._competences(framework)
        await self.session.execute(
            update(Competence).where(Competence.framework_id == framework.id).values(node_id=None)
        )
        await self.session.execute(
            delete(FrameworkNode).where(FrameworkNode.framework_id == framework.id)
        )
        dossier = self.dossier
        parts: list[tuple[str, str, str, dict[str, object], list[Kerntaak]]] = [
            ("basis", "B1", dossier.basis_title, {}, dossier.basis)
        ]
        parts += [
            ("profiel", p.code, p.title, {"crebo": p.crebo, **p.details}, p.kerntaken)
            for p in dossier.profielen
        ]
        relabelled: list[UUID] = []
        for position, (kind, code, label, details, kerntaken) in enumerate(parts):
            part = self._node(framework, None, position, kind, code, label, details)
            await self.session.flush()  # its id, for the kerntaken below it
            for k_position, kerntaak in enumerate(kerntaken):
                node = self._node(
                    framework,
                    part,
                    k_position,
                    "kerntaak",
                    kerntaak.code,
                    kerntaak.title,
                    kerntaak.details,
                )
                await self.session.flush()
                for w_position, werkproces in enumerate(kerntaak.werkprocessen):
                    competence = self._werkproces(framework, existing, werkproces, relabelled)
                    competence.node_id = node.id
                    competence.position = w_position
        await self.session.flush()
        await search.reindex_competences(self.session, relabelled)
        return existing

    def _node(
        self,
        framework: CompetenceFramework,
        parent: FrameworkNode | None,
        position: int,
        kind: str,
        code: str,
        label: str,
        details: dict[str, object],
    ) -> FrameworkNode:
        node = FrameworkNode(
            framework_id=framework.id,
            parent_id=None if parent is None else parent.id,
            position=position,
            kind=kind,
            code=code,
            labels={"nl": label},
            label=label[:500],
            details=details,
        )
        self.session.add(node)
        return node

    def _werkproces(
        self,
        framework: CompetenceFramework,
        existing: dict[str, Competence],
        werkproces: Werkproces,
        relabelled: list[UUID],
    ) -> Competence:
        dossier = self.dossier
        uri = werkproces_url(self.base_url, dossier.crebo, dossier.version, werkproces.code)
        wanted = {
            "code": werkproces.code,
            "labels": {"nl": werkproces.title},
            "label": werkproces.title[:200],
            "description": werkproces.description,
            "details": werkproces.details,
        }
        competence = existing.get(uri)
        if competence is None:
            competence = Competence(uri=uri, framework_id=framework.id, framework=framework)
            self.session.add(competence)
            existing[uri] = competence
            self.tally.add("created", "competences")
        elif all(getattr(competence, k) == v for k, v in wanted.items()):
            self.tally.add("unchanged", "competences")
        else:
            if competence.labels != wanted["labels"]:
                relabelled.append(competence.id)
            self.tally.add("updated", "competences")
        for key, value in wanted.items():
            setattr(competence, key, value)
        return competence

    async def _qualifications(
        self, framework: CompetenceFramework, competences: dict[str, Competence]
    ) -> None:
        dossier = self.dossier
        basis = [w for k in dossier.basis for w in k.werkprocessen]
        for profiel in dossier.profielen:
            required = basis + [w for k in profiel.kerntaken for w in k.werkprocessen]
            ids = [
                competences[
                    werkproces_url(self.base_url, dossier.crebo, dossier.version, w.code)
                ].id
                for w in required
            ]
            await self._qualification(framework, profiel, ids)

    async def _qualification(
        self, framework: CompetenceFramework, profiel: Profiel, competence_ids: list[UUID]
    ) -> None:
        wanted = {
            "title": profiel.title,
            "description": profiel.description,
            "level_scheme": "mbo" if profiel.niveau else None,
            "level_value": profiel.niveau,
            "study_load_hours": profiel.sbu,
            "framework_id": framework.id,
            "details": {
                "dossier": self.dossier.crebo,
                "profiel": profiel.code,
                "studyLoadUnit": "SBU",
                **profiel.details,
            },
        }
        qualification = await self.session.scalar(
            select(Qualification).where(Qualification.code == profiel.crebo)
        )
        if qualification is None:
            qualification = Qualification(code=profiel.crebo, **wanted)
            self.session.add(qualification)
            self.tally.add("created", "qualifications")
        elif qualification.framework_id is None:
            raise QualificationNotImportedError(
                f"qualification {profiel.crebo} exists and was not imported from a"
                " kwalificatiedossier; it is left as it is"
            )
        elif await self._newer_than(qualification.framework_id, framework):
            self.tally.add("unchanged", "qualifications")
            self.tally.warn(
                f"qualification {profiel.crebo} stays with a newer version of dossier"
                f" {self.dossier.crebo}"
            )
            return
        elif (
            all(getattr(qualification, k) == v for k, v in wanted.items())
            and [c.competence_id for c in qualification.competences] == competence_ids
        ):
            self.tally.add("unchanged", "qualifications")
            return
        else:
            for key, value in wanted.items():
                setattr(qualification, key, value)
            # Cleared first: the same werkproces may stay, and (qualification, competence)
            # is unique.
            qualification.competences.clear()
            await self.session.flush()
            self.tally.add("updated", "qualifications")
        qualification.competences = [
            QualificationCompetence(competence_id=c, position=i)
            for i, c in enumerate(competence_ids)
        ]
        await self.session.flush()

    async def _newer_than(self, framework_id: UUID, framework: CompetenceFramework) -> bool:
        """Whether the framework version a qualification follows is a newer one of the same
        dossier than the one being imported."""
        current = await self.session.get(CompetenceFramework, framework_id)
        if current is None or current.id == framework.id or current.series != framework.series:
            return False
        return (current.issued_on or dt.date.min) > (framework.issued_on or dt.date.min)
