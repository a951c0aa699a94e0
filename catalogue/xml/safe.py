"""The one hardened XML parser for every XML input in the project.

Documents reach us from providers and partner systems, so every parse must be safe against
XXE, entity expansion ("billion laughs"), external DTDs and oversized input. DTDs have no use
in the formats we read (ELM, EDU-DEX), so any DOCTYPE is rejected outright instead of being
"safely" processed.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from schemas.errors import InvalidInputError, MalformedInputError, PayloadTooLargeError
from schemas.text import control_character, problem

DEFAULT_MAX_BYTES = 5_000_000


class XmlRejectedError(MalformedInputError, ValueError):
    """An XML document we refuse; `code` is stable and safe to show to API callers."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        # Not yet a class per code (the XML codes are the one family left that names its
        # code at the raise site).
        self.code = code  # type: ignore[misc]

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class XmlTooLargeError(PayloadTooLargeError, XmlRejectedError):
    """A document over the size limit (HTTP 413)."""


class XmlContentError(InvalidInputError, XmlRejectedError):
    """Well-formed XML whose content we cannot accept, e.g. not valid ELM (HTTP 422)."""


def _hardened_parser() -> etree.XMLParser:
    # A fresh parser per call: parsers keep state (error log, resolvers) between uses.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
    )


def _has_raw_doctype(data: bytes) -> bool:
    # Dropping NUL bytes turns UTF-16/UTF-32 text with ASCII markup into plain ASCII, so a
    # DOCTYPE hidden in a wide encoding is caught before libxml2 ever sees it.
    return b"<!doctype" in data.replace(b"\x00", b"").lower()


def reject_entities(root: etree._Element) -> None:
    """Refuse a tree that still holds entity references (defence in depth after parsing)."""
    for node in root.iter():
        if isinstance(node, etree._Entity):
            raise XmlRejectedError("xml-entity-forbidden", f"entity reference {node.text}")


def reject_control_characters(root: etree._Element) -> None:
    """The text rule of schemas.text: XML 1.0 already refuses most C0 controls, but lets DEL
    and the C1 controls through, in text and in attribute values alike."""
    for node in root.iter():
        values = [node.text, node.tail, *node.attrib.values()]
        char = next((c for c in (control_character(v) for v in values if v) if c is not None), None)
        if char is not None:
            name = etree.QName(node).localname if isinstance(node.tag, str) else "comment"
            raise XmlContentError(
                "invalid-input", f"line {node.sourceline}, <{name}>: {problem(char)}"
            )


def parse_xml(
    data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, base_url: str | None = None
) -> etree._Element:
    """Parse untrusted XML bytes into an element, or raise `XmlRejectedError`.

    `base_url` only names the document (e.g. so an XSD can find its relative imports);
    nothing is fetched from it.
    """
    if not isinstance(data, bytes):
        raise TypeError("parse_xml takes bytes; let the parser read the encoding declaration")
    if len(data) > max_bytes:
        raise XmlTooLargeError("xml-too-large", f"{len(data)} bytes exceeds {max_bytes}")
    if _has_raw_doctype(data):
        raise XmlRejectedError("xml-doctype-forbidden", "DOCTYPE declarations are not accepted")
    try:
        if base_url is None:
            root = etree.fromstring(data, _hardened_parser())
        else:
            root = etree.fromstring(data, _hardened_parser(), base_url=base_url)
    except etree.XMLSyntaxError as exc:
        raise XmlRejectedError("xml-malformed", str(exc)) from None
    docinfo: Any = root.getroottree().docinfo  # lxml-stubs lack DocInfo.doctype
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise XmlRejectedError("xml-doctype-forbidden", "DOCTYPE declarations are not accepted")
    reject_entities(root)
    reject_control_characters(root)
    return root
