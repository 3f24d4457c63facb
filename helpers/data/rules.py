"""Project rules that a Table Schema cannot express, run inside Frictionless validation.

The schema in ``data/datapackage.json`` covers types, required, unique, enum, pattern, ranges,
primary and foreign keys. The rules here add what needs the raw text of a cell, two cells,
two rows, two tables, an external list (ISO 3166 via pycountry) or today's date. Three levels:

- **cell spelling** (:func:`spelling_problems`): the raw text of a date, integer or number
  cell that Frictionless accepts but a careful editor would not (``2022-2-3``, ``007``,
  ``NaN``; a NaN even passes ``minimum`` and ``maximum``);
- **row rules** (:func:`row_problems`): every text cell of every table (see :func:`text_issues`),
  ids, URLs, short verbatim quotes, date ranges, dates after today and the per-table rules
  in ``TABLE_RULES``;
- **package rules** (:func:`package_problems`): rules that need other rows or other tables,
  such as the treaty timeline (signatures between the opening for signature and the deadline,
  both read from ``milestones.csv``), ids that differ only by case, references by kind.
  Frictionless checks see one resource at a time, so :class:`ProjectRules` collects the rows
  it has cast and ``helpers.data.validation`` runs these rules on them after Frictionless.

Text rules, decided once for every table:

- no control characters at all (C0, DEL, C1), **including tab and line breaks**, in any
  column, free text included: a line break inside a cell makes the file's line numbers differ
  from its row numbers, and every problem here names a row by its line; notes are short
  enough to need no paragraphs;
- no invisible format characters (zero-width U+200B..U+200D, U+2060, U+FEFF, soft hyphen,
  bidi controls U+202A..U+202E, U+2066..U+2069, U+200E/U+200F and the rest of category Cf),
  no line or paragraph separators, private-use, unassigned or surrogate code points, no
  U+FFFD (text already damaged by a wrong encoding) and no mis-decoded UTF-8 (``Ã©``, ``â€™``);
- spaces are U+0020; in prose a no-break space (U+00A0, U+202F) is allowed, as French
  typography needs it, but not in ids and keys; other space characters are refused;
- no leading or trailing whitespace and no two spaces in a row; text is NFC-normalised;
- no placeholder pretending to be a value (``PLACEHOLDERS``; leave the cell empty instead);
  the comparison is exact, so the enum value ``none`` of ``crosswalk.match`` stays valid;
- no text that a spreadsheet would run as a formula (starting with ``= + - @``, tab or CR).

Rules compare with today only to refuse dates *after* it; the validation cache relies on this.
``today`` is injectable: pass it to the functions, or monkeypatch :func:`today` in tests.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import urlsplit

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

#: Whole-cell texts that stand for "no value" (or a spreadsheet error) instead of being one.
PLACEHOLDERS = frozenset({
    "nan", "NaN", "NAN", "None", "NONE", "null", "Null", "NULL", "nil", "NIL", "N/A", "n/a",
    "NA", "na", "N.A.", "n.a.", "-", "--", "?", "??", "...", "\u2026", "TBD", "tbd", "TBA",
    "TBC", "undefined", "#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!",
})
#: Ids: every ``*_id`` column and every text primary-key column (but see ``NOT_SLUGS``).
ID = re.compile(r"[a-z0-9][a-z0-9_.]*")
#: Key columns that are names or codes, not slugs: narrow, documented exceptions to ``ID``.
NOT_SLUGS = {
    ("signatures", "party"): "the State's or organisation's name as readers see it",
    ("world_shapes", "iso3"): "an ISO 3166-1 alpha-3 code, checked by pattern and pycountry",
    ("un_member_states", "iso3"): "an ISO 3166-1 alpha-3 code, checked by pattern and pycountry",
    ("translations", "row_id"): "the key of the translated row, a name or code in some tables",
}
#: Spaces allowed in prose besides U+0020 (never in ids or keys).
PROSE_SPACES = frozenset({"\u00a0", "\u202f"})
CONTROL_NAMES = {"\t": "TAB", "\n": "LINE FEED", "\r": "CARRIAGE RETURN", "\x00": "NUL",
                 "\x7f": "DELETE", "\x85": "NEXT LINE"}
MOJIBAKE = re.compile("\u00c3[\u0080-\u00bf]|\u00e2\u20ac|\u00c2[\u00a0-\u00bf]")
#: How non-string cells must be spelled (Frictionless also accepts the variants in comments).
SPELLING = {
    "date": (re.compile(r"\d{4}-\d{2}-\d{2}"),  # not 2022-2-3
             "write the date as YYYY-MM-DD, with a zero-padded month and day"),
    "integer": (re.compile(r"-?(0|[1-9]\d*)"),  # not +5, 007
                "write the whole number without a plus sign or leading zeros"),
    "number": (re.compile(r"-?(0|[1-9]\d*)(\.\d+)?"),  # not NaN, INF, 1e400, +1, .5
               "write a finite decimal number (no NaN, INF, exponent, plus sign or "
               "leading zeros)"),
}
#: Dates that record something that already happened, so they cannot be after today.
RECORDED_DATES = {
    "sources": ("published", "accessed"),
    "signatures": ("signature_date", "ratification_date", "as_of"),
    "instruments": ("key_date", "status_as_of"),
    "quotes": ("date",),
    "concerns": ("date",),
}
VERBATIM_MAX_WORDS = 60  # the project's rule: quotes are short
UN_MEMBER_STATES = 193
FIRST_MILESTONE = dt.date(2000, 1, 1)
#: Longest span of a milestone with an end date. The longest meeting of the process lasted
#: 12 days; a longer span is almost always a mistyped year or month (a year typo adds 365).
MAX_MILESTONE_DAYS = 31
#: milestones.csv rows that date the treaty timeline (read from the data, never hard-coded).
OPENING, DEADLINE, ADOPTION = "hanoi_signing_ceremony", "signature_deadline", "ga_res_79_243"

Row = dict[str, Any]
Issue = tuple[str, str]  # (column, message)
Place = tuple[str, int | None, str, str]  # (table, row number, column, message)


def today() -> dt.date:
    """Today's date, which the "not after today" rules compare with (tests monkeypatch it)."""
    return dt.date.today()


