"""Measuring ballots and the tally sheet before anything is drawn.

Every cell is a reportlab Paragraph wrapped to its column, so a long name takes as many lines as it needs and the
row grows with it; rows are then put on pages whose body never runs into the margins. A ballot that needs more
than one page repeats its heading and table header on each page. Nothing here draws."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A3, A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from ...domain.errors import UserError
from ...domain.terms import TOWN_TERMS, Terms
from ...fonts import register_reportlab_font
from .pdf_base import esc

MARGIN = 15 * mm  # every mark stays this far inside the sheet's edge (printers cannot print the outer ~5 mm)
PAPERS: dict[str, tuple[float, float]] = {"A4": A4, "A3": A3}
CELL_PAD_X = 1.5 * mm
BOX = 6 * mm  # the square a deputy marks, drawn as a graphic
FOOTER_GAP = 3 * mm


@dataclass(frozen=True)
class BallotItem:
    name: str
    content: str
    investment: float | None
    deadline: str


@dataclass(frozen=True)
class Density:
    """Type sizes and spacing; the compact one is still legible (nothing below 9 pt)."""

    name: str
    name_size: float
    name_leading: float
    text_size: float
    text_leading: float
    pad: float  # above and below a row's text
    min_row: float


BALLOT_DENSITIES = (Density("normal", 11, 15, 9.5, 13.5, 2.2 * mm, 11 * mm),
                    Density("compact", 10, 13, 9, 12, 1.4 * mm, 9.5 * mm))
# Tally cells are wide and tall enough to count strokes (正字) by hand.
TALLY_DENSITIES = (Density("normal", 10.5, 14, 10, 13, 2 * mm, 15 * mm),
                   Density("compact", 9.5, 13, 9.5, 13, 1.5 * mm, 12 * mm))


@dataclass
class Col:
    key: str  # "no", "name", "inv", "due", "mark"
    width: float
    label: str


@dataclass
class Row:
    cells: list[list[Paragraph]]  # one stack of paragraphs per column (empty for a mark column)
    height: float


@dataclass
class Layout:
    """One document page set: what goes on each page and how tall everything is, in points."""

    paper: str
    size: tuple[float, float]
    density: Density
    detail: bool  # True: each candidate's content is printed in full; False: names only, with a note saying so
    cols: list[Col]
    heading: list[tuple[Paragraph, float]]  # repeated on every page: (paragraph, space after)
    first_only: list[tuple[Paragraph, float]]  # only on the first page
    head_row: Row
    rows: list[Row]
    pages: list[list[int]]
    footer_h: float
    tail_h: float = 0.0  # signature block on the last page, kept with at least the last row

    @property
    def page_count(self) -> int:
        return len(self.pages)


def _style(name: str, size: float, leading: float, center: bool = False) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=register_reportlab_font(), fontSize=size, leading=leading,
                          alignment=TA_CENTER if center else 0, wordWrap="CJK")


def _para(text: str, style: ParagraphStyle, width: float) -> Paragraph:
    p = Paragraph(esc(text), style)
    p.wrap(width, 1e7)
    if any((ln[0] if isinstance(ln, tuple) else ln.extraSpace) < -0.01 for ln in p.blPara.lines):
        # The CJK wrapper keeps runs of punctuation together (“““…) even past the edge: break by width instead.
        p = Paragraph("<br/>".join(esc(line) for line in _hard_lines(text, style, width)), style)
        p.wrap(width, 1e7)
    return p


def _hard_lines(text: str, style: ParagraphStyle, width: float) -> list[str]:
    lines = []
    for part in text.split("\n"):
        line = ""
        for ch in part:
            if line and stringWidth(line + ch, style.fontName, style.fontSize) > width:
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
    return lines


def stack_height(stack: Sequence[Paragraph]) -> float:
    return sum(p.height for p in stack) + max(0, len(stack) - 1) * 1 * mm


def _stack_h(heading: Sequence[tuple[Paragraph, float]]) -> float:
    return sum(p.height + gap for p, gap in heading)


def _row(cols: list[Col], texts: dict[str, list[tuple[str, ParagraphStyle]]], d: Density, min_h: float) -> Row:
    cells = [[_para(t, s, c.width - 2 * CELL_PAD_X) for t, s in texts.get(c.key, [])] for c in cols]
    return Row(cells, max(min_h, max(stack_height(s) for s in cells) + 2 * d.pad))


def _head_row(cols: list[Col], d: Density) -> Row:
    head = _style("head", 10, 13, True)
    cells = [[_para(c.label, head, c.width - 2 * CELL_PAD_X)] for c in cols]
    return Row(cells, max(9 * mm, max(stack_height(s) for s in cells) + 2 * d.pad))


def paginate(heights: Sequence[float], first_cap: float, cap: float, tail: float = 0.0) -> list[list[int]] | None:
    """Rows in order onto pages (the first page may hold less); the last page also holds ``tail`` below its last
    row, so a signature block is never alone on a page. Pages are evened out; None when a row can never fit."""
    if not heights:
        return [[]] if tail <= first_cap else None

    def greedy(fc: float, c: float) -> list[list[int]] | None:
        pages: list[list[int]] = [[]]
        used, limit = 0.0, fc
        for i, h in enumerate(heights):
            if pages[-1] and used + h > limit:
                pages.append([])
                used, limit = 0.0, c
            if h > limit:
                return None
            pages[-1].append(i)
            used += h
        if used + tail > limit:
            if len(pages[-1]) < 2 or heights[pages[-1][-1]] + tail > c:
                return None
            pages.append([pages[-1].pop()])
        return pages

    best = greedy(first_cap, cap)
    if best is None or len(best) == 1:
        return best
    lo, hi = 0.0, min(first_cap, cap)  # the most each page can give up and still need no extra page
    for _ in range(24):
        mid = (lo + hi) / 2
        trial = greedy(first_cap - mid, cap - mid)
        if trial is not None and len(trial) == len(best):
            lo, best = mid, trial
        else:
            hi = mid
    return best


def capacity(layout: Layout) -> float:
    """Height left for rows on a page after the heading, the table header and the footer."""
    return (layout.size[1] - 2 * MARGIN - _stack_h(layout.heading) - layout.head_row.height - layout.footer_h
            - FOOTER_GAP)


def _place(layout: Layout) -> Layout | None:
    common = capacity(layout)
    pages = paginate([r.height for r in layout.rows], common - _stack_h(layout.first_only), common, layout.tail_h)
    if pages is None:
        return None
    layout.pages = pages
    return layout


def _choose(build: Callable[[int], Layout | None], options: int) -> Layout | None:
    """Fewest pages first; then the earlier option (more detail, larger type)."""
    done = [(lay.page_count, i, lay) for i in range(options) if (lay := build(i)) is not None]
    return min(done, key=lambda t: t[:2])[2] if done else None


# ---- ballots ---------------------------------------------------------------------------------------------------

def marks_for(style: str) -> list[str]:
    return ["同意"] if style == "choose_up_to_n" else ["赞成", "反对", "弃权"]


def instructions(style: str, seats: int) -> list[str]:
    if style == "choose_up_to_n":
        return [f"1．在同意的候选项目右侧方框内画“√”，最多选 {seats} 项，超过 {seats} 项的为无效票。",
                "2．不画符号的，视为不同意。", "3．请用黑色或蓝色笔填写，不得涂改，不得书写其他字样。"]
    return ["1．对每个候选项目，在“赞成”“反对”“弃权”中选择一项，在其下方框内画“√”。",
            f"2．赞成的项目不得超过 {seats} 项，超过的为无效票；每项只能选择一种意见，多选的按弃权处理。",
            "3．对某一项目不画符号的，视为弃权。请用黑色或蓝色笔填写，不得书写其他字样。"]


def names_only_note(terms: Terms = TOWN_TERMS) -> str:
    """大会印发 (a congress) / 会议印发 (a street council)."""
    return f"4．各候选项目的建设内容详见{terms.meeting}印发的候选项目名单。"


def _ballot_cols(width: float, items: Sequence[BallotItem], style: str) -> list[Col]:
    marks = marks_for(style)
    mark_w = 16 * mm if len(marks) > 1 else 26 * mm
    cols = [Col("no", 12 * mm, "序号"), Col("name", 0, "候选项目")]
    if any(i.investment is not None for i in items):
        cols.append(Col("inv", 22 * mm, "估算总投资\n（万元）"))
    if any(i.deadline for i in items):
        cols.append(Col("due", 22 * mm, "完成时限"))
    cols += [Col("mark", mark_w, m) for m in marks]
    cols[1].width = width - 2 * MARGIN - sum(c.width for c in cols)
    return cols


def _ballot_layout(title: str, items: Sequence[BallotItem], seats: int, style: str, paper: str, detail: bool,
                   d: Density, terms: Terms = TOWN_TERMS) -> Layout | None:
    size = PAPERS[paper]
    inner = size[0] - 2 * MARGIN
    cols = _ballot_cols(size[0], items, style)
    if cols[1].width < 40 * mm:
        return None
    lines = instructions(style, seats) + ([] if detail or not any(i.content for i in items) else [names_only_note(terms)])
    instr = _style("instr", d.text_size + 0.5, d.text_leading + 0.5)
    heading = [(_para(title, _style("title", 18, 24, True), inner), 1 * mm),
               (_para(terms.ballot_heading, _style("sub", 14, 20, True), inner), 3 * mm)]
    heading += [(_para(t, instr, inner), 1 * mm) for t in lines]
    heading[-1] = (heading[-1][0], 3 * mm)
    head_row = _head_row(cols, d)
    name_s, text_s = _style("name", d.name_size, d.name_leading), _style("text", d.text_size, d.text_leading)
    num_s = _style("num", d.name_size, d.name_leading, True)
    small_s = _style("small", d.text_size, d.text_leading, True)
    rows = []
    for n, it in enumerate(items, start=1):
        texts = {"no": [(str(n), num_s)], "name": [(it.name, name_s)] + ([(it.content, text_s)]
                                                                         if detail and it.content else []),
                 "inv": [(f"{it.investment:,.2f}" if it.investment is not None else "—", small_s)],
                 "due": [(it.deadline or "—", small_s)]}
        rows.append(_row(cols, texts, d, max(d.min_row, BOX + 2 * d.pad)))
    footer_h = 4.5 * mm  # the secrecy line, plus the page line when the ballot continues (decided below)
    lay = Layout(paper, size, d, detail, cols, heading, [], head_row, rows, [], footer_h)
    if (placed := _place(lay)) is not None and placed.page_count > 1:
        lay.footer_h = 9 * mm
        placed = _place(lay)
    if placed is not None and placed.page_count == 1 and rows:  # room to spare: taller rows are easier to mark
        grow = min(3 * mm, (capacity(placed) - sum(r.height for r in rows)) / len(rows))
        for r in rows:
            r.height += max(0.0, grow)
    return placed


def _ballot_best(title: str, items: Sequence[BallotItem], seats: int, style: str, paper: str,
                 terms: Terms = TOWN_TERMS) -> Layout | None:
    details = (True, False) if any(i.content for i in items) else (True,)
    options = [(det, d) for det in details for d in BALLOT_DENSITIES]
    return _choose(lambda i: _ballot_layout(title, items, seats, style, paper, *options[i], terms=terms), len(options))


def plan_ballot(title: str, items: Sequence[BallotItem], seats: int, style: str, paper: str = "auto", *,
                terms: Terms = TOWN_TERMS) -> Layout:
    """Which paper, how much detail and which candidates on which page of one ballot copy.

    For one paper: the fewest pages, then each project's content in full rather than names only, then the larger
    type. ``auto``: A4 when a whole ballot fits one A4 page, else A3 when it fits one A3 page, else A3 over
    several pages. Raises UserError when one candidate's row cannot fit a page of the paper at all."""
    if paper not in ("auto", *PAPERS):
        raise UserError(f"纸张只能是 auto、A4 或 A3，不能是“{paper}”", f"paper must be auto, A4 or A3: {paper}")
    order = ("A4", "A3") if paper == "auto" else (paper,)
    plans = {p: _ballot_best(title, items, seats, style, p, terms) for p in order}
    for p in order:
        plan = plans[p]
        if plan is not None and plan.page_count == 1:
            return plan
    for p in reversed(order):
        plan = plans[p]
        if plan is not None:
            return plan
    if paper == "A4" and _ballot_best(title, items, seats, style, "A3") is not None:
        raise UserError("有候选项目的名称过长，A4 选票一页放不下这一项，请改用 A3 纸张（--paper A3）",
                        "a candidate's row does not fit an A4 page; choose A3")
    raise UserError("有候选项目的名称或选票标题过长，A3 纸张一页也放不下，请精简后再打印选票",
                    "a candidate's name or the ballot title is too long even for an A3 page")


