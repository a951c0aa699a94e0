"""Person certificates (`"kind": "certificate"`): an exam institute, an organisation whose
account has the role assessor, issues them for the certificate schemes its accreditation
lists; the credential's achievement is the scheme (its id the scheme URI). Issuance and every
verifier (API, `registry verify`) apply the same scope rule."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from credentials.issue import issue_certificate
from credentials.jws import parse_compact
from credentials.verifier import Verifier
from credentials.verify import VerifierConfig
from registry.issuers import status_lists, trust_lists
from registry.issuers.keys import signing_key
from registry.models import Credential
from registry.settings import Settings
from schemas.credentials import CertificateInput, CompetenceInput, CredentialStatus, Party
from tests.registry.issuers.test_issuers import Sessions
from tests.registry.verify_helpers import check_of, verify_api, verify_cli
from tests.registry.wallet_helpers import Person, World

VCA = "https://www.vca.nl/schemes/vca-basis"
NEN = "https://www.nen.nl/schemes/nen-3140"
FGAS = "https://www.fgassen.nl/schemes/f-gassen-cat-1"
INSTITUTE = "examencentrum"
SCHEMES = [
    (VCA, "VCA Basis", "VCA Basic Safety"),
    (NEN, "NEN 3140 Voldoende Onderricht Persoon", "NEN 3140 Instructed Person"),
    (FGAS, "F-gassen categorie 1", "F-gases category 1"),
]


async def exam_institute(world: World, schemes: list[str] | None = None) -> dict[str, str]:
    """Examencentrum with the three schemes in the catalogue, accredited for VCA Basis and
    NEN 3140 (not F-gassen); returns its assessor's headers."""
    client, operator = world.client, world.operator
    created = await client.post(
        "/api/catalogue/providers",
        json={"slug": INSTITUTE, "name": "Examencentrum Techniek"},
        headers=operator,
    )
    assert created.status_code == 201, created.text
    framework = {
        "slug": "certificaatschemas",
        "name": "Certificaatschema's",
        "uri": "https://example.org/certificaatschemas",
        "version": "2026",
    }
    response = await client.post("/api/catalogue/frameworks", json=framework, headers=operator)
    assert response.status_code == 201, response.text
    for uri, nl, en in SCHEMES:
        body = {"framework": "certificaatschemas", "uri": uri, "labels": {"en": en, "nl": nl}}
        response = await client.post("/api/catalogue/competences", json=body, headers=operator)
        assert response.status_code == 201, response.text
    await world.accredit(INSTITUTE, "certificate", schemes or [VCA, NEN])
    return await world.accounts.headers("assessor", provider=INSTITUTE)


def certificate(scheme: str, worker: Person, **extra: Any) -> dict[str, Any]:
    return {"kind": "certificate", "scheme": scheme, "holder": {"workerId": worker.id}, **extra}


def _in_years(years: int) -> str:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    return now.replace(year=now.year + years, month=1, day=1).isoformat()


async def _count(sessions: Sessions) -> int:
    async with sessions() as session:
        return int(await session.scalar(select(func.count(Credential.id))) or 0)


async def test_an_exam_institute_issues_a_certificate_for_an_accredited_scheme(
    world: World,
) -> None:
    exam = await exam_institute(world)
    worker = await world.person("worker", "sam@example.nl", "Sam")
    until = _in_years(10)
    response = await world.client.post(
        "/api/credentials", json=certificate(VCA, worker, validUntil=until), headers=exam
    )
    assert response.status_code == 201, response.text
    issued = response.json()
    assert (issued["kind"], issued["achievement"]) == ("certificate", VCA)
    assert issued["validUntil"] == until.replace("+00:00", "Z")
    document = json.loads(parse_compact(issued["credential"]).payload)
    achievement = document["credentialSubject"]["achievement"]
    # The scheme URI is the achievement's id and an alignment: what matching looks for.
    assert achievement["id"] == VCA
    assert achievement["achievementType"] == "Certification"
    assert achievement["name"] == "VCA Basis"  # the catalogue's Dutch label
    assert [a["targetUrl"] for a in achievement["alignment"]] == [VCA]
    assert document["validUntil"] == issued["validUntil"]
    assert document["name"] == "Certificaat VCA Basis"

    report = await world.verify({"credential": issued["credential"]})
    assert report["verdict"] == "valid"
    assert check_of(report, "accreditation") == ("passed", "accredited")
    # The wallet lists it with its kind, and the scheme as what it shows.
    [item] = (await world.wallet(worker))["items"]
    assert (item["kind"], item["achievementId"], item["achievement"]) == (
        "certificate",
        VCA,
        "VCA Basis",
    )
    assert [c["uri"] for c in item["competences"]] == [VCA]


