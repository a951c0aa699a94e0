"""The `registry` command line (DESIGN section 6)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar, cast

import click
from sqlalchemy.ext.asyncio import AsyncSession

from registry.db import make_engine, make_sessionmaker
from registry.migrate import upgrade
from registry.settings import Settings, settings_from_env
from schemas.common import ROLES, Role
from schemas.errors import DomainError
from schemas.wallet import STATUS_MAX_AGE_DAYS

T = TypeVar("T")


def run_in_session(settings: Settings, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Migrate, then run `work` in one committed transaction."""
    upgrade(settings.database_url)

    async def go() -> T:
        engine = make_engine(settings.database_url)
        try:
            async with make_sessionmaker(engine)() as session, session.begin():
                return await work(session)
        finally:
            await engine.dispose()

    try:
        return asyncio.run(go())
    except DomainError as error:
        click.echo(json.dumps({"error": error.code, "detail": error.message}), err=True)
        sys.exit(1)


@click.group()
def main() -> None:
    """Catalogue and micro-credential registry."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def serve(host: str, port: int) -> None:
    """Migrate the database, then run the web service."""
    import uvicorn

    from registry.app import create_app

    settings = settings_from_env()
    upgrade(settings.database_url)
    _log_to_stderr()
    # No proxy_headers: uvicorn would believe X-Forwarded-For from 127.0.0.1 (its default
    # FORWARDED_ALLOW_IPS); the app decides whom to believe, from REGISTRY_TRUSTED_PROXIES.
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info", proxy_headers=False)


def _log_to_stderr() -> None:
    """The registry's own log lines (jobs, and without SMTP the path and link of each mail)."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s:  %(name)s: %(message)s"))
    logger = logging.getLogger("registry")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # one line each, whatever the server configured for the root


@main.command()
@click.option("--until-idle", is_flag=True, help="stop once no job is due (default: run on)")
def worker(until_idle: bool) -> None:
    """Run background jobs (mail; later feeds and peers) beside or instead of the servers'
    own runners; any number of workers and servers share the jobs, each job runs once."""
    from registry.jobs.runner import run_due, run_forever

    settings = settings_from_env()
    upgrade(settings.database_url)
    _log_to_stderr()

    async def go() -> int:
        engine = make_engine(settings.database_url)
        sessionmaker = make_sessionmaker(engine)
        try:
            if until_idle:
                return await run_due(sessionmaker, settings)
            await run_forever(sessionmaker, settings)
            return 0
        finally:
            await engine.dispose()

    with contextlib.suppress(KeyboardInterrupt):
        click.echo(json.dumps({"jobs": asyncio.run(go())}))


@main.command()
def demo() -> None:
    """Load the demo data set and print a bearer token per demo account as JSON."""
    from registry.demo import load_demo

    settings = settings_from_env()
    from registry.demo import DEMO_DOMAIN, DEMO_PASSWORD

    tokens = run_in_session(settings, lambda s: load_demo(s, settings))
    click.echo(json.dumps(tokens, indent=2))
    click.echo(
        f"Web sign-in: ROLE@{DEMO_DOMAIN} (e.g. worker@{DEMO_DOMAIN}), password {DEMO_PASSWORD!r}",
        err=True,
    )


@main.command()
@click.argument(
    "file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--bundle",
    "bundle_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="a wallet bundle (GET /api/me/export): verify every credential in it with only what "
    "it holds, anchored on its operator document unless --trust-anchor is given",
)
@click.option(
    "--max-status-age",
    type=click.IntRange(min=0),
    default=None,
    help="with --bundle: days the bundle's status lists may be relied on (default: "
    f"{STATUS_MAX_AGE_DAYS}; the bundle's own statusMaxAgeDays is not signed and not used)",
)
@click.option(
    "--trust-list",
    "trust_list_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="trust list: the signed JWS from /trust-list, or plain JSON (repeatable)",
)
@click.option(
    "--trust-anchor",
    "anchor_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="the operator's DID document (/.well-known/did.json) or public JWK that a signed "
    "trust list must verify with: one for all, or one per --trust-list in order "
    "(default: the operator key in REGISTRY_DATABASE_URL)",
)
@click.option(
    "--status-list",
    "status_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="signed status list credential (repeatable)",
)
@click.option(
    "--did-document",
    "did_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="issuer DID document (repeatable)",
)
@click.option(
    "--key-document",
    "key_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="what an https:// key URL or issuer id dereferences to: an issuer profile or "
    "controller document, a verification method, a JWK with kid, or a JWKS (repeatable)",
)
@click.option("--audience", default=None, help="expected audience of a presentation")
@click.option("--nonce", default=None, help="expected nonce of a presentation")
@click.option("--json", "as_json", is_flag=True, help="print the report as JSON")
def verify(
    file: Path | None,
    bundle_file: Path | None,
    max_status_age: int | None,
    trust_list_files: tuple[Path, ...],
    anchor_files: tuple[Path, ...],
    status_files: tuple[Path, ...],
    did_files: tuple[Path, ...],
    key_files: tuple[Path, ...],
    audience: str | None,
    nonce: str | None,
    as_json: bool,
) -> None:
    """Verify a credential or presentation (or every credential in a --bundle) offline; exit 0
    only when it is valid, 1 for any other verdict, 2 when the given files cannot be used."""
    from credentials.verifier import Verifier
    from registry.settings import configured_database_url
    from registry.sharing.offline import offline_config, read_trust_lists, render

    if (file is None) == (bundle_file is None):
        click.echo("give either FILE or --bundle", err=True)
        sys.exit(2)
    if bundle_file is not None:
        _verify_bundle(bundle_file, anchor_files, max_status_age, as_json)
    assert file is not None
    try:
        trust = read_trust_lists(trust_list_files, anchor_files, configured_database_url())
        config = offline_config(trust, status_files, did_files, key_files)
    except DomainError as error:
        click.echo(f"cannot use the given files: {error.message} ({error.code})", err=True)
        sys.exit(2)
    report = Verifier(config).verify(file.read_bytes(), audience=audience, nonce=nonce)
    click.echo(render(report, as_json=as_json, origins=trust.origins))
    sys.exit(0 if report.verdict == "valid" else 1)


