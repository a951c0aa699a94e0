"""Matching a CV against a job profile (issue 15), one test per rule of its "Done when": a
missing, expired or revoked mandatory certificate blocks; a self-declared competence never
counts; an exactMatch equivalent counts and says `via`; a broadMatch does not count."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update

from registry.models import Credential
from tests.catalogue.helpers import CHARGER, HEAT_PUMP, SOLAR
from tests.registry.matching.helpers import (
    NEN3140,
    VCA,
    certificate,
    crosswalk,
    exam_of,
    my_match,
    profile,
    share_match,
    statuses,
    stop,
)
from tests.registry.wallet_helpers import World

WP = "https://kwalificaties.example/monteur-bouw/B1-K2-W1"
CERTIFICATES = [
    {"name": "VCA Basis", "competence": VCA, "maxAgeMonths": 120},
    {"name": "NEN 3140", "competence": NEN3140},
]


async def test_a_missing_certificate_blocks_whatever_else_fits(world: World) -> None:
    employer = await world.person("employer")
    worker = await world.person("worker", email="w@example.org")
    module_cert = await world.issue(worker)
    await certificate(world, worker, NEN3140)
    job = await profile(
        world,
        employer,
        published=True,
        requirements=[{"competence": CHARGER, "when": "at-start"}],
        mandatoryCertificates=CERTIFICATES,
    )
    match = await my_match(world, worker, job["id"])
    assert match["verdict"] == "blocked"
    assert statuses(match) == {CHARGER: "covered", VCA: "missing", NEN3140: "present"}
    wallet = await world.wallet(worker)
    by_credential_id = {c["credentialId"]: c["id"] for c in wallet["items"]}
    assert match["requirements"][0]["credentialIds"] == [by_credential_id[module_cert["id"]]]
    await certificate(world, worker, VCA)
    assert (await my_match(world, worker, job["id"]))["verdict"] == "fits"


async def test_an_expired_or_too_old_certificate_blocks(world: World) -> None:
    employer = await world.person("employer")
    worker = await world.person("worker", email="w@example.org")
    vca = await certificate(world, worker, VCA)
    job = await profile(world, employer, published=True, mandatoryCertificates=CERTIFICATES[:1])
    assert (await my_match(world, worker, job["id"]))["verdict"] == "fits"
    # Time passes: eleven years after issue the certificate is older than maxAgeMonths (120).
    async with world.sessionmaker() as session, session.begin():
        eleven_years_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=11 * 366)
        await session.execute(
            update(Credential)
            .where(Credential.credential_id == vca["id"])
            .values(issued_at=eleven_years_ago)
        )
    match = await my_match(world, worker, job["id"])
    assert (match["verdict"], match["mandatory"][0]["status"]) == ("blocked", "expired")
    # And a certificate past its validUntil is expired too, however young.
    async with world.sessionmaker() as session, session.begin():
        await session.execute(
            update(Credential)
            .where(Credential.credential_id == vca["id"])
            .values(
                issued_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=30),
                valid_until=dt.datetime.now(dt.UTC) - dt.timedelta(days=1),
            )
        )
    match = await my_match(world, worker, job["id"])
    assert (match["verdict"], match["mandatory"][0]["status"]) == ("blocked", "expired")


async def test_a_revoked_certificate_in_a_share_blocks(world: World) -> None:
    employer = await world.person("employer", email="hr@example.org")
    worker = await world.person("worker", email="w@example.org")
    vca = await certificate(world, worker, VCA)
    module_cert = await world.issue(worker)
    shared = await world.share(worker, [vca["id"], module_cert["id"]], "hr@example.org")
    job = await profile(
        world,
        employer,
        requirements=[{"competence": CHARGER, "when": "at-start"}],
        mandatoryCertificates=CERTIFICATES[:1],
    )
    match = await share_match(world, employer, job["id"], {"share": shared["url"]})
    assert match["verdict"] == "fits"
    await stop(world, vca["id"], "revoke", await exam_of(world))
    match = await share_match(world, employer, job["id"], {"receivedShareId": shared["id"]})
    assert match["verdict"] == "blocked"
    assert statuses(match) == {CHARGER: "covered", VCA: "revoked"}
    assert match["holderName"] == "Test worker"


async def test_self_declared_experience_never_counts(world: World) -> None:
    employer = await world.person("employer")
    worker = await world.person("worker", email="w@example.org")
    answer = await world.client.post(
        "/api/me/experience",
        json={"title": "Zonnepanelen gelegd", "competences": [SOLAR, HEAT_PUMP]},
        headers=worker.headers,
    )
    assert answer.status_code == 201, answer.text
    job = await profile(
        world,
        employer,
        published=True,
        requirements=[
            {"competence": SOLAR, "when": "at-start"},
            {"competence": HEAT_PUMP, "when": "can-learn"},
        ],
    )
    match = await my_match(world, worker, job["id"])
    assert match["verdict"] == "blocked"
    assert statuses(match) == {SOLAR: "self-declared-only", HEAT_PUMP: "self-declared-only"}
    assert all(r["credentialIds"] == [] for r in match["requirements"])


async def test_an_exact_match_counts_via_the_equivalent_and_a_broad_match_does_not(
    world: World,
) -> None:
    employer = await world.person("employer")
    worker = await world.person("worker", email="w@example.org")
    await world.issue(worker)  # laadpaalmonteur: CHARGER
    # WP (a werkproces the catalogue lacks) is known to the registry through its crosswalk.
    await crosswalk(world, WP, "exactMatch", CHARGER)
    job = await profile(
        world,
        employer,
        published=True,
        requirements=[
            {"competence": WP, "when": "at-start"},
            {"competence": HEAT_PUMP, "when": "can-learn"},
        ],
    )
    assert (await my_match(world, worker, job["id"]))["verdict"] == "fits-after-training"
    await crosswalk(world, HEAT_PUMP, "broadMatch", CHARGER)
    match = await my_match(world, worker, job["id"])
    assert match["verdict"] == "fits-after-training"
    covered, broad = match["requirements"]
    assert (covered["status"], covered["via"]) == ("covered-via-equivalent", CHARGER)
    assert (broad["status"], "via" in broad) == ("missing", False)


async def test_only_valid_credentials_count(world: World) -> None:
    employer = await world.person("employer")
    worker = await world.person("worker", email="w@example.org")
    issued = await world.issue(worker)
    job = await profile(
        world, employer, published=True, requirements=[{"competence": CHARGER, "when": "at-start"}]
    )
    assert (await my_match(world, worker, job["id"]))["verdict"] == "fits"
    await world.revoke(issued["id"])
    match = await my_match(world, worker, job["id"])
    assert (match["verdict"], statuses(match)) == ("blocked", {CHARGER: "missing"})


async def test_who_may_match_what(world: World) -> None:
    employer = await world.person("employer", email="hr@example.org")
    other = await world.person("employer")
    worker = await world.person("worker", email="w@example.org")
    shared = await world.share(worker, [(await world.issue(worker))["id"]], "hr@example.org")
    draft = await profile(world, employer)
    answer = await world.client.get(f"/api/me/matches/{draft['id']}", headers=worker.headers)
    assert (answer.status_code, answer.json()["code"]) == (404, "job-profile-not-found")
    path = f"/api/job-profiles/{draft['id']}/match"
    answer = await world.client.post(path, json={"share": shared["url"]}, headers=other.headers)
    assert (answer.status_code, answer.json()["code"]) == (404, "job-profile-not-found")
    for body in [{}, {"share": shared["url"], "receivedShareId": shared["id"]}]:
        answer = await world.client.post(path, json=body, headers=employer.headers)
        assert (answer.status_code, answer.json()["code"]) == (422, "share-or-received-required")
    answer = await world.client.post(
        path, json={"share": "https://elders.example/s/abc"}, headers=employer.headers
    )
    assert answer.status_code == 422, answer.text


async def test_only_a_person_certificate_is_the_certificate(world: World) -> None:
    """A provider's module aligned to the VCA scheme, and an EVC record assessed against it,
    are no VCA certificate: not for the worker, not in a share, and no route to it."""
    employer = await world.person("employer", email="hr@example.org")
    worker = await world.person("worker", email="w@example.org")
    await exam_of(world)  # puts the schemes in the catalogue
    vca_module = await world.catalogue.module(title="VCA in twee uur", competences=[{"uri": VCA}])
    module_cert = await world.issue(worker, vca_module["id"])
    evc = await world.client.post(
        "/api/credentials",
        json={
            "kind": "evc",
            "holder": {"workerId": worker.id},
            "standard": {
                "url": "https://evc.example/standaarden/veiligheid",
                "name": "Veilig werken",
                "description": "Veiligheid, gezondheid en milieu, basis.",
                "werkprocessen": [{"uri": VCA, "label": "VCA Basis"}],
            },
            "results": [{"competence": {"uri": VCA, "label": "VCA Basis"}, "status": "behaald"}],
        },
        headers=world.assessor,
    )
    assert evc.status_code == 201, evc.text
    job = await profile(
        world,
        employer,
        published=True,
        requirements=[{"competence": HEAT_PUMP, "when": "can-learn"}],
        mandatoryCertificates=CERTIFICATES[:1],
    )
    shared = await world.share(worker, [module_cert["id"], evc.json()["id"]], "hr@example.org")
    for match in (
        await my_match(world, worker, job["id"]),
        await share_match(world, employer, job["id"], {"share": shared["url"]}),
    ):
        assert (match["verdict"], match["mandatory"][0]["status"]) == ("blocked", "missing")
        assert vca_module["id"] not in [s["moduleId"] for s in match["route"]]
        assert VCA not in match["unroutable"]
        assert match["weeksToReady"] is None
    await certificate(world, worker, VCA)
    match = await my_match(world, worker, job["id"])
    assert (match["verdict"], match["mandatory"][0]["status"]) == ("fits-after-training", "present")


async def test_a_suspended_certificate_says_suspended(world: World) -> None:
    employer = await world.person("employer")
    worker = await world.person("worker", email="w@example.org")
    vca = await certificate(world, worker, VCA)
    job = await profile(world, employer, published=True, mandatoryCertificates=CERTIFICATES[:1])
    await stop(world, vca["id"], "suspend", await exam_of(world))
    [suspended] = (await my_match(world, worker, job["id"]))["mandatory"]
    assert (suspended["status"], suspended["reason"]) == ("revoked", "suspended")
    await stop(world, vca["id"], "revoke", await exam_of(world))
    [revoked] = (await my_match(world, worker, job["id"]))["mandatory"]
    assert (revoked["status"], revoked["reason"]) == ("revoked", "revoked")
