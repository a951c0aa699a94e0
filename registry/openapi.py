"""The OpenAPI document: each route's entry derived from its signature and its `ApiDoc`.

Every documented route answers errors as `application/problem+json` (`schemas.errors.Problem`).
Which statuses a route documents follows from one place per route plus its signature:
- the error families the route declares (`schemas.api_doc.api_doc`, on the route or its
  controller), each by the one table in `registry.errors`;
- those of the dependencies it uses (`DEPENDENCY_RAISES`): a token makes it 401 and adds the
  bearer security requirement (required for `actor`, optional for `viewer`);
- a role guard (`schemas.access`): 401 and 403, and the bearer token required;
- 400 on every route (a query string with a control character, `registry.http`; and the
  route's own query and header parameters), 404 for path parameters (an id that does not
  parse or does not exist), and 400, 413 and 422 when it reads a body.
The tests run schemathesis against the document, so a status a route returns but does not
document fails them.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

import msgspec
from litestar.handlers import HTTPRouteHandler
from litestar.openapi import OpenAPIConfig, ResponseSpec
from litestar.openapi.spec import (
    Components,
    OpenAPIFormat,
    OpenAPIHeader,
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Operation,
    RequestBody,
    Schema,
    SecurityRequirement,
    SecurityScheme,
)
from litestar.plugins import ReceiveRoutePlugin
from litestar.routes import BaseRoute, HTTPRoute

from registry.errors import PROBLEM_JSON, TITLES, status_of_type
from registry.web.apidocs import docs_router, render_plugins
from registry.web.errors import MACHINE_PREFIXES
from schemas.access import allowed_roles
from schemas.api_doc import OPT_KEY, ApiDoc
from schemas.errors import (
    DomainError,
    NotAuthenticatedError,
    NotFoundError,
    PermissionDeniedError,
    Problem,
)

BEARER = "bearer"
# What a dependency can raise, by the name routes take it under.
DEPENDENCY_RAISES: dict[str, tuple[type[DomainError], ...]] = {
    "viewer": (NotAuthenticatedError,),
    "actor": (NotAuthenticatedError,),
    "holder": (PermissionDeniedError, NotFoundError),
}
# What a role guard raises: nobody signed in, or another role.
GUARD_RAISES = (NotAuthenticatedError, PermissionDeniedError)
BODY_STATUSES = frozenset({400, 413, 422})
TEXT = Schema(type=OpenAPIType.STRING)
# Another JSON form of an answer (a `+json` media type such as JSON-LD): some JSON object.
JSON_OBJECT = Schema(type=OpenAPIType.OBJECT)
BINARY = Schema(type=OpenAPIType.STRING, format=OpenAPIFormat.BINARY)


def openapi_config() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="LLO registry",
        version="0.1.0",
        description="Modular training catalogue and verifiable skills records.",
        path="/schema",
        render_plugins=render_plugins(),
        openapi_router=docs_router("/schema"),
        components=Components(
            security_schemes={
                BEARER: SecurityScheme(
                    type="http",
                    scheme="bearer",
                    description="An account's token (`registry accounts create`, `registry demo`)",
                )
            }
        ),
    )


class ApiDocPlugin(ReceiveRoutePlugin):
    """Documents every route of the schema as the app registers it."""

    def receive_route(self, route: BaseRoute) -> None:
        if not isinstance(route, HTTPRoute):
            return
        for handler in route.route_handlers:
            if handler.resolve_include_in_schema():
                document(handler, route.path_parameters.keys(), route.path)


def document(handler: HTTPRouteHandler, path_parameters: Collection[str], path: str) -> None:
    """Set the route's error responses, security and (raw) request body for the document."""
    doc = declared(handler)
    names = names_used(handler)
    used = names & DEPENDENCY_RAISES.keys()
    raises = [*doc.raises, *(error for name in used for error in DEPENDENCY_RAISES[name])]
    guarded = allowed_roles(handler) is not None
    if guarded:
        raises += GUARD_RAISES
    statuses = {status_of_type(error) for error in raises}
    # Every request's query string goes through the text rule (registry.http): a control
    # character in it is a 400 `invalid-parameter` on any route, with parameters or without.
    statuses.add(400)
    if path_parameters:
        statuses.add(404)
    if "data" in names or doc.body:
        statuses |= BODY_STATUSES
    if "data" in names:
        statuses.add(415)  # a JSON body sent as another media type (registry.http)
    pages = not path.startswith(MACHINE_PREFIXES)
    problems = {
        status: ResponseSpec(Problem, description=TITLES[status], media_type=PROBLEM_JSON)
        for status in sorted(statuses)
    }
    # No generated examples: they would put random data into the shared component schemas.
    handler.responses = {
        status: replace(spec, generate_examples=False)
        for status, spec in {**problems, **(handler.responses or {})}.items()
    }
    needs_token = guarded or "actor" in names
    if needs_token or "viewer" in names:
        # An empty requirement is "no token": routes that only take the viewer allow it.
        anonymous: list[SecurityRequirement] = [] if needs_token else [{}]
        handler.security = [{BEARER: []}, *anonymous]
    handler.operation_class = operation_class(
        Finish(
            documented=frozenset({*map(str, handler.responses), str(handler.status_code)}),
            body=request_body(doc),
            also=doc.also,
            headers=doc.headers,
            pages=pages,
        )
    )