@cache
def is_iso3(code: str) -> bool:
    """Return True if ``code`` is an ISO 3166-1 alpha-3 country code known to pycountry."""
    import pycountry

    return pycountry.countries.get(alpha_3=code) is not None


# ------------------------------------------------------------------------------ cell rules
def spelling_problems(kind: str, text: str) -> str | None:
    """Why the raw text of a cast date/integer/number cell is not in canonical spelling."""
    rule = SPELLING.get(kind)
    if rule is None or rule[0].fullmatch(text):
        return None
    return rule[1]


def _char_label(char: str, key: bool) -> str | None:
    """What is wrong with one character in a cell (``key``: an id or key column), or None."""
    category = unicodedata.category(char)
    if char == "\ufffd":
        return "the replacement character (the text was damaged by a wrong encoding)"
    if category == "Cc":
        return "a control character"
    if category == "Cf":
        return "an invisible formatting character (zero-width, bidi control or similar)"
    if category in ("Zl", "Zp"):
        return "a line or paragraph separator"
    if category in ("Co", "Cn", "Cs"):
        return "a private-use, unassigned or surrogate code point"
    if category == "Zs" and char != " " and (key or char not in PROSE_SPACES):
        return "a space character other than a plain space"
    return None


def _bad_character(text: str, key: bool) -> str | None:
    """A message for the first character of ``text`` that does not belong in a cell."""
    if text.isascii() and text.isprintable():
        return None  # the usual case, checked without looking at each character
    for position, char in enumerate(text, start=1):
        label = _char_label(char, key)
        if label:
            name = CONTROL_NAMES.get(char) or unicodedata.name(char, "without a name")
            return (f"contains {label}, U+{ord(char):04X} {name}, at character {position}; "
                    "delete it or retype the text")
    return None


def text_issues(text: str, key: bool = False) -> list[str]:
    """Every text rule (see the module docstring) that one text cell breaks."""
    found = [_bad_character(text, key)]
    if text != text.strip():
        found.append("starts or ends with whitespace")
    if "  " in text:
        found.append("contains two spaces in a row")
    if not unicodedata.is_normalized("NFC", text):
        found.append("is not in Unicode NFC form (a letter and its accent are stored apart); "
                     "normalise it")
    if MOJIBAKE.search(text):
        found.append("looks like mis-decoded UTF-8 (for example 'Ã©' for 'é'); fix the encoding")
    if text in PLACEHOLDERS:
        found.append(f"{text!r} is a placeholder, not a value; leave the cell empty instead")
    if text.startswith(FORMULA_PREFIXES):
        found.append(f"text starts with {text[0]!r}, which a spreadsheet would run as a "
                     "formula; reword it or put a letter first")
    return [message for message in found if message]


