"""Notebook 06: the article's claims with verdicts, and how much each kind of evidence weighs."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from helpers import style
from helpers.data.descriptor import categories, read_descriptor
from helpers.explorer import Explorer, View, dropdown
from helpers.i18n import _, label_colon, ngettext
from helpers.text import esc, label, labels, ptext, shorten, wrap
from helpers.topics.common import table_label
from helpers.topics.voices import confidence_stack

#: Tables that hold no facts of their own (map geometry, translations of other tables' text),
#: left out of the confidence and source-kind census.
REFERENCE_TABLES = ("world_shapes", "translations")


def verdict_order(claims: pd.DataFrame) -> list[str]:
    """Verdicts in schema order, then any value the schema does not list (never dropped)."""
    known = categories("claims", "verdict")
    return [*known, *sorted(set(claims["verdict"].astype("string").dropna()) - set(known))]


def verdict_counts(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims per topic (rows, schema order) and verdict (columns, schema order)."""
    table = pd.crosstab(claims["topic"].astype("string"), claims["verdict"].astype("string"))
    topics = [t for t in categories("claims", "topic") if t in table.index]
    topics += [t for t in table.index if t not in topics]
    return table.reindex(index=topics, columns=verdict_order(claims), fill_value=0)


#: "18 supported", the verdict agreeing with its count in each language ("18 confirmées").
VERDICT_COUNTS: dict[str, Callable[[int], str]] = {
    "supported": lambda n: ngettext("{n} supported", "{n} supported", n),
    "imprecise": lambda n: ngettext("{n} imprecise", "{n} imprecise", n),
    "incorrect": lambda n: ngettext("{n} incorrect", "{n} incorrect", n),
    "unverifiable": lambda n: ngettext("{n} unverifiable", "{n} unverifiable", n),
}


def verdict_count(verdict: str, n: int) -> str:
    """'18 supported' in the current language (a verdict the table does not list: its label)."""
    form = VERDICT_COUNTS.get(verdict)
    if form is None:
        return f"{n} {label('claims', 'verdict', verdict).lower()}"
    return form(n).format(n=n)


def verdict_title(claims: pd.DataFrame) -> str:
    """'26 claims: 18 supported, 5 imprecise, 1 incorrect, 2 unverifiable'."""
    counts = claims["verdict"].astype("string").value_counts()
    parts = ", ".join(verdict_count(v, int(counts.get(v, 0))) for v in verdict_order(claims))
    return ngettext("{n} claim: {parts}", "{n} claims: {parts}", len(claims)).format(
        n=len(claims), parts=parts)


def verdict_bars(claims: pd.DataFrame) -> go.Figure:
    """Stacked bars: verdicts of the article's claims, per topic."""
    table = verdict_counts(claims)
    colors = style.category_colors("claims", "verdict")
    fig = go.Figure([go.Bar(x=[label("claims", "topic", t) for t in table.index],
                            y=[int(n) for n in table[v]], name=label("claims", "verdict", v),
                            marker_color=style.color_of(colors, v),
                            text=[int(n) or "" for n in table[v]])
                     for v in table.columns])
    style.style(fig, verdict_title(claims), _("Topic of the claim"), _("Number of claims"),
                height=420)
    fig.update_xaxes(type="category")
    fig.update_yaxes(type="linear")
    style.integer_axis(fig, "y", float(table.sum(axis=1).max()))
    fig.update_layout(barmode="stack")
    style.legend_above(fig, _("Verdict"))
    return fig


def doubtful_lines(claims: pd.DataFrame) -> list[str]:
    """Every claim whose verdict is not 'supported', in article order."""
    rows = claims[claims["verdict"].astype("string") != "supported"].sort_values("order")
    return [f"{int(r.order):>2}. [{label('claims', 'verdict', r.verdict)}] {r.claim}"
            for r in rows.itertuples()]