async def test_a_scheme_outside_the_accreditation_is_refused_and_issues_nothing(
    world: World,
) -> None:
    exam = await exam_institute(world)
    worker = await world.person("worker", "sam@example.nl", "Sam")
    before = await _count(world.sessionmaker)
    response = await world.client.post(
        "/api/credentials", json=certificate(FGAS, worker), headers=exam
    )
    assert (response.status_code, response.json()["code"]) == (403, "not-accredited")
    # A batch with one such item issues none of them.
    batch = await world.client.post(
        "/api/credentials/batch",
        json={"items": [certificate(NEN, worker), certificate(FGAS, worker)]},
        headers=exam | {"Idempotency-Key": "k1"},
    )
    assert (batch.status_code, batch.json()["code"]) == (422, "batch-rejected")
    assert [(e["index"], e["code"]) for e in batch.json()["errors"]] == [(1, "not-accredited")]
    assert await _count(world.sessionmaker) == before


async def test_who_may_issue_a_certificate(world: World) -> None:
    exam = await exam_institute(world)
    worker = await world.person("worker", "sam@example.nl", "Sam")
    # A provider issues module certificates only.
    response = await world.client.post(
        "/api/credentials", json=certificate(VCA, worker), headers=world.provider
    )
    assert (response.status_code, response.json()["code"]) == (403, "role-not-allowed")
    # An EVC assessor is not accredited for certificates; the exam institute not for EVC.
    response = await world.client.post(
        "/api/credentials", json=certificate(VCA, worker), headers=world.assessor
    )
    assert (response.status_code, response.json()["code"]) == (403, "not-accredited")
    response = await world.client.post(
        "/api/credentials",
        json={
            "kind": "evc",
            "holder": {"workerId": worker.id},
            "standard": {"url": VCA, "name": "VCA", "description": "-"},
            "results": [{"competence": {"uri": VCA, "label": "VCA"}, "status": "behaald"}],
        },
        headers=exam,
    )
    assert (response.status_code, response.json()["code"]) == (403, "not-accredited")


async def test_an_accredited_scheme_unknown_to_the_catalogue_is_named(world: World) -> None:
    unknown = "https://www.example.org/schemes/hoogwerker"
    exam = await exam_institute(world, [VCA, unknown])
    worker = await world.person("worker", "sam@example.nl", "Sam")
    response = await world.client.post(
        "/api/credentials", json=certificate(unknown, worker), headers=exam
    )
    assert (response.status_code, response.json()["code"]) == (422, "unknown-scheme")
    assert unknown in response.json()["detail"]


async def test_a_certificate_accreditation_lists_scheme_uris(world: World) -> None:
    created = await world.client.post(
        "/api/catalogue/providers",
        json={"slug": INSTITUTE, "name": "Examencentrum Techniek"},
        headers=world.operator,
    )
    assert created.status_code == 201, created.text
    for achievements in ([], [world.module["id"]], [VCA, "vca-basis"]):
        response = await world.client.post(
            "/api/accreditations",
            json={"provider": INSTITUTE, "kind": "certificate", "achievements": achievements},
            headers=world.operator,
        )
        assert (response.status_code, response.json()["code"]) == (422, "schemes-required")
    await world.accredit(INSTITUTE, "certificate", [VCA])
    served = await world.client.get("/trust-list", headers={"Accept": "application/json"})
    [listed] = [i for i in served.json()["issuers"] if i["name"] == "Examencentrum Techniek"]
    [accreditation] = listed["accreditations"]
    assert (accreditation["kind"], accreditation["achievements"]) == ("certificate", [VCA])
    assert accreditation["ownAchievements"] is False


async def test_a_holder_holds_a_scheme_once_until_reissued(world: World) -> None:
    exam = await exam_institute(world)
    worker = await world.person("worker", "sam@example.nl", "Sam")
    first = await world.client.post("/api/credentials", json=certificate(NEN, worker), headers=exam)
    assert first.status_code == 201, first.text
    again = await world.client.post("/api/credentials", json=certificate(NEN, worker), headers=exam)
    assert (again.status_code, again.json()["code"]) == (422, "already-issued")
    renewed = await world.client.post(
        "/api/credentials?reissue=true", json=certificate(NEN, worker), headers=exam
    )
    assert renewed.status_code == 201, renewed.text
    # One batch never names the same learner and scheme twice.
    other = await world.person("worker", "noor@example.nl", "Noor")
    batch = await world.client.post(
        "/api/credentials/batch",
        json={"items": [certificate(VCA, other), certificate(VCA, other)]},
        headers=exam | {"Idempotency-Key": "k2"},
    )
    assert batch.status_code == 422, batch.text
    assert [(e["index"], e["code"]) for e in batch.json()["errors"]] == [(1, "duplicate-row")]


