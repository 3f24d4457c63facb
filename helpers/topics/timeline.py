"""Notebook 03: the road to a treaty: every milestone on one filterable timeline."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from helpers import style
from helpers.data.descriptor import categories
from helpers.explorer import Explorer, View, dropdown
from helpers.i18n import N_, _, format_date, label_colon, ngettext
from helpers.text import html_table, label, labels, ptext, wrap
from helpers.topics.common import ALL, choices, day

DAY_MS = 86_400_000
TABLE_HEADERS = {"when": N_("When"), "title": N_("Milestone"), "city": N_("City"),
                 "confidence": N_("Confidence")}


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
    """'29 milestones, Nov 2019 to Dec 2026' ('1 milestone', 'No ... match')."""
    if kind != ALL:
        return _kind_title(rows, label("milestones", "kind", kind).lower())
    if rows.empty:
        return _("No milestones match the filters")
    n = len(rows)
    first, last = rows["start_date"].min(), last_day(rows).max()
    return ngettext("{n} milestone, {first} to {last}", "{n} milestones, {first} to {last}",
                    n).format(n=n, first=format_date(first, "month"),
                              last=format_date(last, "month"))


def _kind_title(rows: pd.DataFrame, kind: str) -> str:
    """'8 negotiating session milestones, Feb 2022 to Aug 2024' (or 'No ... match')."""
    if rows.empty:
        return _("No {kind} milestones match the filters").format(kind=kind)
    n = len(rows)
    first, last = rows["start_date"].min(), last_day(rows).max()
    return ngettext("{n} {kind} milestone, {first} to {last}",
                    "{n} {kind} milestones, {first} to {last}", n).format(
        n=n, kind=kind, first=format_date(first, "month"), last=format_date(last, "month"))


def _when(rows: pd.DataFrame) -> list[str]:
    """'28 Feb 2022 to 11 Mar 2022' or '27 Dec 2019' for each row."""
    starts = [format_date(d) for d in rows["start_date"]]
    ends = [format_date(d) if pd.notna(d) else None for d in rows["end_date"]]
    return [f"{s} – {e}" if e else s for s, e in zip(starts, ends, strict=True)]


def _hover(rows: pd.DataFrame) -> list[str]:
    """Hover text per row: title, dates, place and confidence."""
    return [f"{wrap(t, 50)}<br>{w} · {ptext(c) if isinstance(c, str) else _('no city')}"
            f" · {label_colon(_('confidence'))} {label('milestones', 'confidence', k)}"
            for t, w, c, k in zip(rows["title"], _when(rows), rows["city"], rows["confidence"],
                                  strict=True)]


def timeline_traces(rows: pd.DataFrame) -> list[dict]:
    """Per confidence level (schema order): a bar trace (spans) and a diamond trace (one day)."""
    out = []
    for conf in categories("milestones", "confidence"):
        mine = rows[rows["confidence"].astype("string") == conf]
        spans, days = mine[mine["end_date"].notna()], mine[mine["end_date"].isna()]
        width = (spans["end_date"] - spans["start_date"]).dt.days + 1
        out.append(dict(x=[int(w) * DAY_MS for w in width],
                        base=list(spans["start_date"].dt.strftime("%Y-%m-%d")),
                        y=[label("milestones", "kind", k) for k in spans["kind"]],
                        hovertext=_hover(spans)))
        out.append(dict(x=list(days["start_date"].dt.strftime("%Y-%m-%d")),
                        y=[label("milestones", "kind", k) for k in days["kind"]],
                        hovertext=_hover(days)))
    return out


def timeline_chart(milestones: pd.DataFrame, rows: pd.DataFrame | None = None,
                   kind: str = ALL, window: tuple[pd.Timestamp, pd.Timestamp] | None = None,
                   mark_first: bool = True) -> go.Figure:
    """Timeline: multi-day events as bars, one-day events as diamonds, coloured by confidence.

    The x axis is always a date axis (pinned, whatever the rows), and an empty selection gives
    the explicit "nothing matches" state.
    """
    rows = milestones.sort_values(["start_date", "milestone_id"]) if rows is None else rows
    fig = go.Figure()
    colors = style.category_colors("milestones", "confidence")
    names = labels("milestones", "confidence")
    for i, data in enumerate(timeline_traces(rows)):
        conf = list(colors)[i // 2]
        if i % 2 == 0:
            fig.add_trace(go.Bar(orientation="h", marker_color=colors[conf], name=names[conf],
                                 legendgroup=conf, hoverinfo="text", showlegend=False, **data))
        else:
            fig.add_trace(go.Scatter(mode="markers", name=names[conf], legendgroup=conf,
                                     hoverinfo="text", **data,
                                     marker=dict(symbol="diamond", size=12, color=colors[conf],
                                                 line=dict(color="#333333", width=1))))
    style.style(fig, timeline_title(rows, kind), _("Date"), "", height=540)
    if rows.empty:
        return style.empty(fig, timeline_title(rows, kind))
    order = [label("milestones", "kind", k) for k in categories("milestones", "kind")]
    present = set(label("milestones", "kind", k) for k in rows["kind"])
    fig.update_yaxes(categoryorder="array", categoryarray=[k for k in order if k in present],
                     autorange="reversed", type="category")
    fig.update_xaxes(type="date", range=date_range(rows, window))
    fig.update_layout(barmode="overlay")
    style.legend_above(fig, _("Confidence of the row"))
    if mark_first and (rows["milestone_id"] == first_session(milestones)["milestone_id"]).any():
        annotate_first_session(fig, milestones)
    return fig


def date_range(rows: pd.DataFrame,
               window: tuple[pd.Timestamp, pd.Timestamp] | None = None) -> list[str]:
    """The x range: the month window, else the shown rows padded to at least half a year.

    Never a range of a few days, so a single event stays a readable bar on a date axis.
    """
    if window is not None:
        return [day(window[0]), day(window[1])]
    lo, hi = rows["start_date"].min(), last_day(rows).max()
    pad = max(pd.Timedelta(days=45), (pd.Timedelta(days=180) - (hi - lo)) / 2)
    return [day(lo - pad), day(hi + pad)]


def first_session(milestones: pd.DataFrame) -> pd.Series:
    """The earliest negotiating session (the article's 'first meeting')."""
    rows = milestones[milestones["kind"].astype("string") == "negotiating_session"]
    return rows.sort_values("start_date").iloc[0]


def annotate_first_session(fig: go.Figure, milestones: pd.DataFrame) -> go.Figure:
    """Mark where the first negotiating session starts and ends (the article says March)."""
    row = first_session(milestones)
    end = row["end_date"] if pd.notna(row["end_date"]) else row["start_date"]
    fig.add_annotation(x=day(row["start_date"]), y=label("milestones", "kind", row["kind"]),
                       text=_("1st session: {start} to {end}<br>(the article: “March 2022”)")
                       .format(start=format_date(row["start_date"], "day_month"),
                               end=format_date(end)),
                       showarrow=True, arrowhead=2, ax=40, ay=-70, font=dict(size=13),
                       bgcolor="rgba(255,255,255,0.9)", xanchor="left")
    return fig


def milestone_table(rows: pd.DataFrame) -> str:
    """Escaped HTML table of the shown milestones: when, title, city, confidence."""
    frame = pd.DataFrame({"when": _when(rows), "title": list(rows["title"]),
                          "city": list(rows["city"].fillna("")),
                          "confidence": [label("milestones", "confidence", c)
                                         for c in rows["confidence"]]})
    return html_table(frame, headers={k: _(v) for k, v in TABLE_HEADERS.items()})


def month_options(milestones: pd.DataFrame) -> list[str]:
    """Every month ('YYYY-MM') from the first start to the last day in the table."""
    first, last = milestones["start_date"].min(), last_day(milestones).max()
    return list(pd.period_range(first, last, freq="M").strftime("%Y-%m"))


def month_window(first: str, last: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First day of month ``first`` and last day of month ``last``."""
    return pd.Period(first, "M").start_time, pd.Period(last, "M").end_time.normalize()


def timeline_summary(rows: pd.DataFrame) -> str:
    """'3 milestones from 2022-02-28 to 2022-09-09; first: First negotiating session'."""
    if rows.empty:
        return _("No milestones match the filters.")
    return ngettext("{n} milestone from {first} to {last}; first: {title}",
                    "{n} milestones from {first} to {last}; first: {title}", len(rows)).format(
        n=len(rows), first=day(rows["start_date"].min()), last=day(last_day(rows).max()),
        title=rows["title"].iloc[0])


def timeline_view(milestones: pd.DataFrame, kind: str = ALL, body: str = ALL, city: str = ALL,
                  months: tuple[str, str] | None = None) -> View:
    """What the timeline explorer shows for one set of filters."""
    window = month_window(*months) if months else None
    rows = timeline_rows(milestones, kind, body, city, *(window or (None, None)))
    fig = timeline_chart(milestones, rows, kind, window)
    details = milestone_table(rows) if len(rows) else ""
    return View((fig,), timeline_summary(rows), details, extra={"rows": len(rows)})


def explore_timeline(milestones: pd.DataFrame) -> Explorer:
    """Explorer: kind, body and city menus plus a month range slider over the timeline."""
    months = month_options(milestones)
    controls = {
        "kind": dropdown(choices(milestones, "kind", "milestones"), ALL, _("Kind:")),
        "body": dropdown(choices(milestones, "body"), ALL, _("Body:")),
        "city": dropdown(choices(milestones, "city"), ALL, _("City:")),
        "months": widgets.SelectionRangeSlider(
            options=months, index=(0, len(months) - 1), description=_("Months:"),
            style={"description_width": "initial"},
            layout=widgets.Layout(width="min(100%, 720px)")),
    }
    return Explorer("timeline", controls, lambda **v: timeline_view(milestones, **v),
                    rows=[["kind", "body", "city"], ["months"]], min_height=540)


def session_table(milestones: pd.DataFrame, kind: str = "negotiating_session") -> pd.DataFrame:
    """Sessions of one kind in date order: days (inclusive) and days since the previous one."""
    rows = milestones[milestones["kind"].astype("string") == kind].sort_values("start_date")
    ends = last_day(rows)
    gaps = (rows["start_date"].iloc[1:].to_numpy() - ends.iloc[:-1].to_numpy())
    out = pd.DataFrame({
        _("Session"): list(rows["title"]),
        _("City"): list(rows["city"].fillna("")),
        _("Start"): list(rows["start_date"].dt.strftime("%Y-%m-%d")),
        _("End"): list(ends.dt.strftime("%Y-%m-%d")),
        _("Days"): [int(d) for d in (ends - rows["start_date"]).dt.days + 1],
        _("Days since the previous one"): [None, *(int(g.astype("timedelta64[D]").astype(int))
                                                   - 1 for g in gaps)],
        _("Confidence"): [label("milestones", "confidence", c) for c in rows["confidence"]],
    })
    out[_("Days since the previous one")] = out[_("Days since the previous one")].astype("Int64")
    return out


def session_lines(sessions: pd.DataFrame) -> str:
    """'8 negotiating sessions, 95 meeting days in all; mean length 11.9 days, mean gap 114.'"""
    days, gaps = sessions[_("Days")], sessions[_("Days since the previous one")].dropna()
    cities = sessions[_("City")].value_counts().sort_index()
    return _("{n} negotiating sessions, {days} meeting days in all. Mean length {mean:.1f} "
             "days; mean gap {gap:.0f} days. Sessions per city: {cities}.").format(
        n=len(sessions), days=int(days.sum()), mean=float(days.mean()),
        gap=float(gaps.mean()), cities=", ".join(f"{c} {int(n)}" for c, n in cities.items()))


def kind_lines(milestones: pd.DataFrame) -> list[str]:
    """Milestones per kind (schema order), the first and last day, and the confidence mix."""
    counts = milestones["kind"].astype("string").value_counts()
    out = [f"{label('milestones', 'kind', k)}: {int(counts[k])}"
           for k in categories("milestones", "kind") if k in counts.index]
    out.append(_("First: {first}; last: {last}").format(
        first=day(milestones["start_date"].min()), last=day(last_day(milestones).max())))
    conf = milestones["confidence"].astype("string").value_counts()
    out.append(_("Confidence: {mix}").format(mix=", ".join(
        f"{name} {int(conf[k])}" for k, name in labels("milestones", "confidence").items()
        if k in conf.index)))
    return out


def span_line(milestones: pd.DataFrame, start_id: str, end_id: str) -> str:
    """'From A (date) to B (date): N days, about Y years' between two milestones."""
    dates = milestones.set_index("milestone_id")["start_date"]
    days = int((dates[end_id] - dates[start_id]).days)
    return _("From {a} ({da}) to {b} ({db}): {days} days, about {years:.1f} years").format(
        a=milestones.set_index("milestone_id").loc[start_id, "title"], da=day(dates[start_id]),
        b=milestones.set_index("milestone_id").loc[end_id, "title"], db=day(dates[end_id]),
        days=days, years=days / 365.25)


def first_session_lines(milestones: pd.DataFrame) -> list[str]:
    """The first session's dates and months, and what else happened in 2022 before it."""
    first = first_session(milestones)
    out = [_("{title}: {start} to {end}, {city} ({confidence})").format(
               title=first["title"], start=day(first["start_date"]), end=day(first["end_date"]),
               city=first["city"], confidence=label("milestones", "confidence",
                                                    first["confidence"])),
           _("It starts in {a} and ends in {b}.").format(
               a=format_date(first["start_date"], "month_long"),
               b=format_date(first["end_date"], "month_long"))]
    march = milestones[milestones["start_date"].dt.strftime("%Y-%m") == "2022-03"]
    out.append(_("Milestones that start in March 2022: {titles}").format(
        titles="; ".join(sorted(march["title"])) or _("none")))
    before = milestones[(milestones["start_date"] < first["start_date"])
                        & (milestones["start_date"].dt.year == 2022)]
    out.append(_("Earlier in 2022: {items}").format(items="; ".join(
        f"{r.title} ({day(r.start_date)})" for r in before.sort_values("start_date").itertuples())
        or _("none")))
    return out

