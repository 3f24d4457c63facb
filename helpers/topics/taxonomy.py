"""Notebook 01: what counts as cybercrime: typologies, three schemes, and the crosswalk."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from helpers import style
from helpers.explorer import Explorer, View, dropdown
from helpers.i18n import N_, _, label_colon, ngettext
from helpers.text import esc, html_table, label, labels, ptext, shorten, wrap

#: Typology schemes of the explorer: key -> name (translated when shown).
SCHEMES = {"unodc_2013": N_("UNODC 2013 Study"), "budapest": N_("Budapest Convention titles"),
           "un_chapter_2": N_("UN Convention, Chapter II")}
PARENT_COLOR = "#E4E8EE"


def unodc_rows(offences: pd.DataFrame, level: str | None = None) -> pd.DataFrame:
    """The UNODC 2013 Study rows (optionally one level), in the Study's order."""
    rows = offences[offences["framework"].astype("string") == "unodc_2013"]
    if level is not None:
        rows = rows[rows["level"].astype("string") == level]
    return rows.sort_values(["level", "sort_order"])


def _unodc_nodes(offences: pd.DataFrame, root: str) -> pd.DataFrame:
    """Treemap nodes of the UNODC scheme: three categories and their acts."""
    rows = unodc_rows(offences)
    return pd.DataFrame({"id": list(rows["offence_id"]),
                         "parent": list(rows["parent_id"].fillna(root)),
                         "label": list(rows["label"]),
                         "confidence": [str(c) for c in rows["confidence"]],
                         "typology": [str(c) for c in rows["typology_class"]],
                         "hover": list(rows["description"])})


def _treaty_nodes(articles: pd.DataFrame, scheme: str, root: str) -> pd.DataFrame:
    """Treemap nodes of one treaty's offence articles grouped by Title or by kind."""
    treaty = "budapest" if scheme == "budapest" else "un_convention"
    rows = articles[articles["treaty"].astype("string") == treaty]
    if scheme == "un_chapter_2":
        rows = rows[rows["group_code"] == "Chapter II"]
        groups = rows["is_offence"].map({True: _("Offences"),
                                         False: _("Liability and sanctions")})
    else:
        groups = rows["group_code"] + ": " + rows["group_title"]
    order = rows["article_number"].astype(int).argsort(kind="stable")
    rows, groups = rows.iloc[order], groups.iloc[order]
    tops = pd.DataFrame({"id": list(dict.fromkeys(groups)), "parent": root, "confidence": None,
                         "typology": None})
    tops["label"], tops["hover"] = tops["id"], ""
    leaves = pd.DataFrame({
        "id": list(rows["article_id"]), "parent": list(groups),
        "label": [_("Art. {n} {title}").format(n=n, title=t)
                  for n, t in zip(rows["article_number"], rows["article_title"], strict=True)],
        "confidence": [str(c) for c in rows["confidence"]], "typology": None,
        "hover": list(rows["group_title"])})
    return pd.concat([tops, leaves], ignore_index=True)


def scheme_nodes(offences: pd.DataFrame, articles: pd.DataFrame, scheme: str) -> pd.DataFrame:
    """Tree of one scheme: columns id, parent, label, confidence, typology, hover (root first)."""
    root = _(SCHEMES[scheme])
    body = (_unodc_nodes(offences, root) if scheme == "unodc_2013"
            else _treaty_nodes(articles, scheme, root))
    head = pd.DataFrame([{"id": root, "parent": "", "label": root, "confidence": None,
                          "typology": None, "hover": ""}])
    return pd.concat([head, body], ignore_index=True)


def leaves(nodes: pd.DataFrame) -> pd.DataFrame:
    """The items of a scheme (nodes that are nobody's parent)."""
    return nodes[~nodes["id"].isin(nodes["parent"])]


