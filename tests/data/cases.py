"""The one table of fault-injection cases, shared by the validator, problems() and loader tests.

Each :class:`Case` corrupts one thing in a copy of ``data/`` and says where the validator must
point: the file, the row (a line number, or the id in the row's first column, looked up in the
real ``data/``), the column, and a piece of the message. Expected places come from the fault we
inject, never from what the validator happens to say.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data"

Mutation = Callable[[Path], None]  # edits the copy of the file the case is about


@dataclass(frozen=True)
class Case:
    """One fault and the place (file, row, column) and message the validator must report."""

    name: str
    file: str
    mutate: Mutation
    row: int | str | None  # a line number, or the id in the first column of the real row
    column: str | None
    message: str  # a substring of the problem's message
    today: dt.date | None = None  # what the rules take for today (None: the real date)

    def line(self) -> int | None:
        """The expected row as a line number (the header is line 1)."""
        if not isinstance(self.row, str):
            return self.row
        return line_of(self.file, self.row)


# ------------------------------------------------------------------ reading and writing CSV
def read_rows(path: Path) -> list[list[str]]:
    """All records of a CSV file (header first)."""
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def write_rows(path: Path, rows: list[list[str]], delimiter: str = ",") -> None:
    """Write records as CSV with LF line ends, quoting only where needed."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8"))


def line_of(file: str, key: str) -> int:
    """Line number of the row whose first cell is ``key`` in the real data/ file."""
    for number, row in enumerate(read_rows(DATA / file), start=1):
        if number > 1 and row and row[0] == key:
            return number
    raise KeyError(f"{file} has no row {key!r}")


def original(file: str, key: str, column: str) -> str:
    """The value of one cell in the real data/ file."""
    rows = read_rows(DATA / file)
    return rows[line_of(file, key) - 1][rows[0].index(column)]


# ------------------------------------------------------------------ mutations
def rows_edit(edit: Callable[[list[list[str]]], None], delimiter: str = ",") -> Mutation:
    """Apply ``edit`` to the records of the file, then write them back."""
    def mutate(path: Path) -> None:
        rows = read_rows(path)
        edit(rows)
        write_rows(path, rows, delimiter)
    return mutate


def _index(rows: list[list[str]], key: str) -> int:
    """Index in ``rows`` of the record whose first cell is ``key``."""
    return next(i for i, row in enumerate(rows) if i and row and row[0] == key)


def cell(key: str, column: str, value: str) -> Mutation:
    """Set one cell of the row whose first cell is ``key``."""
    def edit(rows: list[list[str]]) -> None:
        rows[_index(rows, key)][rows[0].index(column)] = value
    return rows_edit(edit)


def cells(key: str, **values: str) -> Mutation:
    """Set several cells of one row."""
    def edit(rows: list[list[str]]) -> None:
        for column, value in values.items():
            rows[_index(rows, key)][rows[0].index(column)] = value
    return rows_edit(edit)


def at_line(line: int, column: str, value: str) -> Mutation:
    """Set one cell by line number (for tables whose first column is not an id)."""
    def edit(rows: list[list[str]]) -> None:
        rows[line - 1][rows[0].index(column)] = value
    return rows_edit(edit)


def rename(column: str, label: str) -> Mutation:
    """Change one header label."""
    def edit(rows: list[list[str]]) -> None:
        rows[0][rows[0].index(column)] = label
    return rows_edit(edit)


def drop_column(column: str) -> Mutation:
    """Remove a column from every record."""
    def edit(rows: list[list[str]]) -> None:
        at = rows[0].index(column)
        rows[:] = [row[:at] + row[at + 1:] for row in rows]
    return rows_edit(edit)


def add_column(label: str, value: str) -> Mutation:
    """Append a column to every record."""
    def edit(rows: list[list[str]]) -> None:
        rows[:] = [row + [label if i == 0 else value] for i, row in enumerate(rows)]
    return rows_edit(edit)


def insert_before(key: str, record: list[str] | None = None) -> Mutation:
    """Insert a record (default: all cells empty) before the row ``key``."""
    def edit(rows: list[list[str]]) -> None:
        rows.insert(_index(rows, key), record if record is not None else [""] * len(rows[0]))
    return rows_edit(edit)


