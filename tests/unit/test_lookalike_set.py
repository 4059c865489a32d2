"""The look-alike detector on the labelled set in tests/lookalike (figures reported in the README)."""

from __future__ import annotations

from minsheng_desktop.domain import segmenter
from minsheng_desktop.domain.intake import ProposalInput
from minsheng_desktop.domain.similarity import Reader, SimilarityIndex
from minsheng_desktop.domain.wording import build_lexicon
from minsheng_desktop.services.intake_service import IntakeService
from minsheng_desktop.services.wording_service import WordingService
from tests.lookalike.distinct import distinct
from tests.lookalike.evaluate import evaluate
from tests.lookalike.pairs import LOOK_ALIKE, SAME_WISH


def test_the_labelled_set_meets_its_targets():
    assert len(SAME_WISH) >= 40 and len(LOOK_ALIKE) >= 20 and len(distinct()) == 300
    f = evaluate()
    same, alike, single = f.rates()
    print(f.line())
    assert same >= 0.90, f.missed
    assert alike <= 1 / 12, f.wrongly_paired
    assert single <= 0.01, f.distinct_hits


def test_segmenter_is_jieba_dictionary_offline():
    assert segmenter.available()  # rjieba: the dictionary is inside the extension module, nothing is fetched
    assert [w for w, _ in segmenter.tag("水管老化到处漏水")][:2] == ["水管", "老化"]


def test_place_is_a_hard_boundary_and_content_is_read():
    idx = SimilarityIndex()
    idx.add("a", "张湾村饮水管网改造", "张湾村")
    idx.add("b", "李家沟村饮水管网改造", "李家沟村")
    idx.add("c", "张湾村污水管网改造", "张湾村")
    found = idx.matches(idx.entry("张湾村自来水三天两头停水", "张湾村", "水管老化到处漏水，经常停水"))
    assert [m.key for m in found] == ["a"]
    assert "自来水／停水／饮水" in found[0].shared[0] and "饮水" in found[0].theirs and "自来水" in found[0].mine


def test_a_town_extends_the_words(town_db):
    plain = Reader(build_lexicon())
    local = Reader(build_lexicon([["塘堰", "冬水田"]], ["帮忙"]))
    assert "塘堰" not in plain.entry("修整冬水田").weights and "塘堰" in local.entry("修整冬水田").weights
    assert "帮忙" not in local.entry("帮忙修冬水田").weights
    words = WordingService(town_db)
    before = words.trial("柳溪村冬水田整治", "柳溪村塘堰清淤")
    words.save("塘堰 冬水田", "帮忙")
    after = words.trial("柳溪村冬水田整治", "柳溪村塘堰清淤")
    assert after.score > before.score and "冬水田／塘堰" in after.shared[0]
    svc = IntakeService(town_db)
    svc.add(2026, ProposalInput("柳溪村塘堰整治", village="柳溪村"))
    assert [s.title for s in svc.similar(2026, "柳溪村冬水田漏水", "柳溪村")] == ["柳溪村塘堰整治"]
    assert words.load().synonyms == "塘堰 冬水田"
