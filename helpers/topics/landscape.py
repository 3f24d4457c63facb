"""Notebook 04, first half: the instruments on cybercrime, what they cover and their parties."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go

from helpers import style
from helpers.data.descriptor import field
from helpers.explorer import Explorer, View, dropdown
from helpers.i18n import N_, _, label_colon, ngettext
from helpers.text import label, labels, plain, ptext, ptexts
from helpers.topics.common import day

#: Attributes the instruments explorer can colour by.
COLORINGS = {"scope": N_("Scope"), "kind": N_("Legal form"), "status": N_("Status"),
             "confidence": N_("Confidence of the row")}
UN_ID = "un_convention_cybercrime"


def cover_tags() -> list[str]:
    """The subject tags ``covers`` may hold, in schema order (read from its pattern)."""
    pattern = field("instruments", "covers")["constraints"]["pattern"]
    return re.match(r"\^\(([^)]*)\)", pattern).group(1).split("|")


#: Display labels of the subject tags (a tag the schema adds later shows in plain words).
SUBJECTS = {"criminalization": N_("Criminalization"), "procedure": N_("Procedure"),
            "cooperation": N_("Cooperation"), "data_protection": N_("Data protection"),
            "information_security": N_("Information security"), "content": N_("Content")}


def subject_label(tag: str) -> str:
    """A subject tag's label in the current language."""
    return _(SUBJECTS[tag]) if tag in SUBJECTS else plain(tag)


def instrument_order(instruments: pd.DataFrame) -> pd.DataFrame:
    """Instruments sorted by key date (oldest first), ties by short name."""
    return instruments.sort_values(["key_date", "short_name"]).reset_index(drop=True)


def instrument_title(instruments: pd.DataFrame, color_by: str) -> str:
    """'11 instruments on cybercrime, 2001 to 2024, coloured by scope'."""
    first, last = instruments["key_date"].min(), instruments["key_date"].max()
    return ngettext("{n} instrument on cybercrime, {a} to {b}, coloured by {what}",
                    "{n} instruments on cybercrime, {a} to {b}, coloured by {what}",
                    len(instruments)).format(n=len(instruments), a=f"{first:%Y}",
                                             b=f"{last:%Y}", what=_(COLORINGS[color_by]).lower())


def _hover(rows: pd.DataFrame) -> list[str]:
    """Hover text per instrument: name, dates, status and parties with their date."""
    return [f"<b>{ptext(r.short_name)}</b> ({ptext(r.body)})"
            f"<br>{label('instruments', 'key_date_kind', r.key_date_kind)} {day(r.key_date)}"
            f"<br>{label_colon(_('in force'))} {day(r.entry_into_force) or _('no date')} · "
            f"{label('instruments', 'status', r.status)} ({_('as of')} {day(r.status_as_of)})"
            f"<br>{label_colon(_('confidence'))} {label('instruments', 'confidence', r.confidence)}"
            for r in rows.itertuples()]


