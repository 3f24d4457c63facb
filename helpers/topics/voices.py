"""Notebook 05: who said what about the treaty, and which provisions worry rights groups."""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from helpers import style
from helpers.data.descriptor import categories
from helpers.explorer import Explorer, View, dropdown
from helpers.i18n import N_, _, label_colon, ngettext
from helpers.text import esc, label, labels, wrap
from helpers.topics.common import ALL, choices, day

NO_ARTICLE = N_("No single article (general or chapter-wide)")


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
    """'12 quotes from 8 speakers, 2019 to 2025, coloured by form'."""
    if rows.empty:
        return _("No quotes match the filters")
    speakers = rows["speaker"].nunique()
    return (ngettext("{n} quote", "{n} quotes", len(rows)).format(n=len(rows)) + " "
            + ngettext("from {s} speaker", "from {s} speakers", speakers).format(s=speakers)
            + ", " + _("{a} to {b}, coloured by form").format(a=f"{rows['date'].min():%Y}",
                                                             b=f"{rows['date'].max():%Y}"))


def speaker_label(name: str) -> str:
    """A speaker name wrapped for the y axis, so a long name cannot squeeze the chart."""
    return wrap(name, 24)


def x_range(rows: pd.DataFrame, pad_days: int = 90) -> list[str]:
    """Date range: the shown quotes plus ``pad_days`` each side (never a few milliseconds)."""
    pad = pd.Timedelta(days=pad_days)
    return [day(rows["date"].min() - pad), day(rows["date"].max() + pad)]


TRANSLATION = "text_translation"  # the column translate.apply adds beside quotes.text


def translated_words(row: object) -> str | None:
    """The quote's translation in the current language, if the frame carries one."""
    text = getattr(row, TRANSLATION, None)
    return text if isinstance(text, str) and text else None


def quote_timeline(quotes: pd.DataFrame, rows: pd.DataFrame | None = None) -> go.Figure:
    """Quotes on a date axis, one row per speaker, coloured by form (verbatim or not)."""
    rows = quote_rows(quotes) if rows is None else rows
    colors = style.category_colors("quotes", "form")
    names = labels("quotes", "form")
    fig = go.Figure()
    for form in [*colors, *[f for f in rows["form"].astype("string").unique()
                            if f not in colors]]:
        mine = rows[rows["form"].astype("string") == form]
        if mine.empty:
            continue
        fig.add_trace(go.Scatter(
            x=[day(d) for d in mine["date"]], y=[speaker_label(s) for s in mine["speaker"]],
            mode="markers", name=names.get(form, form), hoverinfo="text",
            hovertext=[f"{wrap(t, 60)}<br>{_translation_hover(r)}{day(d)} · {wrap(e, 60)}<br>"
                       f"{label_colon(_('form'))} {names.get(form, form)} · "
                       f"{label_colon(_('confidence'))} "
                       f"{label('quotes', 'confidence', c)}"
                       for t, d, e, c, r in zip(mine["text"], mine["date"], mine["event"],
                                                mine["confidence"], mine.itertuples(),
                                                strict=True)],
            marker=dict(size=14, color=style.color_of(colors, form),
                        line=dict(color="#333333", width=1))))
    style.style(fig, quote_title(rows), _("Date said or published"), "",
                height=max(360, 120 + 44 * rows["speaker"].nunique()))
    if rows.empty:
        return style.empty(fig, quote_title(rows))
    order = sorted(rows["speaker"].unique())
    fig.update_yaxes(categoryorder="array", categoryarray=[speaker_label(s) for s in order],
                     autorange="reversed", type="category")
    fig.update_xaxes(type="date", range=x_range(rows))
    style.legend_above(fig, _("Form"))
    return fig


def _translation_hover(row: object) -> str:
    """'<i>translation</i> (our translation)<br>' for a hover label, or nothing in English."""
    words = translated_words(row)
    if words is None:
        return ""
    return f"<i>{wrap(words, 60)}</i> ({_origin(row)})<br>"


def _origin(row: object) -> str:
    """How the quote's translation was made, as a label."""
    origin = getattr(row, "text_translation_origin", None)
    return label("translations", "origin", origin) if isinstance(origin, str) else \
        _("our translation")


