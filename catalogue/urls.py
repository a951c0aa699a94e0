"""Every catalogue URL that leaves the catalogue: in signed credentials (a module version is
the achievement a deelcertificaat names, a module URL the prefix an accreditation covers), in
documents and on pages. The one place that spells the catalogue's API paths."""

from __future__ import annotations

import re
from uuid import UUID

MODULES = "/api/catalogue/modules"
QUALIFICATIONS = "/api/catalogue/qualifications"


def module_url(base_url: str, module_id: object) -> str:
    """A module (every version of it); accreditations and the trust list name this prefix."""
    return f"{base_url}{MODULES}/{module_id}"


def module_version_url(base_url: str, module_id: object, number: int) -> str:
    """The permanent URL of a module version; credentials point here."""
    return f"{module_url(base_url, module_id)}/versions/{number}"


def module_of_version_url(base_url: str, url: str) -> UUID | None:
    """The module whose version `url` is (`module_version_url` read back), or None for any
    other URL, also one only spelt differently."""
    head, slash, number = url.removeprefix(f"{base_url}{MODULES}/").partition("/versions/")
    if not url.startswith(f"{base_url}{MODULES}/") or not slash or not number.isdigit():
        return None
    try:
        module_id = UUID(head)
    except ValueError:
        return None
    return module_id if module_version_url(base_url, module_id, int(number)) == url else None


def module_runs_url(base_url: str, module_id: object) -> str:
    """The runs (offerings) of a module."""
    return f"{module_url(base_url, module_id)}/runs"


def qualification_url(base_url: str, qualification_id: object) -> str:
    """A qualification."""
    return f"{base_url}{QUALIFICATIONS}/{qualification_id}"


DOSSIERS = "/api/catalogue/kwalificatiedossiers"


def version_slug(version: str) -> str:
    """A framework version as a URL segment: "2015-11-26 Gewijzigd 2016" ->
    "2015-11-26-gewijzigd-2016"."""
    return "-".join(re.findall(r"[a-z0-9]+", version.lower()))


def dossier_url(base_url: str, crebo: str, version: str) -> str:
    """One version of an SBB kwalificatiedossier (its framework's URI)."""
    return f"{base_url}{DOSSIERS}/{crebo}/{version_slug(version)}"


def werkproces_url(base_url: str, crebo: str, version: str, code: str) -> str:
    """The permanent URI of a werkproces of one dossier version (e.g. .../23189/2015-11-26/
    B1-K1-W1); credentials and EVC records align to it, and it answers `GET` with the
    competence."""
    return f"{dossier_url(base_url, crebo, version)}/{code}"