def scheme_title(scheme: str, nodes: pd.DataFrame, color_by: str = "confidence") -> str:
    """'UNODC 2013 Study: 3 groups, 14 items, coloured by confidence'."""
    groups = int((nodes["parent"] == nodes["id"].iloc[0]).sum())
    n = len(leaves(nodes))
    what = _("typology") if color_by == "typology" else _("confidence")
    return ngettext("{scheme}: {groups} groups, {n} item, coloured by {what}",
                    "{scheme}: {groups} groups, {n} items, coloured by {what}", n).format(
        scheme=_(SCHEMES[scheme]), groups=groups, n=n, what=what)


def scheme_chart(offences: pd.DataFrame, articles: pd.DataFrame, scheme: str = "unodc_2013",
                 color_by: str = "confidence") -> go.Figure:
    """Icicle of one scheme: the scheme, its groups (grey) and its items, one row per item.

    Items are coloured by confidence (or, for the UNODC study, by typology). Every label is
    printed in its box at a readable size: each item gets a row of its own.
    """
    nodes = scheme_nodes(offences, articles, scheme)
    if color_by == "typology":
        colors = style.category_colors("offences", "typology_class")
        names, column = labels("offences", "typology_class"), "typology"
    else:
        colors = style.category_colors("offences", "confidence")
        names, column = labels("offences", "confidence"), "confidence"
    is_leaf = ~nodes["id"].isin(nodes["parent"])
    root = nodes["parent"] == ""
    fill = [style.color_of(colors, v) if leaf else ("white" if top else PARENT_COLOR)
            for v, leaf, top in zip(nodes[column], is_leaf, root, strict=True)]
    text = [wrap(lab, 30) if leaf else f"<b>{wrap(lab, 26)}</b>"
            for lab, leaf in zip(nodes["label"], is_leaf, strict=True)]
    hover = [f"{wrap(h, 50)}<br>{label_colon(_('confidence'))} {label('offences', 'confidence', c)}"
             if c else ptext(h) for h, c in zip(nodes["hover"], nodes["confidence"], strict=True)]
    n_items = int(is_leaf.sum())
    fig = go.Figure(go.Icicle(
        ids=list(nodes["id"]), parents=list(nodes["parent"]), labels=text,
        hovertext=hover, hoverinfo="text", tiling=dict(orientation="h", pad=2),
        marker=dict(colors=fill, line=dict(color="white", width=1)),
        textfont=dict(size=13, color=[style.text_color(c) for c in fill]),
        pathbar=dict(visible=False), sort=False, leaf=dict(opacity=1)))
    style.style(fig, scheme_title(scheme, nodes, color_by), height=110 + 56 * n_items)
    fig.update_layout(margin=dict(l=4, r=4, b=10))
    style.add_key(fig, colors, names)
    return fig


def scheme_summary(offences: pd.DataFrame, articles: pd.DataFrame, scheme: str) -> str:
    """'UNODC 2013 Study: 3 groups, 14 items (primary 6, unverified 8)'."""
    nodes = scheme_nodes(offences, articles, scheme)
    items = leaves(nodes)
    groups = int((nodes["parent"] == nodes["id"].iloc[0]).sum())
    conf = items["confidence"].value_counts()
    mix = ", ".join(f"{label('offences', 'confidence', k)} {int(conf[k])}"
                    for k in style.category_colors("offences", "confidence") if k in conf)
    return _("{scheme}: {groups} groups, {n} items ({mix}).").format(
        scheme=_(SCHEMES[scheme]), groups=groups, n=len(items), mix=mix)


def scheme_view(offences: pd.DataFrame, articles: pd.DataFrame, scheme: str) -> View:
    """What the scheme explorer shows for one scheme."""
    return View((scheme_chart(offences, articles, scheme),),
                scheme_summary(offences, articles, scheme))


def explore_schemes(offences: pd.DataFrame, articles: pd.DataFrame) -> Explorer:
    """Explorer: buttons switch one chart between the three schemes."""
    pick = widgets.ToggleButtons(options=[(_(v), k) for k, v in SCHEMES.items()],
                                 value="unodc_2013", description=_("Scheme:"),
                                 style={"button_width": "auto", "description_width": "initial"})
    return Explorer("schemes", {"scheme": pick},
                    lambda scheme: scheme_view(offences, articles, scheme), min_height=560)