# ------------------------------------------------------------------------------- row rules
def _is_key(column: str, keys: Collection[str]) -> bool:
    """True for id columns (``*_id``) and the table's primary-key columns."""
    return column.endswith("_id") or column in keys


def _texts(table: str, row: Row, keys: Collection[str]) -> Iterator[Issue]:
    """Text rules on every text cell; the id pattern on id and key columns."""
    for column, value in row.items():
        if not isinstance(value, str):
            continue
        key = _is_key(column, keys)
        for message in text_issues(value, key):
            yield column, message
        if key and (table, column) not in NOT_SLUGS and not ID.fullmatch(value):
            yield column, (f"{value!r} is not an id: use lowercase letters, digits, '_' and "
                           "'.', starting with a letter or digit")


def _range(row: Row, start: str, end: str) -> Iterator[Issue]:
    """End date before start date."""
    a, b = row.get(start), row.get(end)
    if isinstance(a, dt.date) and isinstance(b, dt.date) and b < a:
        yield end, f"{end} {b.isoformat()} is before {start} {a.isoformat()}"


def _not_after_today(table: str, row: Row, day: dt.date) -> Iterator[Issue]:
    """Dates that record something past (``RECORDED_DATES``) cannot be after today."""
    for column in RECORDED_DATES.get(table, ()):
        value = row.get(column)
        if isinstance(value, dt.date) and value > day:
            yield column, (f"{column} {value.isoformat()} is after today "
                           f"({day.isoformat()}); a recorded date cannot be in the future")


def _iso(row: Row, column: str) -> Iterator[Issue]:
    """A code that is not an ISO 3166-1 alpha-3 country code."""
    code = row.get(column)
    if code and not is_iso3(code):
        yield column, f"{code!r} is not an ISO 3166-1 alpha-3 country code (pycountry)"


def _votes(row: Row) -> Iterator[Issue]:
    """A recorded vote has all three counts, and no more votes than UN member States."""
    votes = [row.get(c) for c in ("votes_for", "votes_against", "votes_abstaining")]
    if any(v is not None for v in votes) and any(v is None for v in votes):
        yield "votes_for", "a recorded vote needs all three counts (for, against, abstaining)"
    elif all(isinstance(v, int) for v in votes) and sum(votes) > UN_MEMBER_STATES:
        yield "votes_for", (f"for + against + abstaining = {sum(votes)}, more than the "
                            f"{UN_MEMBER_STATES} UN member States")


def _milestone_dates(row: Row) -> Iterator[Issue]:
    """Dates from 2000 on, and an end date at most ``MAX_MILESTONE_DAYS`` after the start."""
    start, end = row.get("start_date"), row.get("end_date")
    if isinstance(start, dt.date) and start < FIRST_MILESTONE:
        yield "start_date", (f"start_date {start.isoformat()} is before "
                             f"{FIRST_MILESTONE.year}; the process began in 2019")
    if isinstance(start, dt.date) and isinstance(end, dt.date) and \
            (end - start).days > MAX_MILESTONE_DAYS:
        yield "end_date", (f"end_date {end.isoformat()} is {(end - start).days} days after "
                           f"start_date; no milestone lasts more than {MAX_MILESTONE_DAYS} "
                           "days (check the year and month)")


def _milestones(row: Row) -> Iterator[Issue]:
    """Dates, host country code, city with country, and complete recorded votes."""
    yield from _range(row, "start_date", "end_date")
    yield from _milestone_dates(row)
    yield from _iso(row, "country_iso3")
    if bool(row.get("city")) != bool(row.get("country_iso3")):
        missing = "country_iso3" if row.get("city") else "city"
        yield missing, "city and country_iso3 go together: give both or neither"
    yield from _votes(row)


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


def _treaty_articles(row: Row) -> Iterator[Issue]:
    """An id of the form ``<treaty>_art_<n>`` agrees with the treaty and article number."""
    found = re.fullmatch(r"(budapest|un)_art_(\d+)", row.get("article_id") or "")
    if not found:
        return
    treaty = {"budapest": "budapest", "un": "un_convention"}[found.group(1)]
    if row.get("treaty") not in (None, treaty):
        yield "treaty", f"the id {found.group(0)!r} says the treaty is {treaty!r}"
    number = row.get("article_number")
    if number is not None and number != int(found.group(2)):
        yield "article_number", f"the id {found.group(0)!r} says article {found.group(2)}"


