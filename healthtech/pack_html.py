"""The meeting pack's PDF as a tagged PDF (PDF/UA-1): the pack laid out as HTML + CSS and printed by WeasyPrint.

Why not reportlab (the pack's first layout, measured against this one and removed; docs/maintainers.md): reportlab
writes no structure tree, so a screen reader gets a stream of glyphs. WeasyPrint with `pdf_variant="pdf/ua-1"` tags
headings as headings, tables as tables (header cells marked), figures with their alternative text (the chart's
sentence, `charts.describe`) and sets the document language; CSS keeps a heading with what follows
(`break-after: avoid`), a figure whole (`break-inside: avoid`), breaks running text at spaces only
(automatic hyphenation split words in the text a reader copies or a screen reader reads) and never inside a word,
nor after the slash of "A/S", in a table (columns are as wide as their
longest word). Measured on the whole pack (docs/maintainers.md, "Exports and the meeting pack").

Input: the `Pack` of captured pages and the PNG per chart; every text through `_text` (neutralized, escaped).
"""

from __future__ import annotations

import base64
import re
from xml.sax.saxutils import escape

from healthtech import capture, export, filters, formatting, freshness, i18n


def _text(value, neutralize: bool = True) -> str:
    """Safe inside HTML: neutralized (unless it is a number formatted as text), escaped, without the page's
    markdown badges and icons; markdown bold as bold, as on the page."""
    value = value if value is not None else ""
    text = str(export.neutralize(value) if neutralize else value)
    text = text.replace("<br>", " ").replace("<sup>", "").replace("</sup>", "")
    text = re.sub(r":[a-z-]+-badge\[(.*?)\]", r"\1", re.sub(r":material/[a-z_]+:", "", text))
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", escape(text))


def _keep_slashed(html: str) -> str:
    """A word with a slash in it ("A/S") is not broken after its slash."""
    return re.sub(r"([^\s<>/]+/[^\s<>]+)", r'<span class="nw">\1</span>', html)


CSS = """
@page { size: A4; margin: 16mm 18mm 18mm 18mm;
  @bottom-left { content: "Danish Healthtech"; font: 8pt "DejaVu Sans"; }
  @bottom-right { content: "%(page)s"; font: 8pt "DejaVu Sans"; } }
html { font-family: "DejaVu Sans", sans-serif; font-size: 9.5pt; line-height: 1.3; color: #000; }
p { margin: 0 0 4pt 0; hyphens: manual; }
h1 { font-size: 17pt; margin: 0 0 6pt 0; break-before: page; break-after: avoid; }
h1.cover { font-size: 24pt; break-before: auto; margin-top: 60pt; }
h2 { font-size: 12.5pt; margin: 10pt 0 4pt 0; break-after: avoid; }
.tagline { font-size: 13pt; font-weight: bold; margin-bottom: 24pt; }
.caption, .stamp, .facts { font-size: 8.5pt; color: #333; }
.facts, .stamp, .sample { break-after: avoid; }
.sample { font-weight: bold; font-size: 9pt; }
.note { border: 0.5pt solid #000; padding: 4pt 6pt; margin: 6pt 0 8pt 0; font-size: 9pt; }
figure { margin: 4pt 0 10pt 0; break-inside: avoid; }
figure img { width: 100%%; }
figure.map img { width: 70%%; }
figcaption { font-size: 8.5pt; color: #333; }
table { border-collapse: collapse; width: 100%%; margin: 2pt 0 4pt 0; font-size: 7.5pt; }
th, td { text-align: left; vertical-align: top; padding: 2pt 3pt; hyphens: manual; overflow-wrap: normal; }
thead th { border-bottom: 0.8pt solid #000; }
tbody td, tbody th { border-bottom: 0.25pt solid #999; }
tr { break-inside: avoid; }
td.number { text-align: right; white-space: nowrap; }
.nw { white-space: nowrap; }
table.cover { font-size: 9.5pt; }
table.cover th { width: 33%%; }
table.metrics { break-inside: avoid; border: 0.5pt solid #000; }
table.metrics td { border: 0.5pt solid #000; width: auto; }
.metric-label { font-size: 8pt; display: block; }
.metric-value { font-size: 14pt; font-weight: bold; display: block; }
.short { break-inside: avoid; }
"""


