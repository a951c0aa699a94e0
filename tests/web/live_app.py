"""The browser tests' server process: `registry demo` and `registry serve` as the CLI runs
them, except that passwords are hashed with the tests' cheap argon2 profile. No variable of
the environment can choose that profile (a deployment must not), so this test-only entry point
sets it in code.

    python -m tests.web.live_app demo
    python -m tests.web.live_app serve HOST PORT
"""

from __future__ import annotations

import json
import sys

import msgspec
import uvicorn

from registry.app import create_app
from registry.cli import _log_to_stderr, run_in_session
from registry.demo import load_demo
from registry.migrate import upgrade
from registry.settings import Settings, settings_from_env


def live_settings() -> Settings:
    return msgspec.structs.replace(settings_from_env(), argon2_profile="cheapest-for-tests")


def main(args: list[str]) -> None:
    settings = live_settings()
    if args == ["demo"]:
        print(json.dumps(run_in_session(settings, lambda session: load_demo(session, settings))))
        return
    command, host, port = args
    assert command == "serve", args
    upgrade(settings.database_url)
    _log_to_stderr()
    # As `registry serve`: the app, not uvicorn, decides whom to believe about X-Forwarded-For.
    uvicorn.run(
        create_app(settings), host=host, port=int(port), log_level="info", proxy_headers=False
    )


if __name__ == "__main__":
    main(sys.argv[1:])
