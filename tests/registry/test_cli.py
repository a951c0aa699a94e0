"""The `registry` command line against the test database."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncEngine

from catalogue.esco import ESCO_GREEN_SKILLS_NL_CSV, parse_esco_csv
from registry.cli import main
from registry.settings import Settings

# The CLI opens the test database itself.
pytestmark = pytest.mark.committed

RUN = {
    "startDate": "2031-01-06",
    "endDate": "2031-01-07",
    "place": "Assen",
    "postcode": "9401 AA",
    "seats": 8,
}


@pytest.fixture
def env(database_url: str, tmp_path: Path, engine: AsyncEngine) -> dict[str, str]:
    return {"REGISTRY_DATABASE_URL": database_url, "REGISTRY_VAR_DIR": str(tmp_path)}


def test_accounts_create_prints_id_and_token(env: dict[str, str]) -> None:
    result = CliRunner().invoke(
        main,
        ["accounts", "create", "--role", "worker", "--name", "Sam", "--email", "sam@example.nl"],
        env=env,
    )
    assert result.exit_code == 0, result.output
    created = json.loads(result.output)
    assert created["token"].startswith("llo_")
    assert len(created["token"]) >= 4 + 43  # 32 random bytes, base64url
    again = CliRunner().invoke(
        main,
        ["accounts", "create", "--role", "worker", "--name", "Sam", "--email", "SAM@example.nl"],
        env=env,
    )
    assert again.exit_code == 1
    assert json.loads(again.stderr)["error"] == "email-taken"


def test_provider_account_needs_existing_provider(env: dict[str, str]) -> None:
    result = CliRunner().invoke(
        main, ["accounts", "create", "--role", "provider", "--name", "P"], env=env
    )
    assert result.exit_code == 1
    assert json.loads(result.stderr)["error"] == "provider-required"
    result = CliRunner().invoke(
        main,
        ["accounts", "create", "--role", "provider", "--name", "P", "--provider", "nope"],
        env=env,
    )
    assert json.loads(result.stderr)["error"] == "provider-not-found"


def test_secret_key_is_generated_once(env: dict[str, str], tmp_path: Path) -> None:
    CliRunner().invoke(main, ["accounts", "create", "--role", "employer", "--name", "E"], env=env)
    secret = (tmp_path / "secret.key").read_text()
    assert len(secret.strip()) >= 43
    assert (tmp_path / "secret.key").stat().st_mode & 0o077 == 0
    CliRunner().invoke(main, ["accounts", "create", "--role", "employer", "--name", "F"], env=env)
    assert (tmp_path / "secret.key").read_text() == secret


async def test_demo_loads_catalogue_and_tokens_work(
    env: dict[str, str], client: AsyncTestClient[Any]
) -> None:
    # The CLI runs its own event loop, so it runs in a thread beside the test's loop.
    result = await asyncio.to_thread(CliRunner().invoke, main, ["demo"], env=env)
    assert result.exit_code == 0, result.output
    tokens = json.loads(result.stdout)
    assert "password 'demo-wachtwoord'" in result.stderr
    assert {"operator", "provider", "assessor", "worker", "employer"} <= tokens.keys()
    modules = (await client.get("/api/catalogue/modules", params={"limit": 100})).json()
    assert modules["total"] >= 12
    titles = " ".join(m["title"].lower() for m in modules["items"])
    for word in ("laadpaal", "warmtepomp", "zonnepanelen", "nen 3140", "f-gassen", "ventilatie"):
        assert word in titles
    assert len({m["provider"]["slug"] for m in modules["items"]}) >= 3
    assert (await client.get("/api/catalogue/qualifications")).json()["total"] >= 2
    statuses = []
    for module in modules["items"]:
        statuses += [
            r["status"]
            for r in (await client.get(f"/api/catalogue/modules/{module['id']}/runs")).json()
        ]
    assert statuses.count("cancelled") == 1
    # The ESCO skills come with their official Dutch labels beside the English ones.
    skills = (await client.get("/api/catalogue/competences", params={"framework": "esco"})).json()
    assert skills["total"] == 570
    without = await client.get("/api/catalogue/competences", params={"withoutLabel": "nl"})
    assert without.json()["total"] == 0
    heat_pump = await client.get("/api/catalogue/competences", params={"q": "install heat pump"})
    assert heat_pump.json()["items"][0]["label"] == "warmtepompen installeren"
    # Running demo again loads nothing twice and mints fresh tokens.
    rerun = await asyncio.to_thread(CliRunner().invoke, main, ["demo"], env=env)
    assert json.loads(rerun.stdout)["provider"] != tokens["provider"]
    assert (await client.get("/api/catalogue/modules")).json()["total"] == modules["total"]
    # The provider token acts for its own organisation only.
    provider = {"Authorization": f"Bearer {tokens['provider']}"}
    own = (
        await client.get("/api/catalogue/modules", params={"provider": "installatie-academie-oost"})
    ).json()
    other = next(
        m for m in modules["items"] if m["provider"]["slug"] != "installatie-academie-oost"
    )
    ok = await client.post(
        f"/api/catalogue/modules/{own['items'][0]['id']}/runs", json=RUN, headers=provider
    )
    assert ok.status_code == 201, ok.text
    denied = await client.post(
        f"/api/catalogue/modules/{other['id']}/runs", json=RUN, headers=provider
    )
    assert denied.status_code == 403


async def test_demo_worker_cv_and_employer_share(
    env: dict[str, str], client: AsyncTestClient[Any], settings: Settings
) -> None:
    # The app under test must open the keys the CLI wrapped, at the URLs the CLI used.
    env |= {"REGISTRY_SECRET_KEY": settings.secret_key, "REGISTRY_BASE_URL": settings.base_url}
    result = await asyncio.to_thread(CliRunner().invoke, main, ["demo"], env=env)
    tokens = json.loads(result.stdout)
    worker = {"Authorization": f"Bearer {tokens['worker']}"}
    employer = {"Authorization": f"Bearer {tokens['employer']}"}
    cv = (await client.get("/api/me/cv", headers=worker)).json()
    kinds = sorted(c["kind"] for c in cv["credentials"])
    assert kinds == ["certificate", "evc", "module-certificate", "module-certificate"]
    # The exam institute certified NEN 3140 under the scheme's URI, and no VCA Basis.
    [certificate] = [c for c in cv["credentials"] if c["kind"] == "certificate"]
    assert certificate["achievementId"] == "https://www.nen.nl/schemes/nen-3140"
    assert certificate["achievement"] == "NEN 3140 Voldoende Onderricht Persoon"
    assert certificate["issuer"] == "Examencentrum Techniek"
    assert "exam-institute" in tokens
    progress = next(q for q in cv["qualifications"] if q["code"] == "Q-ALLROUND-DI")
    assert progress["modulesDone"] == 2
    assert not progress["complete"]
    assert cv["experience"]["items"][0]["title"] == "Elektricien woningbouw"
    # The certificates' competences carry the Dutch ESCO labels.
    dutch = {c.uri: c.labels["nl"] for c in parse_esco_csv(ESCO_GREEN_SKILLS_NL_CSV.read_bytes())}
    esco = [g for g in cv["byCompetence"] if g["uri"] in dutch]
    assert esco
    assert all(g["label"] == dutch[g["uri"]] for g in esco), esco
    received = (await client.get("/api/shares/received", headers=employer)).json()
    assert len(received) == 1
    opened = await client.get(
        received[0]["url"], headers=employer | {"Accept": "application/vp+jwt"}
    )
    assert opened.headers["content-type"].startswith("application/vp+jwt"), opened.text[:300]
    presentation = opened.text
    report = await client.post("/api/verify", json={"presentation": presentation}, headers=employer)
    assert report.status_code == 200, report.text
    assert report.json()["verdict"] == "valid", report.text
    reports = report.json()["credentials"]
    assert len(reports) == 4
    # The NEN 3140 certificate is in the share and verifies, accredited for its scheme.
    [nen] = [r for r in reports if r["credential"]["achievementType"] == "Certification"]
    assert nen["credential"]["achievementId"] == "https://www.nen.nl/schemes/nen-3140"
    assert nen["verdict"] == "valid"
    accreditation = next(c for c in nen["checks"] if c["name"] == "accreditation")
    assert (accreditation["status"], accreditation["code"]) == ("passed", "accredited")


def test_accounts_password_sets_an_argon2id_hash(env: dict[str, str], database_url: str) -> None:
    created = CliRunner().invoke(
        main,
        ["accounts", "create", "--role", "employer", "--name", "E", "--email", "e@x.nl"],
        env=env,
    )
    assert created.exit_code == 0, created.output
    short = CliRunner().invoke(
        main, ["accounts", "password", "--email", "e@x.nl"], input="kort\nkort\n", env=env
    )
    assert short.exit_code == 1
    assert json.loads(short.stderr)["error"] == "password-length"
    unknown = CliRunner().invoke(
        main,
        ["accounts", "password", "--email", "x@x.nl", "--password", "lang genoeg wachtwoord"],
        env=env,
    )
    assert unknown.exit_code == 1
    done = CliRunner().invoke(
        main,
        ["accounts", "password", "--email", "E@x.nl"],
        input="lang genoeg wachtwoord\nlang genoeg wachtwoord\n",
        env=env,
    )
    assert done.exit_code == 0, done.output

    async def stored() -> str | None:
        from sqlalchemy import select

        from registry.db import make_engine
        from registry.models import Account

        engine = make_engine(database_url)
        async with engine.connect() as conn:
            value = await conn.scalar(
                select(Account.password_hash).where(Account.email == "e@x.nl")
            )
        await engine.dispose()
        return value

    assert (asyncio.run(stored()) or "").startswith("$argon2id$")


async def test_cli_accounts_are_verified_and_registry_worker_runs_due_jobs(
    env: dict[str, str], sessionmaker: Any, mail_settings: Settings, inbox: Any
) -> None:
    from sqlalchemy import select

    from registry.mail.compose import Line, Mail
    from registry.mail.outbox import send_mail
    from registry.models import Account, Job

    made = await asyncio.to_thread(
        CliRunner().invoke,
        main,
        ["accounts", "create", "--role", "worker", "--name", "Sam", "--email", "sam@example.nl"],
        env=env,
    )
    assert made.exit_code == 0, made.output
    async with sessionmaker() as session, session.begin():
        account = await session.scalar(select(Account).where(Account.email == "sam@example.nl"))
        assert account is not None
        assert account.is_verified  # an operator vouches for the address
        mail = Mail(topic="test", to="sam@example.nl", subject=Line("verify.subject"), lines=())
        await send_mail(session, mail_settings, mail)
    worker_env = {**env, "REGISTRY_SMTP_URL": mail_settings.smtp_url or ""}
    ran = await asyncio.to_thread(
        CliRunner().invoke, main, ["worker", "--until-idle"], env=worker_env
    )
    assert ran.exit_code == 0, ran.output
    assert json.loads(ran.stdout) == {"jobs": 1}
    assert [m["To"] for m in inbox.mails] == ["sam@example.nl"]
    async with sessionmaker() as session:
        job = await session.scalar(select(Job))
    assert job is not None
    assert job.done_at is not None
