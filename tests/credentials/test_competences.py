"""The one rule for what a credential shows its holder can do: only achieved results count."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from credentials.competences import achieved_competences, credential_document
from credentials.issue import issue_evc
from tests.credentials.test_issue import evc_input, fixed_key

GOLDEN = Path(__file__).parent / "golden"


def _golden(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((GOLDEN / name).read_text(encoding="utf-8"))
    return document


def test_an_evc_record_counts_only_its_completed_results() -> None:
    document = _golden("evc.json")
    # The standard is aligned to both werkprocessen; the second one was "niet behaald".
    assert len(document["credentialSubject"]["achievement"]["alignment"]) == 3
    assert [c["label"] for c in achieved_competences(document)] == ["Bereidt de werkzaamheden voor"]


def test_an_evc_record_with_every_result_failed_shows_nothing() -> None:
    document = _golden("evc.json")
    for result in document["credentialSubject"]["result"]:
        result["status"] = "Failed"
    assert achieved_competences(document) == []
    document["credentialSubject"]["result"] = []
    assert achieved_competences(document) == []  # the standard's werkprocessen never count


def test_other_statuses_do_not_count_either() -> None:
    document = _golden("evc.json")
    for status in ("InProgress", "Withdrawn", "OnHold", "Provisional", "Enrolled", None):
        changed = copy.deepcopy(document)
        changed["credentialSubject"]["result"][0]["status"] = status
        assert achieved_competences(changed) == [], status


def test_a_deelcertificaat_shows_its_aligned_competences_without_the_level() -> None:
    found = achieved_competences(_golden("deelcertificaat.json"))
    assert [c["label"] for c in found] == ["laadpalen installeren", "NEN 1010 toepassen"]
    assert found[0] == {
        "uri": "http://data.europa.eu/esco/skill/7ee6f2a5-4a4f-4a4b-9d6b-2b0b6f0c1a11",
        "label": "laadpalen installeren",
        "framework": "ESCO",
    }


def test_results_that_name_competences_decide_for_any_achievement_type() -> None:
    document = _golden("evc.json")
    document["credentialSubject"]["achievement"]["achievementType"] = "Certificate"
    assert [c["label"] for c in achieved_competences(document)] == ["Bereidt de werkzaamheden voor"]


def test_the_signed_record_reads_the_same_as_its_document() -> None:
    issued = issue_evc(evc_input(), fixed_key(), kid="did:web:registry.example:issuers:x#k")
    document = credential_document(issued.jws)
    assert document is not None
    assert [c["label"] for c in achieved_competences(document)] == ["Bereidt de werkzaamheden voor"]
    assert credential_document("not a credential") is None
    assert credential_document("{}") is None  # no @context and no vc claim
    assert credential_document(json.dumps({"@context": []})) == {"@context": []}


def test_untrusted_shapes_are_ignored_not_fatal() -> None:
    assert achieved_competences({}) == []
    assert achieved_competences({"credentialSubject": "x"}) == []
    odd = {
        "credentialSubject": {
            "achievement": {"alignment": [1, {"targetUrl": 5}, {"targetUrl": "urn:x:1"}]},
            "result": "none",
        }
    }
    assert achieved_competences(odd) == [{"uri": "urn:x:1", "label": "", "framework": ""}]
