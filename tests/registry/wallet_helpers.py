"""The main story's cast for wallet, share and verification tests, all through the HTTP API:
an operator who accredits, a provider with a published laadpaalmonteur module, an EVC
assessor, workers, employers and a coach."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from credentials.issue import issue_deelcertificaat
from credentials.keys import SigningKey, did_key
from credentials.presentation import holder_kid
from registry.accounts.accounts import create_account, issue_token
from schemas.common import Role
from schemas.credentials import DeelcertificaatInput, ModuleVersionInput, Party
from tests.catalogue.helpers import CHARGER, SOLAR, Catalogue
from tests.conftest import Accounts

EVC_STANDARD = "https://kwalificaties.example/allround-monteur-elektrotechniek"
WERKPROCES = "https://kwalificaties.example/allround-monteur-elektrotechniek/B1-K1-W1"


@dataclass
class Person:
    """An account with its id and Authorization header."""

    id: str
    headers: dict[str, str]
    email: str | None

    def acting_for(self, worker: Person) -> dict[str, str]:
        return {**self.headers, "X-On-Behalf-Of": worker.id}


class World:
    """Catalogue plus the registry's actors; helpers return parsed JSON and assert statuses."""

    def __init__(
        self,
        client: AsyncTestClient[Any],
        accounts: Accounts,
        sessionmaker: async_sessionmaker[AsyncSession],
    ) -> None:
        self.client = client
        self.accounts = accounts
        self.sessionmaker = sessionmaker
        self.catalogue = Catalogue(client, accounts)
        self.module: dict[str, Any] = {}
        self.assessor: dict[str, str] = {}

    @property
    def operator(self) -> dict[str, str]:
        return self.catalogue.operator

    @property
    def provider(self) -> dict[str, str]:
        return self.catalogue.provider_a

    async def setup(self) -> World:
        """Accredit opleider-a for module certificates and opleider-b for EVC; publish
        laadpaalmonteur."""
        await self.catalogue.setup()
        await self.accredit("opleider-a", "module-certificate")
        await self.accredit("opleider-b", "evc")
        self.module = await self.catalogue.module()
        self.assessor = await self.accounts.headers("assessor", provider="opleider-b")
        return self

    async def accredit(
        self, provider: str, kind: str, achievements: list[str] | None = None
    ) -> None:
        response = await self.client.post(
            "/api/accreditations",
            json={"provider": provider, "kind": kind, "achievements": achievements or []},
            headers=self.operator,
        )
        assert response.status_code == 201, response.text

    async def person(self, role: Role, email: str | None = None, name: str = "") -> Person:
        async with self.sessionmaker() as session, session.begin():
            account = await create_account(
                session, role=role, name=name or f"Test {role}", email=email
            )
            token = await issue_token(session, account)
        return Person(str(account.id), {"Authorization": f"Bearer {token}"}, email)

    async def issue(
        self, worker: Person, module_id: str | None = None, *, reissue: bool = False
    ) -> dict[str, Any]:
        response = await self.client.post(
            "/api/credentials?reissue=true" if reissue else "/api/credentials",
            json={
                "kind": "module-certificate",
                "moduleId": module_id or self.module["id"],
                "holder": {"workerId": worker.id},
            },
            headers=self.provider,
        )
        assert response.status_code == 201, response.text
        result: dict[str, Any] = response.json()
        return result

    async def issue_evc(self, worker: Person) -> dict[str, Any]:
        response = await self.client.post(
            "/api/credentials",
            json={
                "kind": "evc",
                "holder": {"workerId": worker.id},
                "standard": {
                    "url": EVC_STANDARD,
                    "name": "Allround monteur elektrotechniek",
                    "description": "Kwalificatiedossier allround monteur, kerntaak B1-K1.",
                    "werkprocessen": [{"uri": WERKPROCES, "label": "Installeert laadpalen"}],
                },
                "results": [
                    {
                        "competence": {"uri": WERKPROCES, "label": "Installeert laadpalen"},
                        "status": "behaald",
                    }
                ],
                "evidence": [
                    {
                        "name": "Praktijkobservatie",
                        "description": "Observatie op de werkplek bij twee installaties.",
                        "genre": "observatie",
                    }
                ],
            },
            headers=self.assessor,
        )
        assert response.status_code == 201, response.text
        result: dict[str, Any] = response.json()
        return result

    async def share(
        self,
        worker: Person,
        ids: list[str],
        recipient: str,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        body = {"credentialIds": ids, "recipient": recipient, **extra}
        response = await self.client.post(
            "/api/me/shares", json=body, headers=headers or worker.headers
        )
        assert response.status_code == 201, response.text
        result: dict[str, Any] = response.json()
        return result

    async def verify(
        self, body: dict[str, Any], headers: dict[str, str] | None = None
    ) -> dict[str, Any]:
        response = await self.client.post("/api/verify", json=body, headers=headers)
        assert response.status_code == 200, response.text
        result: dict[str, Any] = response.json()
        return result

    async def revoke(self, credential_id: str, headers: dict[str, str] | None = None) -> None:
        response = await self.client.post(
            f"/api/credentials/{credential_id}/revoke", headers=headers or self.provider
        )
        assert response.status_code == 200, response.text

    async def wallet(self, worker: Person) -> dict[str, Any]:
        response = await self.client.get("/api/me/credentials", headers=worker.headers)
        assert response.status_code == 200, response.text
        result: dict[str, Any] = response.json()
        return result


def foreign_credential(holder_did: str, *, title: str = "Zonnepanelen leggen") -> str:
    """A credential signed by a did:key issuer that no trust list names."""
    key = SigningKey.generate()
    issuer = did_key(key.public)
    data = DeelcertificaatInput(
        issuer=Party(id=issuer, name="Buitenlands instituut"),
        holder=Party(id=holder_did, name="Werker"),
        module=ModuleVersionInput(
            url="https://elders.example/modules/zonnepanelen/1",
            title=title,
            description="Zonnepanelen op daken leggen en aansluiten.",
            criteria_narrative="Praktijkopdracht.",
            competences=[],
            study_load_hours=16,
            provider=Party(id="https://elders.example", name="Buitenlands instituut"),
        ),
        issued_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=3),
    )
    return issue_deelcertificaat(data, key, kid=holder_kid(key.public)).jws


__all__ = ["CHARGER", "EVC_STANDARD", "SOLAR", "Person", "World", "foreign_credential"]
