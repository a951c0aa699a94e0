"""X-Forwarded-For is believed only from configured proxies (issue 9.15).

The sign-in limit counts posts per client address. uvicorn believed X-Forwarded-For from
127.0.0.1 by default, so a new made-up address per request escaped the limit."""

from __future__ import annotations

import ipaddress
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import msgspec
import pytest
from litestar.testing import AsyncTestClient

from registry.app import create_app
from registry.http import client_address
from registry.settings import Settings, settings_from_env
from tests.web.conftest import _free_port, _wait_until_up

PROXIES = [ipaddress.ip_network("10.0.0.0/8"), ipaddress.ip_network("::1/128")]
LIMIT = 3


@pytest.mark.parametrize(
    ("peer", "forwarded", "client"),
    [
        ("203.0.113.9", "198.51.100.1", "203.0.113.9"),  # not a proxy: the header is ignored
        ("10.0.0.2", "198.51.100.1", "198.51.100.1"),
        ("10.0.0.2", "", "10.0.0.2"),
        # The client writes what it likes on the left; our proxies append on the right.
        ("10.0.0.2", "1.2.3.4, 198.51.100.1", "198.51.100.1"),
        ("10.0.0.2", "198.51.100.1, 10.0.0.7", "198.51.100.1"),
        ("::1", "2001:db8::5", "2001:db8::5"),
        ("10.0.0.2", "not-an-address", "10.0.0.2"),
        ("10.0.0.2", "10.0.0.3, 10.0.0.4", "10.0.0.3"),
    ],
)
def test_the_client_is_the_nearest_untrusted_address(
    peer: str, forwarded: str, client: str
) -> None:
    assert client_address(peer, forwarded, PROXIES) == client


def test_trusted_proxies_come_from_the_environment(tmp_path: Path) -> None:
    env = {"REGISTRY_VAR_DIR": str(tmp_path), "REGISTRY_SECRET_KEY": "s"}
    assert settings_from_env(env).trusted_proxies == ()
    spec = " 127.0.0.1, 10.0.0.0/8 ,::1"
    configured = settings_from_env({**env, "REGISTRY_TRUSTED_PROXIES": spec})
    assert configured.trusted_proxies == ("127.0.0.1/32", "10.0.0.0/8", "::1/128")
    with pytest.raises(ValueError, match="does not appear to be an IPv4 or IPv6"):
        settings_from_env({**env, "REGISTRY_TRUSTED_PROXIES": "proxy.example"})


async def test_the_app_ignores_forwarded_for_from_an_untrusted_peer(settings: Settings) -> None:
    strict = msgspec.structs.replace(settings, sign_in_per_minute=LIMIT)
    async with AsyncTestClient(create_app(strict), base_url="http://testserver.local") as client:
        statuses = [
            (
                await client.post("/inloggen", headers={"X-Forwarded-For": f"198.51.100.{n}"})
            ).status_code
            for n in range(LIMIT + 2)
        ]
    assert statuses[LIMIT:] == [429, 429]


@contextmanager
def serving(tmp: Path, **env: str) -> Iterator[str]:
    """`registry serve` on 127.0.0.1 (the sign-in limit keeps no database state)."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    environment = {
        **os.environ,
        "REGISTRY_DATABASE_URL": f"sqlite:///{tmp / 'proxy.sqlite3'}",
        "REGISTRY_BASE_URL": url,
        "REGISTRY_SECRET_KEY": "proxy-test-secret",
        "REGISTRY_VAR_DIR": str(tmp),
        "REGISTRY_SIGN_IN_PER_MINUTE": str(LIMIT),
        **env,
    }
    environment.pop("FORWARDED_ALLOW_IPS", None)  # uvicorn's own default: 127.0.0.1
    registry = str(Path(sys.executable).parent / "registry")
    with (tmp / "server.log").open("wb") as log:
        server = subprocess.Popen(
            [registry, "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_up(url, server)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=10)


def sign_in_statuses(url: str, forwarded: list[str]) -> list[int]:
    """Posts to the sign-in form (refused for their missing CSRF token, but counted)."""
    with httpx.Client(base_url=url) as http:
        return [
            http.post("/inloggen", headers={"X-Forwarded-For": f}).status_code for f in forwarded
        ]


def test_a_live_server_does_not_believe_forwarded_for_by_default(tmp_path: Path) -> None:
    with serving(tmp_path) as url:
        statuses = sign_in_statuses(url, [f"198.51.100.{n}" for n in range(LIMIT + 2)])
    assert statuses == [403] * LIMIT + [429, 429]


def test_a_live_server_counts_the_forwarded_client_behind_a_trusted_proxy(
    tmp_path: Path,
) -> None:
    with serving(tmp_path, REGISTRY_TRUSTED_PROXIES="127.0.0.1") as url:
        different = sign_in_statuses(url, [f"198.51.100.{n}" for n in range(LIMIT + 2)])
        # One client: a made-up address of its own on the left does not make it another.
        same: Any = sign_in_statuses(url, [f"192.0.2.{n}, 203.0.113.7" for n in range(LIMIT + 2)])
    assert different == [403] * (LIMIT + 2)
    assert same == [403] * LIMIT + [429, 429]