def _sdg_targets(row: Row) -> Iterator[Issue]:
    """A target number sits under its own goal."""
    target, goal = row.get("target_id"), row.get("goal")
    if target and goal is not None and target.split(".")[0] != str(goal):
        yield "goal", f"target {target} belongs to goal {target.split('.')[0]}, not {goal}"


def _sdg_links(row: Row) -> Iterator[Issue]:
    """Non-existent targets are cited but not linked; other statuses need a target."""
    status, target, cited = row.get("status"), row.get("target_id"), row.get("cited_as")
    if status == "nonexistent_target":
        if target:
            yield "target_id", "a non-existent target cannot point at a real target row"
        if not cited:
            yield "cited_as", "say which target number the article printed"
    elif not target:
        yield "target_id", f"status {status!r} needs a target_id"
    if row.get("article_cites") and not cited:
        yield "cited_as", "when the article cites the link, record the number it printed"
    if cited and not re.fullmatch(r"\d{1,2}\.(\d{1,2}|[a-z])", cited):
        yield "cited_as", f"{cited!r} is not written like an SDG target number (e.g. 16.2)"


def _quotes(row: Row) -> Iterator[Issue]:
    """in_article and article_presentation agree; verbatim quotes are short."""
    in_article = row.get("in_article")
    shown = row.get("article_presentation")
    if in_article is False and shown != "not_in_article":
        yield "article_presentation", "a quote not in the article must be 'not_in_article'"
    if in_article is True and shown == "not_in_article":
        yield "article_presentation", "a quote in the article must say how it is presented"
    words = len((row.get("text") or "").split())
    if row.get("form") == "verbatim" and words > VERBATIM_MAX_WORDS:
        yield "text", (f"a verbatim quote has {words} words; quotes stay short (at most "
                       f"{VERBATIM_MAX_WORDS}): shorten it or paraphrase")


def _crosswalk(row: Row) -> Iterator[Issue]:
    """A link has at least one side; one-sided links are "none"."""
    ids = [row.get(c) for c in ("unodc_act_id", "budapest_article_id", "un_article_id")]
    present = sum(1 for i in ids if i)
    if present == 0:
        yield "unodc_act_id", "a link needs at least one act or article"
    if row.get("match") != "none" and present < 2:
        yield "match", "only a 'none' link may have a single side"


def _url(row: Row) -> Iterator[Issue]:
    """An http(s) address with a host name, no spaces, no credentials, plain ASCII."""
    url = row.get("url")
    if not url:
        return
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError as err:
        yield "url", f"not a valid URL ({err})"
        return
    if parts.scheme not in ("http", "https") or "." not in host.strip("."):
        yield "url", "a URL needs http:// or https:// and a host name such as www.un.org"
    if any(c.isspace() for c in url) or not url.isascii():
        yield "url", "a URL has no spaces or non-ASCII characters; copy the encoded address"
    if parts.username or parts.password:
        yield "url", "a URL must not carry a user name or password"


def _sources(row: Row) -> Iterator[Issue]:
    """Accessed on or after publication; a usable URL."""
    yield from _range(row, "published", "accessed")
    yield from _url(row)


def _world_shapes(row: Row) -> Iterator[Issue]:
    """Outline rows carry a real ISO 3166-1 alpha-3 code."""
    yield from _iso(row, "iso3")


def _un_member_states(row: Row) -> Iterator[Issue]:
    """Member-state rows carry a real ISO 3166-1 alpha-3 code."""
    yield from _iso(row, "iso3")


TABLE_RULES: dict[str, Callable[[Row], Iterator[Issue]]] = {
    "milestones": _milestones,
    "signatures": _signatures,
    "instruments": _instruments,
    "offences": _offences,
    "treaty_articles": _treaty_articles,
    "sdg_targets": _sdg_targets,
    "sdg_links": _sdg_links,
    "quotes": _quotes,
    "crosswalk": _crosswalk,
    "sources": _sources,
    "world_shapes": _world_shapes,
    "un_member_states": _un_member_states,
}


