"""Ballots and the tally sheet: every candidate whole on every copy, nothing past the margins, text ≥ 9 pt.

The PDFs are read back with pdftotext (poppler-utils): -raw for the words in drawing order, -bbox for where each
word landed. Drawing calls are also recorded on the reportlab canvas, so lines and boxes are checked too."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from minsheng_desktop.domain.errors import UserError
from minsheng_desktop.services.reports import ballot_layout as L
from minsheng_desktop.services.reports import ballot_pdf
from minsheng_desktop.services.reports.ballot_pdf import BallotItem
from tests.tools import need_poppler

TITLE = "清溪镇2026年度民生实事项目票决"
STYLES = ["approve_oppose_abstain", "choose_up_to_n"]
HAN = "王家村李庄通公路硬化工程集镇污水管网改造新建级养老服务站中心小学运动场配套设施农饮安全巩固提升桥梁河道综合整治智慧平视频监控"
PUNCT = "（）、，；“”"
# No other text on a ballot has Latin capitals, so a two-letter code makes each name findable and unique.
CODES = [a + b for a in "ABCDEFGH" for b in "JKMNPRSTUVWXYZ"]

# The demo town's 15 candidates (names and contents as the demo writes them).
DEMO = [("集镇污水管网改造", "新建和改造集镇雨污分流管网6.5公里，提标改造污水处理站"),
        ("临水临崖路段安全防护", "在全镇临水临崖路段安装波形护栏18公里，设置警示标志"),
        ("集镇公厕新建改造", "新建和改造集镇公厕6座，按二类标准配套无障碍设施"),
        ("新建村级养老服务站（3个）", "在王家村、石桥村、花园社区各建设一个村级养老服务站，提供日间照料、助餐、文娱服务"),
        ("农村饮水安全巩固提升", "新建蓄水池5口，更换供水管网32公里，解决4个村季节性缺水问题"),
        ("镇卫生院医疗设备更新", "为镇卫生院购置DR、彩超等医疗设备，提升基层诊疗能力"),
        ("改造提升社区助餐点", "改造提升花园社区、东风社区等4个助餐点，为60岁以上老人提供优惠助餐"),
        ("适龄女童宫颈癌疫苗免费接种", "为全镇农村户籍9周岁女童免费接种2剂次国产双价宫颈癌疫苗"),
        ("农村公路提档升级", "对青龙村至双河村8.6公里通村公路加宽改造，新建错车道和安全防护设施"),
        ("建设农桥（6座）", "拆除重建马鞍村、柳树村等6座危旧农桥，解决群众出行和农机通行难题"),
        ("村（社区）文化广场建设", "在白鹤村、金星村、桥东社区新建文化广场并配套健身器材"),
        ("智慧平安乡村视频监控", "在各村主要路口和人员密集场所新增高清视频监控120路"),
        ("中心小学运动场改造", "改造中心小学田径运动场，铺设塑胶跑道和人造草坪，新建篮球场2个"),
        ("新建“家门口”就业服务站、零工驿站", "在集镇和4个中心村设立就业服务站和零工驿站，开展技能培训500人次"),
        ("双河河道综合整治", "对双河集镇段2.4公里河道清淤疏浚，新建生态护岸和亲水步道")]


def _need_pdftotext() -> None:
    need_poppler("pdftotext")


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pages_raw(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return out.split("\f")[:-1]


WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


def _check_words(pdf: Path) -> None:
    """Every word inside the margins, at least 9 pt tall, and no two words on top of each other."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    m, tol = L.MARGIN, 1.0
    for n, chunk in enumerate(out.split("<page ")[1:], start=1):
        w, h = map(float, PAGE.match("<page " + chunk).groups())
        words = sorted(tuple(map(float, g)) for g in WORD.findall(chunk))
        assert words, f"page {n} is empty"
        for x0, y0, x1, y1 in words:
            assert m - tol <= x0 and x1 <= w - m + tol and m - tol <= y0 and y1 <= h - m + tol, (n, x0, y0, x1, y1)
            assert y1 - y0 >= 9 * 0.98, f"page {n}: text smaller than 9 pt at {x0:.0f},{y0:.0f}"
        for i, a in enumerate(words):  # sorted by xMin: sweep
            for b in words[i + 1:]:
                if b[0] >= a[2] - 0.5:
                    break
                assert min(a[3], b[3]) - max(a[1], b[1]) <= 0.5, f"page {n}: words overlap at {a} and {b}"


