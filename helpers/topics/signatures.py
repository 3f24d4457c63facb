"""Notebook 04, second half: who signed the UN Convention, on an offline map, and ratifications.

The map is drawn from the simplified outlines in ``data/world_shapes.csv`` as filled line
traces: Plotly's own geo maps fetch their outlines from a CDN, which a workshop room offline
cannot reach.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from helpers import style
from helpers.explorer import Explorer, View, dropdown
from helpers.i18n import N_, _, label_colon, ngettext
from helpers.text import collate, label, labels, ptext
from helpers.topics.common import as_of, count_by, day

#: Map groups, in legend order; the last one is drawn as plain background.
GROUPS = {"opening": N_("Signed on the opening day"), "later": N_("Signed later"),
          "none": N_("Not signed (or not on the list)")}
GROUP_COLORS = {"opening": "#0072B2", "later": "#56B4E9", "none": "#E6E6E6"}


@lru_cache(maxsize=4096)
def _ring(path: str) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Longitudes and latitudes of one 'M lon lat L lon lat ... Z' ring (parsed once)."""
    xs, ys = [], []
    for step in path.strip().rstrip("Z").split("L"):
        lon, lat = step.strip().lstrip("M").split()
        xs.append(float(lon))
        ys.append(float(lat))
    return tuple(xs), tuple(ys)


def outlines_xy(shapes: pd.DataFrame, codes: set[str]) -> tuple[np.ndarray, np.ndarray]:
    """All rings of the given ISO3 codes as one x/y array, rings separated by NaN."""
    xs: list[float] = []
    ys: list[float] = []
    rows = shapes[shapes["iso3"].isin(codes) & shapes["path"].notna()]
    for path in rows["path"]:
        rx, ry = _ring(path)
        xs += [*rx, np.nan]
        ys += [*ry, np.nan]
    return np.array(xs, dtype="f4"), np.array(ys, dtype="f4")


def world_map(shapes: pd.DataFrame, group_of: dict[str, str], hover_of: dict[str, str],
              title: str, groups: dict[str, str] | None = None,
              colors: dict[str, str] | None = None) -> go.Figure:
    """Offline world map: countries filled by group, a dot with hover text on each state.

    ``group_of`` maps ISO3 codes to a key of ``groups`` (default :data:`GROUPS`, with
    ``colors``); other countries fall in the last group, drawn as background. Dots also show
    states too small for the outlines.
    """
    groups, colors = groups or GROUPS, colors or GROUP_COLORS
    cents = shapes.drop_duplicates("iso3").set_index("iso3")[["centroid_lon", "centroid_lat"]]
    last = list(groups)[-1]
    fig = go.Figure()
    for group, color in colors.items():
        codes = {c for c in cents.index if group_of.get(c, last) == group}
        xs, ys = outlines_xy(shapes, codes)
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor=color,
                                 line=dict(color="white", width=0.5), name=_(groups[group]),
                                 legendgroup=group, hoverinfo="skip", showlegend=False))
        dots = cents.loc[sorted(codes) if group != last else []]
        fig.add_trace(go.Scatter(
            x=list(dots["centroid_lon"]), y=list(dots["centroid_lat"]), mode="markers",
            name=_(groups[group]), legendgroup=group,
            hovertext=[hover_of.get(c, c) for c in dots.index],
            hovertemplate=f"%{{hovertext}}<br><i>{ptext(_(groups[group]))}</i><extra></extra>",
            marker=dict(color=color, size=6, line=dict(color="#333333", width=0.5))))
    fig.update_xaxes(visible=False, range=[-180, 180], type="linear")
    fig.update_yaxes(visible=False, range=[-58, 84], scaleanchor="x", scaleratio=1,
                     type="linear")
    style.style(fig, title, height=500)
    style.legend_above(fig)
    fig.update_layout(plot_bgcolor="#F4F7FB")
    return fig


def signed_by(signatures: pd.DataFrame, until: object = None) -> pd.DataFrame:
    """Signatories whose signature date is on or before ``until`` (all if None), by date."""
    rows = signatures if until is None else signatures[
        signatures["signature_date"] <= pd.Timestamp(until)]
    return rows.sort_values(["signature_date", "party"])


def signature_groups(signatures: pd.DataFrame, until: object = None) -> dict[str, str]:
    """ISO3 -> map group ('opening' or 'later') for the states that signed by ``until``."""
    rows = signed_by(signatures, until)
    rows = rows[rows["iso3"].notna()]
    first = signatures["signature_date"].min()
    return {iso: "opening" if d == first else "later"
            for iso, d in zip(rows["iso3"], rows["signature_date"], strict=True)}