def delete_row(key: str) -> Mutation:
    """Remove the row ``key``."""
    return rows_edit(lambda rows: rows.pop(_index(rows, key)))


def resize_row(key: str, change: int) -> Mutation:
    """Add ``change`` extra cells to a row (or remove ``-change`` cells from its end)."""
    def edit(rows: list[list[str]]) -> None:
        row = rows[_index(rows, key)]
        rows[_index(rows, key)] = row + ["extra"] * change if change > 0 else row[:change]
    return rows_edit(edit)


def raw(change: Callable[[bytes], bytes]) -> Mutation:
    """Change the bytes of the file."""
    return lambda path: path.write_bytes(change(path.read_bytes()))


def elsewhere(file: str, mutation: Mutation) -> Mutation:
    """Apply ``mutation`` to another file of the same copy (for cross-table rules)."""
    return lambda path: mutation(path.parent / file)


def both(first: Mutation, second: Mutation) -> Mutation:
    """Apply two mutations in turn."""
    def mutate(path: Path) -> None:
        first(path)
        second(path)
    return mutate


def descriptor_edit(edit: Callable[[dict], None]) -> Mutation:
    """Change the parsed datapackage.json of the copy."""
    def mutate(path: Path) -> None:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
        edit(descriptor)
        path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    return mutate


def _field_type(descriptor: dict, table: str, column: str, kind: str) -> None:
    """Set the type of one field in a descriptor."""
    resource = next(r for r in descriptor["resources"] if r["name"] == table)
    next(f for f in resource["schema"]["fields"] if f["name"] == column)["type"] = kind


def day_before(file: str, key: str, column: str) -> dt.date:
    """The day before a date cell of the real data (to inject a "today" it is after)."""
    return dt.date.fromisoformat(original(file, key, column)) - dt.timedelta(days=1)


FIRST_SOURCE = read_rows(DATA / "sources.csv")[1][0]
WORDS_61 = " ".join(["word"] * 61)
WORDS_60 = " ".join(["word"] * 60)
FAR = "2099-01-01"  # after any plausible today

# ------------------------------------------------------------------ the cases
STRUCTURE = [
    Case("missing column", "milestones.csv", drop_column("city"), 1, "city", "label"),
    Case("extra column", "instruments.csv", add_column("reviewer", "x"), 1, "reviewer",
         "extra-label"),
    Case("duplicate label", "quotes.csv", rename("role", "speaker"), 1, "role",
         "duplicate-label"),
    Case("blank label", "quotes.csv", rename("note", ""), 1, "note", "blank-label"),
    Case("wrong delimiter", "sdg_targets.csv", rows_edit(lambda rows: None, delimiter=";"), 1,
         "target_id", "label"),
    Case("blank row", "signatures.csv", insert_before("Angola"), "Angola", "party",
         "blank-row"),
    Case("too many cells", "quotes.csv", resize_row("q_eff_2022", 1), "q_eff_2022", "#14",
         "extra-cell"),
    Case("too few cells", "quotes.csv", resize_row("q_eff_2022", -2), "q_eff_2022",
         "confidence", "missing-cell"),
    Case("empty file", "quotes.csv", raw(lambda b: b""), 1, "quote_id", "empty"),
    Case("header only", "quotes.csv", raw(lambda b: b.split(b"\n")[0] + b"\n"), 2, "quote_id",
         "no data rows"),
    Case("byte-order mark", "sdg_goals.csv", raw(lambda b: b"\xef\xbb\xbf" + b), 1, "goal",
         "byte-order mark"),
    Case("invalid UTF-8", "quotes.csv",
         raw(lambda b: b.replace("António".encode(), b"Ant\xf3nio", 1)), "q_guterres_igf2019",
         "speaker", "not valid UTF-8"),
    Case("bare carriage return", "quotes.csv", cell("q_eff_2022", "event", "one\rtwo"),
         "q_eff_2022", "event", "carriage return"),
    Case("missing file", "concerns.csv", lambda path: path.unlink(), None, None,
         "file is missing"),
    Case("descriptor not JSON", "datapackage.json", raw(lambda b: b'{\n  "name": oops\n}\n'), 2,
         None, "cannot read"),
    Case("descriptor with an unknown type", "datapackage.json",
         descriptor_edit(lambda d: _field_type(d, "quotes", "note", "strnig")), None, None,
         "strnig"),
]

