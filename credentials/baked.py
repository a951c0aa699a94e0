"""Baked badges (Open Badges 3.0 section 5.3): a credential inside a PNG `iTXt` chunk with the
keyword `openbadgecredential`, or inside an SVG `<openbadges:credential>` element (as its text,
or a compact JWS in its `verify` attribute). The credential is JSON or a compact JWS.

Images are read by hand with hard limits: no decompression of the image data, SVG parsed
without entities, DTD loading or network, so a hostile image can cost no more than its size.
"""

from __future__ import annotations

import struct
import zlib
from typing import Any

from lxml import etree

from schemas.errors.credentials import BadPngError, BadSvgError, BakedError

__all__ = ["PNG_SIGNATURE", "BakedError", "bake_png", "bake_svg", "is_image", "unbake"]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
KEYWORD = b"openbadgecredential"
OB3_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0"
MAX_CHUNKS = 10_000
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_pis=True
)


def is_image(data: bytes) -> bool:
    """Whether the data is a PNG or an SVG (XML) image rather than a credential."""
    head = data.lstrip()[:5]
    return data.startswith(PNG_SIGNATURE) or head.startswith((b"<?xml", b"<svg", b"<!--"))


def unbake(data: bytes) -> str:
    """The credential text baked into a PNG or SVG image; raises BakedError."""
    if data.startswith(PNG_SIGNATURE):
        return _from_png(data)
    return _from_svg(data)


def _from_png(data: bytes) -> str:
    found: list[str] = []
    position = len(PNG_SIGNATURE)
    for _ in range(MAX_CHUNKS):
        if position + 8 > len(data):
            raise BadPngError("the PNG ends before its IEND chunk")
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        body = data[position + 8 : position + 8 + length]
        crc = data[position + 8 + length : position + 12 + length]
        if len(body) != length or len(crc) != 4 or zlib.crc32(kind + body) != int.from_bytes(crc):
            raise BadPngError("a PNG chunk is truncated or damaged")
        if kind == b"iTXt" and body.startswith(KEYWORD + b"\x00"):
            found.append(_itxt_text(body[len(KEYWORD) + 1 :]))
        if kind == b"IEND":
            break
        position += 12 + length
    else:
        raise BadPngError("the PNG has too many chunks")
    if len(found) != 1:
        raise BakedError(f"the PNG carries {len(found)} credentials, not one")
    return found[0]


def _itxt_text(rest: bytes) -> str:
    """The text of an iTXt chunk after its keyword: flag, method, language, translated
    keyword, then the text. Open Badges requires it uncompressed."""
    if len(rest) < 2 or rest[0] != 0:
        raise BadPngError("the baked credential must not be compressed")
    parts = rest[2:].split(b"\x00", 2)
    if len(parts) != 3:
        raise BadPngError("the iTXt chunk is malformed")
    try:
        return parts[2].decode("utf-8").strip()
    except UnicodeDecodeError:
        raise BadPngError("the baked credential is not UTF-8") from None


def _from_svg(data: bytes) -> str:
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        if not data.lstrip().startswith(b"<"):
            raise BakedError("not a PNG or SVG image") from None  # neither: no "bad SVG"
        raise BadSvgError("the SVG is not well-formed XML") from None
    dtd: Any = root.getroottree().docinfo.internalDTD  # the stubs lack DTD.entities
    if dtd is not None and dtd.entities():
        # The usual SVG DOCTYPE is fine; entities of its own are where XML attacks live.
        raise BadSvgError("the SVG declares entities")
    elements = root.findall(f".//{{{OB3_NAMESPACE}}}credential")
    if len(elements) != 1:
        raise BakedError(f"the SVG carries {len(elements)} credentials, not one")
    element = elements[0]
    text = element.get("verify") or "".join(str(part) for part in element.itertext())
    if not text.strip():
        raise BakedError("the openbadges:credential element is empty")
    return text.strip()


def bake_png(png: bytes, credential: str) -> bytes:
    """A copy of a PNG with the credential in an `openbadgecredential` iTXt chunk, placed
    before IEND (any earlier one is refused: a badge carries one credential)."""
    if not png.startswith(PNG_SIGNATURE) or not png.endswith(b"IEND\xaeB`\x82"):
        raise BadPngError("not a PNG ending in IEND")
    body = KEYWORD + b"\x00\x00\x00\x00\x00" + credential.encode("utf-8")
    chunk = struct.pack(">I", len(body)) + b"iTXt" + body
    chunk += zlib.crc32(b"iTXt" + body).to_bytes(4, "big")
    return png[:-12] + chunk + png[-12:]


def bake_svg(svg: bytes, credential: str) -> bytes:
    """A copy of an SVG with the credential as the text of an `openbadges:credential`."""
    root = etree.fromstring(svg, _PARSER)
    element = etree.SubElement(
        root, f"{{{OB3_NAMESPACE}}}credential", nsmap={"openbadges": OB3_NAMESPACE}
    )
    element.text = etree.CDATA(credential)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8"))