def signature_hover(signatures: pd.DataFrame) -> dict[str, str]:
    """ISO3 -> hover text: party, signature date, ratification (if any) and confidence."""
    rows = signatures[signatures["iso3"].notna()]
    ratified, confidence = label_colon(_("ratified")), label_colon(_("confidence"))
    return {r.iso3: f"<b>{ptext(r.party)}</b><br>{_('signed')} {day(r.signature_date)}"
                    f"<br>{ratified} {day(r.ratification_date) or _('not yet')}"
                    f"<br>{confidence} {label('signatures', 'confidence', r.confidence)}"
            for r in rows.itertuples()}


def signature_title(signatures: pd.DataFrame, until: object = None) -> str:
    """'UN Convention: 73 signatories by 2025-11-19 (list as of 2026-02-10)'."""
    rows = signed_by(signatures, until)
    upto = day(until) if until is not None else day(signatures["signature_date"].max())
    return ngettext("UN Convention: {n} signatory by {day} (list as of {as_of})",
                    "UN Convention: {n} signatories by {day} (list as of {as_of})",
                    len(rows)).format(n=len(rows), day=upto, as_of=as_of(signatures))


def signature_map(signatures: pd.DataFrame, shapes: pd.DataFrame,
                  until: object = None) -> go.Figure:
    """World map of the signatory states up to ``until``; the EU has no outline, the title
    counts it."""
    return world_map(shapes, signature_groups(signatures, until), signature_hover(signatures),
                     signature_title(signatures, until))


def signature_curve(signatures: pd.DataFrame, until: object = None) -> go.Figure:
    """Cumulative number of signatories, day by day up to the list's as-of date."""
    counts = signatures.groupby("signature_date").size().sort_index().cumsum()
    end = max(signatures["as_of"].max(), counts.index.max())
    full = counts.reindex(pd.date_range(counts.index.min(), end), method="ffill")
    fig = go.Figure(go.Scatter(
        x=[day(d) for d in full.index], y=[int(v) for v in full.values], mode="lines",
        line_shape="hv", name=_("Signatories so far"), line=dict(color=style.PALETTE[0], width=3),
        hovertemplate="%{x}: %{y}<extra></extra>"))
    if until is not None:
        n = len(signed_by(signatures, until))
        fig.add_trace(go.Scatter(x=[day(until)], y=[n], mode="markers+text", text=[str(n)],
                                 textposition="bottom right", name=_("Chosen date"),
                                 marker=dict(size=14, color=style.PALETTE[5],
                                             symbol="circle-open", line=dict(width=3))))
    style.style(fig, signature_title(signatures, until), _("Date"),
                _("Signatories (cumulative)"), height=340)
    pad = pd.Timedelta(days=7)  # keeps the first date tick clear of the y axis labels
    fig.update_xaxes(type="date", range=[day(full.index.min() - pad), day(full.index.max() + pad)])
    fig.update_yaxes(type="linear")
    top = float(full.max())
    style.integer_axis(fig, "y", top)
    fig.update_yaxes(rangemode="normal", range=[-0.05 * top, 1.1 * top])  # "0" off the corner
    fig.update_layout(showlegend=False)
    return fig


def signatures_by_date(signatures: pd.DataFrame) -> go.Figure:
    """Signatures per day of signing, stacked by the confidence of each row."""
    dates = sorted(signatures["signature_date"].unique())
    colors = style.category_colors("signatures", "confidence")
    names = labels("signatures", "confidence")
    fig = go.Figure()
    for conf, color in colors.items():
        mine = signatures[signatures["confidence"].astype("string") == conf]
        counts = mine.groupby("signature_date").size().reindex(dates, fill_value=0)
        fig.add_trace(go.Bar(x=[day(d) for d in dates], y=[int(v) for v in counts.values],
                             name=names[conf], marker_color=color,
                             text=[int(v) or "" for v in counts.values]))
    style.style(fig, _("Signatures per day, by confidence (list as of {as_of})").format(
        as_of=as_of(signatures)), _("Day of signature"), _("Signatures"), height=380)
    fig.update_xaxes(type="category")
    fig.update_yaxes(type="linear")
    per_day = signatures.groupby("signature_date").size()
    style.integer_axis(fig, "y", float(per_day.max()))
    fig.update_layout(barmode="stack")
    style.legend_above(fig, _("Confidence"))
    return fig


def signature_dates(signatures: pd.DataFrame) -> list[str]:
    """Distinct signature dates, oldest first, as 'YYYY-MM-DD'."""
    return [day(d) for d in sorted(signatures["signature_date"].unique())]