def quotes_html(rows: pd.DataFrame) -> str:
    """Escaped HTML list of quotes: speaker, date, event, form, and the words.

    Only verbatim rows are set in quotation marks; the others say they are not a quotation.
    """
    colors = style.category_colors("quotes", "form")
    items = []
    for r in rows.itertuples():
        form = str(r.form)
        words = (f"“{esc(r.text)}”" if form == "verbatim"
                 else f"<i>{esc(r.text)}</i> <small>({esc(_('not a quotation'))}: "
                      f"{esc(label('quotes', 'form', form))})</small>")
        translated = translated_words(r)
        if translated is not None:
            words += (f"<br><small>{esc(translated)} ({esc(_origin(r))})</small>")
        items.append(f"<li><b>{esc(r.speaker)}</b>, {esc(day(r.date))}, {esc(r.event)} "
                     f"<span style='color:{style.color_of(colors, form)}'>■</span> "
                     f"{esc(label('quotes', 'form', form))} · {esc(_('confidence'))} "
                     f"{esc(label('quotes', 'confidence', r.confidence))}<br>{words}</li>")
    return ("<ul>" + "".join(items) + "</ul>") if items else f"<p>{esc(_('No quotes match.'))}</p>"


def quotes_summary(rows: pd.DataFrame) -> str:
    """'12 quotes: Verbatim 9, Reported speech 1, Paraphrase 2'."""
    if rows.empty:
        return _("No quotes match the filters.")
    forms = rows["form"].astype("string").value_counts()
    mix = ", ".join(f"{name} {int(forms[k])}" for k, name in labels("quotes", "form").items()
                    if k in forms.index)
    return ngettext("{n} quote: {mix}", "{n} quotes: {mix}", len(rows)).format(n=len(rows),
                                                                              mix=mix)


def quotes_view(quotes: pd.DataFrame, speaker: str = ALL, form: str = ALL, event: str = ALL,
                years: tuple[int, int] | None = None) -> View:
    """What the quotes explorer shows for one set of filters."""
    span = (f"{years[0]}-01-01", f"{years[1]}-12-31") if years else (None, None)
    rows = quote_rows(quotes, speaker, form, event, *span)
    return View((quote_timeline(quotes, rows),), quotes_summary(rows), quotes_html(rows),
                extra={"rows": len(rows)})


def explore_quotes(quotes: pd.DataFrame) -> Explorer:
    """Explorer: filter quotes by speaker, form, event and years; timeline plus the words."""
    first, last = int(quotes["date"].dt.year.min()), int(quotes["date"].dt.year.max())
    controls = {
        "speaker": dropdown(choices(quotes, "speaker"), ALL, _("Speaker:")),
        "form": dropdown(choices(quotes, "form", "quotes"), ALL, _("Form:")),
        "event": dropdown(choices(quotes, "event"), ALL, _("Event:"), width="min(100%, 560px)"),
        "years": widgets.IntRangeSlider(value=(first, last), min=first, max=last,
                                        description=_("Years:"),
                                        style={"description_width": "initial"},
                                        layout=widgets.Layout(width="min(100%, 520px)")),
    }
    return Explorer("quotes", controls, lambda **v: quotes_view(quotes, **v),
                    rows=[["speaker", "form"], ["event"], ["years"]], min_height=420)


def quote_lines(quotes: pd.DataFrame) -> list[str]:
    """Quotes per form, per speaker, how many the article uses, and their confidence."""
    forms = quotes["form"].astype("string").value_counts()
    out = [_("Quotes per form: {mix}").format(mix=", ".join(
        f"{name} {int(forms[k])}" for k, name in labels("quotes", "form").items()
        if k in forms.index))]
    speakers = quotes["speaker"].value_counts().sort_index()
    out.append(_("Quotes per speaker: {mix}").format(mix="; ".join(
        f"{s} {int(n)}" for s, n in speakers.items())))
    out.append(_("Used by the article: {n} of {total}").format(
        n=int(quotes["in_article"].sum()), total=len(quotes)))
    conf = quotes["confidence"].astype("string").value_counts()
    out.append(_("Confidence: {mix}").format(mix=", ".join(
        f"{name} {int(conf[k])}" for k, name in labels("quotes", "confidence").items()
        if k in conf.index)))
    return out


def presentation_table(quotes: pd.DataFrame, milestone_id: str) -> pd.DataFrame:
    """Quotes of one event: how the article presents each one against its form in the source."""
    rows = quotes[quotes["milestone_id"] == milestone_id].sort_values("quote_id")
    return pd.DataFrame({
        _("Speaker"): list(rows["speaker"]),
        _("Form in the source"): [label("quotes", "form", f) for f in rows["form"]],
        _("How the article shows it"): [label("quotes", "article_presentation", p)
                                        for p in rows["article_presentation"]],
        _("Confidence"): [label("quotes", "confidence", c) for c in rows["confidence"]],
    })


