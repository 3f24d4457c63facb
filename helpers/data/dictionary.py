"""Render the human data dictionary (data/README.md) from data/datapackage.json.

Run ``python -m helpers.data.dictionary`` to rewrite it, or ``--check`` to fail when it is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from helpers.data.descriptor import DATA_DIR, read_descriptor

HEADER = """# Data dictionary

Generated from `datapackage.json` by `python3 dev.py dictionary`
(`python -m helpers.data.dictionary`).
Do not edit by hand: a test fails when this file is stale.

- Format: UTF-8 without BOM, comma-separated, one header row, ISO 8601 dates (YYYY-MM-DD),
  booleans `true`/`false`, empty cell = missing.
- Every row has a `source_id` that must exist in `sources.csv`, and a `confidence`
  (`primary`, `secondary`, `disputed` or `unverified`) that the notebooks show.
- Rows are checked on every load by `helpers.data` (Table Schema checks in pandas, with Frictionless
  as the tested reference, + `helpers/rules.py`).
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
    lines = [f"Primary key: `{', '.join(_as_list(schema['primaryKey']))}`."]
    for fk in schema.get("foreignKeys", []):
        ref = fk["reference"]
        lines.append(f"Foreign key: `{', '.join(_as_list(fk['fields']))}` → "
                     f"`{ref['resource']}.{', '.join(_as_list(ref['fields']))}`.")
    return lines


def _as_list(value: str | list[str]) -> list[str]:
    """A field list from a single name or a list of names."""
    return [value] if isinstance(value, str) else list(value)


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


def render(descriptor: dict[str, Any]) -> str:
    """Whole data dictionary as Markdown."""
    license_ = ", ".join(lic.get("title", lic["name"]) for lic in descriptor.get("licenses", []))
    parts = [HEADER.format(license=license_ or "see README")]
    parts += [render_table(r) for r in descriptor["resources"]]
    return "\n".join(parts)


def main(argv: list[str]) -> int:
    """Write data/README.md, or with --check return 1 when it differs from the descriptor."""
    target = Path(DATA_DIR) / "README.md"
    text = render(read_descriptor())
    if "--check" in argv:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print(f"{target} is stale: run python3 dev.py dictionary", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