SCHEMA = [
    Case("bad date", "milestones.csv", cell("ga_res_75_282", "start_date", "2021-02-30"),
         "ga_res_75_282", "start_date", "type-error"),
    Case("bad integer", "claims.csv", cell("c01_ga_vote_dec_2019", "order", "three"),
         "c01_ga_vote_dec_2019", "order", "type-error"),
    Case("bad boolean", "quotes.csv", cell("q_eff_2022", "in_article", "yes"), "q_eff_2022",
         "in_article", "type-error"),
    Case("required cell empty", "claims.csv", cell("c01_ga_vote_dec_2019", "claim", ""),
         "c01_ga_vote_dec_2019", "claim", "required"),
    Case("duplicate id", "milestones.csv",
         cell("igf_2019_opening_ceremony", "milestone_id", "third_committee_74_draft"),
         "igf_2019_opening_ceremony", "milestone_id", "primary-key"),
    Case("dangling foreign key", "quotes.csv", cell("q_eff_2022", "source_id", "no_such_source"),
         "q_eff_2022", "source_id", "foreign-key"),
    Case("unknown enum value", "claims.csv", cell("c01_ga_vote_dec_2019", "verdict", "mostly"),
         "c01_ga_vote_dec_2019", "verdict", "enum"),
]

TEXT = [
    Case("formula =", "milestones.csv",
         cell("third_committee_74_draft", "description", '=HYPERLINK("http://x.org")'),
         "third_committee_74_draft", "description", "formula"),
    Case("tab in free text", "quotes.csv", cell("q_eff_2022", "note", "a\tb"), "q_eff_2022",
         "note", "U+0009 TAB"),
    Case("line feed in free text", "milestones.csv",
         cell("ga_res_74_247", "description", "First line.\nSecond line."), "ga_res_74_247",
         "description", "U+000A LINE FEED"),
    Case("C1 control", "sources.csv", cell(FIRST_SOURCE, "publisher", "ABC\x85Color"),
         FIRST_SOURCE, "publisher", "U+0085"),
    Case("zero-width space", "milestones.csv",
         cell("ga_res_74_247", "title", "General\u200bAssembly"), "ga_res_74_247", "title",
         "U+200B"),
    Case("bidi override", "quotes.csv", cell("q_eff_2022", "speaker", "EFF\u202e"),
         "q_eff_2022", "speaker", "U+202E"),
    Case("no-break space in an id", "claims.csv",
         cell("c01_ga_vote_dec_2019", "related_id", "ga_res\u00a074_247"),
         "c01_ga_vote_dec_2019", "related_id", "U+00A0"),
    Case("leading space", "milestones.csv", cell("ga_res_74_247", "city", " New York"),
         "ga_res_74_247", "city", "starts or ends with whitespace"),
    Case("not NFC", "quotes.csv", cell("q_guterres_igf2019", "speaker", "Anto\u0301nio Guterres"),
         "q_guterres_igf2019", "speaker", "NFC"),
    *[Case(f"placeholder {text!r}", "milestones.csv", cell("ga_res_74_247", "note", text),
           "ga_res_74_247", "note", "placeholder")
      for text in ("nan", "N/A")],  # every placeholder: test_rules.py
    Case("placeholder in a required cell", "claims.csv",
         cell("c01_ga_vote_dec_2019", "evidence", "TBD"), "c01_ga_vote_dec_2019", "evidence",
         "placeholder"),
]

SPELLING = [
    Case("date without zero padding", "milestones.csv",
         cell("ga_res_75_282", "start_date", "2021-5-26"), "ga_res_75_282", "start_date",
         "YYYY-MM-DD"),
    Case("NaN number", "world_shapes.csv", at_line(2, "centroid_lon", "NaN"), 2, "centroid_lon",
         "finite decimal"),
]

