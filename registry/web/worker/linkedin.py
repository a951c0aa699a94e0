"""LinkedIn's "Add to profile" link for a certification: it opens the member's add form filled
in, nothing is sent to LinkedIn by us. Parameters as LinkedIn's Add to Profile for
Certifications documents them."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote, urlencode

LINKEDIN_ADD = "https://www.linkedin.com/profile/add"


def linkedin_url(
    *,
    name: str,
    organisation: str,
    issued: dt.datetime,
    expires: dt.datetime | None,
    cert_id: str,
    cert_url: str,
) -> str:
    """The add-certification link: name, issuing organisation, issue (and expiry) month,
    the credential id and the public page that checks it."""
    params: dict[str, str | int] = {
        "startTask": "CERTIFICATION_NAME",
        "name": name,
        "organizationName": organisation,
        "issueYear": issued.year,
        "issueMonth": issued.month,
    }
    if expires is not None:
        params |= {"expirationYear": expires.year, "expirationMonth": expires.month}
    params |= {"certId": cert_id, "certUrl": cert_url}
    return f"{LINKEDIN_ADD}?{urlencode(params, quote_via=quote)}"