def instrument_timeline(instruments: pd.DataFrame, color_by: str = "scope") -> go.Figure:
    """Timeline: a dot at each key date, a diamond at entry into force, a grey line between.

    One legend entry per value of ``color_by`` (schema order), under the chart.
    """
    rows = instrument_order(instruments)
    names = ptexts(rows["short_name"])
    colors = style.category_colors("instruments", color_by)
    shown = labels("instruments", color_by)
    hover = _hover(rows)
    xs: list[str | None] = []
    ys: list[str | None] = []
    for r, name in zip(rows.itertuples(), names, strict=True):
        if pd.notna(r.entry_into_force):
            xs += [day(r.key_date), day(r.entry_into_force), None]
            ys += [name, name, None]
    fig = go.Figure(go.Scatter(x=xs, y=ys, mode="lines", line=dict(color="#BBBBBB", width=4),
                               name=_("Waiting for entry into force"), hoverinfo="skip"))
    values = rows[color_by].astype("string")
    extra = [v for v in values.unique() if v not in colors]
    for value in [*colors, *extra]:
        mine = values == value
        if not mine.any():
            continue
        color = style.color_of(colors, value)
        fig.add_trace(go.Scatter(
            x=[day(d) for d in rows.loc[mine, "key_date"]], y=[n for n, m in zip(
                names, mine, strict=True) if m], mode="markers", legendgroup=value,
            name=shown.get(value, plain(value)), hoverinfo="text",
            hovertext=[h for h, m in zip(hover, mine, strict=True) if m],
            marker=dict(size=14, color=color, line=dict(color="#333333", width=1))))
        force = mine & rows["entry_into_force"].notna()
        fig.add_trace(go.Scatter(
            x=[day(d) for d in rows.loc[force, "entry_into_force"]],
            y=[n for n, m in zip(names, force, strict=True) if m], mode="markers",
            legendgroup=value, showlegend=False, hoverinfo="text",
            hovertext=[h for h, m in zip(hover, force, strict=True) if m],
            marker=dict(symbol="diamond", size=13, color=color,
                        line=dict(color="#333333", width=1))))
    for symbol, name in (("circle", _("Adopted, signed or opened")),
                         ("diamond", _("Entered into force"))):
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=name,
                                 hoverinfo="skip", marker=dict(symbol=symbol, size=12,
                                                               color="#FFFFFF",
                                                               line=dict(color="#333333",
                                                                         width=1.5))))
    style.style(fig, instrument_title(instruments, color_by), _("Date"), "",
                height=150 + 34 * len(rows))
    fig.update_yaxes(categoryorder="array", categoryarray=names, autorange="reversed",
                     type="category")
    fig.update_xaxes(type="date")
    style.legend_above(fig, label_colon(_(COLORINGS[color_by])))
    return fig


def instruments_summary(instruments: pd.DataFrame, color_by: str) -> str:
    """'By scope: Global 1, Regional 8, Subregional 2'."""
    counts = instruments[color_by].astype("string").value_counts()
    order = [*style.category_colors("instruments", color_by),
             *[v for v in counts.index if v not in style.category_colors("instruments",
                                                                         color_by)]]
    mix = ", ".join(f"{label('instruments', color_by, v)} {int(counts[v])}" for v in order
                    if v in counts.index)
    return _("By {what}: {mix}").format(what=_(COLORINGS[color_by]).lower(), mix=mix)


def instruments_view(instruments: pd.DataFrame, color_by: str) -> View:
    """What the instruments explorer shows for one colouring."""
    return View((instrument_timeline(instruments, color_by),),
                instruments_summary(instruments, color_by))


def explore_instruments(instruments: pd.DataFrame) -> Explorer:
    """Explorer: choose which attribute colours the instruments timeline."""
    pick = dropdown([(_(v), k) for k, v in COLORINGS.items()], "scope", _("Colour by:"))
    return Explorer("instruments", {"color_by": pick},
                    lambda color_by: instruments_view(instruments, color_by), min_height=480)


def instrument_lines(instruments: pd.DataFrame) -> list[str]:
    """One line per instrument (date, name, scope, form, status as of) and the newest one."""
    rows = instrument_order(instruments)
    out = [_("{date} {name} ({scope}, {kind}): {status} as of {as_of} ({confidence})").format(
        date=day(r.key_date), name=r.short_name, scope=label("instruments", "scope", r.scope),
        kind=label("instruments", "kind", r.kind), status=label("instruments", "status",
                                                                r.status),
        as_of=day(r.status_as_of), confidence=label("instruments", "confidence", r.confidence))
        for r in rows.itertuples()]
    newest = rows.iloc[-1]
    wide = rows.loc[rows["scope"].astype("string") == "global", "short_name"]
    out.append(_("Newest: {name} ({date}). Global instruments: {names}").format(
        name=newest["short_name"], date=day(newest["key_date"]), names=", ".join(wide)))
    return out


def covers_table(instruments: pd.DataFrame) -> pd.DataFrame:
    """Instruments (rows, by key date) x subject tags (columns): True where it covers the tag."""
    rows = instrument_order(instruments)
    tags = rows["covers"].astype(str).str.split(";")
    return pd.DataFrame([[t in mine for t in cover_tags()] for mine in tags],
                        index=list(rows["short_name"]), columns=cover_tags())