DATES = [
    Case("end before start", "milestones.csv", cell("igf_2019_berlin", "end_date", "2018-11-29"),
         "igf_2019_berlin", "end_date", "is before start_date"),
    Case("milestone before 2000", "milestones.csv",
         cell("third_committee_74_draft", "start_date", "1999-11-18"), "third_committee_74_draft",
         "start_date", "before 2000"),
    Case("milestone lasting a year", "milestones.csv",
         cell("igf_2019_berlin", "end_date", "2020-11-29"), "igf_2019_berlin", "end_date",
         "days after start_date"),
    Case("signature before the opening", "signatures.csv",
         cell("Algeria", "signature_date", "2025-10-24"), "Algeria", "signature_date",
         "before the Convention opened for signature on 2025-10-25"),
    Case("signature after the deadline", "signatures.csv",
         cells("Algeria", signature_date="2027-01-04", as_of="2027-02-01"), "Algeria",
         "signature_date", "after the signature deadline 2026-12-31", dt.date(2027, 6, 1)),
    Case("opening date read from milestones.csv", "signatures.csv",
         elsewhere("milestones.csv", cell("hanoi_signing_ceremony", "start_date", "2025-10-26")),
         "Algeria", "signature_date", "opened for signature on 2025-10-26"),
    Case("deadline read from milestones.csv", "signatures.csv",
         elsewhere("milestones.csv", cell("signature_deadline", "start_date", "2025-11-01")),
         "Mauritius", "signature_date", "after the signature deadline 2025-11-01"),
    Case("timeline row missing", "milestones.csv", delete_row("signature_deadline"), None,
         "milestone_id", "needs the row 'signature_deadline'"),
    Case("ratification before adoption", "signatures.csv",
         cell("Algeria", "ratification_date", "2024-12-23"), "Algeria", "ratification_date",
         "before the Convention was adopted on 2024-12-24"),
    Case("adoption date read from milestones.csv", "signatures.csv",
         both(cells("Algeria", ratification_date="2025-10-25"),
              elsewhere("milestones.csv", cell("ga_res_79_243", "start_date", "2025-10-30"))),
         "Algeria", "ratification_date", "adopted on 2025-10-30"),
    Case("as_of in the future", "signatures.csv", cell("Algeria", "as_of", FAR), "Algeria",
         "as_of", "after today"),
    Case("status_as_of in the future", "instruments.csv",
         cell("coe_ets_185_budapest", "status_as_of", FAR), "coe_ets_185_budapest",
         "status_as_of", "after today"),
    Case("accessed in the future", "sources.csv", cell(FIRST_SOURCE, "accessed", FAR),
         FIRST_SOURCE, "accessed", "after today"),
    Case("today is injectable", "sources.csv", lambda path: None, FIRST_SOURCE, "accessed",
         "after today", day_before("sources.csv", FIRST_SOURCE, "accessed")),
    Case("published after accessed", "sources.csv",
         cells(FIRST_SOURCE, published="2026-11-30", accessed="2026-11-29"), FIRST_SOURCE,
         "accessed", "is before published"),
    Case("quote outside its milestone", "quotes.csv", cell("q_eff_2022", "date", "2022-03-14"),
         "q_eff_2022", "date", "outside milestone 'ahc_session_1'"),
]

IDS_AND_URLS = [
    Case("id in capitals", "quotes.csv", cell("q_hrw_brown_2024", "source_id", "HRW_2024"),
         "q_hrw_brown_2024", "source_id", "is not an id"),
    Case("primary key not a slug", "milestones.csv",
         cell("third_committee_74_draft", "milestone_id", "Third_Committee"),
         "third_committee_74_draft", "milestone_id", "is not an id"),
    Case("keys differing only by case", "signatures.csv", cell("Angola", "party", "ALGERIA"),
         "Angola", "party", "differs only by case from the earlier 'Algeria'"),
    Case("url not http", "sources.csv", cell(FIRST_SOURCE, "url", "ftp://example.org/file"),
         FIRST_SOURCE, "url", "http:// or https://"),
    Case("url without a host name", "sources.csv", cell(FIRST_SOURCE, "url", "https://localhost/x"),
         FIRST_SOURCE, "url", "host name"),
    Case("related id that names no row", "claims.csv",
         cell("c01_ga_vote_dec_2019", "related_id", "no_such_row"), "c01_ga_vote_dec_2019",
         "related_id", "not the id of any row"),
]

