"""The `registry` command line (DESIGN section 6)."""

from __future__ import annotations

import asyncio
import json
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
    # No proxy_headers: uvicorn would believe X-Forwarded-For from 127.0.0.1 (its default
    # FORWARDED_ALLOW_IPS); the app decides whom to believe, from REGISTRY_TRUSTED_PROXIES.
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info", proxy_headers=False)


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
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--trust-list",
    "trust_list_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="trust list (JSON, or the signed JWS from /trust-list)",
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
@click.option("--audience", default=None, help="expected audience of a presentation")
@click.option("--nonce", default=None, help="expected nonce of a presentation")
@click.option("--json", "as_json", is_flag=True, help="print the report as JSON")
def verify(
    file: Path,
    trust_list_file: Path | None,
    status_files: tuple[Path, ...],
    did_files: tuple[Path, ...],
    audience: str | None,
    nonce: str | None,
    as_json: bool,
) -> None:
    """Verify a credential or presentation offline; exit 0 only when it is valid."""
    from credentials.verifier import Verifier
    from registry.offline import offline_config, render

    try:
        config = offline_config(trust_list_file, status_files, did_files)
    except DomainError as error:
        click.echo(f"cannot use the given files: {error.message} ({error.code})", err=True)
        sys.exit(2)
    report = Verifier(config).verify(file.read_bytes(), audience=audience, nonce=nonce)
    click.echo(render(report, as_json=as_json))
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
    from registry.accounts import create_account, issue_token

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

    from registry.models import Account
    from registry.signin import set_password

    async def work(session: AsyncSession) -> dict[str, str]:
        account = await session.scalar(select(Account).where(Account.email == email.lower()))
        if account is None:
            raise click.ClickException(f"no account with e-mail {email}")
        set_password(account, password)
        return {"id": str(account.id), "email": email.lower()}

    click.echo(json.dumps(run_in_session(settings_from_env(), work)))


@main.group()
def keys() -> None:
    """Manage issuer signing keys."""


@keys.command("rotate")
@click.option("--issuer", "slug", required=True, help="issuer slug (or 'operator')")
def keys_rotate(slug: str) -> None:
    """Make a new signing key; the old one stays published as retired."""
    from registry.issuers import rotate_issuer_key

    settings = settings_from_env()
    kid = run_in_session(settings, lambda session: rotate_issuer_key(session, settings, slug))
    click.echo(json.dumps({"issuer": slug, "kid": kid}))
