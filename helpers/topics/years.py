"""Notebook 00: how many milestones started in each year (the first chart and explorer)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from helpers import style
from helpers.explorer import Explorer, View, dropdown
from helpers.i18n import _, ngettext
from helpers.text import label
from helpers.topics.common import ALL, choices


def year_counts(milestones: pd.DataFrame, kind: str = ALL) -> pd.Series:
    """Milestones per start year (every year of the whole table, zeros kept), for one kind."""
    years = milestones["start_date"].dt.year
    rows = milestones if kind == ALL else milestones[milestones["kind"].astype("string") == kind]
    counts = rows["start_date"].dt.year.value_counts()
    every = range(int(years.min()), int(years.max()) + 1)
    return counts.reindex(every, fill_value=0).astype(int).rename_axis("year")


def kind_name(kind: str) -> str:
    """'all kinds' or the lower-case label of one kind of milestone."""
    return _("all kinds") if kind == ALL else label("milestones", "kind", kind).lower()


def year_title(counts: pd.Series, kind: str) -> str:
    """'29 milestones per year: all kinds' (singular for one)."""
    n = int(counts.sum())
    return ngettext("{n} milestone by year: {kind}", "{n} milestones by year: {kind}",
                    n).format(n=n, kind=kind_name(kind))


def years_chart(milestones: pd.DataFrame, kind: str = ALL) -> go.Figure:
    """Bar chart of how many milestones started in each year (optionally one kind only)."""
    counts = year_counts(milestones, kind)
    fig = go.Figure(go.Bar(x=[str(y) for y in counts.index], y=[int(v) for v in counts.values],
                           marker_color=style.PALETTE[0], text=[int(v) or "" for v in counts],
                           textposition="outside", cliponaxis=False,
                           hovertemplate=_("%{x}: %{y} milestone(s)") + "<extra></extra>"))
    style.style(fig, year_title(counts, kind), _("Year the milestone started"),
                _("Number of milestones"), height=380)
    fig.update_xaxes(type="category")
    fig.update_yaxes(type="linear")
    style.integer_axis(fig, "y", max(int(counts.max()), 1))
    return fig


def years_summary(milestones: pd.DataFrame, kind: str = ALL) -> str:
    """One sentence: how many milestones of a kind, and the busiest year."""
    counts = year_counts(milestones, kind)
    n = int(counts.sum())
    if n == 0:
        return _("No milestones of this kind.")
    what = kind_name(kind)
    return ngettext("{what}: {n} milestone; the busiest year is {year} ({top}).",
                    "{what}: {n} milestones; the busiest year is {year} ({top}).", n).format(
        what=what[:1].upper() + what[1:], n=n, year=int(counts.idxmax()), top=int(counts.max()))


def years_view(milestones: pd.DataFrame, kind: str = ALL) -> View:
    """What the years explorer shows for one kind of milestone."""
    return View((years_chart(milestones, kind),), years_summary(milestones, kind))


def explore_years(milestones: pd.DataFrame) -> Explorer:
    """Explorer: a menu of milestone kinds over the milestones-per-year chart."""
    pick = dropdown(choices(milestones, "kind", "milestones"), ALL, _("Kind of milestone:"))
    return Explorer("years", {"kind": pick}, lambda kind: years_view(milestones, kind))
