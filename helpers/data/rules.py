"""Cross-field rules that a Table Schema cannot express, run inside Frictionless validation.

The schema in ``data/datapackage.json`` covers types, required, unique, enum, pattern, ranges,
primary and foreign keys. The rules here add what needs two cells or an external list:
date ranges (end >= start), ISO 3166 codes (checked with pycountry), conditional columns and a
guard against text that a spreadsheet would run as a formula.

``row_problems`` is a plain function (table name + row dict in, problems out) so it can be
unit-tested; ``frictionless_check()`` plugs it into Frictionless as a custom check (used by
the reference validator only, so Frictionless is not imported on the fast path).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

Row = dict[str, Any]
Issue = tuple[str, str]  # (column, message)


@cache
def is_iso3(code: str) -> bool:
    """Return True if ``code`` is an ISO 3166-1 alpha-3 country code known to pycountry."""
    import pycountry

    return pycountry.countries.get(alpha_3=code) is not None


def _formula_text(row: Row) -> Iterator[Issue]:
    """Text cells that a spreadsheet would treat as a formula."""
    for column, value in row.items():
        if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
            yield column, (f"text starts with {value[0]!r}, which a spreadsheet would run as a "
                           "formula; reword it or put a letter first")


def _range(row: Row, start: str, end: str) -> Iterator[Issue]:
    """End date before start date."""
    a, b = row.get(start), row.get(end)
    if isinstance(a, dt.date) and isinstance(b, dt.date) and b < a:
        yield end, f"{end} {b.isoformat()} is before {start} {a.isoformat()}"


def _iso(row: Row, column: str) -> Iterator[Issue]:
    """A code that is not an ISO 3166-1 alpha-3 country code."""
    code = row.get(column)
    if code and not is_iso3(code):
        yield column, f"{code!r} is not an ISO 3166-1 alpha-3 country code (pycountry)"


def _milestones(row: Row) -> Iterator[Issue]:
    """Date range, host country code and complete recorded votes."""
    yield from _range(row, "start_date", "end_date")
    yield from _iso(row, "country_iso3")
    votes = [row.get(c) for c in ("votes_for", "votes_against", "votes_abstaining")]
    if any(v is not None for v in votes) and any(v is None for v in votes):
        yield "votes_for", "a recorded vote needs all three counts (for, against, abstaining)"


def _signatures(row: Row) -> Iterator[Issue]:
    """Codes for states only, and signature <= ratification <= as_of."""
    yield from _iso(row, "iso3")
    yield from _range(row, "signature_date", "ratification_date")
    yield from _range(row, "signature_date", "as_of")
    yield from _range(row, "ratification_date", "as_of")
    kind, code = row.get("entity_kind"), row.get("iso3")
    if kind == "state" and not code:
        yield "iso3", "a state needs its ISO 3166-1 alpha-3 code"
    if kind == "regional_organization" and code:
        yield "iso3", "a regional organisation is not a country and takes no ISO code"


def _instruments(row: Row) -> Iterator[Issue]:
    """Entry into force and status date after the key date; parties if in force."""
    yield from _range(row, "key_date", "entry_into_force")
    yield from _range(row, "key_date", "status_as_of")
    if row.get("status") == "in_force" and row.get("parties_count") == 0:
        yield "parties_count", "an instrument in force cannot have zero parties"


def _offences(row: Row) -> Iterator[Issue]:
    """Acts have a parent category; categories have none."""
    if row.get("level") == "act" and not row.get("parent_id"):
        yield "parent_id", "an act needs the id of its category"
    if row.get("level") == "category" and row.get("parent_id"):
        yield "parent_id", "a category has no parent"


def _sdg_targets(row: Row) -> Iterator[Issue]:
    """A target number sits under its own goal."""
    target, goal = row.get("target_id"), row.get("goal")
    if target and goal is not None and target.split(".")[0] != str(goal):
        yield "goal", f"target {target} belongs to goal {target.split('.')[0]}, not {goal}"


def _sdg_links(row: Row) -> Iterator[Issue]:
    """Non-existent targets are cited but not linked; other statuses need a target."""
    status, target = row.get("status"), row.get("target_id")
    if status == "nonexistent_target":
        if target:
            yield "target_id", "a non-existent target cannot point at a real target row"
        if not row.get("cited_as"):
            yield "cited_as", "say which target number the article printed"
    elif not target:
        yield "target_id", f"status {status!r} needs a target_id"
    if row.get("article_cites") and not row.get("cited_as"):
        yield "cited_as", "when the article cites the link, record the number it printed"


def _quotes(row: Row) -> Iterator[Issue]:
    """in_article and article_presentation agree."""
    in_article = row.get("in_article")
    shown = row.get("article_presentation")
    if in_article is False and shown != "not_in_article":
        yield "article_presentation", "a quote not in the article must be 'not_in_article'"
    if in_article is True and shown == "not_in_article":
        yield "article_presentation", "a quote in the article must say how it is presented"


def _crosswalk(row: Row) -> Iterator[Issue]:
    """A link has at least one side; one-sided links are "none"."""
    ids = [row.get(c) for c in ("unodc_act_id", "budapest_article_id", "un_article_id")]
    present = sum(1 for i in ids if i)
    if present == 0:
        yield "unodc_act_id", "a link needs at least one act or article"
    if row.get("match") != "none" and present < 2:
        yield "match", "only a 'none' link may have a single side"


def _sources(row: Row) -> Iterator[Issue]:
    """Accessed on or after publication."""
    yield from _range(row, "published", "accessed")


def _world_shapes(row: Row) -> Iterator[Issue]:
    """Outline rows carry a real ISO 3166-1 alpha-3 code."""
    yield from _iso(row, "iso3")


TABLE_RULES: dict[str, Callable[[Row], Iterator[Issue]]] = {
    "milestones": _milestones,
    "signatures": _signatures,
    "instruments": _instruments,
    "offences": _offences,
    "sdg_targets": _sdg_targets,
    "sdg_links": _sdg_links,
    "quotes": _quotes,
    "crosswalk": _crosswalk,
    "sources": _sources,
    "world_shapes": _world_shapes,
}


def row_problems(table: str, row: Row) -> list[Issue]:
    """Return ``(column, message)`` pairs for every rule that ``row`` of ``table`` breaks."""
    issues = list(_formula_text(row))
    rule = TABLE_RULES.get(table)
    if rule is not None:
        issues.extend(rule(row))
    return issues


@cache
def frictionless_check() -> Any:
    """A Frictionless check applying ``row_problems`` (Frictionless is imported only here)."""
    import frictionless
    from frictionless import errors

    class RuleError(errors.CellError):
        """A cross-field rule from helpers.rules was broken."""

        type = "rule-error"
        title = "Rule Error"
        description = "A cross-field rule of the project (helpers/rules.py) was broken."
        template = ('The cell "{cell}" in row "{rowNumber}" and field "{fieldName}" '
                    "breaks a rule: {note}")

        @classmethod
        def at(cls, row: frictionless.Row, column: str, note: str) -> RuleError:
            """Error for one cell; an empty cell stays empty (``from_row`` would write "None")."""
            value = row[column]
            return cls(note=note, cells=[("" if v is None else str(v)) for v in row.cells],
                       row_number=row.row_number, cell="" if value is None else str(value),
                       field_name=column, field_number=row.field_names.index(column) + 1)

    class ProjectRules(frictionless.Check):
        """Frictionless check that applies ``row_problems`` to every row of every table."""

        type = "project-rules"
        Errors = [RuleError]

        def validate_row(self, row: frictionless.Row) -> Iterator[RuleError]:
            """Yield one RuleError per broken rule in ``row``."""
            for column, message in row_problems(self.resource.name, row.to_dict()):
                yield RuleError.at(row, column, message)

    return ProjectRules()