def covers_matrix(instruments: pd.DataFrame) -> go.Figure:
    """Matrix of instruments against the subjects they cover (a tick = covers it)."""
    table = covers_table(instruments)
    names = {t: subject_label(t) for t in table.columns}
    fig = go.Figure(go.Heatmap(
        z=table.astype(int).values.tolist(), x=[names[t] for t in table.columns],
        y=ptexts(table.index), zmin=0, zmax=1, showscale=False, xgap=3, ygap=3,
        colorscale=[(0, "#F2F2F2"), (1, style.PALETTE[0])],
        text=[["✓" if v else "" for v in row] for row in table.values.tolist()],
        texttemplate="%{text}", textfont=dict(size=16, color="white"),
        hovertemplate="%{y}<br>%{x}: %{z}<extra></extra>"))
    n = int(table.values.sum())
    style.style(fig, ngettext("What {m} instruments cover: {n} tick",
                              "What {m} instruments cover: {n} ticks", n).format(
        m=len(table), n=n), _("Subject"), "", height=120 + 34 * len(table))
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(type="category", tickangle=-90, title_standoff=6)
    return fig


def covers_lines(instruments: pd.DataFrame) -> list[str]:
    """Instruments per subject, the UN Convention's subjects, and who covers the same."""
    covers = covers_table(instruments)
    out = [_("Instruments per subject: {mix}").format(mix=", ".join(
        f"{subject_label(t)} {int(n)}" for t, n in covers.sum().items()))]
    un = instruments.set_index("instrument_id").loc[UN_ID, "short_name"]
    out.append(_("The UN Convention covers: {tags}").format(
        tags=", ".join(subject_label(t) for t in covers.columns[covers.loc[un]])))
    same = covers[(covers == covers.loc[un]).all(axis=1)]
    out.append(_("Same subjects as the UN Convention: {names}").format(
        names=", ".join(sorted(same.index))))
    return out


def parties_bars(instruments: pd.DataFrame) -> go.Figure:
    """Bars of the number of parties per treaty, each labelled with its own as-of date."""
    rows = instruments[instruments["parties_count"].notna()].sort_values("parties_count")
    texts = [_("{n} (as of {date})").format(n=int(n), date=day(d))
             for n, d in zip(rows["parties_count"], rows["status_as_of"], strict=True)]
    colors = style.category_colors("instruments", "confidence")
    fig = go.Figure(go.Bar(
        x=[int(n) for n in rows["parties_count"]], y=ptexts(rows["short_name"]),
        orientation="h", text=texts, textposition="outside", cliponaxis=False,
        hovertext=_hover(rows), hoverinfo="text",
        marker_color=[style.color_of(colors, c) for c in rows["confidence"]]))
    missing = len(instruments) - len(rows)
    style.style(fig, _("Parties per treaty ({n} with a count; {m} without one)").format(
        n=len(rows), m=missing), _("Number of parties (states that ratified or acceded)"), "",
        height=160 + 40 * len(rows))
    top = float(rows["parties_count"].max()) if len(rows) else 1.0
    style.integer_axis(fig, "x", top)
    fig.update_xaxes(range=[0, top * 1.5], type="linear")
    fig.update_yaxes(type="category")
    style.add_key(fig, colors, labels("instruments", "confidence"), _("Bar colour: confidence. "))
    return fig


def parties_lines(instruments: pd.DataFrame) -> list[str]:
    """Each treaty's party count with its date, and the instruments without a count."""
    counted = instruments[instruments["parties_count"].notna()].sort_values(
        "parties_count", ascending=False)
    out = [_("{name}: {n} parties as of {date} ({confidence})").format(
        name=r.short_name, n=int(r.parties_count), date=day(r.status_as_of),
        confidence=label("instruments", "confidence", r.confidence))
        for r in counted.itertuples()]
    out.append(_("No count: {names}").format(names=", ".join(
        sorted(instruments.loc[instruments["parties_count"].isna(), "short_name"]))))
    return out