def category_lines(offences: pd.DataFrame) -> list[str]:
    """Per UNODC category: its acts and how many of each typology class they are."""
    out = []
    acts = unodc_rows(offences, "act")
    for cat in unodc_rows(offences, "category").itertuples():
        mine = acts[acts["parent_id"] == cat.offence_id]
        mix = ", ".join(f"{label('offences', 'typology_class', k)} {int(v)}"
                        for k, v in mine["typology_class"].astype(str).value_counts()
                        .sort_index().items())
        out.append(ngettext("{label}: {n} act ({mix})", "{label}: {n} acts ({mix})",
                            len(mine)).format(label=cat.label, n=len(mine), mix=mix))
    return out


def typology_lines(offences: pd.DataFrame) -> list[str]:
    """The UNODC typology (with confidence), then which acts fall in each class."""
    typology = offences[offences["framework"].astype("string") == "cyber_typology"]
    out = [f"{r.label} ({label('offences', 'confidence', r.confidence)}): {r.description}"
           for r in typology.sort_values("sort_order").itertuples()]
    acts = unodc_rows(offences, "act")
    for cls in style.category_colors("offences", "typology_class"):
        group = acts[acts["typology_class"].astype("string") == cls]
        if len(group):
            out.append(f"{label('offences', 'typology_class', cls)} ({len(group)}): "
                       + "; ".join(group["label"]))
    return out


def term_lines(terms: pd.DataFrame, offences: pd.DataFrame, articles: pd.DataFrame) -> list[str]:
    """Each category word of the article, with the Budapest heading and offence row it matches."""
    heads = dict(zip(articles["article_id"], articles["group_code"] + ": "
                     + articles["group_title"], strict=True))
    names = dict(zip(offences["offence_id"], offences["label"], strict=True))
    out = []
    for t in terms.itertuples():
        out.append(_("“{term}” ({confidence})").format(
            term=t.term, confidence=label("article_terms", "confidence", t.confidence)))
        if isinstance(t.maps_to_article_id, str):
            out.append("    " + _("Budapest heading: {h}").format(h=heads[t.maps_to_article_id]))
        if isinstance(t.maps_to_offence_id, str):
            out.append("    " + _("Matching offence row: {n}").format(
                n=names[t.maps_to_offence_id]))
    return out


# --- the crosswalk: Budapest articles on the left, UN Convention articles on the right ----


def article_label(articles: pd.DataFrame, article_id: object) -> str:
    """'Art. 7 Illegal access' for an article id."""
    row = articles.set_index("article_id").loc[article_id]
    return _("Art. {n} {title}").format(n=row["article_number"], title=row["article_title"])


