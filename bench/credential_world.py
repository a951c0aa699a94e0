"""A self-contained issuer, trust list, holder and status lists for the credential benchmarks."""

from __future__ import annotations

import datetime as dt
import secrets
import uuid

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from credentials.keys import SigningKey, did_key
from credentials.status import StatusList, suspension_list_url
from credentials.trust import TrustList
from credentials.verify import VerifierConfig
from schemas.credentials import (
    CompetenceInput,
    CredentialStatus,
    DeelcertificaatInput,
    LevelInput,
    ModuleVersionInput,
    Party,
)
from schemas.trust import Accreditation, TrustedIssuer, TrustedKey

HOST = "registry.example"
ISSUER_DID = f"did:web:{HOST}:issuers:techniek-college"
MODULE_URL = f"https://{HOST}/api/catalogue/modules/{uuid.UUID(int=7)}/versions/1"
# As the registry publishes it: accredited for the provider's own modules (a few hundred).
OWN_MODULES = [f"https://{HOST}/api/catalogue/modules/{uuid.UUID(int=n)}" for n in range(300)]
REVOCATION = f"https://{HOST}/status/1"
SINCE = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


class CredentialWorld:
    """What a verifier of our own deelcertificaten is configured with."""

    def __init__(self) -> None:
        # The raw key too, so a benchmark can time bare Ed25519 with the very same key.
        self.raw_key = Ed25519PrivateKey.generate()
        self.key = SigningKey(self.raw_key)
        self.kid = f"{ISSUER_DID}#{self.key.public.thumbprint()}"
        self.holder = did_key(SigningKey.generate().public)
        self.revocation = StatusList.new(purposes=["revocation"])
        # Our issuers' revocation lists have a sibling suspension list, which a verifier of
        # our own credentials reads as well.
        self.suspension = StatusList.new(purposes=["suspension"])
        self.trust_list = TrustList(
            id="urn:bench:trust-list",
            issuer=f"did:web:{HOST}",
            issued=SINCE,
            issuers=[
                TrustedIssuer(
                    did=ISSUER_DID,
                    name="Techniek College",
                    keys=[TrustedKey(kid=self.kid, jwk=self.key.public.jwk(), valid_from=SINCE)],
                    accreditations=[
                        Accreditation(
                            kind="module-certificate",
                            achievements=OWN_MODULES,
                            own_achievements=True,
                            valid_from=SINCE,
                        )
                    ],
                )
            ],
        )
        self.used: set[int] = set()

    def config(self) -> VerifierConfig:
        lists = {REVOCATION: self.revocation, suspension_list_url(REVOCATION): self.suspension}
        return VerifierConfig(trust_list=self.trust_list, status_lists=lists.get)

    def deelcertificaat(self) -> DeelcertificaatInput:
        """A realistic input: four ESCO competences, a level, a status entry."""
        index = self.revocation.allocate(self.used)
        self.used.add(index)
        module = ModuleVersionInput(
            url=MODULE_URL,
            title="Laadpaalmonteur",
            description="Laadpalen voor elektrische auto's veilig installeren en aansluiten. " * 3,
            criteria_narrative="Praktijkexamen: een laadpaal installeren, testen en opleveren.",
            competences=[
                CompetenceInput(
                    uri=f"http://data.europa.eu/esco/skill/{uuid.UUID(int=n)}",
                    label=f"competentie {n}",
                    framework="ESCO",
                )
                for n in range(4)
            ],
            level=LevelInput(scheme="mbo", value=3),
            study_load_hours=40,
            provider=Party(id=ISSUER_DID, name="Techniek College"),  # as the registry issues
        )
        return DeelcertificaatInput(
            issuer=Party(id=ISSUER_DID, name="Techniek College"),
            holder=Party(id=self.holder, name=f"Werker {secrets.token_hex(3)}"),
            module=module,
            issued_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=1),
            status=[
                CredentialStatus(
                    id=f"{REVOCATION}#{index}",
                    type="BitstringStatusListEntry",
                    status_purpose="revocation",
                    status_list_index=str(index),
                    status_list_credential=REVOCATION,
                )
            ],
        )