def row_problems(table: str, row: Row, day: dt.date | None = None,
                 keys: Collection[str] = ()) -> list[Issue]:
    """Return ``(column, message)`` pairs for every rule that ``row`` of ``table`` breaks.

    ``row`` holds the cast values (str, int, Decimal, bool, date or None); ``day`` is the date
    the "not after today" rules compare with (default :func:`today`); ``keys`` names the
    table's primary-key columns (the id rules apply to them and to every ``*_id`` column).
    """
    issues = list(_texts(table, row, keys))
    issues.extend(_not_after_today(table, row, day or today()))
    rule = TABLE_RULES.get(table)
    if rule is not None:
        issues.extend(rule(row))
    return issues


# --------------------------------------------------------------------------- package rules
@dataclass
class TableRows:
    """The cast rows of one table, as (row number, row) pairs, and its primary key.

    ``readable`` is False for a table whose file or header is broken: its problems are
    reported by themselves, and rules that need it are skipped rather than echo them.
    """

    key: tuple[str, ...] = ()
    rows: list[tuple[int, Row]] = field(default_factory=list)
    readable: bool = True

    def by(self, column: str) -> dict[Any, Row]:
        """Rows keyed by the value of ``column`` (the first row wins; empty cells are left out)."""
        found: dict[Any, Row] = {}
        for _, row in self.rows:
            if row.get(column) is not None:
                found.setdefault(row[column], row)
        return found


Tables = dict[str, TableRows]


def _ready(tables: Tables, *names: str) -> bool:
    """True if every named table (default: every table) was read and collected."""
    return all(n in tables and tables[n].readable for n in (names or tables))


def _case_duplicates(name: str, table: TableRows) -> Iterator[Place]:
    """Primary-key text values that differ from an earlier row's only by letter case."""
    for column in table.key if table.readable else ():
        seen: dict[str, str] = {}
        for number, row in table.rows:
            value = row.get(column)
            if not isinstance(value, str):
                continue
            first = seen.setdefault(value.casefold(), value)
            if first != value:
                yield name, number, column, (f"{value!r} differs only by case from the "
                                             f"earlier {first!r}")


def _milestone_date(tables: Tables, milestone: str) -> dt.date | None | str:
    """start_date of a milestone; None if that cell is invalid, "missing" if there is no row."""
    row = tables["milestones"].by("milestone_id").get(milestone)
    if row is None:
        return "missing"
    value = row.get("start_date")
    return value if isinstance(value, dt.date) else None


def _timeline(tables: Tables) -> dict[str, dt.date] | list[Place]:
    """Opening, deadline and adoption dates from milestones.csv, or problems if a row is gone."""
    dates, missing = {}, []
    for milestone in (OPENING, DEADLINE, ADOPTION):
        value = _milestone_date(tables, milestone)
        if value == "missing":
            missing.append(("milestones", None, "milestone_id",
                            f"the treaty timeline needs the row {milestone!r}; signature "
                            "dates cannot be checked without it"))
        elif isinstance(value, dt.date):
            dates[milestone] = value
    return missing or dates


def _signature_window(tables: Tables) -> Iterator[Place]:
    """Signatures between opening and deadline; ratifications on or after adoption."""
    if not _ready(tables, "signatures", "milestones"):
        return  # a table that cannot be read is reported by itself
    timeline = _timeline(tables)
    if isinstance(timeline, list):
        yield from timeline
        return
    opening, deadline = timeline.get(OPENING), timeline.get(DEADLINE)
    adoption = timeline.get(ADOPTION)
    for number, row in tables["signatures"].rows:
        signed, ratified = row.get("signature_date"), row.get("ratification_date")
        if isinstance(signed, dt.date) and opening and signed < opening:
            yield "signatures", number, "signature_date", (
                f"signed {signed.isoformat()}, before the Convention opened for signature on "
                f"{opening.isoformat()} ({OPENING} in milestones.csv)")
        if isinstance(signed, dt.date) and deadline and signed > deadline:
            yield "signatures", number, "signature_date", (
                f"signed {signed.isoformat()}, after the signature deadline "
                f"{deadline.isoformat()} ({DEADLINE} in milestones.csv); later joiners accede")
        if isinstance(ratified, dt.date) and adoption and ratified < adoption:
            yield "signatures", number, "ratification_date", (
                f"ratified {ratified.isoformat()}, before the Convention was adopted on "
                f"{adoption.isoformat()} ({ADOPTION} in milestones.csv)")