async def test_an_evc_record_against_a_scheme_does_not_hold_its_certificate(
    world: World,
) -> None:
    """`already-issued` compares credentials of one kind: an EVC record whose standard is the
    scheme's URI is no certificate, so the exam institute still issues the certificate (and
    then no second one)."""
    exam = await exam_institute(world)
    worker = await world.person("worker", "sam@example.nl", "Sam")
    record = await world.client.post(
        "/api/credentials",
        json={
            "kind": "evc",
            "holder": {"workerId": worker.id},
            "standard": {"url": VCA, "name": "VCA Basis", "description": "Veilig werken."},
            "results": [{"competence": {"uri": VCA, "label": "VCA"}, "status": "behaald"}],
        },
        headers=world.assessor,
    )
    assert record.status_code == 201, record.text
    assert (record.json()["kind"], record.json()["achievement"]) == ("evc", VCA)
    first = await world.client.post("/api/credentials", json=certificate(VCA, worker), headers=exam)
    assert first.status_code == 201, first.text
    assert first.json()["kind"] == "certificate"
    again = await world.client.post("/api/credentials", json=certificate(VCA, worker), headers=exam)
    assert (again.status_code, again.json()["code"]) == (422, "already-issued")
    # The certificate is what the person holds, not the EVC record.
    assert f"already holds {first.json()['id']} " in again.json()["detail"]


async def test_revoked_and_expired_certificates(world: World, settings: Settings) -> None:
    exam = await exam_institute(world)
    worker = await world.person("worker", "sam@example.nl", "Sam")
    until = _in_years(10)
    vca = await world.client.post(
        "/api/credentials", json=certificate(VCA, worker, validUntil=until), headers=exam
    )
    nen = await world.client.post("/api/credentials", json=certificate(NEN, worker), headers=exam)
    assert (vca.status_code, nen.status_code) == (201, 201), nen.text
    jws = vca.json()["credential"]

    # Past its validUntil (a verifier's clock ten years on) VCA Basis reads expired.
    later = dt.datetime.fromisoformat(until) + dt.timedelta(days=1)
    async with world.sessionmaker() as session:
        config = VerifierConfig(
            trust_list=await trust_lists.current_trust_list(session, settings),
            status_lists=await status_lists.status_source(session, settings),
            clock=lambda: later,
        )
    report = Verifier(config).verify(jws)
    assert report.verdict == "expired"
    assert Verifier(config).verify(nen.json()["credential"]).verdict == "valid"  # no end

    # The issuing organisation revokes it like any other credential.
    await world.revoke(nen.json()["id"], exam)
    revoked = await world.verify({"credential": nen.json()["credential"]})
    assert revoked["verdict"] == "revoked"
    assert (await world.verify({"credential": jws}))["verdict"] == "valid"


async def _sign_direct(sessions: Sessions, settings: Settings, scheme: str) -> str:
    """A certificate the institute signs with its own real key outside the API, with a
    status entry of its own (what a rogue or buggy issuer could make)."""
    async with sessions() as session, session.begin():
        [(list_id, index)] = await status_lists.allocate_status(session, INSTITUTE, 1)
        url = status_lists.status_list_url(settings.base_url, list_id)
        key = await signing_key(session, settings, INSTITUTE)
    issued = issue_certificate(
        CertificateInput(
            issuer=Party(id=key.did, name="Examencentrum Techniek"),
            holder=Party(id="did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", name="S"),
            scheme=CompetenceInput(uri=scheme, label="F-gassen categorie 1"),
            issued_at=dt.datetime.now(dt.UTC),
            status=[
                CredentialStatus(
                    id=f"{url}#{index}",
                    type="BitstringStatusListEntry",
                    status_purpose="revocation",
                    status_list_index=str(index),
                    status_list_credential=url,
                )
            ],
        ),
        key.key,
        kid=key.kid,
    )
    return issued.jws


async def test_a_certificate_outside_the_scope_reads_so_in_every_verifier(
    world: World, settings: Settings, tmp_path: Path
) -> None:
    exam = await exam_institute(world)
    worker = await world.person("worker", "sam@example.nl", "Sam")
    genuine = await world.client.post(
        "/api/credentials", json=certificate(VCA, worker), headers=exam
    )
    assert genuine.status_code == 201, genuine.text
    forged = await _sign_direct(world.sessionmaker, settings, FGAS)

    report = await verify_api(world.client, forged)
    assert report["verdict"] == "untrusted-issuer"
    assert check_of(report, "signature") == ("passed", "signature-valid")
    assert check_of(report, "accreditation") == ("failed", "not-accredited")

    code, cli_report = await verify_cli(world.client, tmp_path, genuine.json()["credential"])
    assert (code, cli_report["verdict"]) == (0, "valid")
    code, cli_report = await verify_cli(world.client, tmp_path, forged)
    assert (code, cli_report["verdict"]) == (1, "untrusted-issuer")
    assert check_of(cli_report, "accreditation") == ("failed", "not-accredited")