def crosswalk_links(crosswalk: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Links that name a treaty article, with the position of each end on its side.

    Columns: link_id, unodc_act_id, left, right (labels), y_left, y_right (0 = top), match,
    confidence, explanation. A side with no article points at "no counterpart" at the bottom.
    """
    rows = crosswalk[crosswalk["budapest_article_id"].notna()
                     | crosswalk["un_article_id"].notna()].copy()
    num = articles.set_index("article_id")["article_number"].astype(int)
    out = []
    for side, column in (("left", "budapest_article_id"), ("right", "un_article_id")):
        ids = sorted(set(rows[column].dropna()), key=lambda a: num[a])
        pos = {a: i for i, a in enumerate(ids)}
        none = len(ids)
        rows[f"y_{side}"] = [pos.get(a, none) if isinstance(a, str) else none
                             for a in rows[column]]
        rows[side] = [article_label(articles, a) if isinstance(a, str)
                      else (_("No Budapest article") if side == "left" else _("No UN article"))
                      for a in rows[column]]
        out.append(ids)
    rows["match"] = rows["match"].astype("string")
    return rows


def _side_ticks(links: pd.DataFrame, side: str) -> tuple[list[int], list[str]]:
    """Tick positions and wrapped labels of one side of the ladder."""
    pairs = sorted(set(zip(links[f"y_{side}"], links[side], strict=True)))
    return [p for p, _ in pairs], [wrap(lab, 32) for _, lab in pairs]


def crosswalk_ladder(crosswalk: pd.DataFrame, articles: pd.DataFrame,
                     act_id: str | None = None) -> go.Figure:
    """Ladder: Budapest articles (left axis) joined to UN articles (right axis) by match.

    With ``act_id``, the links of that UNODC act are drawn thick and black on top.
    """
    links = crosswalk_links(crosswalk, articles)
    colors = style.category_colors("crosswalk", "match")
    names = labels("crosswalk", "match")
    fig = go.Figure()
    for match in colors:
        mine = links[links["match"] == match]
        xs, ys, hover = [], [], []
        for r in mine.itertuples():
            xs += [0, 1, None]
            ys += [r.y_left, r.y_right, None]
            text = f"{ptext(r.left)} ↔ {ptext(r.right)}<br>{wrap(r.explanation, 60)}"
            hover += [text, text, None]
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines+markers", name=names[match],
                                 line=dict(color=colors[match], width=4),
                                 marker=dict(size=9, color=colors[match]), hovertext=hover,
                                 hoverinfo="text"))
    picked = links[links["unodc_act_id"] == act_id] if act_id else links.iloc[0:0]
    xs, ys = [], []
    for r in picked.itertuples():
        xs += [0, 1, None]
        ys += [r.y_left, r.y_right, None]
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines+markers", name=_("Picked act"),
                             line=dict(color="#000000", width=7), hoverinfo="skip",
                             marker=dict(size=14, color="#000000", symbol="circle-open",
                                         line=dict(width=3)), showlegend=bool(act_id)))
    left, right = _side_ticks(links, "left"), _side_ticks(links, "right")
    top = max(max(left[0]), max(right[0]))
    rng = [top + 0.6, -0.6]
    style.style(fig, _("How Budapest articles line up with UN Convention articles"))
    fig.update_layout(yaxis=dict(tickvals=left[0], ticktext=left[1], range=rng, type="linear",
                                 title_text=_("Budapest Convention"), showgrid=False,
                                 zeroline=False),
                      yaxis2=dict(tickvals=right[0], ticktext=right[1], range=rng,
                                  type="linear",
                                  overlaying="y", side="right", automargin=True,
                                  title_text=_("UN Convention"), showgrid=False,
                                  zeroline=False, tickfont=dict(size=13)),
                      xaxis=dict(visible=False, range=[-0.04, 1.04], fixedrange=True,
                                 type="linear"))
    fig.add_trace(go.Scatter(x=[1], y=[0], yaxis="y2", mode="markers", showlegend=False,
                             marker=dict(opacity=0), hoverinfo="skip"))
    style.legend_above(fig, _("Match"))
    style.set_height(fig, _ladder_height(fig, left[1], right[1], top))
    return fig


def _ladder_height(fig: go.Figure, left: list[str], right: list[str], top: int) -> int:
    """Chart height that gives each rung room for its longest wrapped labels on both sides."""
    per_rung = max(62.0, style.label_room(left), style.label_room(right))
    margins = (fig.layout.margin.t or 0) + (fig.layout.margin.b or 0)
    return max(520, round(per_rung * (top + 1.2)) + margins + style.legend_reserve(fig))


def offence_articles(crosswalk: pd.DataFrame, articles: pd.DataFrame,
                     act_id: str) -> pd.DataFrame:
    """Articles of both treaties linked to one UNODC act, with the kind of match.

    A treaty with no linked article gets one row saying so, with match 'none'.
    """
    links = crosswalk[crosswalk["unodc_act_id"] == act_id]
    out = []
    for treaty, col in ((_("Budapest Convention"), "budapest_article_id"),
                        (_("UN Convention"), "un_article_id")):
        found = links[links[col].notna()]
        for row in found.itertuples():
            out.append({"treaty": treaty, "article": article_label(articles, getattr(row, col)),
                        "match": label("crosswalk", "match", row.match),
                        "confidence": label("crosswalk", "confidence", row.confidence),
                        "why": row.explanation})
        if found.empty:
            why = "; ".join(links["explanation"]) or _("No crosswalk row for this act.")
            out.append({"treaty": treaty, "article": _("no matching article"),
                        "match": label("crosswalk", "match", "none"),
                        "confidence": ", ".join(sorted({label("crosswalk", "confidence", c)
                                                        for c in links["confidence"]})),
                        "why": why})
    return pd.DataFrame(out, columns=["treaty", "article", "match", "confidence", "why"])


HEADERS = {"treaty": N_("Treaty"), "article": N_("Article"), "match": N_("Match"),
           "confidence": N_("Confidence"), "why": N_("Why")}


def act_options(offences: pd.DataFrame) -> list[tuple[str, str]]:
    """Menu options (label, offence_id) of the UNODC acts, in the Study's order."""
    acts = unodc_rows(offences, "act")
    return [(str(lab), i) for i, lab in zip(acts["offence_id"], acts["label"], strict=True)]


def crosswalk_view(crosswalk: pd.DataFrame, offences: pd.DataFrame, articles: pd.DataFrame,
                   act_id: str) -> View:
    """What the crosswalk explorer shows for one UNODC act."""
    name = offences.set_index("offence_id").loc[act_id, "label"]
    fig = crosswalk_ladder(crosswalk, articles, act_id)
    n = int((crosswalk_links(crosswalk, articles)["unodc_act_id"] == act_id).sum())
    fig.layout.title.text = ngettext("{act}: {n} link to a treaty article",
                                     "{act}: {n} links to treaty articles", n).format(
        act=ptext(shorten(name, 60)), n=n)
    table = offence_articles(crosswalk, articles, act_id)
    summary = f"{name}: " + "; ".join(f"{r.treaty} {r.article} ({r.match})"
                                      for r in table.itertuples())
    details = f"<b>{esc(name)}</b>" + html_table(table, headers={k: _(v) for k, v in
                                                                   HEADERS.items()})
    return View((fig,), summary, details, extra={"links": n})


def explore_crosswalk(crosswalk: pd.DataFrame, offences: pd.DataFrame,
                      articles: pd.DataFrame) -> Explorer:
    """Explorer: pick a UNODC act; its links are drawn thick and its articles listed below."""
    options = act_options(offences)
    pick = dropdown(options, options[0][1], _("UNODC act:"), width="min(100%, 640px)")
    return Explorer("crosswalk", {"act_id": pick},
                    lambda act_id: crosswalk_view(crosswalk, offences, articles, act_id),
                    min_height=600)


def crosswalk_lines(crosswalk: pd.DataFrame, articles: pd.DataFrame) -> list[str]:
    """How many links the ladder draws, by match and confidence, and the acts it leaves out."""
    links = crosswalk_links(crosswalk, articles)
    out = [_("Links drawn: {n} of {total}").format(n=len(links), total=len(crosswalk))]
    counts = links["match"].value_counts()
    for match, name in labels("crosswalk", "match").items():
        if match in counts.index:
            out.append(f"    {name}: {int(counts[match])}")
    alone = crosswalk.loc[~crosswalk.index.isin(links.index), "unodc_act_id"].dropna()
    out.append(_("UNODC acts with no article in either treaty: {n}").format(n=len(alone)))
    conf = crosswalk["confidence"].astype("string").value_counts()
    out.append(_("Confidence of the links: {mix}").format(mix=", ".join(
        f"{name} {int(conf[k])}" for k, name in labels("crosswalk", "confidence").items()
        if k in conf.index)))
    return out
