"""The import graph, read from the source (ast; nothing is imported): no cycles, the packages
and the registry's sub-packages import in one direction only (README, "Layout and import
rules"), and the registry reads the catalogue only through `catalogue.public`."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("schemas", "credentials", "catalogue", "registry")  # each imports only those before it
# The registry's sub-packages, lowest first: each imports only those before it. Below them all
# sit the registry's base modules, above them all its top (which may import anything).
LAYERS = (
    "jobs",
    "feeds",
    "mail",
    "issuers",
    "wallet",
    "issuing",
    "sharing",
    "matching",
    "accounts",
    "vcapi",
    "web",
)
BASE = {"settings", "db", "models", "errors", "audit", "locks", "http", "migrate", "deps"}
BASE |= {"status_reasons", "migrations"}
TOP = {"app", "cli", "demo", "openapi"}
SURFACE = "catalogue.public"
# What else of the catalogue a registry module may import, and why: the app factory mounts the
# catalogue's own controllers; Alembic must see every table of the shared metadata.
CATALOGUE_EXCEPTIONS = {
    "registry.app": {
        "catalogue.controllers",
        "catalogue.xml_controller",
        "catalogue.crosswalk_controller",
        "catalogue.occupation_controller",
    },
    "registry.migrations.env": {"catalogue.models"},
}
# registry/web: shared page machinery at its top, one sub-package per area; areas import the
# machinery and the registry's services, never each other, and the machinery no area.
WEB_AREAS = (
    "auth",
    "catalogue",
    "provider",
    "worker",
    "employer",
    "assessor",
    "coach",
    "operator",
)

Edge = tuple[str, str]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def read_modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
    }


def _imported(
    node: ast.AST, name: str, is_package: bool, known: Mapping[str, Path]
) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
    elif isinstance(node, ast.ImportFrom):
        if node.level:
            base = name.split(".")[: len(name.split(".")) - node.level + is_package]
            source = ".".join([*base, *([node.module] if node.module else [])])
        else:
            source = node.module or ""
        for alias in node.names:
            # `from registry import audit` imports the module registry.audit.
            child = f"{source}.{alias.name}"
            yield child if child in known else source


def read_edges(modules: Mapping[str, Path]) -> set[Edge]:
    """Every import of one of our modules by another, wherever it is written (module level,
    in a function, under TYPE_CHECKING: each says one depends on the other)."""
    edges = set()
    for name, path in modules.items():
        tree = ast.parse(path.read_text(), filename=str(path))
        is_package = path.name == "__init__.py"
        for node in ast.walk(tree):
            for target in _imported(node, name, is_package, modules):
                if target.split(".")[0] in PACKAGES and target != name:
                    edges.add((name, target))
    return edges


def cycles(edges: Iterable[Edge]) -> list[list[str]]:
    """The strongly connected components with more than one node (Tarjan)."""
    graph: dict[str, set[str]] = {}
    for source, target in edges:
        graph.setdefault(source, set()).add(target)
        graph.setdefault(target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _package(name: str) -> str:
    return name.split(".", maxsplit=1)[0]


def against_package_order(edges: Iterable[Edge]) -> list[Edge]:
    """schemas < credentials < catalogue < registry: a package imports only earlier ones."""
    return sorted(
        (source, target)
        for source, target in edges
        if PACKAGES.index(_package(target)) > PACKAGES.index(_package(source))
    )


def past_the_surface(edges: Iterable[Edge]) -> list[Edge]:
    """Registry imports of the catalogue other than its surface (and the named exceptions)."""
    return sorted(
        (source, target)
        for source, target in edges
        if _package(source) == "registry"
        and _package(target) == "catalogue"
        and target != SURFACE
        and target not in CATALOGUE_EXCEPTIONS.get(source, set())
    )


def layer(name: str) -> tuple[int, str]:
    """(rank, group) of a registry module: base 0, sub-packages 1..n in LAYERS order, top n+1.
    Modules of one group import each other freely."""
    head = name.split(".")[1] if "." in name else ""
    if head in BASE or name == "registry":
        return 0, "base"
    if head in LAYERS:
        return 1 + LAYERS.index(head), head
    if head in TOP:
        return 1 + len(LAYERS), "top"
    raise LookupError(f"{name}: a registry module outside every layer (add it to the README's)")


def unplaced(names: Iterable[str]) -> list[str]:
    """Registry modules that belong to no layer."""
    missing = []
    for name in names:
        try:
            layer(name)
        except LookupError:
            missing.append(name)
    return sorted(missing)


def against_layers(edges: Iterable[Edge]) -> list[Edge]:
    """Registry imports that point up (to a later layer) or across (base to base is fine)."""
    wrong = []
    for source, target in edges:
        if _package(source) != "registry" or _package(target) != "registry":
            continue
        (rank, group), (target_rank, target_group) = layer(source), layer(target)
        if group != target_group and target_rank >= rank:
            wrong.append((source, target))
    return sorted(wrong)


def _web_area(name: str) -> str | None:
    parts = name.split(".")
    if parts[:2] != ["registry", "web"] or len(parts) < 3:
        return None  # not web, or registry.web itself (it mounts every area)
    return parts[2] if parts[2] in WEB_AREAS else ""


def across_web_areas(edges: Iterable[Edge]) -> list[Edge]:
    """Imports from one web area into another, or from the shared machinery into an area."""
    return sorted(
        (source, target)
        for source, target in edges
        if (area := _web_area(source)) is not None
        and (target_area := _web_area(target))
        and target_area != area
    )


@pytest.fixture(scope="module")
def graph() -> tuple[dict[str, Path], set[Edge]]:
    modules = read_modules()
    return modules, read_edges(modules)


def test_the_graph_is_read(graph: tuple[dict[str, Path], set[Edge]]) -> None:
    modules, edges = graph
    assert {"registry.app", "registry.wallet.cv", SURFACE, "schemas.errors"} <= modules.keys()
    assert ("registry.wallet.cv", SURFACE) in edges
    assert ("registry.issuing.issuance", "registry.issuers.keys") in edges  # `from X import mod`


def test_no_import_cycles(graph: tuple[dict[str, Path], set[Edge]]) -> None:
    assert cycles(graph[1]) == []


def test_packages_import_in_one_direction(graph: tuple[dict[str, Path], set[Edge]]) -> None:
    assert against_package_order(graph[1]) == []


def test_registry_reads_the_catalogue_through_its_surface(
    graph: tuple[dict[str, Path], set[Edge]],
) -> None:
    assert past_the_surface(graph[1]) == []


def test_every_registry_module_has_a_layer(graph: tuple[dict[str, Path], set[Edge]]) -> None:
    assert unplaced(name for name in graph[0] if _package(name) == "registry") == []


def test_registry_sub_packages_import_downwards(graph: tuple[dict[str, Path], set[Edge]]) -> None:
    edges = graph[1]
    assert against_layers(edges) == []
    groups = {
        (layer(s)[1], layer(t)[1]) for s, t in edges if _package(s) == _package(t) == "registry"
    }
    assert cycles((s, t) for s, t in groups if s != t) == []


def test_web_areas_stay_apart(graph: tuple[dict[str, Path], set[Edge]]) -> None:
    assert across_web_areas(graph[1]) == []


def test_registry_models_bring_the_tables_their_keys_name() -> None:
    """`registry.models` alone (a fresh interpreter) resolves every foreign key of its tables,
    `ForeignKey("provider.id")` too: a row naming a provider can be flushed without anything
    else imported, though the registry imports no catalogue model itself."""
    script = (
        "import registry.models as m\n"
        "for table in m.Account.metadata.tables.values():\n"
        "    for key in table.foreign_keys:\n"
        "        key.column\n"
        "print(sorted(m.Account.metadata.tables))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "'provider'" in done.stdout


def test_the_checks_catch_what_they_forbid() -> None:
    """Each rule above, given an import it forbids, names it (so an empty answer means
    something)."""
    assert cycles([("a.x", "a.y"), ("a.y", "a.z"), ("a.z", "a.x"), ("a.z", "a.w")]) == [
        ["a.x", "a.y", "a.z"]
    ]
    assert against_package_order([("catalogue.search", "registry.models")]) != []
    assert against_package_order([("credentials.verify", "catalogue.models")]) != []
    assert against_package_order([("schemas.wallet", "credentials.keys")]) != []
    assert against_package_order([("registry.wallet.cv", "catalogue.public")]) == []
    assert past_the_surface([("registry.issuing.issued", "catalogue.models")]) != []
    assert past_the_surface([("registry.demo", "catalogue.controllers")]) != []
    assert past_the_surface([("registry.app", "catalogue.controllers")]) == []
    assert against_layers([("registry.wallet.cv", "registry.sharing.shares")]) != []
    assert against_layers([("registry.settings", "registry.jobs")]) != []
    assert against_layers([("registry.web.pages", "registry.app")]) != []
    assert against_layers([("registry.sharing.shares", "registry.wallet.holders")]) == []
    assert against_layers([("registry.cli", "registry.app")]) == []
    assert unplaced(["registry.elsewhere", "registry.web.x"]) == ["registry.elsewhere"]
    assert across_web_areas([("registry.web.worker.pages", "registry.web.provider.common")]) != []
    assert across_web_areas([("registry.web.pages", "registry.web.auth.session")]) != []
    assert across_web_areas([("registry.web.worker.views", "registry.web.pages")]) == []
    assert across_web_areas([("registry.web", "registry.web.auth.pages")]) == []
