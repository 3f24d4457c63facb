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
    """A labelled Dropdown with the package's width."""
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
                          act_id: str, label: str | None = None,
                          cells: pd.DataFrame | None = None) -> str:
    """Outline the matrix cells linked to one UNODC act; return its matches per treaty.

    ``cells`` is ``figures.crosswalk_cells(crosswalk, articles)``, computed here if not given
    (the explorer computes it once, not on every change).
    """
    if cells is None:
        cells = figures.crosswalk_cells(crosswalk, articles)
    mine = cells[cells["unodc_act_id"] == act_id]
    name = label or act_id
    name = name if len(name) <= 45 else name[:44] + "…"
    with fig.batch_update():
        fig.data[1].x, fig.data[1].y = figures.ptexts(mine["col"]), figures.ptexts(mine["row"])
        fig.layout.title.text = f"{figures.ptext(name)}: {len(mine)} cell(s) in the matrix"
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
    cells = figures.crosswalk_cells(crosswalk, articles)

    def show(act_id: str) -> None:
        """Control callback: update the figure in place and the text below it."""
        update_crosswalk_pick(fig, crosswalk, articles, act_id, names[act_id], cells)
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
        """Control callback: update the figure in place and the text below it."""
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
    """A Dropdown of "All" plus the distinct values of one column."""
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
        """Control callback: update the figure in place and the text below it."""
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

# --- 04: treaty landscape ---------------------------------------------------------------


def update_instrument_colors(fig: go.Figure, instruments: pd.DataFrame, color_by: str) -> str:
    """Recolour the instruments timeline by one attribute; return the count per value."""
    colors = figures.instrument_colors(instruments, color_by)
    with fig.batch_update():
        fig.data[1].marker.color = colors
        fig.data[2].marker.color = colors
        fig.layout.title.text = figures.instrument_title(instruments, color_by)
        fig.layout.annotations[0].text = figures.color_key(
            figures.INSTRUMENT_COLORINGS[color_by])
    counts = instruments[color_by].astype("string").value_counts().sort_index()
    return f"By {color_by}: " + ", ".join(f"{figures.plain(k)} {v}" for k, v in counts.items())


def explore_instruments(instruments: pd.DataFrame) -> widgets.VBox:
    """Explorer: choose which attribute colours the instruments timeline."""
    pick = _dropdown([(figures.plain(k), k) for k in figures.INSTRUMENT_COLORINGS], "scope",
                     "Colour by:")
    fig = figure_widget(figures.instrument_timeline(instruments, "scope"))
    info = widgets.Label(update_instrument_colors(fig, instruments, "scope"))
    pick.observe(lambda ch: setattr(info, "value", update_instrument_colors(
        fig, instruments, ch["new"])), "value")
    return panel([pick], fig, info)


def update_signature_map(fig: go.Figure, signatures: pd.DataFrame, shapes: pd.DataFrame,
                         until: object) -> str:
    """Redraw the map for signatories up to ``until`` (same traces, new data); return counts."""
    new = figures.world_map_data(shapes, figures.signature_groups(signatures, until),
                                 figures.signature_hover(signatures), figures.SIGN_COLORS)
    with fig.batch_update():
        for trace, fresh in zip(fig.data, new, strict=True):
            trace.update(**fresh)
        fig.layout.title.text = figures.signature_title(signatures, until)
    return signature_summary(signatures, until)


def signature_summary(signatures: pd.DataFrame, until: object) -> str:
    """'By DATE: N signatories (S states on the map, R regional organisations: names)'."""
    rows = figures.signed_by(signatures, until)
    orgs = rows[rows["iso3"].isna()]
    names = ", ".join(orgs["party"]) or "none"
    return (f"By {figures.day(until)}: {len(rows)} signatories ({len(rows) - len(orgs)} "
            f"states on the map; {len(orgs)} without an ISO code, not on the map: {names})")