def claim_strip(claims: pd.DataFrame, chosen: str | None = None) -> go.Figure:
    """Every claim as a numbered dot: position in the article (x) against verdict (y)."""
    rows = claims.sort_values("order")
    colors = style.category_colors("claims", "verdict")
    order = verdict_order(claims)
    fig = go.Figure()
    for verdict in order:
        mine = rows[rows["verdict"].astype("string") == verdict]
        if mine.empty:
            continue
        fig.add_trace(go.Scatter(
            x=[int(o) for o in mine["order"]], y=[label("claims", "verdict", verdict)] * len(mine),
            mode="markers+text", text=[str(int(o)) for o in mine["order"]],
            textposition="middle center", textfont=dict(size=11, color="white"),
            name=label("claims", "verdict", verdict),
            marker=dict(size=24, color=style.color_of(colors, verdict),
                        line=dict(color="#333333", width=1)),
            hovertext=[f"{int(o)}. {wrap(c, 60)}<br>{label_colon(_('confidence'))} "
                       f"{label('claims', 'confidence', k)}"
                       for o, c, k in zip(mine["order"], mine["claim"], mine["confidence"],
                                          strict=True)], hoverinfo="text"))
    if chosen is not None:
        row = claims.set_index("claim_id").loc[chosen]
        fig.add_trace(go.Scatter(x=[int(row["order"])], y=[label("claims", "verdict",
                                                                 row["verdict"])],
                                 mode="markers", name=_("Chosen claim"), hoverinfo="skip",
                                 marker=dict(size=40, symbol="circle-open", color="#000000",
                                             line=dict(width=3))))
    style.style(fig, ngettext("The article's {n} claim in order, by verdict",
                              "The article's {n} claims in order, by verdict",
                              len(rows)).format(n=len(rows)),
                _("Position of the claim in the article"), "", height=360)
    fig.update_yaxes(categoryorder="array", type="category",
                     categoryarray=[label("claims", "verdict", v) for v in order][::-1])
    style.integer_axis(fig, "x", float(rows["order"].max()))
    fig.update_xaxes(rangemode="normal", range=[0.3, float(rows["order"].max()) + 0.7],
                     type="linear")
    fig.update_layout(showlegend=False)
    return fig


def claim_options(claims: pd.DataFrame) -> list[tuple[str, str]]:
    """Menu options (label, claim_id) in article order: '3. The treaty is ...'."""
    rows = claims.sort_values("order")
    return [(f"{int(o)}. {shorten(c, 90)}", i)
            for o, c, i in zip(rows["order"], rows["claim"], rows["claim_id"], strict=True)]


def claim_html(claims: pd.DataFrame, sources: pd.DataFrame, claim_id: str) -> str:
    """Escaped HTML card: claim, verdict, evidence, note and the source it rests on."""
    row = claims.set_index("claim_id").loc[claim_id]
    src = sources.set_index("source_id").loc[row["source_id"]]
    color = style.color_of(style.category_colors("claims", "verdict"), row["verdict"])
    verdict = label("claims", "verdict", row["verdict"])
    return (f"<p><b>{esc(_('Claim {n}').format(n=int(row['order'])))}</b> "
            f"({esc(label('claims', 'topic', row['topic']))}): {esc(row['claim'])}</p>"
            f"<p><b style='color:{color}'>{esc(_('Verdict'))}: {esc(verdict)}</b> · "
            f"{esc(_('confidence'))} {esc(label('claims', 'confidence', row['confidence']))}</p>"
            f"<p><b>{esc(_('Evidence'))}:</b> {esc(row['evidence'])}</p>"
            f"<p><b>{esc(_('Note'))}:</b> {esc(row['note']) or '-'}</p>"
            f"<p><b>{esc(_('Source'))}:</b> {esc(src['title'])} ({esc(src['publisher'])}, "
            f"{esc(label('sources', 'kind', src['kind']))}) <code>{esc(src['url'])}</code></p>")


def claim_view(claims: pd.DataFrame, sources: pd.DataFrame, claim_id: str) -> View:
    """What the claims explorer shows for one claim."""
    row = claims.set_index("claim_id").loc[claim_id]
    fig = claim_strip(claims, claim_id)
    verdict = label("claims", "verdict", row["verdict"])
    fig.layout.title.text = _("Claim {n} of {total}: {verdict}").format(
        n=int(row["order"]), total=len(claims), verdict=ptext(verdict.lower()))
    summary = _("Claim {n} ({topic}): {verdict}, confidence {confidence}").format(
        n=int(row["order"]), topic=label("claims", "topic", row["topic"]),
        verdict=verdict.lower(), confidence=label("claims", "confidence", row["confidence"]))
    return View((fig,), summary, claim_html(claims, sources, claim_id))


def explore_claims(claims: pd.DataFrame, sources: pd.DataFrame) -> Explorer:
    """Explorer: pick a claim; it is ringed in the strip and its evidence is shown below."""
    options = claim_options(claims)
    pick = dropdown(options, options[0][1], _("Claim:"), width="min(100%, 900px)")
    return Explorer("claims", {"claim_id": pick},
                    lambda claim_id: claim_view(claims, sources, claim_id), min_height=360)