def declared(handler: HTTPRouteHandler) -> ApiDoc:
    """The route's ApiDoc joined with its controller's (Litestar's `opt` would keep only one)."""
    opts = [layer.opt or {} for layer in handler.ownership_layers]
    docs: list[ApiDoc] = [opt[OPT_KEY] for opt in opts if OPT_KEY in opt]
    return ApiDoc(
        raises=tuple(e for d in docs for e in d.raises),
        body=tuple(b for d in docs for b in d.body),
        also=tuple(m for d in docs for m in d.also),
        headers=tuple(h for d in docs for h in d.headers),
    )


def names_used(handler: HTTPRouteHandler) -> set[str]:
    """The handler's parameters and, through its dependencies, theirs."""
    dependencies = handler.resolve_dependencies()
    seen: set[str] = set()
    todo = list(handler.parsed_fn_signature.parameters)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            if name in dependencies:
                todo.extend(dependencies[name].parsed_fn_signature.parameters)
    return seen


@dataclass
class JsonSchema(Schema):
    """A schema given as JSON Schema (msgspec's, for a body the route reads itself)."""

    document: dict[str, Any] = field(default_factory=dict)

    def to_schema(self) -> dict[str, Any]:
        return self.document


def request_body(doc: ApiDoc) -> RequestBody | None:
    if not doc.body:
        return None
    content = {
        media: OpenAPIMediaType(
            schema=TEXT
            if kind is str
            else BINARY
            if kind is bytes
            else JsonSchema(document=inline(kind))
        )
        for media, kind in doc.body
    }
    return RequestBody(content=content, required=True)


def inline(kind: type[Any]) -> dict[str, Any]:
    """msgspec's JSON Schema for `kind` with its `$defs` written in place (a body schema in an
    OpenAPI document cannot refer to definitions of its own). Made once per type: every app
    (every test) documents its routes anew."""
    if kind not in _INLINED:
        _INLINED[kind] = _inline(kind)
    return _INLINED[kind]


_INLINED: dict[type[Any], dict[str, Any]] = {}


def _inline(kind: type[Any]) -> dict[str, Any]:
    schema = msgspec.json.schema(kind)
    definitions: dict[str, Any] = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, list):
            return [resolve(item) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            return resolve(definitions[node["$ref"].rpartition("/")[2]])
        # A discriminator's mapping names the definitions inlined here; the tags stay as enums.
        return {key: resolve(value) for key, value in node.items() if key != "discriminator"}

    result: dict[str, Any] = resolve(schema)
    return result


@dataclass(frozen=True, slots=True)
class Finish:
    """What a route's operation needs beyond what Litestar generates from its signature."""

    documented: frozenset[str]
    body: RequestBody | None
    also: tuple[str, ...]
    headers: tuple[str, ...]
    pages: bool

    def apply(self, operation: Operation) -> None:
        """Keep only the documented statuses (Litestar adds its own 400 to any route with
        parameters); add the body the route reads itself, the other media types of its answer,
        the headers of its answers and, where people get pages, the HTML form of them."""
        if self.body is not None:
            operation.request_body = self.body
        responses = {k: v for k, v in (operation.responses or {}).items() if k in self.documented}
        for status, response in responses.items():
            if isinstance(response, OpenAPIResponse):
                self._complete(int(status), response)
        if self.pages and "401" in responses:
            # A page that needs a sign-in sends a browser to the sign-in page instead.
            responses["303"] = OpenAPIResponse(
                description="To the sign-in page (for `Accept: text/html`)",
                headers={"Location": OpenAPIHeader(schema=TEXT, required=True)},
            )
        operation.responses = responses

    def _complete(self, code: int, response: OpenAPIResponse) -> None:
        extra = [*self.also] if code < 300 else []
        if self.pages and code != 401:
            extra.append("text/html")
        if response.content is not None:
            response.content.update(
                {
                    media: OpenAPIMediaType(schema=JSON_OBJECT if media.endswith("+json") else TEXT)
                    for media in extra
                }
            )
        names = ["WWW-Authenticate"] if code == 401 else self.headers if code < 400 else ()
        if names:
            required = dict.fromkeys(names, OpenAPIHeader(schema=TEXT, required=True))
            response.headers = {**(response.headers or {}), **required}


class DocumentedOperation(Operation):
    """Litestar's operation, finished by the route's `Finish` (a subclass per route)."""

    finish: ClassVar[Finish]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.finish.apply(self)


def operation_class(finish: Finish) -> type[Operation]:
    # A plain subclass: a dataclass per route would cost a millisecond each, on every app.
    return type("DocumentedOperation", (DocumentedOperation,), {"finish": finish})


__all__ = ["BEARER", "ApiDocPlugin", "openapi_config"]
