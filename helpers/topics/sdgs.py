"""Notebook 02: how cybercrime touches the SDGs, and why "target 10.8" does not exist."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from helpers import style
from helpers.explorer import Explorer, View, dropdown
from helpers.i18n import N_, _, ngettext
from helpers.text import esc, html_table, label, labels, ptext, wrap

GENERAL = N_("Cybercrime in general")
LINK_HEADERS = {"crime_type": N_("Kind of crime"), "status": N_("Status"),
                "rationale": N_("Why the link is made"), "confidence": N_("Confidence")}


def target_sort_key(target_id: str) -> tuple[int, int, int | str]:
    """Official order of SDG targets: 10.1 .. 10.7, then 10.a .. 10.c; 16.10 after 16.9."""
    goal, part = str(target_id).split(".", 1)
    return (int(goal), 0, int(part)) if part.isdigit() else (int(goal), 1, part)


def link_key(links: pd.DataFrame) -> pd.Series:
    """Target each link points at: its target_id, or the number the article printed."""
    return links["target_id"].fillna(links["cited_as"]).astype("string")


def goal_name(goals: pd.DataFrame, goal: int) -> str:
    """'Goal 16: Peace, justice and strong institutions'."""
    short = goals.set_index("goal")["short_title"]
    return _("Goal {n}: {title}").format(n=goal, title=_(short.get(goal, "?")))


def sdg_flows(links: pd.DataFrame, targets: pd.DataFrame, goals: pd.DataFrame,
              offences: pd.DataFrame) -> pd.DataFrame:
    """One row per link: crime, key (target number), target and goal node names, status."""
    names = offences.set_index("offence_id")["label"]
    real = set(targets["target_id"])
    key = link_key(links)
    goal = key.map(lambda k: int(str(k).split(".")[0]))
    return pd.DataFrame({
        "crime": [names.get(o, _(GENERAL)) if isinstance(o, str) else _(GENERAL)
                  for o in links["offence_id"]],
        "key": list(key),
        "target": [k if k in real else _("{k}: no such target").format(k=k) for k in key],
        "goal": [goal_name(goals, g) for g in goal],
        "goal_number": list(goal),
        "status": [str(s) for s in links["status"]],
        "hover": [wrap(t, 60) for t in links["crime_type"]],
    }, index=links.index)


def _positions(sizes: list[int], gap: float = 0.6) -> list[float]:
    """Vertical centres (0 = top) for one column of nodes stacked by size with gaps between.

    A node is as tall as its number of links; ``gap`` is the space between two nodes, in the
    same unit, so big nodes never overlap their neighbours.
    """
    total = sum(sizes) + gap * (len(sizes) - 1)
    out, top = [], 0.0
    for size in sizes:
        out.append(0.01 + 0.98 * (top + size / 2) / total)
        top += size + gap
    return out


def sankey_parts(flows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Nodes (name, column, x, y) and links (source, target, value, status, key, hover)."""
    ordered = flows.assign(order=flows["key"].map(target_sort_key)).sort_values("order")
    crimes = sorted(set(flows["crime"]))
    tgts = list(dict.fromkeys(ordered["target"]))
    gls = [g for _n, g in sorted(set(zip(flows["goal_number"], flows["goal"], strict=True)))]
    size = {**flows["crime"].value_counts().to_dict(), **flows["target"].value_counts().to_dict(),
            **flows["goal"].value_counts().to_dict()}
    nodes = pd.DataFrame(
        [{"name": n, "column": c, "x": x, "y": y}
         for c, x, col in (("crime", 0.001, crimes), ("target", 0.5, tgts), ("goal", 0.999, gls))
         for n, y in zip(col, _positions([int(size[n]) for n in col]), strict=True)])
    index = {n: i for i, n in enumerate(nodes["name"])}
    first = flows.assign(source=flows["crime"].map(index), target=flows["target"].map(index),
                         value=1)
    second = (ordered.groupby(["target", "goal", "key"], sort=False).size()
              .reset_index(name="value"))
    second = second.assign(source=second["target"].map(index),
                           target=second["goal"].map(index), status="goal",
                           hover=second["value"].map(lambda v: ngettext(
                               "{n} link", "{n} links", v).format(n=v)))
    cols = ["source", "target", "value", "status", "key", "hover"]
    return nodes, pd.concat([first[cols], second[cols]], ignore_index=True)


