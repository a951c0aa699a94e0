"""Files the operator previewed on the import page, kept until applied: short-lived and bound
to the operator who uploaded them, so "apply" imports exactly the previewed bytes."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.models import OperatorUpload
from schemas.errors.catalogue import ImportUploadGoneError

# Long enough to read a preview and decide; short enough that files do not pile up.
KEEP_FOR = dt.timedelta(minutes=30)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def keep_upload(
    session: AsyncSession,
    account_id: UUID,
    *,
    name: str,
    provider: str | None,
    language: str | None,
    filename: str,
    body: bytes,
) -> UUID:
    """Keep a previewed file for its operator; expired files of anyone go at the same time."""
    now = _now()
    await session.execute(delete(OperatorUpload).where(OperatorUpload.expires_at <= now))
    upload = OperatorUpload(
        account_id=account_id,
        format=name,
        provider=provider,
        language=language,
        filename=filename[:200],
        body=body,
        expires_at=now + KEEP_FOR,
    )
    session.add(upload)
    await session.flush()
    return upload.id


async def kept_upload(session: AsyncSession, account_id: UUID, upload_id: UUID) -> OperatorUpload:
    """This operator's previewed file, while it is kept; else `import-upload-gone`."""
    upload = await session.scalar(
        select(OperatorUpload).where(
            OperatorUpload.id == upload_id,
            OperatorUpload.account_id == account_id,
            OperatorUpload.expires_at > _now(),
        )
    )
    if upload is None:
        raise ImportUploadGoneError("this preview is no longer kept: upload the file again")
    return upload