def _quote_dates(tables: Tables) -> Iterator[Place]:
    """A quote tied to a milestone is dated within that milestone's days."""
    if not _ready(tables, "quotes", "milestones"):
        return
    milestones = tables["milestones"].by("milestone_id")
    for number, row in tables["quotes"].rows:
        event, said = milestones.get(row.get("milestone_id")), row.get("date")
        if event is None or not isinstance(said, dt.date):
            continue  # no milestone, or a dangling one (a foreign-key error)
        start = event.get("start_date")
        end = event.get("end_date") or start
        if isinstance(start, dt.date) and isinstance(end, dt.date) and not start <= said <= end:
            yield "quotes", number, "date", (
                f"date {said.isoformat()} is outside milestone {row['milestone_id']!r} "
                f"({start.isoformat()} to {end.isoformat()})")


def _related_ids(tables: Tables) -> Iterator[Place]:
    """claims.related_id names a row of some table (by its single-column id)."""
    if "claims" not in tables or not _ready(tables):
        return  # the row it names may sit in a table that cannot be read
    known = {row.get(t.key[0]) for t in tables.values() if len(t.key) == 1 for _, row in t.rows}
    for number, row in tables["claims"].rows:
        related = row.get("related_id")
        if related and related not in known:
            yield "claims", number, "related_id", (f"{related!r} is not the id of any row in "
                                                   "the package")


#: Columns that must point at rows of a given kind: column -> (table, {column: value}).
KIND_OF_REFERENCE = {
    ("crosswalk", "unodc_act_id"): ("offences", {"framework": "unodc_2013", "level": "act"}),
    ("crosswalk", "budapest_article_id"): ("treaty_articles", {"treaty": "budapest"}),
    ("crosswalk", "un_article_id"): ("treaty_articles", {"treaty": "un_convention"}),
    ("offences", "parent_id"): ("offences", {"level": "category"}),
}


def _reference_kinds(tables: Tables) -> Iterator[Place]:
    """References that resolve, but to a row of the wrong kind (``KIND_OF_REFERENCE``)."""
    for (name, column), (target, wanted) in KIND_OF_REFERENCE.items():
        if not _ready(tables, name, target):
            continue
        rows = tables[target].by(tables[target].key[0])
        for number, row in tables[name].rows:
            hit = rows.get(row.get(column))
            if hit is None:
                continue  # empty, or dangling (a foreign-key error)
            wrong = {k: v for k, v in wanted.items() if hit.get(k) != v}
            if wrong:
                yield name, number, column, (f"{row[column]!r} must be a row with "
                                             f"{_pairs(wanted)}, not {_pairs(hit, wrong)}")


def _pairs(values: dict[str, Any], only: Iterable[str] | None = None) -> str:
    """``k=v`` pairs for a message."""
    return ", ".join(f"{k}={values.get(k)!r}" for k in (only or values))


def _same_framework(tables: Tables) -> Iterator[Place]:
    """An act's parent category belongs to the same classification scheme."""
    if not _ready(tables, "offences"):
        return
    rows = tables["offences"].by("offence_id")
    for number, row in tables["offences"].rows:
        parent = rows.get(row.get("parent_id"))
        if parent is not None and parent.get("framework") != row.get("framework"):
            yield "offences", number, "parent_id", (
                f"parent {row['parent_id']!r} is in framework {parent.get('framework')!r}, "
                f"this row in {row.get('framework')!r}")


def _one_row_per_country(tables: Tables) -> Iterator[Place]:
    """A country signs once: no two signature rows with the same ISO code."""
    if not _ready(tables, "signatures"):
        return
    seen: dict[str, str] = {}
    for number, row in tables["signatures"].rows:
        code = row.get("iso3")
        if code and seen.setdefault(code, row.get("party")) != row.get("party"):
            yield "signatures", number, "iso3", f"{code} is already the code of {seen[code]!r}"


#: Source kinds that can carry a ``primary`` row by themselves (see confidenceLevels).
PRIMARY_KINDS = frozenset({"official"})


def _primary_rests_on_original(tables: Tables) -> Iterator[Place]:
    """A row graded ``primary`` cites an official source or the author's own original."""
    if "sources" not in tables or not _ready(tables, "sources"):
        return
    sources = tables["sources"].by("source_id")
    for name, table in tables.items():
        if name == "sources" or not table.readable:
            continue
        for number, row in table.rows:
            source = sources.get(row.get("source_id"))
            if row.get("confidence") != "primary" or source is None:
                continue  # not primary, or a dangling id (a foreign-key error)
            if source.get("kind") not in PRIMARY_KINDS and source.get("original") is not True:
                yield name, number, "confidence", (
                    f"a primary row must cite an official or original source, but "
                    f"{row['source_id']!r} is kind {source.get('kind')!r} and not an original; "
                    "grade the row secondary or cite the official source")


