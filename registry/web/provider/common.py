"""What the provider pages share: the signed-in provider, owned modules, errors and notices."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.public import require_provider_of, view_module
from registry.web.i18n import Lang, error_text, lang_of, translator
from registry.web.pages import AnyRequest, WebUser
from schemas.catalogue import ModuleOut
from schemas.errors import DomainError

# Short Dutch words in `?melding=` after a successful form post, and the text each shows.
NOTICES = {
    "aangemaakt": "provider.notice.created",
    "opgeslagen": "provider.notice.saved",
    "gepubliceerd": "provider.notice.published",
    "teruggetrokken": "provider.notice.withdrawn",
    "uitvoering": "provider.notice.run_added",
    "geannuleerd": "provider.notice.run_cancelled",
    "uitgegeven": "provider.notice.issued",
    "ingetrokken": "provider.notice.revoked",
    "geschorst": "provider.notice.suspended",
    "hersteld": "provider.notice.reinstated",
}


def notice_text(request: AnyRequest, melding: str | None) -> str | None:
    key = NOTICES.get(melding or "")
    return translator(lang_of(request))(key) if key else None


def reason_text(lang: Lang, code: str, detail: str) -> str:
    """A service's error in plain words: the provider pages' own text first, then the shared
    one, then the service's message."""
    return error_text(lang, code, detail, "provider")


def reason(request: AnyRequest, error: DomainError) -> str:
    return reason_text(lang_of(request), error.code, error.message)


async def owned_module(
    session: AsyncSession, base_url: str, user: WebUser, module_id: UUID
) -> ModuleOut:
    """The module as its provider sees it (drafts included); another provider's is refused."""
    module = await view_module(session, base_url, user.actor, module_id)
    require_provider_of(user.actor, module.current.provider.id)
    return module
