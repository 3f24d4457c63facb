"""Figure functions: pure, a DataFrame in and a ``plotly.graph_objects.Figure`` out.

Rules for every function here:
- no I/O, no globals mutated, no widgets: the same frame always gives the same figure;
- plain-language title and axis labels (passed through :func:`style`);
- colours from the colour-blind-safe Okabe-Ito palette below;
- small, with a docstring; the widget explorers in ``helpers.widgets`` reuse them.
"""

from __future__ import annotations

import html
from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go

# Okabe & Ito (2008) colour-blind-safe palette.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

CONFIDENCE_COLORS = {
    "primary": "#009E73",
    "secondary": "#56B4E9",
    "disputed": "#E69F00",
    "unverified": "#D55E00",
}

VERDICT_COLORS = {
    "supported": "#009E73",
    "imprecise": "#E69F00",
    "incorrect": "#D55E00",
    "unverifiable": "#999999",
}

FONT = dict(family="Arial, Helvetica, sans-serif", size=14)

_AXIS = dict(gridcolor="#E5ECF6", linecolor="#C8D4E3", zerolinecolor="#E5ECF6",
             automargin=True, ticks="")

#: A small white template. Plotly embeds the template in every figure, and the stock
#: "plotly_white" adds about 10 KB to each chart stored in a notebook; this one a few hundred
#: bytes.
LIGHT = go.layout.Template(layout=go.Layout(
    paper_bgcolor="white", plot_bgcolor="white", colorway=PALETTE, font=FONT,
    xaxis=_AXIS, yaxis=_AXIS, hoverlabel=dict(align="left"),
    legend=dict(bgcolor="rgba(255,255,255,0.6)"),
))


def style(fig: go.Figure, title: str, x_title: str | None = None,
          y_title: str | None = None) -> go.Figure:
    """Apply the package look: light template, palette, readable font, plain-word titles."""
    fig.update_layout(
        template=LIGHT,
        colorway=PALETTE,
        font=FONT,
        title=dict(text=title, x=0.01, xanchor="left"),
        margin=dict(l=60, r=30, t=70, b=50),
    )
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)
    return fig


# === Offline world map (drawn from data/world_shapes.csv; no topojson download) ===


def ring_xy(path: str) -> tuple[list[float], list[float]]:
    """Longitudes and latitudes of one 'M lon lat L lon lat ... Z' ring."""
    xs, ys = _ring(path)
    return list(xs), list(ys)


@lru_cache(maxsize=4096)
def _ring(path: str) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Parsed ring, cached by its text: explorers redraw the same outlines on every change."""
    xs, ys = [], []
    for step in path.strip().rstrip("Z").split("L"):
        lon, lat = step.strip().lstrip("M").split()
        xs.append(float(lon))
        ys.append(float(lat))
    return tuple(xs), tuple(ys)


def outlines_xy(shapes: pd.DataFrame, codes: set[str]) -> tuple[list, list]:
    """All rings of the given ISO3 codes joined into one x/y list, rings separated by None."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    rows = shapes[shapes["iso3"].isin(codes) & shapes["path"].notna()]
    for path in rows["path"]:
        rx, ry = _ring(path)
        xs += [*rx, None]
        ys += [*ry, None]
    return xs, ys


def _centroids(shapes: pd.DataFrame) -> pd.DataFrame:
    """One label point (centroid_lon, centroid_lat) per ISO3 code."""
    return shapes.drop_duplicates("iso3").set_index("iso3")[["centroid_lon", "centroid_lat"]]


def world_map_data(shapes: pd.DataFrame, group_of: dict[str, str], hover_of: dict[str, str],
                   colors: dict[str, str]) -> list[dict]:
    """Data of the map's traces (x, y, and hovertext for dots), two per group of ``colors``.

    Split from :func:`world_map` so an explorer can update its map in place without building
    (and validating) a whole new figure on every change.
    """
    cents = _centroids(shapes)
    every = set(cents.index)
    last = list(colors)[-1]
    out = []
    for group in colors:
        codes = {c for c in every if group_of.get(c, last) == group}
        xs, ys = outlines_xy(shapes, codes)
        # float32 arrays travel as compact base64 in the figure JSON (gaps become NaN)
        out.append(dict(x=np.array(xs, dtype="f4"), y=np.array(ys, dtype="f4"), hovertext=None))
        dots = cents.loc[sorted(codes) if group != last else []]
        out.append(dict(x=list(dots["centroid_lon"]), y=list(dots["centroid_lat"]),
                        hovertext=[hover_of.get(c, c) for c in dots.index]))
    return out


def world_map(shapes: pd.DataFrame, group_of: dict[str, str], hover_of: dict[str, str],
              colors: dict[str, str], title: str) -> go.Figure:
    """Offline choropleth-style world map: countries filled by group, hover on a dot each.

    ``group_of`` maps ISO3 codes to a group name (a key of ``colors``); countries not in it fall
    in the last group of ``colors``, drawn as plain background. Every other group gets two
    traces: filled outlines and centroid dots (the dots carry the hover text and show small
    states that have no outline at this scale).
    """
    fig = go.Figure()
    traces = iter(world_map_data(shapes, group_of, hover_of, colors))
    for group, color in colors.items():
        outline, dots = next(traces), next(traces)
        fig.add_trace(go.Scatter(**outline, mode="lines", fill="toself", fillcolor=color,
                                 line=dict(color="white", width=0.5), name=group,
                                 legendgroup=group, hoverinfo="skip", showlegend=False))
        fig.add_trace(go.Scatter(**dots, mode="markers",
                                 marker=dict(color=color, size=5, line=dict(color="#333",
                                                                            width=0.5)),
                                 name=group, legendgroup=group, hoverinfo="text"))
    fig.update_xaxes(visible=False, range=[-180, 180])
    fig.update_yaxes(visible=False, range=[-58, 84], scaleanchor="x", scaleratio=1)
    style(fig, title)
    fig.update_layout(height=460, legend=dict(orientation="h", y=-0.02), plot_bgcolor="#f4f7fb")
    return fig


# === Section A: notebooks 01-03 (taxonomy, SDGs, road to the treaty) ===


ALL = "All"

TYPOLOGY_COLORS = {
    "cyber_dependent": "#0072B2",
    "cyber_enabled": "#E69F00",
    "ocsea": "#CC79A7",
    "mixed": "#999999",
}

MATCH_COLORS = {"none": "#D55E00", "partial": "#E69F00", "equivalent": "#009E73"}

LINK_STATUS_COLORS = {
    "valid": "#009E73",
    "plausible_intent": "#56B4E9",
    "nonexistent_target": "#D55E00",
}

PLAIN = {
    "cyber_dependent": "Cyber-dependent",
    "cyber_enabled": "Cyber-enabled",
    "ocsea": "Online child sexual exploitation and abuse (OCSEA)",
    "mixed": "Mixed (both kinds)",
    "ga_resolution": "GA resolution",
    "ga_decision": "GA decision",
    "un_convention": "UN Convention",
    "budapest": "Budapest Convention",
}

