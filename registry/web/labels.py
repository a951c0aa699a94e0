"""What a person calls a form field: the label its form shows, not the name the form posts.

An error about a field (a control character, say) names it the way the person saw it. The
labels are read from the templates themselves, so a new form needs no second list.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from registry.web.i18n import Translate
from registry.web.messages import MESSAGES

TEMPLATES = Path(__file__).parent / "templates"
# `f.field("<name>", t("<key>")` in a template, and the assessor form's numbered rows:
# `row_input("<name>", index, t("<key>")` and `f.select("<name>_" ~ index, t("<key>")`
# post `<name>_<index>`.
FORM_FIELD = re.compile(
    r'\b(?:[fc]\.(?:field|textarea|select|radios)|row_input)\("([\w-]+)"(?:\s*~\s*index)?,'
    r'\s*(?:index,\s*)?t\("([\w.-]+)"'
)
ROW_NUMBER = re.compile(r"^(\w+?)_?(\d+)$")


@cache
def _template_labels() -> dict[str, str]:
    """Each field name with the one label key the templates give it (a name that forms label
    differently, such as `name`, has its own `field.<name>` text instead)."""
    found: dict[str, set[str]] = {}
    for template in TEMPLATES.rglob("*.html"):
        for name, key in FORM_FIELD.findall(template.read_text(encoding="utf-8")):
            found.setdefault(name.rstrip("_"), set()).add(key)
    return {name: keys.pop() for name, keys in found.items() if len(keys) == 1}


def _label_key(name: str) -> str | None:
    return f"field.{name}" if f"field.{name}" in MESSAGES else _template_labels().get(name)


def field_label(t: Translate, name: str) -> str:
    """What a person calls a form field: its label, not the name the form posts (a field of
    a numbered row, `code_3`, with its row). A field no form labels keeps its name."""
    key = _label_key(name)
    if key:
        return f"'{t(key)}'"
    row = ROW_NUMBER.match(name)
    key = _label_key(row.group(1)) if row else None
    if row and key:
        return t("field.in-row", label=t(key), row=row.group(2))
    return name