def signature_summary(signatures: pd.DataFrame, until: object) -> str:
    """'By DATE: N signatories (S states on the map; R without a country code: names)'."""
    rows = signed_by(signatures, until)
    orgs = rows[rows["iso3"].isna()]
    return _("By {day}: {n} signatories ({states} states on the map; {orgs} without a country "
             "code, not on the map: {names})").format(
        day=day(until), n=len(rows), states=len(rows) - len(orgs), orgs=len(orgs),
        names=", ".join(orgs["party"]) or _("none"))


def signatures_view(signatures: pd.DataFrame, shapes: pd.DataFrame, until: str) -> View:
    """What the signatures explorer shows for one date: the map, the curve and a count."""
    return View((signature_map(signatures, shapes, until), signature_curve(signatures, until)),
                signature_summary(signatures, until),
                extra={"count": len(signed_by(signatures, until))})


def explore_signatures(signatures: pd.DataFrame, shapes: pd.DataFrame) -> Explorer:
    """Explorer: pick a date; the map and the cumulative curve show the signatories by then."""
    dates = signature_dates(signatures)
    pick = dropdown(dates, dates[-1], _("Signatories up to:"))
    return Explorer("signatures", {"until": pick},
                    lambda until: signatures_view(signatures, shapes, until), min_height=340)


def signature_lines(signatures: pd.DataFrame) -> list[str]:
    """The list's size and date, signatures per day, confidence, and the late signers."""
    orgs = signatures[signatures["iso3"].isna()]
    out = [_("Signatories as of {as_of}: {n} ({states} with a country code; without one: "
             "{names})").format(as_of=as_of(signatures), n=len(signatures),
                                states=len(signatures) - len(orgs),
                                names=", ".join(orgs["party"]) or _("none"))]
    per_day = signatures.groupby("signature_date").size()
    out.append(_("Per day of signature: {mix}").format(mix=", ".join(
        f"{day(d)}: {int(n)}" for d, n in per_day.items())))
    out.append(_("The rows' as-of dates run from {a} to {b}").format(
        a=day(signatures["as_of"].min()), b=day(signatures["as_of"].max())))
    conf = signatures["confidence"].astype("string").value_counts()
    out.append(_("Confidence: {mix}").format(mix=", ".join(
        f"{name} {int(conf[k])}" for k, name in labels("signatures", "confidence").items()
        if k in conf.index)))
    late = signatures[signatures["signature_date"] > signatures["signature_date"].min()]
    for r in late.sort_values(["signature_date", "party"]).itertuples():
        out.append(_("Signed after the opening day: {party}, {day} ({confidence})").format(
            party=r.party, day=day(r.signature_date),
            confidence=label("signatures", "confidence", r.confidence)))
    return out


def map_lines(signatures: pd.DataFrame, shapes: pd.DataFrame) -> list[str]:
    """How many signatories the map fills, which are dots only, and which cannot be drawn."""
    outlined = set(shapes.loc[shapes["path"].notna(), "iso3"])
    drawn = signatures[signatures["iso3"].isin(outlined)]
    dots = signatures[signatures["iso3"].notna() & ~signatures["iso3"].isin(outlined)]
    return [_("Filled on the map: {n} of {total} signatories").format(n=len(drawn),
                                                                        total=len(signatures)),
            _("Shown as dots (too small for the outlines): {names}").format(
                names=", ".join(sorted(dots["party"])) or _("none")),
            _("Not on the map (no country code): {names}").format(
                names=", ".join(sorted(signatures.loc[signatures["iso3"].isna(), "party"]))
                or _("none"))]


def ratifications_needed(milestones: pd.DataFrame, default: int = 40) -> int:
    """Ratifications needed for entry into force, read from the rule's title ('40th')."""
    rule = milestones[milestones["kind"].astype("string") == "rule"]
    found = rule["title"].str.extract(r"(\d+)(?:st|nd|rd|th) instrument")[0].dropna()
    return int(found.iloc[0]) if len(found) else default


def ratification_progress(signatures: pd.DataFrame, needed: int) -> go.Figure:
    """Bullet gauge: instruments deposited by states against the number needed."""
    states = signatures[signatures["entity_kind"].astype("string") == "state"]
    done = int(states["ratification_date"].notna().sum())
    fig = go.Figure(go.Indicator(
        mode="number+gauge", value=done, number=dict(suffix=_(" of {n}").format(n=needed)),
        gauge=dict(shape="bullet", axis=dict(range=[0, needed], dtick=10),
                   bar=dict(color=style.PALETTE[2]),
                   threshold=dict(value=needed, line=dict(color=style.PALETTE[5], width=4)))))
    style.style(fig, _("Ratifications deposited: {done} of {needed} needed (as of {as_of}; "
                       "{signed} states have signed)").format(
        done=done, needed=needed, as_of=as_of(signatures), signed=len(states)), height=210)
    fig.update_layout(margin=dict(l=150, r=40, t=80, b=30))
    return fig