#: Typology switch of notebook 01: button label -> scheme key.
SCHEMES = {
    "UNODC 2013 Study": "unodc_2013",
    "Budapest Convention titles": "budapest",
    "UN Convention Chapter II": "un_chapter_2",
}


def plain(code: object) -> str:
    """Plain words for a code from the data: 'negotiating_session' -> 'Negotiating session'."""
    text = str(code)
    return PLAIN.get(text, text.replace("_", " ").capitalize())


def ptext(value: object) -> str:
    """Escape one value from the data for Plotly text (titles, hover, labels, ticks).

    Plotly renders a subset of HTML in text (<b>, <i>, <br>, <span style>, <a href>), so a
    "<" in the CSVs would change what a chart shows or add a link. Escaped, it shows as typed.
    """
    return html.escape(str(value), quote=False)


def ptexts(values: object) -> list[str | None]:
    """:func:`ptext` over a sequence, keeping None (the gaps between line segments)."""
    return [None if v is None else ptext(v) for v in values]


def wrap(text: object, width: int = 28) -> str:
    """Break a long label into lines of about ``width`` characters joined by <br> for Plotly.

    The words are escaped with :func:`ptext`, so only the inserted <br> tags are markup.
    """
    lines: list[str] = []
    for word in map(ptext, str(text).split()):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def color_key(colors: dict[str, str]) -> str:
    """One-line colour legend as HTML spans (for charts that have no legend of their own)."""
    return "   ".join(f"<span style='color:{c}'>■</span> {plain(k)}" for k, c in colors.items())


def _rgba(hex_color: str, alpha: float) -> str:
    """A "#RRGGBB" colour as an rgba() string with the given opacity."""
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


# --- 00: milestones per year -------------------------------------------------------------


def year_counts(milestones: pd.DataFrame, kind: str = ALL) -> pd.Series:
    """Milestones per start year (every year of the whole table, zeros kept), for one kind."""
    years = milestones["start_date"].dt.year
    rows = milestones if kind == ALL else milestones[milestones["kind"].astype("string") == kind]
    counts = rows["start_date"].dt.year.value_counts()
    every = range(int(years.min()), int(years.max()) + 1)
    return counts.reindex(every, fill_value=0).astype(int).rename_axis("year")


def year_title(kind: str) -> str:
    """Title of the milestones-per-year chart for one kind."""
    return "Milestones per year: " + ("all kinds" if kind == ALL else plain(kind).lower())


def milestones_per_year(milestones: pd.DataFrame, kind: str = ALL) -> go.Figure:
    """Bar chart of how many milestones started in each year (optionally one kind only)."""
    counts = year_counts(milestones, kind)
    fig = go.Figure(go.Bar(x=list(counts.index), y=list(counts.values), marker_color=PALETTE[0],
                           hovertemplate="%{x}: %{y} milestone(s)<extra></extra>"))
    style(fig, year_title(kind), "Year the milestone started", "Number of milestones")
    fig.update_xaxes(dtick=1)
    fig.update_layout(height=360)
    return fig


# --- 01: taxonomy -----------------------------------------------------------------------


def offence_hierarchy(offences: pd.DataFrame, color_by: str = "typology_class") -> go.Figure:
    """Sunburst of the UNODC 2013 categories and their acts, coloured by typology or confidence."""
    rows = offences[offences["framework"].astype("string") == "unodc_2013"].sort_values(
        ["level", "sort_order"])
    colors = TYPOLOGY_COLORS if color_by == "typology_class" else CONFIDENCE_COLORS
    root = "UNODC 2013 Study"
    fig = go.Figure(go.Sunburst(
        ids=[root, *rows["offence_id"]],
        parents=["", *rows["parent_id"].fillna(root)],
        labels=[root, *[wrap(x, 24) for x in rows["label"]]],
        marker=dict(colors=["#FFFFFF", *[colors[str(v)] for v in rows[color_by]]]),
        hovertext=["", *[f"{wrap(d, 50)}<br>{color_by}: {plain(v)} · confidence: {c}"
                         for d, v, c in zip(rows["description"], rows[color_by],
                                            rows["confidence"], strict=True)]],
        hoverinfo="label+text", insidetextorientation="horizontal"))
    style(fig, f"UNODC 2013 categories and acts, coloured by {plain(color_by).lower()}")
    fig.add_annotation(text=color_key(colors), x=0, y=-0.08, xref="paper", yref="paper",
                       showarrow=False, xanchor="left", font=dict(size=12))
    fig.update_layout(height=560, margin=dict(l=10, r=10, t=60, b=60))
    return fig


def _unodc_nodes(offences: pd.DataFrame, root: str) -> pd.DataFrame:
    """Treemap nodes (id, parent, label, value) for the UNODC 2013 scheme."""
    rows = offences[offences["framework"].astype("string") == "unodc_2013"]
    rows = rows.sort_values(["level", "sort_order"])
    return pd.DataFrame({"id": list(rows["offence_id"]),
                         "parent": list(rows["parent_id"].fillna(root)),
                         "label": list(rows["label"]),
                         "confidence": [str(c) for c in rows["confidence"]],
                         "hover": list(rows["description"])})


def _treaty_nodes(articles: pd.DataFrame, scheme: str, root: str) -> pd.DataFrame:
    """Treemap nodes for one treaty's articles grouped by Title or Chapter."""
    treaty = "budapest" if scheme == "budapest" else "un_convention"
    rows = articles[articles["treaty"].astype("string") == treaty]
    if scheme == "un_chapter_2":
        rows = rows[rows["group_code"] == "Chapter II"]
        groups = rows["is_offence"].map({True: "Offences", False: "Liability and sanctions"})
    else:
        groups = rows["group_code"] + ": " + rows["group_title"]
    order = rows["article_number"].astype(int).argsort(kind="stable")
    rows, groups = rows.iloc[order], groups.iloc[order]
    tops = pd.DataFrame({"id": list(dict.fromkeys(groups)), "parent": root, "confidence": None})
    tops["label"], tops["hover"] = tops["id"], ""
    leaves = pd.DataFrame({
        "id": list(rows["article_id"]), "parent": list(groups),
        "label": list("Art. " + rows["article_number"].astype("string") + " "
                      + rows["article_title"]),
        "confidence": [str(c) for c in rows["confidence"]], "hover": list(rows["group_title"])})
    return pd.concat([tops, leaves], ignore_index=True)


SCHEME_ROOTS = {"unodc_2013": "UNODC 2013 Study", "budapest": "Budapest Convention",
                "un_chapter_2": "UN Convention, Chapter II"}


