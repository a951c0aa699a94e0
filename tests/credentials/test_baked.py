"""Baked badges (Open Badges 3.0 section 5.3): the credential inside a PNG iTXt chunk
`openbadgecredential` or an SVG `<openbadges:credential>`, verified like any other."""

from __future__ import annotations

import json
import struct
import zlib

import pytest

from credentials.baked import PNG_SIGNATURE, bake_png, bake_svg, unbake
from credentials.dataintegrity import sign_proof
from schemas.errors.credentials import BakedError
from tests.credentials.test_verify import World, check, parts

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>'


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")


def png() -> bytes:
    """A 1x1 RGBA PNG, made by hand."""
    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x20\x80\x40\xff")
    return (
        PNG_SIGNATURE
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )  # fmt: skip


@pytest.fixture
def world() -> World:
    return World()


def test_png_with_a_jws(world: World) -> None:
    token = world.credential()
    baked = bake_png(png(), token)
    assert unbake(baked) == token
    report = world.verify(baked)
    assert report.verdict == "valid", report.checks
    assert check(report, "image") == ("passed", "png")


def test_svg_with_a_json_credential_and_a_proof(world: World) -> None:
    _, payload, _ = parts(world.credential())
    document = {k: v for k, v in payload.items() if k not in {"iss", "sub", "jti", "nbf", "exp"}}
    signed = sign_proof(
        document,
        world.issuer_key,
        verification_method=world.kid,
        cryptosuite="eddsa-jcs-2022",
        created="2026-03-02T14:30:05Z",
    )
    report = world.verify(bake_svg(SVG, json.dumps(signed)))
    assert report.verdict == "valid", report.checks
    assert check(report, "image") == ("passed", "svg")


def test_svg_with_a_verify_attribute(world: World) -> None:
    token = world.credential()
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" '
        b'xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">'
        b'<openbadges:credential verify="' + token.encode() + b'"/></svg>'
    )
    assert world.verify(svg).verdict == "valid"


def test_a_tampered_baked_credential_is_invalid(world: World) -> None:
    header, payload, signature = world.credential().split(".")
    baked = bake_png(png(), f"{header}.{payload[:-4]}AAAA.{signature}")
    assert world.verify(baked).verdict == "invalid"


def _itxt(text: bytes, flag: int = 0) -> bytes:
    return chunk(b"iTXt", b"openbadgecredential\x00" + bytes([flag]) + b"\x00\x00\x00" + text)


@pytest.mark.parametrize(
    ("image", "code"),
    [
        (png(), "not-a-baked-badge"),
        (png()[:-12] + _itxt(b"a") + _itxt(b"b") + png()[-12:], "not-a-baked-badge"),
        (png()[:-12] + _itxt(zlib.compress(b"x"), flag=1) + png()[-12:], "bad-png"),
        (png()[:40] + b"\x00" + png()[41:], "bad-png"),
        (png()[:-12], "bad-png"),
        (SVG, "not-a-baked-badge"),
        (b"<svg><unclosed></svg>", "bad-svg"),
    ],
)
def test_images_without_one_readable_credential(world: World, image: bytes, code: str) -> None:
    report = world.verify(image)
    assert (report.verdict, check(report, "image")) == ("invalid", ("failed", code))


def test_svg_entities_are_never_resolved(world: World) -> None:
    svg = (
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg" '
        b'xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">'
        b"<openbadges:credential>&x;</openbadges:credential></svg>"
    )
    report = world.verify(svg)
    assert report.verdict == "invalid"
    assert check(report, "image") == ("failed", "bad-svg")


def test_a_body_that_is_neither_png_nor_xml_is_no_baked_badge() -> None:
    """Sent as image/png but not one: it is no image, not "a bad SVG"."""
    with pytest.raises(BakedError) as raised:
        unbake(b"hello")
    assert raised.value.code == "not-a-baked-badge"