def link_colors(parts: pd.DataFrame, chosen: str | None = None) -> list[str]:
    """Link colours by status; with ``chosen``, the links of other targets are greyed out."""
    colors = style.category_colors("sdg_links", "status")
    out = []
    for status, key in zip(parts["status"], parts["key"], strict=True):
        base = colors.get(status, "#888888")
        dim = chosen is not None and key != chosen
        out.append(style.rgba("#BBBBBB", 0.25) if dim else style.rgba(base, 0.6))
    return out


def sdg_sankey(links: pd.DataFrame, targets: pd.DataFrame, goals: pd.DataFrame,
               offences: pd.DataFrame, chosen: str | None = None) -> go.Figure:
    """Sankey: kind of crime -> SDG target -> goal, links coloured by how sound they are."""
    nodes, parts = sankey_parts(sdg_flows(links, targets, goals, offences))
    node_color = {"crime": style.PALETTE[0], "target": style.PALETTE[4], "goal": style.PALETTE[2]}
    colors = [("#D55E00" if ":" in n and c == "target" else node_color[c])
              for n, c in zip(nodes["name"], nodes["column"], strict=True)]
    shown = [wrap(n, 26 if c != "target" else 16)
             for n, c in zip(nodes["name"], nodes["column"], strict=True)]
    fig = go.Figure(go.Sankey(
        arrangement="fixed",
        node=dict(label=shown, color=colors, pad=10, thickness=16, x=list(nodes["x"]),
                  y=list(nodes["y"]), hovertemplate="%{label}<extra></extra>"),
        link=dict(source=list(parts["source"]), target=list(parts["target"]),
                  value=list(parts["value"]), color=link_colors(parts, chosen),
                  customdata=list(parts["hover"]),
                  hovertemplate="%{customdata}<extra></extra>"),
        textfont=dict(size=13)))
    n = len(links)
    title = ngettext("From kinds of cybercrime to SDG targets and goals: {n} link",
                     "From kinds of cybercrime to SDG targets and goals: {n} links", n)
    style.style(fig, title.format(n=n))
    status = labels("sdg_links", "status")
    fig.update_layout(margin=dict(l=4, r=4, b=10))
    style.add_key(fig, style.category_colors("sdg_links", "status"), status, _("Link colour: "))
    style.set_height(fig, _sankey_height(fig, nodes, shown))
    return fig


def _sankey_height(fig: go.Figure, nodes: pd.DataFrame, shown: list[str]) -> int:
    """At least 600 px, and tall enough that no two node labels of a column touch.

    Plotly centres a node's label on the node, so neighbours need the room
    :func:`style.label_room` gives between their centres.
    """
    plot = 600 - (fig.layout.margin.t or 0) - (fig.layout.margin.b or 0)
    frame = nodes.assign(label=shown)
    for _column, col in frame.groupby("column", sort=False):
        col = col.sort_values("y")
        for (y0, a), (y1, b) in zip(zip(col["y"], col["label"], strict=True),
                                    zip(col["y"][1:], col["label"][1:], strict=True),
                                    strict=False):
            plot = max(plot, style.label_room([a, b], 13) / max(y1 - y0, 1e-3))
    return round(plot) + (fig.layout.margin.t or 0) + (fig.layout.margin.b or 0)


def flow_lines(links: pd.DataFrame, targets: pd.DataFrame, goals: pd.DataFrame,
               offences: pd.DataFrame) -> list[str]:
    """Links per goal and per status, and the target numbers the article prints."""
    flows = sdg_flows(links, targets, goals, offences)
    out = []
    for (_num, goal), n in flows.groupby(["goal_number", "goal"]).size().items():
        out.append(ngettext("{goal}: {n} link", "{goal}: {n} links", n).format(goal=goal, n=n))
    status = flows["status"].value_counts()
    out.append(_("By status: {mix}").format(mix=", ".join(
        f"{name} {int(status[k])}" for k, name in labels("sdg_links", "status").items()
        if k in status.index)))
    cited = sorted(links.loc[links["article_cites"].astype(bool), "cited_as"],
                   key=target_sort_key)
    out.append(_("Target numbers the article prints: {numbers}").format(
        numbers=", ".join(cited)))
    return out