def confidence_table(tables: dict[str, pd.DataFrame],
                     exclude: tuple[str, ...] = REFERENCE_TABLES) -> pd.DataFrame:
    """Rows per confidence level (columns) for every fact table that has a confidence column."""
    rows = {name: frame["confidence"].astype("string").value_counts()
            for name, frame in sorted(tables.items())
            if "confidence" in frame.columns and name not in exclude}
    levels: list[str] = []
    for name in sorted(rows):
        levels += [v for v in categories(name, "confidence") if v not in levels]
    levels += sorted({v for counts in rows.values() for v in counts.index} - set(levels))
    out = pd.DataFrame(rows).T.reindex(columns=levels).fillna(0).astype(int)
    return out.rename_axis(_("Table"))


def confidence_bars(tables: dict[str, pd.DataFrame]) -> go.Figure:
    """Stacked horizontal bars: rows of every fact table by confidence level."""
    table = confidence_table(tables)
    total = int(table.values.sum())
    share = table["primary"].sum() / total if total else 0
    shown = table.rename(index=table_label)
    return confidence_stack(shown, "claims",
                            _("Confidence of {n} rows in {m} tables: {share:.0%} primary").format(
                                n=total, m=len(table), share=share), _("Number of rows"))


def confidence_frame(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The census as a table for display: human table names and labels, with a total."""
    table = confidence_table(tables)
    shown = table.rename(index=table_label,
                         columns={c: label("claims", "confidence", c) for c in table.columns})
    shown = shown.assign(**{_("Total"): table.sum(axis=1).to_numpy()})
    return shown.rename_axis(columns=None)


def confidence_lines(width: int = 95) -> list[str]:
    """The one definition of each confidence level, then the grading rule, wrapped for print.

    Both come from the descriptor (``confidenceLevels``, ``confidenceRule``), as in the data
    dictionary, so the notebook and the dictionary cannot disagree.
    """
    descriptor = read_descriptor()
    out = [textwrap.fill(f"{label('claims', 'confidence', name)}: {_(text)}", width,
                         subsequent_indent="  ")
           for name, text in descriptor.get("confidenceLevels", {}).items()]
    if descriptor.get("confidenceRule"):
        out.append(textwrap.fill(_(descriptor["confidenceRule"]), width))
    return out


def source_kind_frame(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Rows of every fact table by the kind of source they rest on (columns in schema order)."""
    kinds = tables["sources"].set_index("source_id")["kind"].astype("string")
    rows = {table_label(name): frame["source_id"].map(kinds).value_counts()
            for name, frame in sorted(tables.items())
            if "source_id" in frame.columns and name not in (*REFERENCE_TABLES, "sources")}
    order = categories("sources", "kind")
    out = pd.DataFrame(rows).T.reindex(columns=order).fillna(0).astype(int)
    out = out.rename(columns=labels("sources", "kind"))
    out = out.assign(**{_("Total"): out.sum(axis=1)})
    return out.rename_axis(index=_("Table"), columns=None)


def presentation_crosstab(quotes: pd.DataFrame) -> pd.DataFrame:
    """Quotes by form in the source (rows) and by how the article presents them (columns)."""
    table = pd.crosstab(quotes["form"].astype("string"),
                        quotes["article_presentation"].astype("string"))
    table = table.reindex(index=categories("quotes", "form"),
                          columns=categories("quotes", "article_presentation"), fill_value=0)
    return table.rename(index=labels("quotes", "form"),
                        columns=labels("quotes", "article_presentation")).rename_axis(
        index=_("Form in the source"), columns=_("How the article shows it"))


def as_of_lines(signatures: pd.DataFrame, instruments: pd.DataFrame) -> list[str]:
    """How the as-of dates of the status tables spread over time."""
    per = signatures["as_of"].dt.strftime("%Y-%m-%d").value_counts().sort_index()
    out = [_("Signature rows: as-of dates from {a} to {b}").format(
        a=per.index[0], b=per.index[-1]),
           _("Rows per as-of date: {mix}").format(mix=", ".join(f"{d}: {int(n)}"
                                                                for d, n in per.items()))]
    for r in instruments.sort_values("status_as_of").itertuples():
        out.append(f"{r.status_as_of:%Y-%m-%d}  {r.short_name}: "
                   f"{label('instruments', 'status', r.status)}")
    return out