def html(pack, pictures: dict[int, bytes]) -> str:
    from healthtech import pack as pack_module

    lang = pack.lang

    def t(key, **values):
        return i18n.t(key, lang, **values)

    text = _text

    def para(value, kind: str = "") -> str:
        return f'<p class="{kind}">{text(value)}</p>' if kind else f"<p>{text(value)}</p>"

    f = pack.filters
    cover = [
        (t("pack.cover.period"), formatting.date_range(*filters.PERIODS[f.period], lang)),
        (t("pack.cover.data_as_of"), freshness.summary(pack.data_as_of, lang)),
        (t("pack.cover.made"), formatting.timestamp(pack.made, lang)),
        (t("pack.cover.filters"), pack_module._filters_text(f, lang)),
    ]
    if pack.basis is not None:  # "Sammenlign med: siden mødet 10. jun. 2021"
        from healthtech import deltas

        cover.append((t("compare.label"), deltas.basis_text(pack.basis, lang)))
    # Every "filter does not apply" note of the pages, on the cover too: a figure that a filter does not narrow
    # (the network-wide budget in a regional pack, say) is never on the cover's side of the pack without it.
    notes = [f"{t(f'nav.{page.page}')}: {page.filter_note}" for page in pack.pages if page.filter_note]
    cover += [(t("pack.cover.not_applicable") if i == 0 else "", note) for i, note in enumerate(notes)]
    cover += [(t("pack.cover.language"), t(f"language.{lang}")),
              (t("pack.cover.versions"), pack_module._versions_text(lang))]
    out = [f'<h1 class="cover">{text(t("pack.cover.title"))}</h1>', para(t("app.tagline"), "tagline"),
           '<table class="cover"><tbody>']
    out += [f'<tr><th scope="row">{text(k)}</th><td>{text(v)}</td></tr>' for k, v in cover]
    out += ["</tbody></table>", para(t("pack.cover.note"), "caption")]

    figure_no = 0
    for page in pack.pages:
        metrics: list = []
        for item in page.items + [capture.Item("end")]:
            if item.kind == "metric":
                metrics.append(item)
                continue
            if metrics:
                cells = "".join(f'<td><span class="metric-label">{text(m.title)}</span>'
                                f'<span class="metric-value">{text(m.text)}</span></td>' for m in metrics)
                out.append(f'<table class="metrics" role="presentation"><tbody><tr>{cells}</tr></tbody></table>')
                metrics = []
            if item.kind == "heading":
                out.append(f"<h1>{text(item.title)}</h1>")
                if item.text:
                    out.append(para(item.text))
            elif item.kind == "subheader":
                out.append(f"<h2>{text(item.title)}</h2>")
            elif item.kind in ("sample", "facts", "caption", "stamp"):
                out.append(para(item.text, "sample" if item.kind == "sample" else
                                "facts" if item.kind == "facts" else "stamp" if item.kind == "stamp" else "caption"))
            elif item.kind == "note":
                out.append(para(item.text, "note"))
            elif item.kind in ("chart", "map") and id(item) in pictures:
                figure_no += 1
                # One caption: the chart's own title (a map: "Kort" and its section), then its origin.
                label = item.text or item.title
                if item.kind == "map" and not label.lower().startswith(t("pack.map").lower()):
                    label = f"{t('pack.map')}: {label}"
                origin = f" · {t('sample.label')}" if item.is_sample else (f" · {item.source}" if item.source else "")
                alt = text(item.description or label).replace('"', "&quot;")
                picture = base64.b64encode(pictures[id(item)]).decode()
                out.append(f'<figure class="{item.kind}"><img alt="{alt}" src="data:image/png;base64,{picture}">'
                           f"<figcaption>{text(t('pack.figure', n=figure_no) + ': ' + label + origin)}"
                           f"</figcaption></figure>")
            elif item.kind == "table":
                out.append(_table(item, text, t))
    out.append(para(t("footer.trace"), "caption"))
    page_words = t("pack.page", n="\" counter(page) \"", total="\" counter(pages) \"")
    style = CSS % {"page": page_words}
    return (f'<!DOCTYPE html><html lang="{"da" if lang == "da" else "en"}"><head><meta charset="utf-8">'
            f"<title>{text(t('pack.cover.title'))}</title><style>{style}</style></head><body>"
            + "\n".join(out) + "</body></html>")


def _table(item, text, t) -> str:
    from healthtech.pack import TABLE_ROWS

    display = item.display
    rows = display.head(TABLE_ROWS)
    raw = item.values.head(TABLE_ROWS) if item.values is not None else rows
    numeric = [c for c in display.columns if item.formats.get(c)]
    head = "".join(f'<th scope="col">{text(c)}</th>' for c in display.columns)
    body = []
    for shown, original in zip(rows.itertuples(index=False, name=None), raw.itertuples(index=False, name=None),
                               strict=True):
        cells = "".join(
            f'<td class="number">{text(v, neutralize=isinstance(r, str))}</td>' if c in numeric
            else f"<td>{_keep_slashed(text(v, neutralize=isinstance(r, str)))}</td>"
            for c, v, r in zip(display.columns, shown, original, strict=True))
        body.append(f"<tr>{cells}</tr>")
    notes = [t("sample.label")] if item.is_sample else []
    if len(display) > TABLE_ROWS:
        notes.append(t("pack.table.cut", shown=TABLE_ROWS, total=len(display)))
    note = f'<p class="caption">{text(" · ".join(notes))}</p>' if notes else ""
    short = ' class="short"' if len(rows) <= 8 else ""
    return (f"<div{short}><table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{note}</div>")


def pdf(pack, pictures: dict[int, bytes]) -> bytes:
    """The pack as a tagged PDF/UA-1 document in the pack's language."""
    import weasyprint

    return weasyprint.HTML(string=html(pack, pictures)).write_pdf(pdf_variant="pdf/ua-1")