def misquoted(quotes: pd.DataFrame) -> pd.DataFrame:
    """Quotes the article puts in quotation marks that are not verbatim in the source."""
    return quotes[(quotes["article_presentation"].astype("string") == "quoted")
                  & (quotes["form"].astype("string") != "verbatim")]


def misquoted_line(quotes: pd.DataFrame) -> str:
    """Which quotes the article prints in quotation marks although the source does not."""
    rows = misquoted(quotes)
    return _("Quoted by the article but not verbatim in the source: {names}").format(
        names="; ".join(f"{r.speaker}, {day(r.date)} ({label('quotes', 'form', r.form)})"
                        for r in rows.sort_values(["date", "quote_id"]).itertuples())
        or _("none"))


def event_line(quotes: pd.DataFrame, milestone_id: str) -> str:
    """'Quotes from this event: 4, by Angela Merkel, António Guterres'."""
    rows = quotes[quotes["milestone_id"] == milestone_id]
    return _("Quotes from this event: {n}, by {names}").format(
        n=len(rows), names=", ".join(sorted(rows["speaker"].unique())) or _("nobody"))


def concern_labels(concerns: pd.DataFrame, articles: pd.DataFrame) -> pd.Series:
    """Label of the treaty article each concern points at, or the "no single article" label."""
    rows = articles.set_index("article_id")
    return pd.Series([_("Art. {n} {title}").format(n=rows.loc[a, "article_number"],
                                                   title=rows.loc[a, "article_title"])
                      if isinstance(a, str) else _(NO_ARTICLE)
                      for a in concerns["article_id"]], index=concerns.index)


def concern_counts(concerns: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Concerns per article (rows, by article number; no-article last) and confidence."""
    names = concern_labels(concerns, articles)
    table = pd.crosstab(names, concerns["confidence"].astype("string"))
    known = categories("concerns", "confidence")
    table = table.reindex(columns=[*known, *sorted(set(table.columns) - set(known))],
                          fill_value=0)
    num = articles.set_index("article_id")["article_number"]
    order = {n: num.get(a, 10_000) if isinstance(a, str) else 10_000
             for n, a in zip(names, concerns["article_id"], strict=True)}
    table = table.loc[sorted(table.index, key=lambda n: (order[n], n))]
    return table.rename_axis(index=_("Article"), columns=None)


def confidence_stack(table: pd.DataFrame, table_name: str, title: str,
                     x_title: str) -> go.Figure:
    """Stacked horizontal bars of a (label x confidence) count table, labels wrapped."""
    colors = style.category_colors(table_name, "confidence")
    fig = go.Figure([go.Bar(y=[wrap(i, 40) for i in table.index],
                            x=[int(v) for v in table[conf]],
                            name=label(table_name, "confidence", conf), orientation="h",
                            marker_color=style.color_of(colors, conf))
                     for conf in table.columns])
    style.style(fig, title, x_title, "", height=170 + 58 * len(table))
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(type="linear")
    style.integer_axis(fig, "x", float(table.sum(axis=1).max()))
    fig.update_layout(barmode="stack")
    style.legend_above(fig, _("Confidence"))
    return fig


def concerns_by_article(concerns: pd.DataFrame, articles: pd.DataFrame) -> go.Figure:
    """How many concerns point at each UN Convention article, by confidence."""
    tied = int(concerns["article_id"].notna().sum())
    title = _("{n} human-rights concerns: {tied} tied to a treaty article").format(
        n=len(concerns), tied=tied)
    return confidence_stack(concern_counts(concerns, articles), "concerns", title,
                            _("Number of concerns"))


def concern_lines(concerns: pd.DataFrame, articles: pd.DataFrame) -> list[str]:
    """Concerns per article with the total, who raised them and when."""
    table = concern_counts(concerns, articles)
    out = []
    for name, row in table.iterrows():
        mix = ", ".join(f"{label('concerns', 'confidence', c)} {int(v)}"
                        for c, v in row.items() if v)
        out.append(f"{name}: {int(row.sum())} ({mix})")
    raised = concerns["raised_by"].value_counts().sort_index()
    out.append(_("Raised by: {mix}").format(mix="; ".join(f"{s} {int(n)}"
                                                          for s, n in raised.items())))
    out.append(_("Dates: {a} to {b} ({n} undated)").format(
        a=day(concerns["date"].min()), b=day(concerns["date"].max()),
        n=int(concerns["date"].isna().sum())))
    return out