# ---- tally sheet -----------------------------------------------------------------------------------------------

GAP = "\u00a0" * 10  # spaces that the paragraph keeps (ordinary and full-width ones collapse)
SIGN_GAP = 8 * mm
SIGN_H = 10 * mm
SIGNERS = ("计票人", "监票人", "总监票人")


def _tally_layout(title: str, names: Sequence[str], style: str, d: Density,
                  terms: Terms = TOWN_TERMS) -> Layout | None:
    size = PAPERS["A4"]
    inner = size[0] - 2 * MARGIN
    marks = marks_for(style)
    cols = [Col("no", 12 * mm, "序号"), Col("name", (62 if len(marks) > 1 else 90) * mm, "候选项目")]
    cols += [Col("mark", (inner - cols[0].width - cols[1].width) / len(marks), f"{m}（票数）") for m in marks]
    heading = [(_para(title, _style("title", 16, 22, True), inner), 1 * mm),
               (_para(terms.tally_heading, _style("sub", 12, 18, True), inner), 3 * mm)]
    counts = GAP.join(["收回选票＿＿＿＿张", "有效票＿＿＿＿张", "无效票＿＿＿＿张"])
    first = [(_para(counts, _style("body", 10.5, 16), inner), 3 * mm)]
    head_row = _head_row(cols, d)
    name_s = _style("name", d.name_size, d.name_leading)
    num_s = _style("num", d.name_size, d.name_leading, True)
    rows = [_row(cols, {"no": [(str(n), num_s)], "name": [(name, name_s)]}, d, d.min_row)
            for n, name in enumerate(names, start=1)]
    lay = Layout("A4", size, d, True, cols, heading, first, head_row, rows, [], 6 * mm, tail_h=SIGN_GAP + SIGN_H)
    return _place(lay)


def plan_tally(title: str, names: Sequence[str], style: str, *, terms: Terms = TOWN_TERMS) -> Layout:
    """All rows and the signature lines on one A4 page when they fit (smaller rows if that is what it takes),
    else over several pages with the header row repeated and the signatures after the last row."""
    lay = _choose(lambda i: _tally_layout(title, names, style, TALLY_DENSITIES[i], terms), len(TALLY_DENSITIES))
    if lay is None:
        raise UserError("有候选项目的名称或标题过长，计票单一页放不下，请精简后再打印",
                        "a candidate's name or the title is too long for a tally sheet page")
    return lay
