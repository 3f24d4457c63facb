"""What the topic tests need to know about every explorer and every figure, in one place."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import plotly.graph_objects as go

from helpers.explorer import Explorer, View
from helpers.topics import (
    factcheck,
    landscape,
    registry,
    sdgs,
    signatures,
    taxonomy,
    timeline,
    voices,
    years,
)


@dataclass(frozen=True)
class ExplorerCase:
    """An explorer of helpers.topics.registry and what its title and summary must agree on."""

    name: str
    build: Callable[[dict], Explorer]
    axes: tuple[dict[str, str], ...]
    agree: Callable[[View], tuple[object, object]]  # (from the title, from the summary)


def first_count(text: str, nouns: str) -> int | None:
    """The number in front of one of ``nouns`` ("milestones?|links?") in ``text``."""
    match = re.search(rf"(\d+) (?:[\w-]+ ){{0,3}}?(?:{nouns})\b", text)
    return int(match.group(1)) if match else None


def _title(view: View, i: int = 0) -> str:
    return view.figures[i].layout.title.text or ""


AGREE: dict[str, Callable[[View], tuple[object, object]]] = {
    "years": lambda v: (first_count(_title(v), "milestones?"),
                        first_count(v.summary, "milestones?") or 0),
    "schemes": lambda v: (re.findall(r"\d+ (?:groups|items?)", _title(v)),
                          re.findall(r"\d+ (?:groups|items?)", v.summary)),
    "crosswalk": lambda v: (first_count(_title(v), "links?"), v.extra["links"]),
    "targets": lambda v: (first_count(_title(v), "links?"), first_count(v.summary, "links?")),
    "timeline": lambda v: (first_count(_title(v), "milestones?") or 0, v.extra["rows"]),
    "instruments": lambda v: (first_count(_title(v), "instruments?"),
                              sum(int(n) for n in re.findall(r" (\d+)(?:,|$)", v.summary))),
    "signatures": lambda v: (first_count(_title(v), "signator(?:y|ies)"),
                             first_count(v.summary, "signator(?:y|ies)")),
    "quotes": lambda v: (first_count(_title(v), "quotes?") or 0, v.extra["rows"]),
    "claims": lambda v: (re.search(r"Claim (\d+)", _title(v)).group(1),
                         re.search(r"Claim (\d+)", v.summary).group(1)),
}
EXPLORERS = [ExplorerCase(e.name, e.build, e.axes, AGREE[e.name]) for e in registry.EXPLORERS]


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
