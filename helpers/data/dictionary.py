"""Render the human data dictionary (data/README.md) from data/datapackage.json.

``python3 dev.py docs`` writes it (with the other generated documents); a test fails when the
file is stale.
"""

from __future__ import annotations

from typing import Any

from helpers.data.descriptor import as_list, read_descriptor

HEADER = """# Data dictionary

Generated from `datapackage.json` by `python3 dev.py docs`. Do not edit by hand: a test fails
when this file is stale.

- Format: UTF-8 without BOM, comma-separated, one header row, ISO 8601 dates (YYYY-MM-DD),
  booleans `true`/`false`, empty cell = missing.
- Every row has a `source_id` that must exist in `sources.csv`, and a `confidence`
  (defined below) that the notebooks show.
- Rows are checked on every load by `helpers.data` (the Table Schema, checked by Frictionless,
  plus the cross-field rules in `helpers/data/rules.py`).
- Licence: {license}.
"""


def _cell(text: str) -> str:
    """Make text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def _allowed(field: dict[str, Any]) -> str:
    """Summarise a field's constraints (enum, pattern, range, length, unique)."""
    c = field.get("constraints", {})
    parts = []
    if "enum" in c:
        parts.append(", ".join(f"`{v}`" for v in c["enum"]))
    if "pattern" in c:
        parts.append(f"pattern `{c['pattern']}`")
    if "minimum" in c or "maximum" in c:
        parts.append(f"{c.get('minimum', '')}..{c.get('maximum', '')}")
    if "maxLength" in c:
        parts.append(f"at most {c['maxLength']} characters")
    if c.get("unique"):
        parts.append("unique")
    if field["type"] == "boolean":
        parts.append("`true`, `false`")
    return "; ".join(parts)


def _keys(schema: dict[str, Any]) -> list[str]:
    """Lines describing the primary key and the foreign keys of a schema."""
    lines = [f"Primary key: `{', '.join(as_list(schema['primaryKey']))}`."]
    for fk in schema.get("foreignKeys", []):
        ref = fk["reference"]
        lines.append(f"Foreign key: `{', '.join(as_list(fk['fields']))}` → "
                     f"`{ref['resource']}.{', '.join(as_list(ref['fields']))}`.")
    return lines


def render_table(resource: dict[str, Any]) -> str:
    """Markdown section for one table: description, keys and the column table."""
    schema = resource["schema"]
    rows = ["| Column | Type | Required | Allowed values | Description |",
            "|---|---|---|---|---|"]
    for f in schema["fields"]:
        required = "yes" if f.get("constraints", {}).get("required") else "no"
        rows.append(f"| `{f['name']}` | {f['type']} | {required} | {_cell(_allowed(f))} | "
                    f"{_cell(f.get('description', ''))} |")
    body = [f"## {resource['title']} (`{resource['path']}`)", "", resource["description"], "",
            *_keys(schema), "", *rows, ""]
    return "\n".join(body)


def render_confidence(descriptor: dict[str, Any]) -> str:
    """Markdown section defining each confidence level and the rule that grades a row."""
    levels = descriptor.get("confidenceLevels", {})
    if not levels:
        return ""
    lines = ["## Confidence levels", "", "| Level | Meaning |", "|---|---|"]
    lines += [f"| `{name}` | {_cell(text)} |" for name, text in levels.items()]
    if descriptor.get("confidenceRule"):
        lines += ["", descriptor["confidenceRule"]]
    return "\n".join([*lines, ""])


def render(descriptor: dict[str, Any] | None = None) -> str:
    """Whole data dictionary as Markdown (default: the project's descriptor)."""
    descriptor = descriptor or read_descriptor()
    license_ = ", ".join(lic.get("title", lic["name"]) for lic in descriptor.get("licenses", []))
    parts = [HEADER.format(license=license_ or "see README")]
    if confidence := render_confidence(descriptor):
        parts.append(confidence)
    parts += [render_table(r) for r in descriptor["resources"]]
    return "\n".join(parts)