def _verify_bundle(
    path: Path, anchor_files: tuple[Path, ...], max_age: int | None, as_json: bool
) -> None:
    """`registry verify --bundle`: every credential in a wallet bundle; exits."""
    from credentials.export.bundle import verify_bundle
    from registry.sharing.offline import read_anchor, render_bundle

    if len(anchor_files) > 1:
        click.echo("a bundle takes one --trust-anchor", err=True)
        sys.exit(2)
    try:
        anchor = read_anchor(anchor_files[0]) if anchor_files else None
        report = verify_bundle(path.read_bytes(), anchor, max_age_days=max_age)
    except DomainError as error:
        click.echo(f"cannot use the given files: {error.message} ({error.code})", err=True)
        sys.exit(2)
    click.echo(render_bundle(report, as_json=as_json))
    sys.exit(0 if report.verdict == "valid" else 1)


@main.group()
def accounts() -> None:
    """Manage accounts."""


@accounts.command("create")
@click.option("--role", required=True, type=click.Choice(ROLES))
@click.option("--name", required=True)
@click.option("--email", default=None)
@click.option("--provider", "provider_slug", default=None, help="provider organisation slug")
def accounts_create(role: str, name: str, email: str | None, provider_slug: str | None) -> None:
    """Create an account and print its id and a new API token (shown once)."""
    from registry.accounts.accounts import create_account, issue_token

    async def work(session: AsyncSession) -> dict[str, str]:
        account = await create_account(
            session,
            role=cast(Role, role),
            name=name,
            email=email,
            provider_slug=provider_slug,
        )
        return {"id": str(account.id), "token": await issue_token(session, account, "cli")}

    click.echo(json.dumps(run_in_session(settings_from_env(), work)))


@accounts.command("password")
@click.option("--email", required=True)
@click.password_option(help="the new password (asked for when not given)")
def accounts_password(email: str, password: str) -> None:
    """Set the web sign-in password of an account (stored as an argon2id hash)."""
    from sqlalchemy import select

    from registry.accounts.signin import set_password
    from registry.models import Account

    settings = settings_from_env()

    async def work(session: AsyncSession) -> dict[str, str]:
        account = await session.scalar(select(Account).where(Account.email == email.lower()))
        if account is None:
            raise click.ClickException(f"no account with e-mail {email}")
        set_password(account, password, settings)
        return {"id": str(account.id), "email": email.lower()}

    click.echo(json.dumps(run_in_session(settings, work)))


@main.group()
def keys() -> None:
    """Manage issuer signing keys."""


@keys.command("rotate")
@click.option("--issuer", "slug", required=True, help="issuer slug (or 'operator')")
def keys_rotate(slug: str) -> None:
    """Make a new signing key; the old one stays published as retired."""
    from registry.issuers.issuers import rotate_issuer_key

    settings = settings_from_env()
    kid = run_in_session(settings, lambda session: rotate_issuer_key(session, settings, slug))
    click.echo(json.dumps({"issuer": slug, "kid": kid}))


@main.group()
def db() -> None:
    """Manage the database schema (Alembic migrations)."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Bring the database of REGISTRY_DATABASE_URL to the newest schema."""
    from registry.migrate import upgrade

    upgrade(settings_from_env().database_url)


@db.command("revision")
@click.option("-m", "--message", required=True, help="what the migration does, in a few words")
def db_revision(message: str) -> None:
    """Write a new migration from the models: the database of REGISTRY_DATABASE_URL is first
    brought to the newest schema, then compared with the models (the search tables that
    migration 0002 made by hand are left out). Read and edit the file before committing it."""
    from registry.migrate import revision

    path = revision(settings_from_env().database_url, message)
    click.echo(str(path))


@main.command("vc-api-keys")
def vc_api_keys() -> None:
    """Print the W3C VC API's own issuer DIDs (did:key, derived from REGISTRY_SECRET_KEY)."""
    from registry.vcapi.keys import api_issuers

    issuers = api_issuers(settings_from_env().secret_key).values()
    click.echo(json.dumps({issuer.kind: issuer.did for issuer in issuers}))
