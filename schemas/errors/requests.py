"""Requests as such: parameters, bodies and media types, whatever the route."""

from __future__ import annotations

from schemas.errors.base import MalformedInputError


class InvalidParameterError(MalformedInputError):
    code = "invalid-parameter"


class MalformedJsonError(MalformedInputError):
    code = "malformed-json"
