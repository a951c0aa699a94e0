"""What someone pastes or uploads on a page to hand over a credential, turned into the
verify service's request: the public check page (`/controleren`) and the worker's import page
(`/mijn-cv/toevoegen`) read it the same way.

This only decides what kind of thing was given (a JWS or SD-JWT VC, a JSON credential with a
proof, a share link, or a baked badge image that carries one of these) and refuses what is none
of those with a code each page words in plain language; the verification itself is the
registry's one verifier (`registry.sharing.verification.verify_request`).
"""

from __future__ import annotations

import re
from typing import Any

from litestar.datastructures import UploadFile

from credentials.baked import BakedError, is_image, unbake
from schemas.errors import MalformedInputError
from schemas.json_input import decode_json
from schemas.wallet import VerifyRequest

# The verifier refuses tokens above this size, so a bigger paste can only be a mistake.
MAX_INPUT_BYTES = 256_000
# A badge image also holds its picture.
MAX_IMAGE_BYTES = 4_000_000
# Three base64url parts: the shape of a compact JWS (whether it is a good one is for the verifier).
JWS_SHAPE = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")
# An SD-JWT VC: a JWS, then disclosures (and maybe a key binding JWT), each after a "~".
SD_JWT_SHAPE = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+(~[A-Za-z0-9_.-]*)+")
URL_SCHEMES = ("http://", "https://")
# JSON a person may have saved: the API's issue answer or a wallet item keeps the JWS here.
JWS_FIELDS = ("credential", "presentation", "jws")


class InputError(Exception):
    """Input that is not something to verify; `code` names the message, `field` the input."""

    def __init__(self, code: str, *, status: int = 400, field: str = "jws") -> None:
        super().__init__(code)
        self.code = code
        self.status = status
        self.field = field


async def request_from_form(
    data: dict[str, Any], *, max_image: int = MAX_IMAGE_BYTES
) -> VerifyRequest:
    """The pasted text (`jws`) or the uploaded file (`bestand`) as a VerifyRequest; raises
    InputError. A badge image may be up to `max_image` bytes."""
    pasted = str(data.get("jws") or "").strip()
    upload = data.get("bestand")
    has_file = isinstance(upload, UploadFile) and bool(upload.filename)
    if pasted and has_file:
        raise InputError("both")
    if has_file:
        assert isinstance(upload, UploadFile)
        return request_from_text(await _file_text(upload, max_image), field="bestand")
    return request_from_text(pasted)


async def _file_text(upload: UploadFile, max_image: int) -> str:
    content = await upload.read(max_image + 1)
    if is_image(content) and len(content) <= max_image:
        try:
            return unbake(content)
        except BakedError:
            raise InputError("not-a-badge", field="bestand") from None
    if len(content) > MAX_INPUT_BYTES:
        raise InputError("too-large", status=413, field="bestand")
    try:
        return content.decode("utf-8-sig").strip()
    except UnicodeDecodeError:
        raise InputError("not-text", field="bestand") from None


def request_from_text(text: str, *, field: str = "jws") -> VerifyRequest:
    """A share link, a JSON credential with a proof, or a compact JWS (credential or
    presentation: the verifier tells them apart by `typ`)."""
    text = text.strip()
    if not text:
        raise InputError("empty", field=field)
    if len(text.encode()) > MAX_INPUT_BYTES:
        raise InputError("too-large", status=413, field=field)
    if text.startswith(URL_SCHEMES):
        return VerifyRequest(share=text)
    if text.startswith("{"):
        return _from_json(text, field)
    # A JWS copied from an e-mail or a PDF often has line breaks in it.
    compact = "".join(text.split())
    if JWS_SHAPE.fullmatch(compact) or SD_JWT_SHAPE.fullmatch(compact):
        return VerifyRequest(credential=compact)
    raise InputError("not-a-credential", field=field)


def _from_json(text: str, field: str) -> VerifyRequest:
    try:
        document = decode_json(text)
    except MalformedInputError:
        raise InputError("not-a-credential", field=field) from None
    if not isinstance(document, dict):
        raise InputError("not-a-credential", field=field)
    if "proof" in document:
        return VerifyRequest(credential=text)
    for name in JWS_FIELDS:
        value = document.get(name)
        if isinstance(value, str) and JWS_SHAPE.fullmatch(value.strip()):
            return VerifyRequest(credential=value.strip())
    raise InputError("not-a-credential", field=field)