@dataclass
class Drawn:
    boxes: list[tuple[str, float, float, float, float]] = field(default_factory=list)
    sizes: list[float] = field(default_factory=list)
    overflow: list[str] = field(default_factory=list)

    def clear(self) -> None:
        self.boxes.clear()
        self.sizes.clear()
        self.overflow.clear()

    def check(self, size: tuple[float, float]) -> None:
        assert self.boxes
        m, tol = L.MARGIN, 0.5
        for kind, x0, y0, x1, y1 in self.boxes:
            assert m - tol <= min(x0, x1) and max(x0, x1) <= size[0] - m + tol, (kind, x0, x1)
            assert m - tol <= min(y0, y1) and max(y0, y1) <= size[1] - m + tol, (kind, y0, y1)
        assert min(self.sizes) >= 9, "text smaller than 9 pt"
        assert not self.overflow, self.overflow


@pytest.fixture
def drawn(monkeypatch) -> Drawn:
    """Record where the canvas draws (lines, boxes, strings, paragraphs), following translate()."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph

    rec = Drawn()

    def offset(c) -> list[float]:
        return c.__dict__.setdefault("_rec_stack", [[0.0, 0.0]])[-1]

    def add(c, kind, x0, y0, x1, y1) -> None:
        dx, dy = offset(c)
        rec.boxes.append((kind, x0 + dx, y0 + dy, x1 + dx, y1 + dy))

    def wrap(name, before):
        orig = getattr(Canvas, name)

        def method(self, *a, **k):
            before(self, *a, **k)
            return orig(self, *a, **k)
        monkeypatch.setattr(Canvas, name, method)

    def text(align):
        def before(c, x, y, s, *a, **k):
            width = stringWidth(s, c._fontname, c._fontsize)
            x0 = x - width * align
            rec.sizes.append(c._fontsize)
            add(c, "text", x0, y - 0.25 * c._fontsize, x0 + width, y + c._fontsize)
        return before

    def transform(c, a, b, cc, d, e, f):  # translate() comes through here; nothing else may scale or turn
        if (a, b, cc, d) != (1, 0, 0, 1):
            rec.overflow.append("unexpected scale/rotate/skew")
        off = offset(c)
        off[0] += e
        off[1] += f

    wrap("saveState", lambda c: c.__dict__.setdefault("_rec_stack", [[0.0, 0.0]]).append(list(offset(c))))
    wrap("restoreState", lambda c: c._rec_stack.pop())
    wrap("transform", transform)
    wrap("rect", lambda c, x, y, w, h, *a, **k: add(c, "rect", x, y, x + w, y + h))
    wrap("line", lambda c, x1, y1, x2, y2, *a, **k: add(c, "line", x1, y1, x2, y2))
    wrap("drawString", text(0))
    wrap("drawCentredString", text(0.5))
    wrap("drawRightString", text(1))
    orig_draw_on = Paragraph.drawOn

    def draw_on(self, canvas, x, y, *a, **k):
        add(canvas, "para", x, y, x + self.width, y + self.height)
        rec.sizes.append(self.style.fontSize)
        for line in self.blPara.lines:
            extra = line[0] if isinstance(line, tuple) else line.extraSpace
            if extra < -0.5:
                rec.overflow.append(f"a line of “{self.text[:20]}” is wider than its cell")
        return orig_draw_on(self, canvas, x, y, *a, **k)
    monkeypatch.setattr(Paragraph, "drawOn", draw_on)
    return rec


han = st.text(alphabet=HAN + PUNCT, min_size=0, max_size=90)


@st.composite
def ballot_cases(draw):
    n = draw(st.integers(1, 40))
    items = [BallotItem(CODES[i] + draw(han), draw(st.one_of(st.just(""), st.text(alphabet=HAN + PUNCT, min_size=2,
                                                                                      max_size=150))),
                        draw(st.one_of(st.none(), st.floats(0, 99999, allow_nan=False))),
                        draw(st.sampled_from(["", "2026年10月", "2027年6月底"]))) for i in range(n)]
    return items, draw(st.sampled_from(STYLES)), draw(st.sampled_from(["A4", "A3", "auto"])), draw(st.integers(1, 20))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=ballot_cases())
def test_every_candidate_whole_once_on_every_copy_inside_the_margins(case, tmp_path, drawn):
    _need_pdftotext()
    items, style, paper, seats = case
    drawn.clear()
    lay = ballot_pdf.plan_ballot(TITLE, items, seats, style, paper)
    pdf = ballot_pdf.ballots(tmp_path / "b.pdf", TITLE, items, seats, style, 2, paper)
    if paper != "auto":
        assert lay.paper == paper
    drawn.check(lay.size)
    _check_words(pdf)
    pages = _pages_raw(pdf)
    per_copy = lay.page_count
    assert len(pages) == 2 * per_copy
    for copy in (pages[:per_copy], pages[per_copy:]):
        text = _flat("".join(copy))
        where = [text.find(_flat(i.name)) for i in items]
        for item in items:
            assert text.count(_flat(item.name)) == 1, item.name
        assert where == sorted(where), "candidates out of ballot order"
        if lay.detail:
            assert all(_flat(i.content) in text for i in items)
        else:
            assert "详见大会印发的候选项目名单" in text  # names only, and the ballot says where the contents are
        for n, page in enumerate(copy, start=1):
            flat = _flat(page)
            assert "民生实事项目票决票" in flat and "候选项目" in flat and "无记名投票" in flat
            assert (f"第{n}页共{per_copy}页" in flat) == (per_copy > 1)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(han, min_size=1, max_size=40), style=st.sampled_from(STYLES))
@example(names=["", "““““““““““““““、"], style=STYLES[0])  # a run of quotes the CJK wrapper would not break
def test_tally_sheet_has_every_name_once_and_signatures_with_the_last_row(names, style, tmp_path, drawn):
    _need_pdftotext()
    names = [CODES[i] + n for i, n in enumerate(names)]
    drawn.clear()
    lay = ballot_pdf.plan_tally(TITLE, names, style)
    pdf = ballot_pdf.tally_sheet(tmp_path / "t.pdf", TITLE, names, style)
    drawn.check(lay.size)
    _check_words(pdf)
    pages = [_flat(p) for p in _pages_raw(pdf)]
    assert len(pages) == lay.page_count
    text = "".join(pages)
    for name in names:
        assert text.count(_flat(name)) == 1, name
    assert _flat(names[-1]) in pages[-1]
    assert pages[-1].count("计票人：") == 1 and pages[-1].count("总监票人：") == 1
    assert pages[-1].count("监票人：") == 2  # 监票人 and 总监票人
    assert "计票人：" not in "".join(pages[:-1])
    for n, page in enumerate(pages, start=1):
        assert "候选项目" in page and f"第{n}页共{len(pages)}页" in page


def _demo_items() -> list[BallotItem]:
    return [BallotItem(n, c, 30.0 + 25 * i, f"2026年{10 + i % 3}月") for i, (n, c) in enumerate(DEMO)]


@pytest.mark.parametrize("style", STYLES)
def test_fifteen_demo_candidates_fit_one_a4_ballot(style, tmp_path, drawn):
    """The reported defect: on A4 candidates 14 and 15 were missing and 13 was cut."""
    _need_pdftotext()
    items = _demo_items()
    auto = ballot_pdf.plan_ballot(TITLE, items, 10, style, "auto")
    assert (auto.paper, auto.page_count) == ("A4", 1)
    pdf = ballot_pdf.ballots(tmp_path / "b.pdf", TITLE, items, 10, style, 3, "A4")
    drawn.check(auto.size)
    _check_words(pdf)
    pages = _pages_raw(pdf)
    assert len(pages) == 3
    for page in pages:
        for n, (name, _content) in enumerate(DEMO, start=1):
            assert _flat(name) in _flat(page), (n, name)


def test_auto_moves_to_a3_then_to_more_pages():
    few = ballot_pdf.plan_ballot(TITLE, _demo_items()[:5], 3, STYLES[0], "auto")
    assert (few.paper, few.page_count, few.detail) == ("A4", 1, True)  # room for each project's content
    many = _demo_items() * 2
    assert ballot_pdf.plan_ballot(TITLE, many, 10, STYLES[0], "auto").paper == "A3"
    lots = [BallotItem(f"{n}（第{k}批）", c, 1.0, "2026年10月") for k in range(4) for n, c in DEMO]
    lay = ballot_pdf.plan_ballot(TITLE, lots, 10, STYLES[0], "auto")
    assert lay.paper == "A3" and lay.page_count > 1
    assert sorted(i for page in lay.pages for i in page) == list(range(len(lots)))


def test_a_name_too_long_for_the_paper_is_refused_with_the_paper_to_use():
    long_name = "王家村至李家庄通村公路硬化工程" * 100
    items = [BallotItem(long_name, "", None, ""), *_demo_items()[:3]]
    with pytest.raises(UserError, match="A3"):
        ballot_pdf.plan_ballot(TITLE, items, 2, STYLES[0], "A4")
    assert ballot_pdf.plan_ballot(TITLE, items, 2, STYLES[0], "auto").paper == "A3"
    with pytest.raises(UserError, match="精简"):
        ballot_pdf.plan_ballot(TITLE, [BallotItem(long_name * 5, "", None, "")], 1, STYLES[0], "A3")


def test_paginate_keeps_the_tail_with_the_last_row_and_evens_out_pages():
    pages = L.paginate([10.0] * 10, 50, 50, tail=5)
    assert pages is not None and [i for p in pages for i in p] == list(range(10))
    assert [len(p) for p in pages] == [4, 4, 2]  # not 5, 4, 1: the last row and the tail never go alone
    assert L.paginate([10.0] * 5, 50, 50, tail=5) == [[0, 1, 2], [3, 4]]
    assert L.paginate([60.0], 50, 50) is None