def _translations_resolve(tables: Tables) -> Iterator[Place]:
    """A translation names a table, a row (by its primary key) and a column that exist."""
    if "translations" not in tables or not _ready(tables):
        return
    by_id: dict[str, dict[str, Row]] = {
        name: {str(k): v for k, v in t.by(t.key[0]).items()}  # keys may be numbers
        for name, t in tables.items() if len(t.key) == 1}
    for number, row in tables["translations"].rows:
        rows = by_id.get(row.get("table"))
        if rows is None:
            continue  # an unknown table is an enum error; compound keys cannot be translated
        found = rows.get(row.get("row_id"))
        if found is None:
            yield "translations", number, "row_id", (
                f"{row.get('table')} has no row {row.get('row_id')!r}")
        elif row.get("column") not in found:
            yield "translations", number, "column", (
                f"{row.get('table')} has no column {row.get('column')!r}")
        elif found.get(row["column"]) in (None, ""):
            yield "translations", number, "column", (
                f"the {row['column']} of {row['row_id']!r} is empty: nothing to translate")


PACKAGE_RULES: list[Callable[[Tables], Iterator[Place]]] = [
    _signature_window, _quote_dates, _related_ids, _reference_kinds, _same_framework,
    _one_row_per_country, _primary_rests_on_original, _translations_resolve,
]


def package_problems(tables: Tables) -> list[Place]:
    """Rules across rows and tables, on the cast rows of every readable table."""
    found: list[Place] = []
    for name, table in tables.items():
        found.extend(_case_duplicates(name, table))
    for rule in PACKAGE_RULES:
        found.extend(rule(tables))
    return found


# ------------------------------------------------------------------------- Frictionless glue
@cache
def _check_class() -> type:
    """The Frictionless check class (Frictionless is imported only here, on a cache miss)."""
    import frictionless
    from frictionless import errors

    class RuleError(errors.CellError):
        """A project rule from helpers/data/rules.py was broken."""

        type = "rule-error"
        title = "Rule Error"
        description = "A rule of the project (helpers/data/rules.py) was broken."
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
        """Applies the cell and row rules to every row and collects the rows it has cast."""

        type = "project-rules"
        Errors = [RuleError]

        def setup(self, day: dt.date) -> ProjectRules:
            """Set the date the rules compare with; start an empty collection of tables."""
            self._day, self._tables = day, {}
            return self

        @property
        def tables(self) -> Tables:
            """The collected rows of every table whose header was valid."""
            return self._tables

        def validate_start(self) -> Iterator[RuleError]:
            """Start collecting; a table with a wrong header is not checked (rules would echo)."""
            header = self.resource.header
            self._tables[self.resource.name] = TableRows(
                key=tuple(self.resource.schema.primary_key),
                readable=header is not None and header.valid)
            yield from []

        def validate_row(self, row: frictionless.Row) -> Iterator[RuleError]:
            """Yield one RuleError per broken rule in ``row``; keep the row for package rules."""
            table = self._tables.get(self.resource.name)
            if table is None or not table.readable or \
                    any(e.type == "blank-row" for e in row.errors):
                return
            values = row.to_dict()
            table.rows.append((row.row_number, values))
            for column, message in _spelling(self.resource.schema.fields, row, values):
                yield RuleError.at(row, column, message)
            for column, message in row_problems(self.resource.name, values, self._day,
                                                table.key):
                yield RuleError.at(row, column, message)

    return ProjectRules


def _spelling(fields: list[Any], row: Any, values: Row) -> Iterator[Issue]:
    """Spelling rules on the raw text of every non-string cell Frictionless could cast."""
    cells = dict(zip(row.field_names, row.cells, strict=False))
    for schema_field in fields:
        raw, value = cells.get(schema_field.name), values.get(schema_field.name)
        if isinstance(raw, str) and value is not None:
            message = spelling_problems(schema_field.type, raw)
            if message:
                yield schema_field.name, message


def frictionless_check(day: dt.date | None = None) -> Any:
    """A fresh Frictionless check applying the project rules, comparing dates with ``day``."""
    return _check_class()().setup(day or today())
