"""Building blocks for catalogue tests, all through the public API."""

from __future__ import annotations

import datetime as dt
from typing import Any

from litestar.testing import AsyncTestClient

from tests.conftest import Accounts

HEAT_PUMP = "http://data.europa.eu/esco/skill/00735755-adc6-4ea0-b034-b8caff339c9f"
SOLAR = "http://data.europa.eu/esco/skill/solar-test-0001"
CHARGER = "http://data.europa.eu/esco/skill/charger-test-0002"


def module_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "Laadpaalmonteur",
        "summary": "Laadpalen veilig installeren en aansluiten.",
        "description": "Je leert laadpalen voor elektrische auto's plaatsen, aansluiten en testen.",
        "language": "nl",
        "level": {"scheme": "mbo", "value": 3},
        "studyLoadHours": 40,
        "credits": {"value": 1.5, "system": "ECTS"},
        "durationDays": 5,
        "deliveryMode": "blended",
        "prerequisites": "NEN 3140 VOP",
        "competences": [{"uri": CHARGER, "level": "zelfstandig"}],
        "sectors": ["installatietechniek"],
        "certificate": "Deelcertificaat Laadpaalmonteur",
        "priceCents": 125000,
    }
    body.update(changes)
    return body


class Catalogue:
    """A small catalogue with an operator, two providers and three competences."""

    def __init__(self, client: AsyncTestClient[Any], accounts: Accounts) -> None:
        self.client = client
        self.accounts = accounts
        self.operator: dict[str, str] = {}
        self.provider_a: dict[str, str] = {}
        self.provider_b: dict[str, str] = {}

    async def setup(self) -> Catalogue:
        self.operator = await self.accounts.headers("operator")
        for slug, name in [("opleider-a", "Opleider A"), ("opleider-b", "Opleider B")]:
            response = await self.client.post(
                "/api/catalogue/providers", json={"slug": slug, "name": name}, headers=self.operator
            )
            assert response.status_code == 201, response.text
        self.provider_a = await self.accounts.headers("provider", provider="opleider-a")
        self.provider_b = await self.accounts.headers("provider", provider="opleider-b")
        response = await self.client.post(
            "/api/catalogue/frameworks",
            json={
                "slug": "esco",
                "name": "ESCO",
                "uri": "http://data.europa.eu/esco",
                "version": "v1.1.1",
            },
            headers=self.operator,
        )
        assert response.status_code == 201, response.text
        for uri, en, nl in [
            (HEAT_PUMP, "install heat pump", "warmtepomp installeren"),
            (SOLAR, "install solar panels", "zonnepanelen installeren"),
            (CHARGER, "install charging stations", "laadpalen installeren"),
        ]:
            response = await self.client.post(
                "/api/catalogue/competences",
                json={"framework": "esco", "uri": uri, "labels": {"en": en, "nl": nl}},
                headers=self.operator,
            )
            assert response.status_code == 201, response.text
        return self

    async def module(
        self, headers: dict[str, str] | None = None, *, publish: bool = True, **changes: Any
    ) -> dict[str, Any]:
        response = await self.client.post(
            "/api/catalogue/modules",
            json=module_body(**changes),
            headers=headers or self.provider_a,
        )
        assert response.status_code == 201, response.text
        module: dict[str, Any] = response.json()
        if publish:
            response = await self.client.post(
                f"/api/catalogue/modules/{module['id']}/publish", headers=headers or self.provider_a
            )
            assert response.status_code == 200, response.text
            module = response.json()
        return module

    async def module_with_runs(self, title: str, uris: list[str], *runs: tuple[str, str]) -> str:
        """A published module teaching `uris`, with an open run of five days per (start date,
        postcode): in Utrecht for a postcode from 35, else in Groningen. Its id."""
        made = await self.module(title=title, competences=[{"uri": uri} for uri in uris])
        for start, postcode in runs:
            begin = dt.date.fromisoformat(start)
            await self.run(
                made["id"],
                startDate=start,
                endDate=(begin + dt.timedelta(days=4)).isoformat(),
                postcode=postcode,
                place="Utrecht" if postcode.startswith("35") else "Groningen",
            )
        module_id: str = made["id"]
        return module_id

    async def run(
        self, module_id: str, headers: dict[str, str] | None = None, **changes: Any
    ) -> dict[str, Any]:
        body = {
            "startDate": "2031-03-02",
            "endDate": "2031-03-06",
            "place": "Utrecht",
            "postcode": "3511 AB",
            "seats": 12,
            "priceCents": 125000,
            "status": "open",
        } | changes
        response = await self.client.post(
            f"/api/catalogue/modules/{module_id}/runs",
            json=body,
            headers=headers or self.provider_a,
        )
        assert response.status_code == 201, response.text
        result: dict[str, Any] = response.json()
        return result
