"""The rules of `registry.matching.rules` on their own: certificate age in calendar months,
which credential wins when several name the same scheme, and the verdict order."""

from __future__ import annotations

import datetime as dt

from registry.matching.rules import Evidence, certificate_result, months_before, verdict

VCA = "https://www.vca.nl/schemes/vca-basis"
NOW = dt.datetime(2026, 3, 31, 12, tzinfo=dt.UTC)


def evidence(
    ident: str, verdict_: str, issued: dt.datetime, scheme: str = VCA, kind: str = "certificate"
) -> Evidence:
    return Evidence(
        id=ident,
        kind=kind,
        verdict=verdict_,
        achievement_id=scheme,
        competences=frozenset(),
        issued_at=issued,
        valid_until=None,
    )


def test_months_are_calendar_months() -> None:
    assert months_before(NOW, 1) == dt.datetime(2026, 2, 28, 12, tzinfo=dt.UTC)
    assert months_before(NOW, 120) == dt.datetime(2016, 3, 31, 12, tzinfo=dt.UTC)
    assert months_before(NOW, 3) == dt.datetime(2025, 12, 31, 12, tzinfo=dt.UTC)


def test_a_valid_young_certificate_wins_over_old_expired_and_stopped_ones() -> None:
    certificate = {"name": "VCA Basis", "competence": VCA, "maxAgeMonths": 12}
    old = evidence("old", "valid", NOW - dt.timedelta(days=400))
    stopped = evidence("stopped", "suspended", NOW)
    young = evidence("young", "valid", NOW - dt.timedelta(days=30))
    assert certificate_result(certificate, [], [old, stopped], NOW).status == "expired"
    assert certificate_result(certificate, [], [stopped], NOW).status == "revoked"
    present = certificate_result(certificate, [], [old, stopped, young], NOW)
    assert (present.status, present.credential_ids) == ("present", ["young"])
    other = evidence("other", "valid", NOW, "https://www.nen.nl/schemes/nen-3140")
    assert certificate_result(certificate, [], [other], NOW).status == "missing"
    exact = certificate_result(certificate, ["https://www.nen.nl/schemes/nen-3140"], [other], NOW)
    assert exact.status == "present"


def test_only_a_person_certificate_of_the_scheme_counts() -> None:
    certificate = {"name": "VCA Basis", "competence": VCA}
    for kind in ("module-certificate", "evc", "other"):
        found = certificate_result(certificate, [], [evidence(kind, "valid", NOW, kind=kind)], NOW)
        assert found.status == "missing"
    stopped = certificate_result(certificate, [], [evidence("s", "suspended", NOW)], NOW)
    assert (stopped.status, stopped.reason) == ("revoked", "suspended")


def test_the_verdict_order() -> None:
    from schemas.matching import MandatoryResult, RequirementResult

    def req(when: str, status: str) -> RequirementResult:
        return RequirementResult(
            competence="x",
            label="x",
            when=when,
            status=status,
            credential_ids=[],  # type: ignore[arg-type]
        )

    missing = MandatoryResult(name="VCA", competence=VCA, status="missing", credential_ids=[])
    present = MandatoryResult(name="VCA", competence=VCA, status="present", credential_ids=["a"])
    assert verdict([missing], [req("at-start", "covered")]) == "blocked"
    assert verdict([present], [req("at-start", "self-declared-only")]) == "blocked"
    assert verdict([present], [req("can-learn", "missing")]) == "fits-after-training"
    assert verdict([present], [req("at-start", "covered-via-equivalent")]) == "fits"
