"""Role guards (`schemas.access`): every route of the app, API and pages, with the roles that
may call it. The table below is the contract: a guard removed, widened or narrowed, or a new
route without a row, fails `test_every_route_has_the_roles_of_the_table`; the requests of
`test_guards_refuse_every_other_role` show that each guard answers as the routes always did
(API: 401 `not-authenticated` without a token, 403 `role-not-allowed`, or `wallet-forbidden`
for the wallet; pages: the sign-in page, or the 403 page)."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

import pytest
from litestar import Litestar
from litestar.routes import HTTPRoute
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from catalogue.public import create_provider
from registry.accounts.accounts import create_account, issue_token
from registry.accounts.signin import start_session
from registry.web import CSRF_COOKIE
from registry.web.auth.session import SESSION_COOKIE
from registry.web.errors import MACHINE_PREFIXES
from schemas.access import allowed_roles, requires_role
from schemas.catalogue import ProviderCreate
from schemas.common import ROLES, Role

Client = AsyncTestClient[Any]
Sessions = async_sessionmaker[AsyncSession]

OPERATOR = frozenset({"operator"})
PROVIDER = frozenset({"provider"})
ASSESSOR = frozenset({"assessor"})
WORKER = frozenset({"worker"})
EMPLOYER = frozenset({"employer"})
ISSUERS = frozenset({"provider", "assessor"})
WALLET = frozenset({"worker", "coach"})
# None: no role guard (public, or any account where the route takes `actor`).
ROUTES: dict[tuple[str, str], frozenset[str] | None] = {
    ("GET", "/health"): None,
    ("GET", "/favicon.ico"): None,
    # The catalogue.
    ("GET", "/api/catalogue/providers"): None,
    ("POST", "/api/catalogue/providers"): OPERATOR,
    ("PATCH", "/api/catalogue/providers/{slug:str}"): OPERATOR,
    ("GET", "/api/catalogue/frameworks"): None,
    ("POST", "/api/catalogue/frameworks"): OPERATOR,
    ("GET", "/api/catalogue/frameworks/{ref:str}"): None,
    ("GET", "/api/catalogue/kwalificatiedossiers/{crebo:str}/{version:str}/{code:str}"): None,
    ("GET", "/api/catalogue/competences"): None,
    ("POST", "/api/catalogue/competences"): OPERATOR,
    ("GET", "/api/catalogue/competences/by-uri"): None,
    ("POST", "/api/catalogue/competences/import"): OPERATOR,
    ("GET", "/api/catalogue/feeds"): OPERATOR,
    ("POST", "/api/catalogue/feeds"): OPERATOR,
    ("DELETE", "/api/catalogue/feeds/{feed_id:uuid}"): OPERATOR,
    ("PATCH", "/api/catalogue/competences/{competence_id:uuid}"): OPERATOR,
    ("GET", "/api/catalogue/modules"): None,
    ("POST", "/api/catalogue/modules"): PROVIDER,
    ("GET", "/api/catalogue/modules/{module_id:uuid}"): None,
    ("PATCH", "/api/catalogue/modules/{module_id:uuid}"): PROVIDER,
    ("POST", "/api/catalogue/modules/{module_id:uuid}/publish"): PROVIDER,
    ("POST", "/api/catalogue/modules/{module_id:uuid}/withdraw"): PROVIDER,
    ("GET", "/api/catalogue/modules/{module_id:uuid}/versions/{number:int}"): None,
    ("GET", "/api/catalogue/modules/{module_id:uuid}/runs"): None,
    ("POST", "/api/catalogue/modules/{module_id:uuid}/runs"): PROVIDER,
    ("PATCH", "/api/catalogue/modules/{module_id:uuid}/runs/{run_id:uuid}"): PROVIDER,
    ("GET", "/api/catalogue/qualifications"): None,
    ("POST", "/api/catalogue/qualifications"): frozenset({"operator", "provider"}),
    ("GET", "/api/catalogue/qualifications/{qualification_id:uuid}"): None,
    ("GET", "/api/catalogue/export"): None,
    ("POST", "/api/catalogue/import"): frozenset({"operator", "provider"}),
    ("POST", "/api/catalogue/crosswalks"): OPERATOR,
    ("GET", "/api/catalogue/competences/equivalents"): None,
    ("GET", "/api/catalogue/occupations"): None,
    ("GET", "/api/catalogue/occupations/{occupation_id:uuid}"): None,
    # Issuers and issuing.
    ("GET", "/api/accreditations"): frozenset({"operator", "provider", "assessor"}),
    ("POST", "/api/accreditations"): OPERATOR,
    ("PATCH", "/api/accreditations/{accreditation_id:uuid}"): OPERATOR,
    ("DELETE", "/api/accreditations/{accreditation_id:uuid}"): OPERATOR,
    ("GET", "/trust-list"): None,
    ("GET", "/.well-known/did.json"): None,
    ("GET", "/issuers/{slug:str}/did.json"): None,
    ("GET", "/status/{list_id:int}"): None,
    ("GET", "/status/{list_id:int}/suspension"): None,
    ("POST", "/api/credentials"): ISSUERS,
    ("POST", "/api/credentials/batch"): ISSUERS,
    ("POST", "/api/credentials/{credential_id:str}/revoke"): ISSUERS,
    ("POST", "/api/credentials/{credential_id:str}/suspend"): ISSUERS,
    ("POST", "/api/credentials/{credential_id:str}/reinstate"): ISSUERS,
    # The wallet (a coach with the worker's consent; who exactly is the wallet's own rule).
    ("GET", "/api/me/credentials"): WALLET,
    ("POST", "/api/me/credentials/import"): WALLET,
    ("GET", "/api/me/cv"): WALLET,
    ("GET", "/api/me/export"): WALLET,
    ("GET", "/api/me/credentials/{credential_id:uuid}/download"): WALLET,
    ("GET", "/api/me/experience"): WALLET,
    ("POST", "/api/me/experience"): WALLET,
    ("DELETE", "/api/me/experience/{experience_id:uuid}"): WALLET,
    ("GET", "/api/me/audit"): WALLET,
    ("GET", "/api/me/consents"): WALLET,
    ("POST", "/api/me/consents"): WALLET,
    ("DELETE", "/api/me/consents/{consent_id:uuid}"): WALLET,
    ("GET", "/api/me/shares"): WALLET,
    ("POST", "/api/me/shares"): WALLET,
    ("DELETE", "/api/me/shares/{share_id:uuid}"): WALLET,
    ("POST", "/api/me/shares/{share_id:uuid}/link"): WALLET,
    ("GET", "/api/me/matches/{profile_id:uuid}"): WALLET,
    # Job profiles: published ones for anyone, the rest the employer's.
    ("GET", "/api/job-profiles"): None,
    ("POST", "/api/job-profiles"): EMPLOYER,
    ("GET", "/api/job-profiles/{profile_id:uuid}"): None,
    ("PATCH", "/api/job-profiles/{profile_id:uuid}"): EMPLOYER,
    ("DELETE", "/api/job-profiles/{profile_id:uuid}"): EMPLOYER,
    ("POST", "/api/job-profiles/{profile_id:uuid}/match"): EMPLOYER,
    # Shares received: any account a share is addressed to; verifying: anyone.
    ("GET", "/api/shares/received"): None,
    ("GET", "/api/shares/received/{share_id:uuid}"): None,
    ("POST", "/api/verify"): None,
    # The W3C VC API (on in tests; off by default, then not mounted).
    ("POST", "/credentials/issue"): frozenset({"operator", "integrator"}),
    ("POST", "/credentials/verify"): frozenset({"operator", "integrator"}),
    ("POST", "/presentations/verify"): frozenset({"operator", "integrator"}),
    ("POST", "/credentials/status"): frozenset({"operator", "integrator"}),
    ("GET", "/credentials/status-lists/{list_id:int}"): None,
    ("GET", "/credentials/status-lists/{list_id:int}/suspension"): None,
    # Pages: anyone.
    ("GET", "/"): None,
    ("GET", "/taal/{lang:str}"): None,
    ("GET", "/catalogus"): None,
    ("GET", "/catalogus/modules/{module_id:str}"): None,
    ("GET", "/catalogus/kwalificaties"): None,
    ("GET", "/catalogus/kwalificaties/{qualification_id:str}"): None,
    ("GET", "/s/{token:str}"): None,
    ("GET", "/controleren"): None,
    ("POST", "/controleren"): None,
    ("GET", "/controleren/bewijs/{credential_id:str}"): None,
    # Pages of signing in and of the account (the signed-in person, whatever the role).
    ("GET", "/inloggen"): None,
    ("POST", "/inloggen"): None,
    ("POST", "/uitloggen"): None,
    ("GET", "/account-maken"): None,
    ("POST", "/account-maken"): None,
    ("GET", "/wachtwoord-vergeten"): None,
    ("POST", "/wachtwoord-vergeten"): None,
    ("GET", "/wachtwoord-herstellen"): None,
    ("POST", "/wachtwoord-herstellen"): None,
    ("GET", "/e-mailadres-bevestigen"): None,
    ("POST", "/e-mailadres-bevestigen"): None,
    ("GET", "/e-mailadres-wijzigen"): None,
    ("POST", "/e-mailadres-wijzigen"): None,
    ("GET", "/meldingen-uit"): None,
    ("POST", "/meldingen-uit"): None,
    ("GET", "/account"): None,
    ("GET", "/account/bevestigen"): None,
    ("POST", "/account/bevestigen/opnieuw"): None,
    ("POST", "/account/e-mailadres"): None,
    ("POST", "/account/meldingen"): None,
    # The provider's pages.
    ("GET", "/aanbieder"): PROVIDER,
    ("GET", "/aanbieder/modules/nieuw"): PROVIDER,
    ("POST", "/aanbieder/modules/nieuw"): PROVIDER,
    ("GET", "/aanbieder/modules/{module_id:uuid}"): PROVIDER,
    ("GET", "/aanbieder/modules/{module_id:uuid}/bewerken"): PROVIDER,
    ("POST", "/aanbieder/modules/{module_id:uuid}/bewerken"): PROVIDER,
    ("POST", "/aanbieder/modules/{module_id:uuid}/publiceren"): PROVIDER,
    ("POST", "/aanbieder/modules/{module_id:uuid}/terugtrekken"): PROVIDER,
    ("GET", "/aanbieder/modules/{module_id:uuid}/uitvoeringen"): PROVIDER,
    ("POST", "/aanbieder/modules/{module_id:uuid}/uitvoeringen"): PROVIDER,
    ("POST", "/aanbieder/modules/{module_id:uuid}/uitvoeringen/{run_id:uuid}/annuleren"): (
        PROVIDER
    ),
    ("GET", "/aanbieder/modules/{module_id:uuid}/uitgeven"): PROVIDER,
    ("POST", "/aanbieder/modules/{module_id:uuid}/uitgeven"): PROVIDER,
    ("GET", "/aanbieder/bewijzen"): PROVIDER,
    ("GET", "/aanbieder/bewijzen/{credential_id:str}"): PROVIDER,
    ("POST", "/aanbieder/bewijzen/{credential_id:str}/{action:str}"): PROVIDER,
    ("GET", "/aanbieder/cohort"): PROVIDER,
    ("POST", "/aanbieder/cohort"): PROVIDER,
    ("GET", "/aanbieder/cohort/voorbeeld.csv"): PROVIDER,
    # The worker's pages.
    ("GET", "/mijn-cv"): WORKER,
    ("POST", "/mijn-cv/ervaring"): WORKER,
    ("POST", "/mijn-cv/ervaring/{experience_id:uuid}/verwijderen"): WORKER,
    ("GET", "/mijn-cv/delen"): WORKER,
    ("POST", "/mijn-cv/delen"): WORKER,
    ("GET", "/mijn-cv/gedeeld"): WORKER,
    ("GET", "/mijn-cv/gedeeld/{share_id:uuid}"): WORKER,
    ("POST", "/mijn-cv/gedeeld/{share_id:uuid}/nieuwe-link"): WORKER,
    ("POST", "/mijn-cv/gedeeld/{share_id:uuid}/intrekken"): WORKER,
    ("GET", "/mijn-cv/bewijzen/{credential_id:str}"): WORKER,
    ("GET", "/mijn-cv/bewijzen/{credential_id:str}/pdf"): WORKER,
    ("GET", "/mijn-cv/bewijzen/{credential_id:str}/download"): WORKER,
    ("GET", "/mijn-cv/downloaden"): WORKER,
    ("GET", "/mijn-cv/toevoegen"): WORKER,
    ("POST", "/mijn-cv/toevoegen"): WORKER,
    ("GET", "/mijn-cv/vacatures"): WORKER,
    ("GET", "/mijn-cv/vacatures/{profile_id:uuid}"): WORKER,
    # The employer's and the assessor's pages.
    ("GET", "/werkgever"): EMPLOYER,
    ("GET", "/werkgever/gedeeld/{share_id:uuid}"): EMPLOYER,
    ("GET", "/werkgever/vacatures"): EMPLOYER,
    ("GET", "/werkgever/vacatures/nieuw"): EMPLOYER,
    ("POST", "/werkgever/vacatures/nieuw"): EMPLOYER,
    ("GET", "/werkgever/vacatures/{profile_id:uuid}"): EMPLOYER,
    ("GET", "/werkgever/vacatures/{profile_id:uuid}/bewerken"): EMPLOYER,
    ("POST", "/werkgever/vacatures/{profile_id:uuid}/bewerken"): EMPLOYER,
    ("POST", "/werkgever/vacatures/{profile_id:uuid}/vergelijken"): EMPLOYER,
    ("GET", "/coach"): frozenset({"coach"}),
    ("GET", "/coach/{worker_id:uuid}/vacatures"): frozenset({"coach"}),
    ("GET", "/coach/{worker_id:uuid}/vacatures/{profile_id:uuid}"): frozenset({"coach"}),
    ("GET", "/beoordelaar"): ASSESSOR,
    ("GET", "/beoordelaar/evc/nieuw"): ASSESSOR,
    ("POST", "/beoordelaar/evc/nieuw"): ASSESSOR,
    ("GET", "/beoordelaar/evc/{record_id:uuid}"): ASSESSOR,
    ("GET", "/beoordelaar/certificaten"): ASSESSOR,
    ("POST", "/beoordelaar/certificaten"): ASSESSOR,
    ("GET", "/beheer"): OPERATOR,
    ("GET", "/beheer/importeren"): OPERATOR,
    ("POST", "/beheer/importeren"): OPERATOR,
    ("POST", "/beheer/importeren/{upload_id:uuid}"): OPERATOR,
    ("GET", "/beheer/kaders"): OPERATOR,
    ("GET", "/beheer/kaders/{slug:str}"): OPERATOR,
    ("GET", "/beheer/beroepen"): OPERATOR,
    ("GET", "/beheer/beroepen/{occupation_id:uuid}"): OPERATOR,
}
# Litestar's own: the OpenAPI document and its viewer, static files.
NOT_OURS = ("/schema", "/static/")
PARAMETER = re.compile(r"\{(\w+):(\w+)\}")


def routes_of(app: Litestar) -> dict[tuple[str, str], frozenset[str] | None]:
    """Every (method, path) of the app with the roles its guards allow."""
    found: dict[tuple[str, str], frozenset[str] | None] = {}
    for route in app.routes:
        if not isinstance(route, HTTPRoute) or route.path.startswith(NOT_OURS):
            continue
        for handler in route.route_handlers:
            for method in handler.http_methods - {"OPTIONS", "HEAD"}:
                found[method, route.path] = allowed_roles(handler)
    return found


def test_every_route_has_the_roles_of_the_table(client: Client) -> None:
    found = routes_of(client.app)
    assert set(found) == set(ROUTES), "a route without a row, or a row without a route"
    differ = {key: (found[key], ROUTES[key]) for key in ROUTES if found[key] != ROUTES[key]}
    assert differ == {}, "(guarded, table)"


def test_the_check_sees_a_guard_removed_or_widened(client: Client) -> None:
    """What the comparison above reads follows the guards: widen the guard of one route, or
    take it off, and that route no longer has the roles of its row."""
    key = ("POST", "/api/catalogue/modules")
    route = next(r for r in client.app.routes if r.path == key[1])
    assert isinstance(route, HTTPRoute)
    handler = route.route_handler_map["POST"][0]
    kept = handler.guards
    try:
        handler.guards = [requires_role("provider", "operator")]
        assert routes_of(client.app)[key] == {"provider", "operator"} != ROUTES[key]
        handler.guards = []
        assert routes_of(client.app)[key] is None
    finally:
        handler.guards = kept
    assert routes_of(client.app)[key] == ROUTES[key]


def concrete(path: str) -> str:
    """A path with made-up values for its parameters (nothing is found at them)."""
    values = {"uuid": str(uuid.uuid4()), "int": "1", "str": "x"}
    return PARAMETER.sub(lambda match: values[match.group(2)], path)


class Callers:
    """An account per role, with a bearer token and a signed-in page session each."""

    def __init__(self) -> None:
        self.tokens: dict[Role, str] = {}
        self.sessions: dict[Role, str] = {}
        self.csrf = ("", "")

    async def make(self, client: Client, sessionmaker: Sessions) -> Callers:
        now = dt.datetime.now(dt.UTC)
        async with sessionmaker() as session, session.begin():
            await create_provider(session, ProviderCreate(slug="guarded-org", name="Guarded"))
            for role in ROLES:
                organisation = "guarded-org" if role in ISSUERS else None
                account = await create_account(
                    session,
                    role=role,
                    name=f"Guarded {role}",
                    email=f"{role}@guards.example",
                    provider_slug=organisation,
                )
                self.tokens[role] = await issue_token(session, account)
                self.sessions[role] = await start_session(session, account, now)
        sign_in = await client.get("/inloggen", headers={"Accept": "text/html"})
        field = re.search(r'name="_csrf_token" value="([^"]+)"', sign_in.text)
        assert field is not None
        self.csrf = (sign_in.cookies[CSRF_COOKIE], field.group(1))
        client.cookies.clear()
        return self

    def headers(self, path: str, role: Role | None) -> dict[str, str]:
        """What a machine (bearer token) or a browser (session and CSRF cookies) sends."""
        if path.startswith(MACHINE_PREFIXES):
            return {"Authorization": f"Bearer {self.tokens[role]}"} if role else {}
        cookie, token = self.csrf
        cookies = f"{CSRF_COOKIE}={cookie}"
        if role is not None:
            cookies += f"; {SESSION_COOKIE}={self.sessions[role]}"
        return {"Accept": "text/html", "Cookie": cookies, "X-CSRFToken": token}


def refused(path: str, answer: Any) -> str | None:
    """How a guard refused the request, or None when it let it through."""
    if path.startswith(MACHINE_PREFIXES):
        if answer.status_code in {401, 403}:
            return str(answer.json()["code"])
        return None
    if answer.status_code == 303 and answer.headers["location"].startswith("/inloggen?next="):
        return "sign-in"
    if answer.status_code == 403:
        assert "text/html" in answer.headers["content-type"]
        return "role-not-allowed" if "role-not-allowed" in answer.text else answer.text
    return None


@pytest.mark.parametrize(
    "method_path", [key for key, roles in ROUTES.items() if roles is not None], ids=str
)
async def test_guards_refuse_every_other_role(
    client: Client, sessionmaker: Sessions, method_path: tuple[str, str]
) -> None:
    method, pattern = method_path
    allowed = ROUTES[method_path]
    assert allowed is not None
    callers = await Callers().make(client, sessionmaker)
    path = concrete(pattern)
    machine = path.startswith(MACHINE_PREFIXES)
    other_role = "wallet-forbidden" if path.startswith("/api/me/") else "role-not-allowed"
    for role in (None, *ROLES):
        answer = await client.request(
            method, path, headers=callers.headers(path, role), follow_redirects=False
        )
        how = refused(path, answer)
        if role is None:
            assert how == ("not-authenticated" if machine else "sign-in"), answer.text
        elif role in allowed:
            assert how not in {"role-not-allowed", "wallet-forbidden", "sign-in"}, role
            assert answer.status_code < 500, (role, answer.text)
        else:
            assert how == other_role, (role, answer.status_code, answer.text[:300])
