"""What every HTTP request goes through before and after its handler, each rule once."""

from __future__ import annotations

from typing import Any

from litestar import Request

from schemas.json_input import require_shallow


class RegistryRequest(Request[Any, Any, Any]):
    """Litestar's request, with our limits on what it decodes."""

    async def json(self) -> Any:
        """The JSON body; nested too deep it is malformed, before the decoder recurses."""
        require_shallow(await self.body())
        return await super().json()