#: New per-table and cross-table rules (the rules kept from before: test_rules.py).
TABLE_RULES = [
    Case("long verbatim quote", "quotes.csv",
         cell("q_guterres_igf2019_collective_response", "text", WORDS_61),
         "q_guterres_igf2019_collective_response", "text", "61 words"),
    Case("unknown ISO code", "signatures.csv", cell("Algeria", "iso3", "XYZ"), "Algeria", "iso3",
         "ISO 3166"),
    Case("two rows for one country", "signatures.csv", cell("Angola", "iso3", "DZA"), "Angola",
         "iso3", "already the code of 'Algeria'"),
    Case("primary row resting on a news report", "milestones.csv",
         cell("egm_cybercrime_meeting_1", "source_id", "abc_py_2025_10_25_efe"),
         "egm_cybercrime_meeting_1", "confidence", "must cite an official or original source"),
    Case("translation of a row that does not exist", "translations.csv",
         at_line(2, "row_id", "no_such_row"), 2, "row_id", "has no row 'no_such_row'"),
    Case("translation of a column that does not exist", "translations.csv",
         at_line(2, "column", "no_such_column"), 2, "column", "has no column 'no_such_column'"),
    Case("translation in a language we do not ship", "translations.csv",
         at_line(2, "lang", "de"), 2, "lang", "constraint"),
    Case("more votes than member States", "milestones.csv",
         cell("ga_res_74_247", "votes_for", "150"), "ga_res_74_247", "votes_for",
         "more than the 193"),
    Case("city without country", "milestones.csv", cell("ga_res_74_247", "country_iso3", ""),
         "ga_res_74_247", "country_iso3", "go together"),
    Case("parent that is an act", "offences.csv", cell("unodc_act_2", "parent_id", "unodc_act_1"),
         "unodc_act_2", "parent_id", "level='category'"),
    Case("parent in another framework", "offences.csv",
         cell("unodc_act_1", "parent_id", "typology_cyber_dependent"), "unodc_act_1",
         "parent_id", "framework"),
    Case("article id and number disagree", "treaty_articles.csv",
         cell("budapest_art_2", "article_number", "3"), "budapest_art_2", "article_number",
         "says article 2"),
    Case("cited_as not a target number", "sdg_links.csv",
         cell("link_10_8_cited", "cited_as", "ten point eight"), "link_10_8_cited", "cited_as",
         "not written like an SDG target"),
    Case("crosswalk UN side on a Budapest article", "crosswalk.csv",
         cell("cw_illegal_access", "un_article_id", "budapest_art_3"), "cw_illegal_access",
         "un_article_id", "treaty='un_convention'"),
]

CASES = [*STRUCTURE, *SCHEMA, *TEXT, *SPELLING, *DATES, *IDS_AND_URLS, *TABLE_RULES]

#: Edits a careful editor makes on purpose: each must leave the package valid.
ACCEPTED = [
    Case("no-break space in prose", "quotes.csv", cell("q_eff_2022", "note", "10\u00a0000 words"),
         None, None, ""),
    Case("60-word verbatim quote", "quotes.csv",
         cell("q_guterres_igf2019_collective_response", "text", WORDS_60), None, None, ""),
    Case("signature on the deadline", "signatures.csv",
         cells("Mauritius", signature_date="2026-12-31", as_of="2026-12-31"), None, None, "",
         dt.date(2027, 1, 1)),
    Case("primary row citing the author's own original", "sources.csv",
         cells("unodc_egm_cybercrime_page", kind="ngo", original="true"), None, None, ""),
    Case("CRLF line endings", "quotes.csv", raw(lambda b: b.replace(b"\n", b"\r\n")), None, None,
         ""),
]
