"""A person certificate (VCA Basis and the like) on the worker's CV page, its own page, and
the share page an employer opens: each names the kind in plain Dutch."""

from __future__ import annotations

from sqlalchemy import select

from registry.accounts.accounts import issue_token
from registry.models import Account, Credential
from tests.registry.issuing.test_certificates import VCA, certificate, exam_institute
from tests.registry.wallet_helpers import Person, World
from tests.web.helpers import HTML, signed_in

WORKER_KIND = "Certificaat: examen gehaald (zoals VCA)"
EMPLOYER_KIND = "Certificaat na een examen (zoals VCA)"


async def test_cv_certificate_and_share_pages_name_the_kind(world: World) -> None:
    exam = await exam_institute(world)
    browser = await signed_in(world.client, world.sessionmaker, "worker", "sam@example.nl")
    async with world.sessionmaker() as session, session.begin():
        account = await session.scalar(select(Account).where(Account.email == "sam@example.nl"))
        assert account is not None
        token = await issue_token(session, account)
    worker = Person(str(account.id), {"Authorization": f"Bearer {token}"}, account.email)
    response = await world.client.post(
        "/api/credentials", json=certificate(VCA, worker), headers=exam
    )
    assert response.status_code == 201, response.text
    issued = response.json()

    cv = await browser.get("/mijn-cv")
    assert cv.status_code == 200, cv.text
    assert WORKER_KIND in cv.text
    assert "VCA Basis" in cv.text
    async with world.sessionmaker() as session:
        row_id = await session.scalar(
            select(Credential.id).where(Credential.credential_id == issued["id"])
        )
    page = await browser.get(f"/mijn-cv/bewijzen/{row_id}")
    assert page.status_code == 200, page.text
    assert "<h1>VCA Basis</h1>" in page.text
    assert WORKER_KIND in page.text
    assert "Examencentrum Techniek" in page.text

    share = await world.share(worker, [issued["id"]], "hr@noord.example")
    shared = await world.client.get(share["url"], headers=HTML)
    assert shared.status_code == 200, shared.text
    assert EMPLOYER_KIND in shared.text
    assert "VCA Basis" in shared.text
    assert shared.text.count('class="verdict green"') == 1  # it verifies
