"""Widget explorers built from the figure functions in ``helpers.figures``.

Pattern (see notebook-practice notes):
- each explorer builds a ``go.FigureWidget`` from a figure function *once* and changes it in
  place inside ``fig.batch_update()``; it never re-creates the output on each change;
- each callback is a plain function ``update_*(fig, frame, ...) -> str`` that mutates the
  figure and returns a short text summary, so tests can call it on a ``go.Figure`` with no
  browser;
- any text from the CSVs that goes into an HTML widget passes through :func:`esc`.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from helpers import figures


def esc(value: object) -> str:
    """HTML-escape one value from the data (None and NA become an empty string)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def html_table(frame: pd.DataFrame, columns: Iterable[str] | None = None) -> str:
    """Render ``frame`` as a small HTML table with every cell and header escaped."""
    cols = list(columns) if columns is not None else list(frame.columns)
    head = "".join(f"<th style='text-align:left'>{esc(c)}</th>" for c in cols)
    body = "".join(
        "<tr>" + "".join(f"<td>{esc(row[c])}</td>" for c in cols) + "</tr>"
        for _, row in frame.iterrows()
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def figure_widget(fig: go.Figure) -> go.FigureWidget:
    """Wrap a static figure in a FigureWidget so callbacks can update it in place."""
    return go.FigureWidget(fig)


def panel(controls: list[widgets.Widget], fig: go.FigureWidget,
          info: widgets.Widget | None = None) -> widgets.VBox:
    """Lay out controls above the figure, with an optional info area below."""
    parts: list[widgets.Widget] = [widgets.HBox(controls), fig]
    if info is not None:
        parts.append(info)
    return widgets.VBox(parts)


# === Section A: notebooks 01-03 (taxonomy, SDGs, road to the treaty) ===


def _dropdown(options: list, value: object, description: str) -> widgets.Dropdown:
    return widgets.Dropdown(options=options, value=value, description=description,
                            style={"description_width": "initial"})


# --- 00: milestones per year -------------------------------------------------------------


def update_year_counts(fig: go.Figure, milestones: pd.DataFrame, kind: str) -> str:
    """Show the per-year counts of one kind of milestone; return a one-line summary."""
    counts = figures.year_counts(milestones, kind)
    with fig.batch_update():
        fig.data[0].x, fig.data[0].y = list(counts.index), list(counts.values)
        fig.layout.title.text = figures.year_title(kind)
    if counts.sum() == 0:
        return f"{kind}: no milestones"
    return (f"{figures.plain(kind) if kind != figures.ALL else 'All kinds'}: "
            f"{counts.sum()} milestone(s), busiest year {counts.idxmax()} ({counts.max()})")


def explore_years(milestones: pd.DataFrame) -> widgets.VBox:
    """Explorer: a dropdown of milestone kinds updating a bar chart of milestones per year."""
    kinds = sorted(milestones["kind"].astype("string").unique())
    options = [("All kinds", figures.ALL), *[(figures.plain(k), k) for k in kinds]]
    pick = _dropdown(options, figures.ALL, "Kind of milestone:")
    fig = figure_widget(figures.milestones_per_year(milestones))
    info = widgets.Label(update_year_counts(fig, milestones, figures.ALL))
    pick.observe(lambda ch: setattr(info, "value", update_year_counts(fig, milestones,
                                                                     ch["new"])), "value")
    return panel([pick], fig, info)


# --- 01: typology switch and crosswalk picker -------------------------------------------


def update_scheme(fig: go.Figure, offences: pd.DataFrame, articles: pd.DataFrame,
                  scheme: str) -> str:
    """Redraw the treemap for one scheme in place; return how many groups and items it has."""
    nodes = figures.scheme_nodes(offences, articles, scheme)
    with fig.batch_update():
        fig.data[0].update(**figures.scheme_trace(nodes))
        fig.layout.title.text = figures.scheme_title(scheme, nodes)
    leaves = nodes[~nodes["id"].isin(nodes["parent"])]
    groups = nodes[nodes["parent"] == nodes["id"].iloc[0]]
    conf = leaves["confidence"].value_counts().sort_index()
    mix = ", ".join(f"{k} {v}" for k, v in conf.items())
    return f"{nodes['id'].iloc[0]}: {len(groups)} groups, {len(leaves)} items ({mix})"


def explore_schemes(offences: pd.DataFrame, articles: pd.DataFrame) -> widgets.VBox:
    """Explorer: toggle between UNODC 2013, Budapest titles and UN Chapter II in one treemap."""
    pick = widgets.ToggleButtons(options=list(figures.SCHEMES.items()), value="unodc_2013",
                                 description="Scheme:")
    fig = figure_widget(figures.scheme_treemap(offences, articles, "unodc_2013"))
    info = widgets.Label(update_scheme(fig, offences, articles, "unodc_2013"))
    pick.observe(lambda ch: setattr(info, "value", update_scheme(fig, offences, articles,
                                                                 ch["new"])), "value")
    return panel([pick], fig, info)


def update_crosswalk_pick(fig: go.Figure, crosswalk: pd.DataFrame, articles: pd.DataFrame,
                          act_id: str, label: str | None = None) -> str:
    """Outline the matrix cells linked to one UNODC act; return its matches per treaty."""
    cells = figures.crosswalk_cells(crosswalk, articles)
    mine = cells[cells["unodc_act_id"] == act_id]
    name = label or act_id
    name = name if len(name) <= 45 else name[:44] + "…"
    with fig.batch_update():
        fig.data[1].x, fig.data[1].y = list(mine["col"]), list(mine["row"])
        fig.layout.title.text = f"{name}: {len(mine)} cell(s) in the matrix"
    table = figures.offence_articles(crosswalk, articles, act_id)
    return "; ".join(f"{r.treaty}: {r.article} ({r.match})" for r in table.itertuples())


def crosswalk_html(crosswalk: pd.DataFrame, offences: pd.DataFrame, articles: pd.DataFrame,
                   act_id: str) -> str:
    """Escaped HTML: the act's label and a table of its articles in both treaties."""
    label = offences.set_index("offence_id").loc[act_id, "label"]
    table = figures.offence_articles(crosswalk, articles, act_id)
    return f"<b>{esc(label)}</b>" + html_table(table)


def explore_crosswalk(crosswalk: pd.DataFrame, offences: pd.DataFrame,
                      articles: pd.DataFrame) -> widgets.VBox:
    """Explorer: pick a UNODC act; its cells are outlined and its articles listed below."""
    acts = offences[offences["level"].astype("string") == "act"].sort_values("sort_order")
    acts = acts[acts["framework"].astype("string") == "unodc_2013"]
    options = [(str(lab), i) for i, lab in zip(acts["offence_id"], acts["label"], strict=True)]
    names = {i: lab for lab, i in options}
    pick = _dropdown(options, options[0][1], "UNODC act:")
    fig = figure_widget(figures.crosswalk_matrix(crosswalk, articles))
    info = widgets.HTML()

    def show(act_id: str) -> None:
        update_crosswalk_pick(fig, crosswalk, articles, act_id, names[act_id])
        info.value = crosswalk_html(crosswalk, offences, articles, act_id)

    show(pick.value)
    pick.observe(lambda ch: show(ch["new"]), "value")
    return panel([pick], fig, info)


# --- 02: SDG target picker --------------------------------------------------------------


def target_options(links: pd.DataFrame) -> list[str]:
    """Targets the links point at (including cited numbers that do not exist), in SDG order."""
    return sorted(set(figures.link_key(links)), key=figures.target_sort_key)


def update_target(fig: go.Figure, links: pd.DataFrame, targets: pd.DataFrame,
                  goals: pd.DataFrame, offences: pd.DataFrame, key: str) -> str:
    """Highlight the Sankey links of one target; return its link count by status."""
    flows = figures.sdg_flows(links, targets, goals, offences)
    _, parts = figures.sankey_parts(flows)
    mine = flows[flows["key"] == key]
    with fig.batch_update():
        fig.data[0].link.color = figures.link_colors(parts, key)
        fig.layout.title.text = f"Links to target {key}: {len(mine)}"
    status = mine["status"].value_counts().sort_index()
    return f"Target {key}: {len(mine)} link(s) (" + ", ".join(
        f"{k} {v}" for k, v in status.items()) + ")"


def target_html(links: pd.DataFrame, targets: pd.DataFrame, key: str) -> str:
    """Escaped HTML: the official target text (or a warning) and why each link is made."""
    rows = targets[targets["target_id"] == key]
    if rows.empty:
        head = f"<b>{esc(key)}</b>: no target with this number exists in the official list."
    else:
        head = f"<b>Target {esc(key)}</b> (official text): {esc(rows['text'].iloc[0])}"
    mine = links[figures.link_key(links) == key]
    return head + html_table(mine, ["crime_type", "status", "rationale", "confidence"])


def explore_targets(links: pd.DataFrame, targets: pd.DataFrame, goals: pd.DataFrame,
                    offences: pd.DataFrame) -> widgets.VBox:
    """Explorer: pick a target; its links light up in the Sankey and its text is shown."""
    options = target_options(links)
    pick = _dropdown(options, options[0], "SDG target:")
    fig = figure_widget(figures.sdg_sankey(links, targets, goals, offences))
    info = widgets.HTML()

    def show(key: str) -> None:
        update_target(fig, links, targets, goals, offences, key)
        info.value = target_html(links, targets, key)

    show(pick.value)
    pick.observe(lambda ch: show(ch["new"]), "value")
    return panel([pick], fig, info)


# --- 03: timeline -----------------------------------------------------------------------


def update_timeline(fig: go.Figure, milestones: pd.DataFrame, kind: str = figures.ALL,
                    body: str = figures.ALL, city: str = figures.ALL,
                    months: tuple[str, str] | None = None) -> str:
    """Filter the timeline in place (kind, body, city, month window); return a summary."""
    window = figures.month_window(*months) if months else (None, None)
    rows = figures.timeline_rows(milestones, kind, body, city, *window)
    with fig.batch_update():
        for trace, data in zip(fig.data, figures.timeline_traces(rows), strict=True):
            trace.update(**data)
        fig.layout.title.text = figures.timeline_title(rows, kind)
        if months:
            fig.layout.xaxis.range = [d.strftime("%Y-%m-%d") for d in window]
    if rows.empty:
        return "No milestones match the filters."
    return (f"{len(rows)} milestone(s) from {rows['start_date'].min():%Y-%m-%d} to "
            f"{figures.last_day(rows).max():%Y-%m-%d}; first: {rows['title'].iloc[0]}")


def _choices(milestones: pd.DataFrame, column: str, label: str) -> widgets.Dropdown:
    values = sorted(milestones[column].astype("string").dropna().unique())
    options = [("All", figures.ALL), *[(figures.plain(v) if column == "kind" else v, v)
                                       for v in values]]
    return _dropdown(options, figures.ALL, label)


def explore_timeline(milestones: pd.DataFrame) -> widgets.VBox:
    """Explorer: kind, body and city dropdowns plus a month range slider over one timeline."""
    kind = _choices(milestones, "kind", "Kind:")
    body = _choices(milestones, "body", "Body:")
    city = _choices(milestones, "city", "City:")
    months = figures.month_options(milestones)
    span = widgets.SelectionRangeSlider(options=months, index=(0, len(months) - 1),
                                        description="Months:", layout={"width": "90%"})
    fig = figure_widget(figures.annotate_first_session(figures.timeline(milestones), milestones))
    info = widgets.Label()

    def show(_change: object = None) -> None:
        info.value = update_timeline(fig, milestones, kind.value, body.value, city.value,
                                     span.value)

    show()
    for control in (kind, body, city, span):
        control.observe(show, "value")
    return widgets.VBox([widgets.HBox([kind, body, city]), span, fig, info])


# --- shared: sources used ---------------------------------------------------------------


def sources_used(sources: pd.DataFrame, *frames: pd.DataFrame) -> pd.DataFrame:
    """Rows of sources.csv cited by any of the frames (source_id column), sorted by id."""
    ids = set().union(*(set(f["source_id"].dropna()) for f in frames))
    rows = sources[sources["source_id"].isin(ids)].sort_values("source_id")
    return rows[["source_id", "title", "publisher", "kind"]].reset_index(drop=True)

# === End of section A ===

# === Section B: notebooks 04-06 (landscape, voices, fact-check) ===

# === End of section B ===
