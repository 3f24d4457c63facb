"""Every explorer of the notebooks, in page order: its notebook, how it is built from the
tables, and the axis types each of its charts is designed with.

The tests move every control of every explorer over all its values against this list, the
browser tests and the render check find the explorers of a page through it, and the
benchmarks time it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from helpers.explorer import Explorer
from helpers.topics import factcheck, landscape, sdgs, signatures, taxonomy, timeline, voices, years


@dataclass(frozen=True)
class ExplorerSpec:
    """One explorer: where it is, how to build it, and the axis types of its charts."""

    name: str
    notebook: str
    build: Callable[[dict], Explorer]
    axes: tuple[dict[str, str], ...]  # per chart: axis name -> pinned type


EXPLORERS = (
    ExplorerSpec("years", "00", lambda t: years.explore_years(t["milestones"]),
                 ({"xaxis": "category", "yaxis": "linear"},)),
    ExplorerSpec("schemes", "01", lambda t: taxonomy.explore_schemes(t["offences"],
                                                                     t["treaty_articles"]),
                 ({},)),
    ExplorerSpec("crosswalk", "01", lambda t: taxonomy.explore_crosswalk(
        t["crosswalk"], t["offences"], t["treaty_articles"]),
        ({"xaxis": "linear", "yaxis": "linear", "yaxis2": "linear"},)),
    ExplorerSpec("targets", "02", lambda t: sdgs.explore_targets(
        t["sdg_links"], t["sdg_targets"], t["sdg_goals"], t["offences"]), ({},)),
    ExplorerSpec("timeline", "03", lambda t: timeline.explore_timeline(t["milestones"]),
                 ({"xaxis": "date", "yaxis": "category"},)),
    ExplorerSpec("instruments", "04", lambda t: landscape.explore_instruments(t["instruments"]),
                 ({"xaxis": "date", "yaxis": "category"},)),
    ExplorerSpec("signatures", "04", lambda t: signatures.explore_signatures(
        t["signatures"], t["world_shapes"]),
        ({"xaxis": "linear", "yaxis": "linear"}, {"xaxis": "date", "yaxis": "linear"})),
    ExplorerSpec("quotes", "05", lambda t: voices.explore_quotes(t["quotes"]),
                 ({"xaxis": "date", "yaxis": "category"},)),
    ExplorerSpec("claims", "06", lambda t: factcheck.explore_claims(t["claims"], t["sources"]),
                 ({"xaxis": "linear", "yaxis": "category"},)),
)
BY_NAME = {e.name: e for e in EXPLORERS}


def of_notebook(number: str) -> list[ExplorerSpec]:
    """The explorers of one notebook ("03"), in page order."""
    return [e for e in EXPLORERS if e.notebook == number]