def target_options(links: pd.DataFrame) -> list[str]:
    """Targets the links point at (including cited numbers that do not exist), in SDG order."""
    return sorted(set(link_key(links)), key=target_sort_key)


def target_html(links: pd.DataFrame, targets: pd.DataFrame, key: str) -> str:
    """Escaped HTML: the official text of a target (or a warning) and why each link is made."""
    rows = targets[targets["target_id"] == key]
    if rows.empty:
        head = _("<b>{k}</b>: no target with this number exists in the official list.")
    else:
        head = _("<b>Target {k}</b> (official text): {text}")
    text = esc(rows["text"].iloc[0]) if len(rows) else ""
    mine = links[link_key(links) == key].assign(
        status=lambda f: [label("sdg_links", "status", s) for s in f["status"]],
        confidence=lambda f: [label("sdg_links", "confidence", c) for c in f["confidence"]])
    table = html_table(mine, list(LINK_HEADERS), {k: _(v) for k, v in LINK_HEADERS.items()})
    return f"<p>{head.format(k=esc(key), text=text)}</p>{table}"


def target_view(links: pd.DataFrame, targets: pd.DataFrame, goals: pd.DataFrame,
                offences: pd.DataFrame, key: str) -> View:
    """What the target explorer shows for one target number."""
    fig = sdg_sankey(links, targets, goals, offences, chosen=key)
    mine = links[link_key(links) == key]
    n = len(mine)
    fig.layout.title.text = ngettext("Target {k}: {n} link", "Target {k}: {n} links", n).format(
        k=ptext(key), n=n)
    status = mine["status"].astype("string").value_counts()
    mix = ", ".join(f"{name} {int(status[s])}" for s, name in labels("sdg_links", "status")
                    .items() if s in status.index)
    summary = ngettext("Target {k}: {n} link ({mix})", "Target {k}: {n} links ({mix})",
                       n).format(k=key, n=n, mix=mix)
    return View((fig,), summary, target_html(links, targets, key), extra={"links": n})


def explore_targets(links: pd.DataFrame, targets: pd.DataFrame, goals: pd.DataFrame,
                    offences: pd.DataFrame) -> Explorer:
    """Explorer: pick a target; its links light up and its official text is shown below."""
    options = target_options(links)
    pick = dropdown(options, options[0], _("SDG target:"))
    return Explorer("targets", {"key": pick},
                    lambda key: target_view(links, targets, goals, offences, key),
                    min_height=600)


def goal_targets(targets: pd.DataFrame, goal: int) -> list[str]:
    """The targets of one goal in official order."""
    return sorted(targets.loc[targets["goal"] == goal, "target_id"], key=target_sort_key)


def goal10_lines(targets: pd.DataFrame, links: pd.DataFrame) -> list[str]:
    """Goal 10's targets, the highest numbered one, and the links citing a missing target."""
    ten = goal_targets(targets, 10)
    numbered = [t for t in ten if t.split(".")[1].isdigit()]
    out = [_("Goal 10 targets: {targets}").format(targets=", ".join(ten)),
           _("Highest numbered target: {t}").format(t=numbered[-1]),
           _("Is 10.8 among them? {answer}").format(
               answer=_("yes") if "10.8" in ten else _("no"))]
    for row in links[links["status"].astype("string") == "nonexistent_target"].itertuples():
        out.append(_("The article cites {k} for: {crime} ({confidence})").format(
            k=row.cited_as, crime=row.crime_type,
            confidence=label("sdg_links", "confidence", row.confidence)))
    return out


def intent_lines(links: pd.DataFrame, targets: pd.DataFrame) -> list[str]:
    """The targets the article may have meant (status plausible_intent), with official text."""
    guess = links[links["status"].astype("string") == "plausible_intent"]
    text = targets.set_index("target_id")["text"]
    out = []
    for row in sorted(guess.itertuples(), key=lambda r: target_sort_key(r.target_id)):
        out.append(f"{row.target_id} ({label('sdg_links', 'confidence', row.confidence)}): "
                   f"{row.rationale}")
        out.append("    " + _("Official text: {text}").format(text=text[row.target_id]))
    return out


__all__ = ["explore_targets", "flow_lines", "goal10_lines", "goal_targets", "intent_lines",
           "link_key", "sdg_flows", "sdg_sankey", "target_options", "target_sort_key",
           "target_view"]
