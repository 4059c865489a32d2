"""``minsheng demo --level 县区|市``: a demo county of 12 towns (or a city of two districts), merged the real way.

Each town is written like the town demo (fewer deputies), exported as a signed package and merged into the county
database by ``MergeService``; a city merges each district's own package. The towns' files live in a temporary
folder and are removed afterwards; only the county (or city) database is left. The county's own vote is not part
of this demo."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..clock import SYSTEM, Clock
from ..domain.errors import UserError
from .demo_service import DemoOptions, write_demo
from .settings_service import SettingsService, TownInfo

TOWN_NAMES = ("清溪镇", "蒲溪镇", "涧池镇", "双河镇", "平梁镇", "城关镇", "漩涡镇", "汉阳镇", "铁佛镇", "观音河镇", "龙垭镇",
              "双乳镇", "凤亭镇", "酒店镇", "蒲溪街道", "城东街道")
DISTRICTS = (("610999", "示范县"), ("610998", "东川区"))
CITY = ("610900", "示范市")


@dataclass(frozen=True)
class CountyDemoSummary:
    level: str
    name: str
    districts: list[str]
    towns: int
    years: list[int]
    county_vote_ballots: int = 0  # the county's own vote, counted by delegation (县区 only)

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def _district(work: Path, code: str, name: str, towns: int, years: int, seed: int, clock: Clock) -> list[str]:
    """The district's towns, each in its own file, exported: the package paths."""
    from ..storage.db import open_database
    from .export_service import export_package

    packages = []
    for i in range(towns):
        town_code = f"{code}{101 + i:03d}"
        name_i = TOWN_NAMES[i % len(TOWN_NAMES)]
        db = open_database(work / f"{town_code}.sqlite")
        try:
            write_demo(db, DemoOptions(town=name_i, code=town_code, years=years, seed=seed + i, deputies=40), clock)
            packages.append(str(export_package(db, work / f"{town_code}.mspkg", attachments=False, clock=clock).path))
        finally:
            db.close()
    return packages


def _merge_into(target: str, info: TownInfo, packages: list[str], year: int, clock: Clock) -> None:
    from ..storage.db import open_database
    from .merge_service import MergeService

    db = open_database(target)
    try:
        SettingsService(db, clock).create_town(info, year=year)
        refused = [r for r in MergeService(db).merge(list(packages)) if r.status != "merged"]
        if refused:
            raise UserError(f"演示数据合并失败：{refused[0].reason}", "demo merge failed")
    finally:
        db.close()


def _county_vote(target: str, year: int, towns: list[str], seed: int, clock: Clock) -> int:
    """The county's own vote, counted by its towns' delegations and sealed (demo_county_vote)."""
    from ..storage.db import open_database
    from .demo_county_vote import write_county_vote

    db = open_database(target)
    try:
        held = min(date(year, 1, 14), clock.today())
        return write_county_vote(db, clock, year=year, held_on=held, towns=towns, seed=seed).ballots
    finally:
        db.close()


def write_county_demo(target: str, level: str = "县区", *, towns: int = 12, years: int = 2, seed: int = 1,
                      clock: Clock = SYSTEM) -> CountyDemoSummary:
    """A county of ``towns`` towns, or (``level="市"``) a city of two districts of ``towns // 2`` towns each."""
    if level not in ("县区", "市"):
        raise UserError("--level 应为 乡镇、县区 或 市", "--level must be 乡镇, 县区 or 市", field="level")
    if not 1 <= towns <= len(TOWN_NAMES):
        raise UserError(f"演示乡镇数应在 1～{len(TOWN_NAMES)} 之间", "too many or too few demo towns", field="towns")
    if Path(target).exists() and Path(target).stat().st_size > 0:
        raise UserError(f"“{target}”已存在，演示数据只写入新文件，请换一个文件名", f"{target} exists")
    from ..storage.db import is_url

    created = not is_url(target) and not Path(target).exists()
    try:
        return _write(target, level, towns, years, seed, clock)
    except BaseException:
        if created:  # a refusal or failure leaves no half-written demo behind
            for side in ("", "-wal", "-shm", "-journal"):
                Path(f"{target}{side}").unlink(missing_ok=True)
        raise


def _write(target: str, level: str, towns: int, years: int, seed: int, clock: Clock) -> CountyDemoSummary:
    year = clock.today().year
    with tempfile.TemporaryDirectory(prefix="minsheng-demo-") as tmp:
        work = Path(tmp)
        if level == "县区":
            code, name = DISTRICTS[0]
            packages = _district(work, code, name, towns, years, seed, clock)
            _merge_into(target, TownInfo(code, name, "县区", CITY[0], CITY[1], "", ""), packages, year, clock)
            ballots = _county_vote(target, year, list(TOWN_NAMES[:towns]), seed, clock)
            return CountyDemoSummary(level, name, [name], towns, list(range(year - years + 1, year + 1)), ballots)
        from ..storage.db import open_database
        from .export_service import export_package

        district_packages = []
        per = max(1, towns // 2)
        for k, (code, name) in enumerate(DISTRICTS):
            packages = _district(work, code, name, per, years, seed + 100 * k, clock)
            county = work / f"{code}.sqlite"
            _merge_into(str(county), TownInfo(code, name, "县区", CITY[0], CITY[1], "", ""), packages, year, clock)
            db = open_database(county)
            try:
                district_packages.append(str(export_package(db, work / f"{code}.mspkg", attachments=False,
                                                            clock=clock).path))
            finally:
                db.close()
        _merge_into(target, TownInfo(CITY[0], CITY[1], "市", "", "", "", ""), district_packages, year, clock)
        return CountyDemoSummary(level, CITY[1], [n for _c, n in DISTRICTS], per * 2,
                                 list(range(year - years + 1, year + 1)))