def scheme_nodes(offences: pd.DataFrame, articles: pd.DataFrame, scheme: str) -> pd.DataFrame:
    """Tree of one typology scheme: columns id, parent, label, confidence, hover (root first)."""
    root = SCHEME_ROOTS[scheme]
    body = (_unodc_nodes(offences, root) if scheme == "unodc_2013"
            else _treaty_nodes(articles, scheme, root))
    head = pd.DataFrame([{"id": root, "parent": "", "label": root, "confidence": None,
                          "hover": ""}])
    return pd.concat([head, body], ignore_index=True)


def scheme_trace(nodes: pd.DataFrame) -> dict:
    """Treemap properties (ids, parents, labels, colours, hover) for one scheme's nodes."""
    colors = [CONFIDENCE_COLORS.get(str(c), "#F2F2F2") for c in nodes["confidence"]]
    hover = [f"{wrap(h, 50)}<br>confidence: {c}" if c else ptext(h)
             for h, c in zip(nodes["hover"], nodes["confidence"], strict=True)]
    return dict(ids=list(nodes["id"]), parents=list(nodes["parent"]),
                labels=[wrap(x, 26) for x in nodes["label"]], hovertext=hover,
                marker=dict(colors=colors))


def scheme_title(scheme: str, nodes: pd.DataFrame) -> str:
    """Title naming the scheme and how many items (leaves) it has."""
    leaves = (~nodes["id"].isin(nodes["parent"])).sum()
    name = {v: k for k, v in SCHEMES.items()}[scheme]
    return f"{name}: {leaves} items, coloured by confidence"


def scheme_treemap(offences: pd.DataFrame, articles: pd.DataFrame,
                   scheme: str = "unodc_2013") -> go.Figure:
    """Treemap of one typology scheme (UNODC 2013, Budapest titles or UN Chapter II)."""
    nodes = scheme_nodes(offences, articles, scheme)
    fig = go.Figure(go.Treemap(hoverinfo="label+text", **scheme_trace(nodes)))
    style(fig, scheme_title(scheme, nodes))
    fig.add_annotation(text=color_key(CONFIDENCE_COLORS), x=0, y=-0.06, xref="paper",
                       yref="paper", showarrow=False, xanchor="left", font=dict(size=12))
    fig.update_layout(height=520, margin=dict(l=10, r=10, t=60, b=50))
    return fig


def article_label(articles: pd.DataFrame, article_id: object, width: int = 34) -> str:
    """'Art. 7 Illegal access' for an article id (shortened to ``width`` characters)."""
    row = articles.set_index("article_id").loc[article_id]
    text = f"Art. {row['article_number']} {row['article_title']}"
    return text if len(text) <= width else text[:width - 1] + "…"


NO_BUDAPEST = "No Budapest article"
NO_UN = "No UN article"