def update_signature_curve(fig: go.Figure, signatures: pd.DataFrame, until: object) -> str:
    """Move the curve's 'chosen date' marker to ``until``; return the count by then."""
    with fig.batch_update():
        figures.mark_date(fig, signatures, until)
    return f"{len(figures.signed_by(signatures, until))} signatories by {figures.day(until)}"


def signature_dates(signatures: pd.DataFrame) -> list[str]:
    """Distinct signature dates, oldest first, as 'YYYY-MM-DD'."""
    return [figures.day(d) for d in sorted(signatures["signature_date"].unique())]


def explore_signatures(signatures: pd.DataFrame, shapes: pd.DataFrame) -> widgets.VBox:
    """Explorer: pick a date; the map and the curve show the signatories up to that day."""
    dates = signature_dates(signatures)
    pick = _dropdown(dates, dates[-1], "Signatories up to:")
    world = figure_widget(figures.signature_map(signatures, shapes, dates[-1]))
    curve = figure_widget(figures.signature_curve(signatures, dates[-1]))
    info = widgets.Label()

    def show(until: str) -> None:
        """Control callback: update the figure in place and the text below it."""
        update_signature_curve(curve, signatures, until)
        info.value = update_signature_map(world, signatures, shapes, until)

    show(pick.value)
    pick.observe(lambda ch: show(ch["new"]), "value")
    return widgets.VBox([widgets.HBox([pick]), world, info, curve])


# --- 05: quotes explorer ----------------------------------------------------------------


def update_quotes(fig: go.Figure, quotes: pd.DataFrame, speaker: str = figures.ALL,
                  form: str = figures.ALL, event: str = figures.ALL,
                  years: tuple[int, int] | None = None) -> str:
    """Filter the quote timeline in place; return how many quotes of each form are shown."""
    span = (f"{years[0]}-01-01", f"{years[1]}-12-31") if years else (None, None)
    rows = figures.quote_rows(quotes, speaker, form, event, *span)
    with fig.batch_update():
        for trace, data in zip(fig.data, figures.quote_traces(rows), strict=True):
            trace.update(**data)
        fig.layout.title.text = figures.quote_title(rows)
        fig.layout.xaxis.range = figures.quote_x_range(rows)
        fig.layout.yaxis.categoryarray = figures.ptexts(sorted(rows["speaker"].unique()))
    if rows.empty:
        return "No quotes match the filters."
    forms = rows["form"].astype("string").value_counts().sort_index()
    return f"{len(rows)} quote(s): " + ", ".join(f"{figures.plain(k)} {v}"
                                                  for k, v in forms.items())


def quotes_html(rows: pd.DataFrame) -> str:
    """Escaped HTML list of quotes: speaker, date, event, form, and the words.

    Only verbatim rows are set in quotation marks; the others are marked as not a quotation.
    """
    items = []
    for r in rows.itertuples():
        form = str(r.form)
        color = figures.FORM_COLORS[form]
        words = (f"“{esc(r.text)}”" if form == "verbatim"
                 else f"<i>{esc(r.text)}</i> <small>(not a quotation: {esc(form)})</small>")
        items.append(f"<li><b>{esc(r.speaker)}</b>, {esc(figures.day(r.date))}, "
                     f"{esc(r.event)} <span style='color:{color}'>■ {esc(form)}</span>"
                     f" · confidence {esc(r.confidence)}<br>{words}</li>")
    return "<ul>" + "".join(items) + "</ul>" if items else "<p>No quotes match.</p>"


def _all_of(frame: pd.DataFrame, column: str, label: str) -> widgets.Dropdown:
    """A Dropdown of "All" plus the sorted distinct values of one column."""
    values = sorted(frame[column].astype("string").dropna().unique())
    return _dropdown([("All", figures.ALL), *[(figures.plain(v) if column == "form" else v, v)
                                              for v in values]], figures.ALL, label)


