"""A certificate as a one-page PDF (fpdf2): the same facts as the printable page, with a QR
code that opens the public check of the credential.

The PDF is a convenience copy for people; the credential itself is the signed JWS, and the QR
code leads to where anyone can check that it is genuine and still valid.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

from fpdf import FPDF

from registry.web.competence_names import CompetenceNames
from registry.web.i18n import Translate
from registry.web.qr import qr_png
from registry.web.worker.views import CertificateView

# DejaVu covers every character a name or title may hold; the PDF core fonts only Latin-1.
# Where DejaVu is missing, fall back to Helvetica and replace what Latin-1 cannot show.
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
QR_SIZE_MM = 40
# Curly quotes, dashes, ellipsis and the euro sign: common in titles, missing from Latin-1.
TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
        "\u20ac": "EUR",
    }
)


class _Writer:
    """An A4 page with one font family and plain text."""

    def __init__(self) -> None:
        self.pdf = FPDF(format="A4")
        self.pdf.set_margins(20, 20, 20)
        self.pdf.set_auto_page_break(auto=True, margin=20)
        self.unicode = (DEJAVU / "DejaVuSans.ttf").exists()
        if self.unicode:
            self.pdf.add_font("DejaVu", "", DEJAVU / "DejaVuSans.ttf")
            self.pdf.add_font("DejaVu", "B", DEJAVU / "DejaVuSans-Bold.ttf")
        self.family = "DejaVu" if self.unicode else "Helvetica"
        self.pdf.add_page()

    def text(self, value: str) -> str:
        if self.unicode:
            return value
        return value.translate(TYPOGRAPHY).encode("latin-1", "replace").decode("latin-1")

    def line(
        self, value: str, size: float = 11, bold: bool = False, gap: float = 2, link: str = ""
    ) -> None:
        self.pdf.set_font(self.family, "B" if bold else "", size)
        self.pdf.multi_cell(
            0, size * 0.5, self.text(value), new_x="LMARGIN", new_y="NEXT", link=link
        )
        self.pdf.ln(gap)

    def fact(self, label: str, value: str) -> None:
        self.line(label, size=9, bold=True, gap=0)
        self.line(value, size=11, gap=3)


def certificate_pdf(
    view: CertificateView,
    t: Translate,
    fmt_date: Callable[[dt.datetime], str],
    site: str,
    status: str,
    names: CompetenceNames,
) -> bytes:
    """The certificate as PDF bytes; `status` is the dated status line
    (`worker_views.status_line`): paper does not change when the credential does."""
    credential = view.credential
    writer = _Writer()
    writer.pdf.set_title(writer.text(credential.achievement))
    writer.pdf.set_author(writer.text(credential.issuer))
    writer.line(site, size=9, gap=6)
    writer.line(t(f"worker.kind.{credential.kind}"), size=12, bold=True, gap=1)
    writer.line(credential.achievement, size=20, bold=True, gap=6)
    if view.holder_name:
        writer.fact(t("worker.cert.holder"), view.holder_name)
    writer.fact(t("worker.cert.issuer"), credential.issuer)
    writer.fact(t("worker.cert.date"), fmt_date(credential.issued_at))
    if credential.valid_until is not None:
        writer.fact(t("worker.cert.valid_until"), fmt_date(credential.valid_until))
    writer.fact(t("worker.cert.status"), status)
    writer.line(t("worker.cert.competences"), size=9, bold=True, gap=0)
    for competence in credential.competences or []:
        writer.line(f"- {names.label(competence.uri, competence.label)}", gap=0)
    if not credential.competences:
        writer.line(t("worker.cert.no_competences"), gap=0)
    writer.pdf.ln(6)
    _check_block(writer, view, t)
    return bytes(writer.pdf.output())


def _check_block(writer: _Writer, view: CertificateView, t: Translate) -> None:
    """The QR code with the words and the address it opens, for readers without a scanner."""
    pdf = writer.pdf
    if pdf.get_y() + QR_SIZE_MM > pdf.h - pdf.b_margin:
        pdf.add_page()
    writer.line(t("worker.cert.check_title"), size=13, bold=True, gap=1)
    writer.line(t("worker.cert.check_text"), size=10, gap=2)
    pdf.image(io.BytesIO(qr_png(view.verify_url)), w=QR_SIZE_MM, h=QR_SIZE_MM)
    pdf.ln(2)
    writer.line(view.verify_url, size=9, gap=1, link=view.verify_url)
    writer.line(f"{t('worker.cert.number')}: {view.credential.credential_id}", size=8, gap=0)
