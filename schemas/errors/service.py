"""Running the service: settings and mail."""

from __future__ import annotations

from schemas.errors.base import InvalidInputError


class BadSmtpUrlError(InvalidInputError):
    code = "bad-smtp-url"