def explore_quotes(quotes: pd.DataFrame) -> widgets.VBox:
    """Explorer: filter quotes by speaker, form, event and years; timeline plus escaped text."""
    speaker, form = _all_of(quotes, "speaker", "Speaker:"), _all_of(quotes, "form", "Form:")
    event = _all_of(quotes, "event", "Event:")
    first, last = int(quotes["date"].dt.year.min()), int(quotes["date"].dt.year.max())
    years = widgets.IntRangeSlider(value=(first, last), min=first, max=last, description="Years:")
    fig = figure_widget(figures.quote_timeline(quotes))
    info, words = widgets.Label(), widgets.HTML()

    def show(_change: object = None) -> None:
        """Control callback: update the figure in place and the text below it."""
        info.value = update_quotes(fig, quotes, speaker.value, form.value, event.value,
                                   years.value)
        span = (f"{years.value[0]}-01-01", f"{years.value[1]}-12-31")
        words.value = quotes_html(figures.quote_rows(quotes, speaker.value, form.value,
                                                     event.value, *span))

    show()
    for control in (speaker, form, event, years):
        control.observe(show, "value")
    return widgets.VBox([widgets.HBox([speaker, form]), widgets.HBox([event, years]), fig,
                         info, words])


# --- 06: claim explorer -----------------------------------------------------------------


def claim_options(claims: pd.DataFrame) -> list[tuple[str, str]]:
    """Dropdown options (label, claim_id) in article order: '3. The treaty is ... '."""
    rows = claims.sort_values("order")
    return [(f"{o}. {c if len(c) <= 70 else c[:69] + '…'}", i)
            for o, c, i in zip(rows["order"], rows["claim"], rows["claim_id"], strict=True)]


def update_claim(fig: go.Figure, claims: pd.DataFrame, claim_id: str) -> str:
    """Ring the chosen claim in the strip chart; return its number, verdict and confidence."""
    row = claims.set_index("claim_id").loc[claim_id]
    with fig.batch_update():
        fig.data[-1].x, fig.data[-1].y = [int(row["order"])], [str(row["verdict"])]
        fig.layout.title.text = f"Claim {row['order']} of {len(claims)}: {row['verdict']}"
    return (f"Claim {row['order']} ({row['topic']}): {row['verdict']}, "
            f"confidence {row['confidence']}")


def claim_html(claims: pd.DataFrame, sources: pd.DataFrame, claim_id: str) -> str:
    """Escaped HTML card: claim, verdict, evidence, note and the source it rests on."""
    row = claims.set_index("claim_id").loc[claim_id]
    src = sources.set_index("source_id").loc[row["source_id"]]
    color = figures.VERDICT_COLORS[str(row["verdict"])]
    return (f"<p><b>Claim {esc(row['order'])}</b> ({esc(row['topic'])}): {esc(row['claim'])}</p>"
            f"<p><b style='color:{color}'>Verdict: {esc(row['verdict'])}</b> · confidence "
            f"{esc(row['confidence'])}</p><p><b>Evidence:</b> {esc(row['evidence'])}</p>"
            f"<p><b>Note:</b> {esc(row['note']) or '-'}</p>"
            f"<p><b>Source:</b> {esc(src['title'])} ({esc(src['publisher'])}, {esc(src['kind'])})"
            f" <code>{esc(src['url'])}</code></p>")


def explore_claims(claims: pd.DataFrame, sources: pd.DataFrame) -> widgets.VBox:
    """Explorer: pick a claim; it is ringed in the chart and its evidence shown below."""
    options = claim_options(claims)
    pick = _dropdown(options, options[0][1], "Claim:")
    pick.layout = {"width": "95%"}
    fig = figure_widget(figures.claim_strip(claims))
    info, card = widgets.Label(), widgets.HTML()

    def show(claim_id: str) -> None:
        """Control callback: update the figure in place and the text below it."""
        info.value = update_claim(fig, claims, claim_id)
        card.value = claim_html(claims, sources, claim_id)

    show(pick.value)
    pick.observe(lambda ch: show(ch["new"]), "value")
    return widgets.VBox([pick, fig, info, card])

# === End of section B ===
