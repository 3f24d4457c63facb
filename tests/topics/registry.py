"""What the topic tests need to know about every explorer and every figure, in one place."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import plotly.graph_objects as go

from helpers.explorer import Explorer, View
from helpers.topics import factcheck, landscape, sdgs, signatures, taxonomy, timeline, voices, years


@dataclass(frozen=True)
class ExplorerCase:
    """How to build one explorer, the axis types it is designed with, and what must agree."""

    name: str
    build: Callable[[dict], Explorer]
    axes: tuple[dict[str, str], ...]  # per figure: axis name -> pinned type
    agree: Callable[[View], tuple[object, object]]  # (from the title, from the summary)


def first_count(text: str, nouns: str) -> int | None:
    """The number in front of one of ``nouns`` ("milestones?|links?") in ``text``."""
    match = re.search(rf"(\d+) (?:[\w-]+ ){{0,3}}?(?:{nouns})\b", text)
    return int(match.group(1)) if match else None


def _title(view: View, i: int = 0) -> str:
    return view.figures[i].layout.title.text or ""


EXPLORERS = [
    ExplorerCase("years", lambda t: years.explore_years(t["milestones"]),
                 ({"xaxis": "category", "yaxis": "linear"},),
                 lambda v: (first_count(_title(v), "milestones?"),
                            first_count(v.summary, "milestones?") or 0)),
    ExplorerCase("schemes", lambda t: taxonomy.explore_schemes(t["offences"],
                                                               t["treaty_articles"]),
                 ({},),
                 lambda v: (re.findall(r"\d+ (?:groups|items?)", _title(v)),
                            re.findall(r"\d+ (?:groups|items?)", v.summary))),
    ExplorerCase("crosswalk", lambda t: taxonomy.explore_crosswalk(
        t["crosswalk"], t["offences"], t["treaty_articles"]),
        ({"xaxis": "linear", "yaxis": "linear", "yaxis2": "linear"},),
        lambda v: (first_count(_title(v), "links?"), v.extra["links"])),
    ExplorerCase("targets", lambda t: sdgs.explore_targets(
        t["sdg_links"], t["sdg_targets"], t["sdg_goals"], t["offences"]), ({},),
        lambda v: (first_count(_title(v), "links?"), first_count(v.summary, "links?"))),
    ExplorerCase("timeline", lambda t: timeline.explore_timeline(t["milestones"]),
                 ({"xaxis": "date", "yaxis": "category"},),
                 lambda v: (first_count(_title(v), "milestones?") or 0, v.extra["rows"])),
    ExplorerCase("instruments", lambda t: landscape.explore_instruments(t["instruments"]),
                 ({"xaxis": "date", "yaxis": "category"},),
                 lambda v: (first_count(_title(v), "instruments?"),
                            sum(int(n) for n in re.findall(r" (\d+)(?:,|$)", v.summary)))),
    ExplorerCase("signatures", lambda t: signatures.explore_signatures(t["signatures"],
                                                                        t["world_shapes"]),
                 ({"xaxis": "linear", "yaxis": "linear"}, {"xaxis": "date", "yaxis": "linear"}),
                 lambda v: (first_count(_title(v), "signator(?:y|ies)"),
                            first_count(v.summary, "signator(?:y|ies)"))),
    ExplorerCase("quotes", lambda t: voices.explore_quotes(t["quotes"]),
                 ({"xaxis": "date", "yaxis": "category"},),
                 lambda v: (first_count(_title(v), "quotes?") or 0, v.extra["rows"])),
    ExplorerCase("claims", lambda t: factcheck.explore_claims(t["claims"], t["sources"]),
                 ({"xaxis": "linear", "yaxis": "category"},),
                 lambda v: (re.search(r"Claim (\d+)", _title(v)).group(1),
                            re.search(r"Claim (\d+)", v.summary).group(1))),
]


def static_figures(t: dict) -> list[go.Figure]:
    """Every static figure the notebooks show, built from the tables ``t``."""
    m, o, a = t["milestones"], t["offences"], t["treaty_articles"]
    return [
        years.years_chart(m),
        taxonomy.scheme_chart(o, a, "unodc_2013", color_by="typology"),
        *(taxonomy.scheme_chart(o, a, s) for s in taxonomy.SCHEMES),
        taxonomy.crosswalk_ladder(t["crosswalk"], a),
        sdgs.sdg_sankey(t["sdg_links"], t["sdg_targets"], t["sdg_goals"], o),
        timeline.timeline_chart(m),
        landscape.instrument_timeline(t["instruments"]),
        landscape.covers_matrix(t["instruments"]), landscape.parties_bars(t["instruments"]),
        signatures.signatures_by_date(t["signatures"]),
        signatures.signature_map(t["signatures"], t["world_shapes"]),
        signatures.signature_curve(t["signatures"]),
        signatures.ratification_progress(t["signatures"], signatures.ratifications_needed(m)),
        voices.quote_timeline(t["quotes"]), voices.concerns_by_article(t["concerns"], a),
        factcheck.verdict_bars(t["claims"]), factcheck.claim_strip(t["claims"]),
        factcheck.confidence_bars(t),
    ]
