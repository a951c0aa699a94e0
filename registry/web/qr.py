"""QR codes for links people scan from paper or a screen (share links, certificate checks).

Segno draws them without any image library: SVG for pages (as a data URI, which the pages'
Content-Security-Policy allows for images, so no inline markup is needed) and PNG for PDFs.
"""

from __future__ import annotations

import io

import segno

# Level M survives a little dirt or a crease on a printed certificate and keeps the code small.
ERROR_LEVEL = "m"


def qr_svg_data_uri(text: str, scale: int = 4) -> str:
    """A black-on-white QR code of `text` as an SVG `data:` URI for an <img src>."""
    code = segno.make(text, error=ERROR_LEVEL)
    uri: str = code.svg_data_uri(scale=scale, border=2, dark="#000", light="#fff")
    return uri


def qr_png(text: str, scale: int = 8) -> bytes:
    """The same code as PNG bytes (for embedding in a PDF)."""
    buffer = io.BytesIO()
    segno.make(text, error=ERROR_LEVEL).save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()