def crosswalk_cells(crosswalk: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per crosswalk link that names a treaty article: row/column labels and match."""
    rows = crosswalk[crosswalk["budapest_article_id"].notna()
                     | crosswalk["un_article_id"].notna()].copy()
    num = articles.set_index("article_id")["article_number"]
    used = set(rows["budapest_article_id"].dropna()) | set(rows["un_article_id"].dropna())
    labels = {a: article_label(articles, a) for a in used}  # once per article, not per link
    rows["row"] = [labels[a] if isinstance(a, str) else NO_BUDAPEST
                   for a in rows["budapest_article_id"]]
    rows["col"] = [labels[a] if isinstance(a, str) else NO_UN
                   for a in rows["un_article_id"]]
    rows["row_order"] = rows["budapest_article_id"].map(num).fillna(10_000)
    rows["col_order"] = rows["un_article_id"].map(num).fillna(10_000)
    rows["match"] = rows["match"].astype("string")
    return rows


def crosswalk_matrix(crosswalk: pd.DataFrame, articles: pd.DataFrame) -> go.Figure:
    """Heatmap: Budapest articles (rows) against UN Convention articles (columns), by match."""
    cells = crosswalk_cells(crosswalk, articles)
    ys = list(dict.fromkeys(cells.sort_values("row_order")["row"]))
    xs = list(dict.fromkeys(cells.sort_values("col_order")["col"]))
    code = {m: i for i, m in enumerate(MATCH_COLORS)}
    z = [[None] * len(xs) for _ in ys]
    text = [[""] * len(xs) for _ in ys]
    hover = [[""] * len(xs) for _ in ys]
    for _, c in cells.iterrows():
        i, j = ys.index(c["row"]), xs.index(c["col"])
        z[i][j], text[i][j] = code[c["match"]], c["match"]
        hover[i][j] = f"{wrap(c['explanation'], 60)}<br>confidence: {c['confidence']}"
    steps = [(edge / 3, col) for i, col in enumerate(MATCH_COLORS.values())
             for edge in (i, i + 1)]
    fig = go.Figure(go.Heatmap(
        z=z, x=ptexts(xs), y=ptexts(ys), text=text, texttemplate="%{text}", hovertext=hover,
        zmin=-0.5,
        zmax=2.5, colorscale=steps, xgap=2, ygap=2, hoverinfo="x+y+text",
        colorbar=dict(tickvals=[0, 1, 2], ticktext=list(MATCH_COLORS), title="Match")))
    fig.add_trace(go.Scatter(x=[], y=[], mode="markers", name="Picked offence",
                             marker=dict(symbol="square-open", size=34, color="#000000",
                                         line=dict(width=3)), hoverinfo="skip"))
    style(fig, "How Budapest articles line up with UN Convention articles",
          "UN Convention article", "Budapest Convention article")
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(tickangle=-40, type="category")
    fig.update_layout(height=620, margin=dict(l=260, r=30, t=70, b=220), showlegend=False)
    return fig


def offence_articles(crosswalk: pd.DataFrame, articles: pd.DataFrame,
                     act_id: str) -> pd.DataFrame:
    """Articles of both treaties linked to one UNODC act, with the kind of match.

    A treaty with no linked article gets one row saying so, with match 'none'.
    """
    links = crosswalk[crosswalk["unodc_act_id"] == act_id]
    out = []
    for treaty, col in (("Budapest Convention", "budapest_article_id"),
                        ("UN Convention", "un_article_id")):
        found = links[links[col].notna()]
        for _, row in found.iterrows():
            out.append({"treaty": treaty, "article": article_label(articles, row[col], 200),
                        "match": str(row["match"]), "confidence": str(row["confidence"]),
                        "why": row["explanation"]})
        if found.empty:
            why = "; ".join(links["explanation"]) or "No crosswalk row for this act."
            out.append({"treaty": treaty, "article": "no matching article", "match": "none",
                        "confidence": ", ".join(sorted({str(c) for c in links["confidence"]})),
                        "why": why})
    return pd.DataFrame(out, columns=["treaty", "article", "match", "confidence", "why"])


# --- 02: SDGs ---------------------------------------------------------------------------


def target_sort_key(target_id: str) -> tuple[int, int, int | str]:
    """Official order of SDG targets: 10.1 .. 10.7, then 10.a .. 10.c; 16.10 after 16.9."""
    goal, part = str(target_id).split(".", 1)
    return (int(goal), 0, int(part)) if part.isdigit() else (int(goal), 1, part)


def link_key(links: pd.DataFrame) -> pd.Series:
    """Target each link points at: its target_id, or the number the article printed."""
    return links["target_id"].fillna(links["cited_as"]).astype("string")


def sdg_flows(links: pd.DataFrame, targets: pd.DataFrame, goals: pd.DataFrame,
              offences: pd.DataFrame) -> pd.DataFrame:
    """One row per SDG link with the three Sankey node labels, its status and its hover text."""
    names = offences.set_index("offence_id")["label"]
    short = goals.set_index("goal")["short_title"]
    real = set(targets["target_id"])
    key = link_key(links)
    goal = key.map(lambda k: int(str(k).split(".")[0]))
    return pd.DataFrame({
        "crime": [names.get(o, "Cybercrime in general") if isinstance(o, str)
                  else "Cybercrime in general" for o in links["offence_id"]],
        "key": list(key),
        "target": [f"Target {k}" if k in real else f"{k}: cited, no such target" for k in key],
        "goal": [f"Goal {g}: {short.get(g, '?')}" for g in goal],
        "status": [str(s) for s in links["status"]],
        "hover": [wrap(t, 60) for t in links["crime_type"]],
    })


def sankey_parts(flows: pd.DataFrame) -> tuple[list[str], pd.DataFrame]:
    """Node labels and link rows (source, target, value, status, key) for the SDG Sankey."""
    ordered = flows.assign(order=flows["key"].map(target_sort_key)).sort_values("order")
    nodes = [*sorted(set(flows["crime"])), *dict.fromkeys(ordered["target"]),
             *sorted(set(flows["goal"]), key=lambda g: int(g.split(":")[0][5:]))]
    first = flows.assign(source=flows["crime"].map(nodes.index),
                         target=flows["target"].map(nodes.index), value=1)
    second = (ordered.groupby(["target", "goal", "key"], sort=False).size()
              .reset_index(name="value"))
    second = second.assign(source=second["target"].map(nodes.index),
                           target=second["goal"].map(nodes.index), status="goal",
                           hover=second["value"].astype(str) + " link(s)")
    cols = ["source", "target", "value", "status", "key", "hover"]
    return nodes, pd.concat([first[cols], second[cols]], ignore_index=True)


def link_colors(parts: pd.DataFrame, chosen: str | None = None) -> list[str]:
    """Link colours by status; with ``chosen``, links of other targets are greyed out."""
    out = []
    for status, key in zip(parts["status"], parts["key"], strict=True):
        base = LINK_STATUS_COLORS.get(status, "#888888")
        dim = chosen is not None and key != chosen
        out.append(_rgba("#BBBBBB", 0.25) if dim else _rgba(base, 0.6))
    return out


def sdg_sankey(links: pd.DataFrame, targets: pd.DataFrame, goals: pd.DataFrame,
               offences: pd.DataFrame) -> go.Figure:
    """Sankey: offence category -> SDG target -> goal, links coloured by how sound they are."""
    nodes, parts = sankey_parts(sdg_flows(links, targets, goals, offences))
    node_colors = [PALETTE[0] if i < len(set(parts["source"]) - set(parts["target"]))
                   else "#D55E00" if "no such" in n else PALETTE[4] if n.startswith("Target")
                   else PALETTE[2] for i, n in enumerate(nodes)]
    fig = go.Figure(go.Sankey(
        arrangement="snap",
        node=dict(label=ptexts(nodes), color=node_colors, pad=12, thickness=14),
        link=dict(source=list(parts["source"]), target=list(parts["target"]),
                  value=list(parts["value"]), color=link_colors(parts),
                  customdata=list(parts["hover"]), hovertemplate="%{customdata}<extra></extra>")))
    style(fig, f"From kinds of cybercrime to SDG targets and goals: {len(links)} links")
    fig.add_annotation(text="Link colour: " + color_key(LINK_STATUS_COLORS), x=0, y=-0.07,
                       xref="paper", yref="paper", showarrow=False, xanchor="left",
                       font=dict(size=12))
    fig.update_layout(height=560, margin=dict(l=10, r=10, t=60, b=50))
    return fig


# --- 03: timeline -----------------------------------------------------------------------


def last_day(milestones: pd.DataFrame) -> pd.Series:
    """Last day of each milestone: end_date, or start_date for single-day events."""
    return milestones["end_date"].fillna(milestones["start_date"])


def timeline_rows(milestones: pd.DataFrame, kind: str = ALL, body: str = ALL, city: str = ALL,
                  start: pd.Timestamp | None = None,
                  end: pd.Timestamp | None = None) -> pd.DataFrame:
    """Milestones matching the filters (a date window keeps every event that overlaps it)."""
    keep = pd.Series(True, index=milestones.index)
    for column, value in (("kind", kind), ("body", body), ("city", city)):
        if value != ALL:
            keep &= milestones[column].astype("string").fillna("") == value
    if start is not None:
        keep &= last_day(milestones) >= start
    if end is not None:
        keep &= milestones["start_date"] <= end
    return milestones[keep].sort_values(["start_date", "milestone_id"])


def timeline_title(rows: pd.DataFrame, kind: str = ALL) -> str:
    """Title naming how many milestones are shown, their kind and their date span."""
    what = "milestones" if kind == ALL else plain(kind).lower() + " milestones"
    if rows.empty:
        return f"No {what} match the filters"
    first, last = rows["start_date"].min(), last_day(rows).max()
    return f"{len(rows)} {what}, {first:%b %Y} to {last:%b %Y}"


def _hover(rows: pd.DataFrame) -> list[str]:
    """Hover text per timeline row: title, dates, place and confidence."""
    out = []
    starts = rows["start_date"].dt.strftime("%d %b %Y")
    ends = rows["end_date"].dt.strftime("%d %b %Y")  # missing end dates stay missing
    for title, start, end, city, conf in zip(rows["title"], starts, ends, rows["city"],
                                             rows["confidence"], strict=True):
        when = f"{start} to {end}" if isinstance(end, str) else start
        place = ptext(city) if isinstance(city, str) else "no city"
        out.append(f"{wrap(title, 50)}<br>{when} · {place} · confidence: {conf}")
    return out


def timeline_traces(rows: pd.DataFrame) -> list[dict]:
    """Data for the 8 timeline traces: per confidence, a bar trace (spans) and a marker trace."""
    out = []
    for conf in CONFIDENCE_COLORS:
        mine = rows[rows["confidence"].astype("string") == conf]
        spans, days = mine[mine["end_date"].notna()], mine[mine["end_date"].isna()]
        width = (spans["end_date"] - spans["start_date"]).dt.days + 1
        out.append(dict(x=list(width * 86_400_000), base=list(spans["start_date"]
                                                              .dt.strftime("%Y-%m-%d")),
                        y=[plain(k) for k in spans["kind"]], hovertext=_hover(spans)))
        out.append(dict(x=list(days["start_date"].dt.strftime("%Y-%m-%d")),
                        y=[plain(k) for k in days["kind"]], hovertext=_hover(days)))
    return out


def timeline(milestones: pd.DataFrame, kind: str = ALL, body: str = ALL,
             city: str = ALL) -> go.Figure:
    """Timeline: multi-day events as bars, one-day events as diamonds, coloured by confidence."""
    rows = timeline_rows(milestones, kind, body, city)
    fig = go.Figure()
    for i, data in enumerate(timeline_traces(rows)):
        conf = list(CONFIDENCE_COLORS)[i // 2]
        color = CONFIDENCE_COLORS[conf]
        if i % 2 == 0:
            fig.add_trace(go.Bar(orientation="h", marker_color=color,
                                 name=f"{conf}, several days", legendgroup=conf,
                                 hoverinfo="text", **data))
        else:
            fig.add_trace(go.Scatter(mode="markers", name=f"{conf}, one day", legendgroup=conf,
                                     hoverinfo="text", **data,
                                     marker=dict(symbol="diamond", size=11, color=color,
                                                 line=dict(color="#333333", width=1))))
    kinds = [plain(k) for k in milestones["kind"].astype("string").unique()]
    order = [plain(k) for k in getattr(milestones["kind"].dtype, "categories", [])] or kinds
    style(fig, timeline_title(rows, kind), "Date", "")
    fig.update_yaxes(categoryorder="array", categoryarray=[k for k in order if k in kinds],
                     autorange="reversed")
    fig.update_xaxes(type="date")
    fig.update_layout(height=520, legend_title_text="Confidence of the row", barmode="overlay",
                      margin=dict(l=200, r=30, t=70, b=50))
    return fig


def first_session(milestones: pd.DataFrame) -> pd.Series:
    """The earliest negotiating session (the article's 'first meeting')."""
    rows = milestones[milestones["kind"].astype("string") == "negotiating_session"]
    return rows.sort_values("start_date").iloc[0]


def annotate_first_session(fig: go.Figure, milestones: pd.DataFrame) -> go.Figure:
    """Mark where the first negotiating session starts and ends (the article says March)."""
    row = first_session(milestones)
    end = row["end_date"] if pd.notna(row["end_date"]) else row["start_date"]
    fig.add_annotation(x=row["start_date"].strftime("%Y-%m-%d"), y=plain(row["kind"]),
                       text=f"1st session: {row['start_date']:%d %b} to {end:%d %b %Y}<br>"
                            "(the article: 'March 2022')",
                       showarrow=True, arrowhead=2, ax=-60, ay=-60, font=dict(size=12),
                       bgcolor="rgba(255,255,255,0.85)")
    return fig


def session_table(milestones: pd.DataFrame, kind: str = "negotiating_session") -> pd.DataFrame:
    """Sessions of one kind in date order: days (inclusive) and days since the previous one."""
    rows = milestones[milestones["kind"].astype("string") == kind].sort_values("start_date")
    ends = last_day(rows)
    out = pd.DataFrame({
        "session": list(rows["title"]),
        "city": list(rows["city"].fillna("")),
        "start": list(rows["start_date"].dt.strftime("%Y-%m-%d")),
        "end": list(ends.dt.strftime("%Y-%m-%d")),
        "days": list((ends - rows["start_date"]).dt.days + 1),
        "gap_days": [None, *((rows["start_date"].iloc[1:].values - ends.iloc[:-1].values)
                             .astype("timedelta64[D]").astype(int) - 1)],
        "confidence": [str(c) for c in rows["confidence"]],
    })
    out["gap_days"] = out["gap_days"].astype("Int64")
    return out


def month_options(milestones: pd.DataFrame) -> list[str]:
    """Every month ('YYYY-MM') from the first start to the last day in the table."""
    first, last = milestones["start_date"].min(), last_day(milestones).max()
    return list(pd.period_range(first, last, freq="M").strftime("%Y-%m"))


def month_window(first: str, last: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First day of month ``first`` and last day of month ``last``."""
    return pd.Period(first, "M").start_time, pd.Period(last, "M").end_time.normalize()

# === End of section A ===

# === Section B: notebooks 04-06 (landscape, voices, fact-check) ===

# --- 04: treaty landscape ---------------------------------------------------------------


SCOPE_COLORS = {"global": "#0072B2", "regional": "#E69F00", "subregional": "#009E73"}
KIND_COLORS = {"convention": "#0072B2", "protocol": "#56B4E9", "agreement": "#E69F00",
               "directive": "#CC79A7", "model_law": "#009E73"}
STATUS_COLORS = {"in_force": "#009E73", "not_in_force": "#E69F00", "replaced": "#999999",
                 "not_a_treaty": "#CC79A7"}
#: Attribute of instruments.csv -> its colours, for the landscape explorer.
INSTRUMENT_COLORINGS = {"scope": SCOPE_COLORS, "kind": KIND_COLORS, "status": STATUS_COLORS,
                        "confidence": CONFIDENCE_COLORS}
COVERS_TAGS = ["criminalization", "procedure", "cooperation", "data_protection",
               "information_security", "content"]
SIGN_COLORS = {"Signed on the opening day": "#0072B2", "Signed later": "#56B4E9",
               "Not signed (or not on the list)": "#E6E6E6"}


def day(value: object) -> str:
    """A date as 'YYYY-MM-DD' ('' for a missing date)."""
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def as_of(frame: pd.DataFrame, column: str = "as_of") -> str:
    """Latest as-of date in a table, as 'YYYY-MM-DD': the date its status figures describe."""
    return day(frame[column].max())


def instrument_order(instruments: pd.DataFrame) -> pd.DataFrame:
    """Instruments sorted by key date (oldest first), ties by short name."""
    return instruments.sort_values(["key_date", "short_name"]).reset_index(drop=True)


def instrument_colors(instruments: pd.DataFrame, color_by: str) -> list[str]:
    """Marker colour of each instrument (in instrument_order) for one attribute."""
    colors = INSTRUMENT_COLORINGS[color_by]
    return [colors.get(str(v), "#888888") for v in instrument_order(instruments)[color_by]]


def instrument_title(instruments: pd.DataFrame, color_by: str) -> str:
    """Title of the instruments timeline: how many, which years, coloured by what."""
    first, last = instruments["key_date"].min(), instruments["key_date"].max()
    return (f"{len(instruments)} instruments on cybercrime, {first:%Y} to {last:%Y}, "
            f"coloured by {color_by}")


def _instrument_hover(rows: pd.DataFrame) -> list[str]:
    """Hover text per instrument: name, dates, status and parties with their date."""
    return [f"<b>{ptext(r.short_name)}</b> ({ptext(r.body)})"
            f"<br>{plain(r.key_date_kind)} {day(r.key_date)}"
            f"<br>in force: {day(r.entry_into_force) or 'no date'} · status: {plain(r.status)}"
            f" (as of {day(r.status_as_of)})<br>confidence: {r.confidence}"
            for r in rows.itertuples()]


def instrument_timeline(instruments: pd.DataFrame, color_by: str = "scope") -> go.Figure:
    """Timeline: a dot at each instrument's key date, a diamond at entry into force, joined."""
    rows = instrument_order(instruments)
    colors, hover = instrument_colors(instruments, color_by), _instrument_hover(rows)
    xs: list[str | None] = []
    ys: list[str | None] = []
    for r in rows[rows["entry_into_force"].notna()].itertuples():
        xs += [day(r.key_date), day(r.entry_into_force), None]
        ys += [r.short_name, r.short_name, None]
    fig = go.Figure([
        go.Scatter(x=xs, y=ptexts(ys), mode="lines", line=dict(color="#BBBBBB", width=3),
                   name="Waiting for entry into force", hoverinfo="skip"),
        go.Scatter(x=[day(d) for d in rows["key_date"]], y=ptexts(rows["short_name"]),
                   mode="markers", name="Adopted, signed or opened", hovertext=hover,
                   hoverinfo="text", marker=dict(size=13, color=colors,
                                                 line=dict(color="#333333", width=1))),
        go.Scatter(x=[day(d) for d in rows["entry_into_force"]], y=ptexts(rows["short_name"]),
                   mode="markers", name="Entered into force", hovertext=hover,
                   hoverinfo="text", marker=dict(symbol="diamond", size=12, color=colors,
                                                 line=dict(color="#333333", width=1)))])
    style(fig, instrument_title(instruments, color_by), "Date", "")
    fig.update_yaxes(categoryorder="array", categoryarray=ptexts(rows["short_name"]),
                     autorange="reversed")
    fig.add_annotation(text=color_key(INSTRUMENT_COLORINGS[color_by]), x=0, y=-0.14,
                       xref="paper", yref="paper", showarrow=False, xanchor="left",
                       font=dict(size=12))
    fig.update_layout(height=480, margin=dict(l=220, r=30, t=70, b=90),
                      legend=dict(orientation="h", y=1.06, x=0))
    return fig


def covers_table(instruments: pd.DataFrame) -> pd.DataFrame:
    """Instruments (rows, by key date) x subject tags (columns): True where it covers the tag."""
    rows = instrument_order(instruments)
    tags = rows["covers"].astype(str).str.split(";")
    return pd.DataFrame([[t in mine for t in COVERS_TAGS] for mine in tags],
                        index=list(rows["short_name"]), columns=COVERS_TAGS)


def covers_matrix(instruments: pd.DataFrame) -> go.Figure:
    """Matrix of instruments against the subjects they cover (filled cell = covers it)."""
    table = covers_table(instruments)
    fig = go.Figure(go.Heatmap(
        z=table.astype(int).values.tolist(), x=[plain(t) for t in table.columns],
        y=ptexts(table.index), zmin=0, zmax=1, showscale=False, xgap=2, ygap=2,
        colorscale=[(0, "#F2F2F2"), (1, PALETTE[0])],
        text=[["covers" if v else "" for v in row] for row in table.values.tolist()],
        hovertemplate="%{y}<br>%{x}: %{text}<extra></extra>"))
    style(fig, f"What {len(table)} instruments cover: {int(table.values.sum())} subject ticks",
          "Subject", "")
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(height=460, margin=dict(l=220, r=30, t=70, b=60))
    return fig


def parties_bars(instruments: pd.DataFrame) -> go.Figure:
    """Bars of the number of parties per treaty, each labelled with its own as-of date."""
    rows = instruments[instruments["parties_count"].notna()].sort_values("parties_count")
    labels = [f"{int(n)} (as of {day(d)})" for n, d in
              zip(rows["parties_count"], rows["status_as_of"], strict=True)]
    fig = go.Figure(go.Bar(
        x=[int(n) for n in rows["parties_count"]], y=ptexts(rows["short_name"]), orientation="h",
        text=labels, textposition="outside", hovertext=_instrument_hover(rows),
        hoverinfo="text", marker_color=[CONFIDENCE_COLORS[str(c)] for c in rows["confidence"]]))
    missing = len(instruments) - len(rows)
    style(fig, f"Parties per treaty ({len(rows)} with a count; {missing} without one)",
          "Number of parties (states that ratified or acceded)", "")
    fig.add_annotation(text="Bar colour: confidence. " + color_key(CONFIDENCE_COLORS), x=0,
                       y=-0.25, xref="paper", yref="paper", showarrow=False, xanchor="left",
                       font=dict(size=12))
    top = rows["parties_count"].max() if len(rows) else 1
    fig.update_xaxes(range=[0, float(top) * 1.45])
    fig.update_layout(height=360, margin=dict(l=200, r=30, t=70, b=100))
    return fig


# --- 04: signatures of the UN Convention ----------------------------------------------------


def signed_by(signatures: pd.DataFrame, until: object = None) -> pd.DataFrame:
    """Signatories whose signature date is on or before ``until`` (all if None), by date."""
    rows = signatures if until is None else signatures[
        signatures["signature_date"] <= pd.Timestamp(until)]
    return rows.sort_values(["signature_date", "party"])


def signature_groups(signatures: pd.DataFrame, until: object = None) -> dict[str, str]:
    """ISO3 -> map group (opening day / later) for states that signed by ``until``."""
    rows = signed_by(signatures, until)
    rows = rows[rows["iso3"].notna()]
    first = signatures["signature_date"].min()
    names = list(SIGN_COLORS)
    return {iso: names[0] if d == first else names[1]
            for iso, d in zip(rows["iso3"], rows["signature_date"], strict=True)}


def signature_hover(signatures: pd.DataFrame) -> dict[str, str]:
    """ISO3 -> hover text: party, signature date, ratification (if any) and confidence."""
    rows = signatures[signatures["iso3"].notna()]
    signed = rows["signature_date"].dt.strftime("%Y-%m-%d")
    ratified = rows["ratification_date"].dt.strftime("%Y-%m-%d")
    return {iso: f"<b>{ptext(party)}</b><br>signed {sig}"
                 f"<br>ratified: {rat if isinstance(rat, str) else 'not yet'}"
                 f"<br>confidence: {conf}"
            for iso, party, sig, rat, conf in zip(rows["iso3"], rows["party"], signed, ratified,
                                                  rows["confidence"], strict=True)}


def signature_title(signatures: pd.DataFrame, until: object = None) -> str:
    """'N signatories by YYYY-MM-DD (list as of YYYY-MM-DD)'."""
    rows = signed_by(signatures, until)
    upto = day(until) if until is not None else day(signatures["signature_date"].max())
    return f"UN Convention: {len(rows)} signatories by {upto} (list as of {as_of(signatures)})"


def signature_map(signatures: pd.DataFrame, shapes: pd.DataFrame,
                  until: object = None) -> go.Figure:
    """World map of the UN Convention's signatory states up to ``until`` (offline outlines).

    Regional organisations (the EU) have no ISO3 code and are not drawn; the title counts them.
    All map drawing for notebook 04 goes through this one function, so it can be swapped.
    """
    fig = world_map(shapes, signature_groups(signatures, until), signature_hover(signatures),
                    SIGN_COLORS, signature_title(signatures, until))
    return fig


def signature_curve(signatures: pd.DataFrame, until: object = None) -> go.Figure:
    """Cumulative number of signatories, day by day up to the list's as-of date."""
    counts = signatures.groupby("signature_date").size().sort_index().cumsum()
    end = max(signatures["as_of"].max(), counts.index.max())
    full = counts.reindex(pd.date_range(counts.index.min(), end), method="ffill")
    fig = go.Figure([
        go.Scatter(x=[day(d) for d in full.index], y=[int(v) for v in full.values],
                   mode="lines", line_shape="hv", name="Signatories so far",
                   line=dict(color=PALETTE[0], width=3),
                   hovertemplate="%{x}: %{y} signatories<extra></extra>"),
        go.Scatter(x=[], y=[], mode="markers", name="Chosen date",
                   marker=dict(size=14, color=PALETTE[5], symbol="circle-open",
                               line=dict(width=3)))])
    style(fig, signature_title(signatures, until), "Date", "Signatories (cumulative)")
    fig.update_yaxes(rangemode="tozero")
    fig.update_layout(height=360, showlegend=False)
    return mark_date(fig, signatures, until) if until is not None else fig


def mark_date(fig: go.Figure, signatures: pd.DataFrame, until: object) -> go.Figure:
    """Put the 'chosen date' marker of the signature curve on ``until``; retitle it."""
    n = len(signed_by(signatures, until))
    fig.data[1].x, fig.data[1].y = [day(until)], [n]
    fig.layout.title.text = signature_title(signatures, until)
    return fig


def signatures_by_date(signatures: pd.DataFrame) -> go.Figure:
    """Non-map view: signatures per day, stacked by the confidence of each row."""
    dates = sorted(signatures["signature_date"].unique())
    fig = go.Figure()
    for conf, color in CONFIDENCE_COLORS.items():
        mine = signatures[signatures["confidence"].astype("string") == conf]
        counts = mine.groupby("signature_date").size().reindex(dates, fill_value=0)
        fig.add_trace(go.Bar(x=[day(d) for d in dates], y=[int(v) for v in counts.values],
                             name=conf, marker_color=color, text=[int(v) or "" for v in
                                                                  counts.values]))
    style(fig, f"Signatures per day, by confidence (list as of {as_of(signatures)})",
          "Date of signature", "Signatures")
    fig.update_xaxes(type="category")
    fig.update_layout(barmode="stack", height=360, legend_title_text="Confidence")
    return fig


def ratifications_needed(milestones: pd.DataFrame, default: int = 40) -> int:
    """Ratifications needed for entry into force, read from the rule's title ('40th')."""
    rule = milestones[milestones["kind"].astype("string") == "rule"]
    found = rule["title"].str.extract(r"(\d+)(?:st|nd|rd|th) instrument")[0].dropna()
    return int(found.iloc[0]) if len(found) else default


def ratification_progress(signatures: pd.DataFrame, needed: int) -> go.Figure:
    """Bullet gauge: ratifications deposited (states only) against the number needed."""
    states = signatures[signatures["entity_kind"].astype("string") == "state"]
    done = int(states["ratification_date"].notna().sum())
    fig = go.Figure(go.Indicator(
        mode="number+gauge", value=done, number=dict(suffix=f" of {needed}"),
        gauge=dict(shape="bullet", axis=dict(range=[0, needed]),
                   bar=dict(color=PALETTE[2]),
                   threshold=dict(value=needed, line=dict(color=PALETTE[5], width=4)))))
    style(fig, f"Ratifications deposited: {done} of {needed} needed "
               f"(as of {as_of(signatures)}; {len(states)} states have signed)")
    fig.update_layout(height=200, margin=dict(l=150, r=40, t=70, b=30))
    return fig


# --- 05: voices and the rights debate ---------------------------------------------------


FORM_COLORS = {"verbatim": "#009E73", "reported_speech": "#E69F00", "paraphrase": "#CC79A7"}


def quote_rows(quotes: pd.DataFrame, speaker: str = ALL, form: str = ALL, event: str = ALL,
               start: object = None, end: object = None) -> pd.DataFrame:
    """Quotes matching the filters, by date then id (dates inclusive)."""
    keep = pd.Series(True, index=quotes.index)
    for column, value in (("speaker", speaker), ("form", form), ("event", event)):
        if value != ALL:
            keep &= quotes[column].astype("string") == value
    if start is not None:
        keep &= quotes["date"] >= pd.Timestamp(start)
    if end is not None:
        keep &= quotes["date"] <= pd.Timestamp(end)
    return quotes[keep].sort_values(["date", "quote_id"])


def quote_title(rows: pd.DataFrame) -> str:
    """Title naming how many quotes and speakers are shown."""
    if rows.empty:
        return "No quotes match the filters"
    return (f"{len(rows)} quote(s) from {rows['speaker'].nunique()} speaker(s), "
            f"{rows['date'].min():%Y} to {rows['date'].max():%Y}, coloured by form")


def quote_traces(rows: pd.DataFrame) -> list[dict]:
    """x/y/hover of the three quote-timeline traces, one per form (in FORM_COLORS order)."""
    out = []
    for form in FORM_COLORS:
        mine = rows[rows["form"].astype("string") == form]
        out.append(dict(
            x=[day(d) for d in mine["date"]], y=ptexts(mine["speaker"]),
            hovertext=[f"{wrap(t, 60)}<br>{day(d)} · {wrap(e, 60)}<br>form: {plain(form)}"
                       f" · confidence: {c}" for t, d, e, c in
                       zip(mine["text"], mine["date"], mine["event"], mine["confidence"],
                           strict=True)]))
    return out


def quote_x_range(rows: pd.DataFrame, pad_days: int = 90) -> list[str] | None:
    """Date range for the quote timeline: the shown quotes plus ``pad_days`` on each side.

    A fixed pad keeps one quote (or several on one day) on a readable axis instead of
    Plotly zooming to milliseconds. None when nothing is shown (Plotly picks a default).
    """
    if rows.empty:
        return None
    pad = pd.Timedelta(days=pad_days)
    return [day(rows["date"].min() - pad), day(rows["date"].max() + pad)]


def quote_timeline(quotes: pd.DataFrame) -> go.Figure:
    """Quotes on a timeline, one row per speaker, coloured by form (verbatim or not)."""
    fig = go.Figure()
    for form, data in zip(FORM_COLORS, quote_traces(quotes), strict=True):
        fig.add_trace(go.Scatter(mode="markers", name=plain(form), hoverinfo="text",
                                 marker=dict(size=14, color=FORM_COLORS[form],
                                             line=dict(color="#333333", width=1)), **data))
    style(fig, quote_title(quote_rows(quotes)), "Date said or published", "")
    fig.update_yaxes(categoryorder="array",
                     categoryarray=ptexts(sorted(quotes["speaker"].unique())),
                     autorange="reversed")
    fig.update_xaxes(type="date", range=quote_x_range(quotes))
    fig.update_layout(height=460, legend_title_text="Form", margin=dict(l=320, r=30, t=70,
                                                                        b=50))
    return fig


NO_ARTICLE = "No single article (general or chapter-wide)"


def concern_labels(concerns: pd.DataFrame, articles: pd.DataFrame) -> pd.Series:
    """Label of the treaty article each concern points at, or NO_ARTICLE."""
    return pd.Series([article_label(articles, a, 60) if isinstance(a, str) else NO_ARTICLE
                      for a in concerns["article_id"]], index=concerns.index)


def concern_counts(concerns: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Concerns per article label (rows, by article number) and confidence (columns)."""
    labels = concern_labels(concerns, articles)
    table = pd.crosstab(labels, concerns["confidence"].astype("string"))
    table = table.reindex(columns=list(CONFIDENCE_COLORS), fill_value=0)
    num = articles.set_index("article_id")["article_number"]
    order = {lab: num.get(a, 10_000) for lab, a in zip(labels, concerns["article_id"],
                                                       strict=True)}
    table = table.loc[sorted(table.index, key=lambda lab: (order[lab], lab))]
    return table.rename_axis(index="article", columns=None)


def concerns_by_article(concerns: pd.DataFrame, articles: pd.DataFrame) -> go.Figure:
    """Horizontal bars: how many concerns point at each UN Convention article, by confidence."""
    table = concern_counts(concerns, articles)
    tied = int(concerns["article_id"].notna().sum())
    return confidence_stack(
        table, f"{len(concerns)} human-rights concerns: {tied} tied to a treaty article",
        "Number of concerns", left=330)


def confidence_stack(table: pd.DataFrame, title: str, x_title: str, left: int) -> go.Figure:
    """Stacked horizontal bars of a (label x confidence level) count table."""
    fig = go.Figure([go.Bar(y=ptexts(table.index), x=[int(v) for v in table[conf]], name=conf,
                            orientation="h", marker_color=color)
                     for conf, color in CONFIDENCE_COLORS.items()])
    style(fig, title, x_title, "")
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(barmode="stack", height=420, legend_title_text="Confidence",
                      margin=dict(l=left, r=30, t=70, b=50))
    return fig


# --- 06: fact-check ---------------------------------------------------------------------


def verdict_counts(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims per topic (rows, sorted) and verdict (columns, in VERDICT_COLORS order)."""
    table = pd.crosstab(claims["topic"].astype("string"), claims["verdict"].astype("string"))
    return table.reindex(columns=list(VERDICT_COLORS), fill_value=0).sort_index()


def verdict_title(claims: pd.DataFrame) -> str:
    """'26 claims: 17 supported, 6 imprecise, ...' in verdict order."""
    counts = claims["verdict"].astype("string").value_counts()
    parts = ", ".join(f"{int(counts.get(v, 0))} {v}" for v in VERDICT_COLORS)
    return f"{len(claims)} claims: {parts}"


def verdict_bars(claims: pd.DataFrame) -> go.Figure:
    """Stacked bars: verdicts of the article's claims, per topic."""
    table = verdict_counts(claims)
    fig = go.Figure([go.Bar(x=[plain(t) for t in table.index], y=[int(v) for v in table[v]],
                            name=v, marker_color=c) for v, c in VERDICT_COLORS.items()])
    style(fig, verdict_title(claims), "Topic of the claim", "Number of claims")
    fig.update_layout(barmode="stack", height=380, legend_title_text="Verdict")
    return fig


def claim_strip(claims: pd.DataFrame) -> go.Figure:
    """Every claim as a dot in article order (x) and verdict row (y); trace 4 = highlight."""
    rows = claims.sort_values("order")
    fig = go.Figure()
    for verdict, color in VERDICT_COLORS.items():
        mine = rows[rows["verdict"].astype("string") == verdict]
        fig.add_trace(go.Scatter(
            x=[int(o) for o in mine["order"]], y=[verdict] * len(mine), mode="markers",
            name=verdict, marker=dict(size=16, color=color, line=dict(color="#333", width=1)),
            hovertext=[f"{o}. {wrap(c, 60)}<br>confidence: {k}" for o, c, k in
                       zip(mine["order"], mine["claim"], mine["confidence"], strict=True)],
            hoverinfo="text"))
    fig.add_trace(go.Scatter(x=[], y=[], mode="markers", name="Chosen claim", hoverinfo="skip",
                             marker=dict(size=30, symbol="circle-open", color="#000000",
                                         line=dict(width=3))))
    style(fig, f"The article's {len(rows)} claims in order, by verdict",
          "Position of the claim in the article", "Verdict")
    fig.update_yaxes(categoryorder="array", categoryarray=list(VERDICT_COLORS)[::-1])
    fig.update_xaxes(dtick=1)
    fig.update_layout(height=340, showlegend=False)
    return fig


#: Tables of reference geometry rather than facts, left out of the confidence census.
REFERENCE_TABLES = ("world_shapes",)


def confidence_table(tables: dict[str, pd.DataFrame],
                     exclude: tuple[str, ...] = REFERENCE_TABLES) -> pd.DataFrame:
    """Rows per confidence level (columns) for every fact table that has a confidence column."""
    rows = {name: frame["confidence"].astype("string").value_counts()
            for name, frame in sorted(tables.items())
            if "confidence" in frame.columns and name not in exclude}
    out = pd.DataFrame(rows).T.reindex(columns=list(CONFIDENCE_COLORS)).fillna(0).astype(int)
    return out.rename_axis("table")


def confidence_bars(tables: dict[str, pd.DataFrame]) -> go.Figure:
    """Stacked horizontal bars: rows of every table by confidence level."""
    table = confidence_table(tables)
    total = int(table.values.sum())
    share = table["primary"].sum() / total if total else 0
    return confidence_stack(
        table, f"Confidence of {total} rows in {len(table)} tables: {share:.0%} primary",
        "Number of rows", left=140)

# === End of section B ===