def ratification_lines(signatures: pd.DataFrame, milestones: pd.DataFrame,
                       instruments: pd.DataFrame) -> list[str]:
    """The entry-into-force rule, the ratifications recorded, and the Convention's status."""
    rule = milestones.set_index("milestone_id").loc["entry_into_force_rule"]
    needed = ratifications_needed(milestones)
    done = int(signatures["ratification_date"].notna().sum())
    un = instruments.set_index("instrument_id").loc["un_convention_cybercrime"]
    return [_("Rule: {title} ({confidence})").format(
                title=rule["title"], confidence=label("milestones", "confidence",
                                                      rule["confidence"])),
            _("Ratifications recorded as of {as_of}: {done} of {needed} needed").format(
                as_of=as_of(signatures), done=done, needed=needed),
            _("UN Convention status: {status} as of {date} ({confidence})").format(
                status=label("instruments", "status", un["status"]).lower(),
                date=day(un["status_as_of"]),
                confidence=label("instruments", "confidence", un["confidence"]))]


#: Map groups of the "who has not signed" view.
ABSENT_GROUPS = {"member": N_("UN member state that has not signed"),
                 "signed": N_("Signed"), "other": N_("Not a UN member state")}
ABSENT_COLORS = {"member": "#D55E00", "signed": "#56B4E9", "other": "#E6E6E6"}


def not_signed(signatures: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """UN member states with no signature in the list, by name."""
    signed = set(signatures["iso3"].dropna())
    rows = members[~members["iso3"].isin(signed)]
    return rows.sort_values("name", key=lambda names: names.map(collate)).reset_index(drop=True)


def not_signed_map(signatures: pd.DataFrame, members: pd.DataFrame,
                   shapes: pd.DataFrame) -> go.Figure:
    """World map: member states that have not signed, those that have, and the rest.

    A dot's hover names the state and its group; the dates are in the title and in
    :func:`signature_map`'s hover."""
    absent = set(not_signed(signatures, members)["iso3"])
    group_of = {iso: "member" for iso in absent}
    group_of.update({iso: "signed" for iso in signatures["iso3"].dropna()})
    names = members.set_index("iso3")["name"]
    hover = {iso: f"<b>{ptext(names[iso])}</b>" for iso in absent}  # the group says the rest
    hover.update({r.iso3: f"<b>{ptext(r.party)}</b>"
                  for r in signatures[signatures["iso3"].notna()].itertuples()})
    title = _("{n} of {total} UN member states had not signed (list as of {as_of})").format(
        n=len(absent), total=len(members), as_of=as_of(signatures))
    return world_map(shapes, group_of, hover, title, ABSENT_GROUPS, ABSENT_COLORS)


def not_signed_lines(signatures: pd.DataFrame, members: pd.DataFrame) -> list[str]:
    """How many member states have not signed, and which (by region when the list has one)."""
    rows = not_signed(signatures, members)
    out = [_("{n} of {total} UN member states do not appear in the signature list as of "
             "{as_of}.").format(n=len(rows), total=len(members), as_of=as_of(signatures))]
    if "region" in rows.columns and rows["region"].notna().any():
        for region, group in rows.groupby(rows["region"].astype("string"), sort=True):
            out.append(f"{label('un_member_states', 'region', region)} ({len(group)}): "
                       + ", ".join(group["name"]))
    else:
        out.append(", ".join(rows["name"]))
    return out + membership_lines(members)


def membership_lines(members: pd.DataFrame) -> list[str]:
    """How the member-state list itself is established (membership status and confidence)."""
    if "membership" not in members.columns:
        return []
    def listed(column: str) -> str:
        """'inferred from the M49 list (193)' for each value of ``column``."""
        return ", ".join(f"{name} ({n})" for name, n in count_by(members, column,
                                                                   "un_member_states"))
    return [_("How the {total} member states are known: {basis}; confidence of the rows: "
              "{grades}.").format(total=len(members), basis=listed("membership"),
                                 grades=listed("confidence"))]


def deadline_line(signatures: pd.DataFrame, milestones: pd.DataFrame) -> str:
    """'As of 2026-02-10, 324 days were left before signature closes on 2026-12-31.'"""
    rows = milestones.set_index("milestone_id")
    deadline = rows.loc["signature_deadline", "start_date"]
    left = int((deadline - signatures["as_of"].max()).days)
    return ngettext("As of {as_of}, {n} day was left before the Convention closes for "
                    "signature on {deadline}.",
                    "As of {as_of}, {n} days were left before the Convention closes for "
                    "signature on {deadline}.", left).format(
        as_of=as_of(signatures), n=left, deadline=day(deadline))
