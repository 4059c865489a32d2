"""The `minsheng` command (shared/spec/CLI.md). Calls services; never imports Qt."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from . import __version__
from .clock import from_env as clock_from_env
from .domain.catalog import LEVELS
from .domain.errors import UserError

EXIT_BAD_INPUT, EXIT_OTHER = 2, 1


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own errors are bad input too
        raise UserError(f"命令参数有误：{message}", f"bad arguments: {message}")


def _print_json(data: Any) -> None:
    """JSON on stdout: indented when short enough to read, compact (the C encoder, ~10x faster) when long."""
    text = json.dumps(data, ensure_ascii=False)
    if len(text) < 20_000:
        text = json.dumps(data, ensure_ascii=False, indent=1)
    sys.stdout.write(text + "\n")


def _read_json(path: str) -> Any:
    """A case file as JSON: at most CASE_MAX_BYTES, strict JSON (no NaN/Infinity), every failure a UserError."""
    from .domain.limits import CASE_MAX_BYTES, MB

    p = Path(path)
    if not p.is_file():
        raise UserError(f"找不到文件“{path}”", f"file not found: {path}")
    try:
        size = p.stat().st_size
        if size > CASE_MAX_BYTES:
            raise UserError(f"“{path}”有 {size // MB} MB，超过案例文件 {CASE_MAX_BYTES // MB} MB 的上限",
                            f"{path} is larger than the {CASE_MAX_BYTES // MB} MB limit for case files")
        text = p.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise UserError(f"无法读取“{path}”：{exc.strerror or exc}", f"cannot read {path}: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise UserError(f"“{path}”不是 UTF-8 编码的文本", f"{path} is not UTF-8 text") from exc
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise UserError(f"“{path}”不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列）",
                        f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno})") from exc
    except (ValueError, RecursionError) as exc:  # NaN/Infinity, an integer of thousands of digits, deep nesting
        raise UserError(f"“{path}”不是有效的 JSON（含有 NaN、Infinity、位数过多的数或嵌套过深）",
                        f"{path} is not valid JSON (NaN, Infinity, an over-long number or too deep nesting)") from exc


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def cmd_tally(args) -> int:
    from .domain.cases import run_tally_case

    _print_json(run_tally_case(_read_json(args.case)).to_dict())
    return 0


def cmd_score(args) -> int:
    from .domain.cases import run_score_case

    _print_json(run_score_case(_read_json(args.case)).to_dict())
    return 0


def _open(db: str):
    from .storage.db import open_database

    return open_database(db)


def cmd_demo(args) -> int:
    from .services.demo_service import DemoOptions, write_demo_file

    if args.level in ("县区", "市"):  # a county of 12 towns, or a city of two districts, merged from town demos
        from .services.county_demo import write_county_demo

        _print_json(write_county_demo(args.db, args.level, towns=args.towns, years=args.years, seed=args.seed,
                                      clock=clock_from_env()).to_dict())
        return 0
    options = DemoOptions.for_level(args.level, args.town, args.code, years=args.years, seed=args.seed)
    summary = write_demo_file(args.db, options, clock_from_env())
    _print_json(summary.to_dict())
    return 0


def cmd_check(args) -> int:
    """Reads only: a damaged or empty file is reported with the backup to restore; nothing is created or migrated."""
    from .services import backup_service
    from .services.check_service import check_database
    from .storage.db import is_url, open_database

    local = not is_url(args.db)
    if local:
        if not Path(args.db).is_file():
            raise UserError(f"找不到数据库文件“{args.db}”", f"database file not found: {args.db}")
        health = backup_service.check_file(args.db)
        if not health.ok:
            raise backup_service.damaged_error(args.db, health.problem)
    try:
        db = open_database(args.db, migrate=False)
        try:
            report = check_database(db)
        finally:
            db.close()
    except Exception as exc:
        if local and backup_service.is_damage(exc):
            raise backup_service.damaged_error(args.db, "SQLite 无法读取") from exc
        raise
    _print_json(report.to_dict())
    if not report.ok:
        sys.stderr.write("数据库检查未通过：" + "；".join(report.problems) + "\n(the database failed its check)\n")
        return EXIT_BAD_INPUT
    return 0


def cmd_verify_seal(args) -> int:
    from .services.seal_service import SealService

    if "://" not in args.db and not Path(args.db).is_file():
        raise UserError(f"找不到数据库文件“{args.db}”", f"database file not found: {args.db}")
    text = " ".join(args.code)
    if text.strip() == "-":
        text = sys.stdin.read(4096)  # a handheld scanner's output piped in
    db = _open(args.db)
    try:
        verdict = SealService(db).verify(text)
    finally:
        db.close()
    _print_json(verdict)
    if not verdict["ok"]:
        sys.stderr.write("封存核对未通过：" + "；".join(verdict["problems"]) +
                         "\n(the file does not match the printed seal)\n")
        return EXIT_BAD_INPUT
    return 0


def cmd_import_proposals(args) -> int:
    from .services.proposal_excel import ProposalExcelService

    if not Path(args.file).is_file():
        raise UserError(f"找不到文件“{args.file}”", f"file not found: {args.file}")
    if "://" not in args.db and not Path(args.db).is_file():
        raise UserError(f"找不到数据库文件“{args.db}”", f"database file not found: {args.db}")
    db = _open(args.db)
    try:
        report = ProposalExcelService(db).import_file(args.file, args.year, actor="命令行")
    finally:
        db.close()
    _print_json(report.to_dict())
    return 0


def cmd_report(args) -> int:
    from .services.report_service import VOTE_KINDS, ReportService

    if "://" not in args.db and not Path(args.db).is_file():
        raise UserError(f"找不到数据库文件“{args.db}”", f"database file not found: {args.db}")
    db = _open(args.db)
    try:
        reports = ReportService(db, clock_from_env())
        if args.kind in VOTE_KINDS:
            session = args.session or reports.latest_session(args.year)
            out = reports.write_vote(args.kind, session, args.out, paper=args.paper, number=args.number)
        elif args.kind == "county-summary":
            out = reports.county_summary(args.out, args.year, number=args.number)
        else:
            if args.year is None:
                raise UserError("请用 --year 指定年度", "--year is required for this report", field="year")
            out = reports.write(args.kind, args.year, args.out, village=args.village, number=args.number)
    finally:
        db.close()
    result: dict = {"report": args.kind, "out": str(out)}
    if Path(out).suffix.lower() in (".pdf", ".docx") and args.kind not in ("ballots", "tally-sheet"):
        from .fonts import document_fonts

        result["fonts"] = document_fonts().to_dict()  # with a "note" when 仿宋/黑体 were not found
    _print_json(result)
    return 0


def cmd_scan(args) -> int:
    """选票扫描计票: read scanned ballots (JSON per sheet); --record records those read for certain."""
    from .services.scan_service import ScanService

    if "://" not in args.db and not Path(args.db).is_file():
        raise UserError(f"找不到数据库文件“{args.db}”", f"database file not found: {args.db}")
    if (args.collected is not None or args.seal) and not args.session:
        raise UserError("--collected 和 --seal 需要用 --session 指明票决会议", "--collected and --seal need --session")
    db = _open(args.db)
    try:
        scan = ScanService(db, clock_from_env())
        if args.collected is not None and scan.votes.info(args.session).ballots_collected is None:
            scan.votes.declare_collected(args.session, args.collected)  # the box, counted before the sheets
        result = scan.scan_files(args.files, args.session, record=args.record or args.seal)
        if args.seal:  # every collected ballot recorded: the result is published and sealed (else refused, why)
            result["sealed"] = {"message": scan.votes.publish(args.session).message,
                                "seal_code": scan.votes.seal_code(args.session)}
        _print_json(result)
    finally:
        db.close()
    return 0


def cmd_export(args) -> int:
    from .services.export_service import export_package
    from .storage.db import is_url

    if not is_url(args.db) and not Path(args.db).is_file():
        raise UserError(f"找不到数据库文件“{args.db}”", f"database file not found: {args.db}")
    db = _open(args.db)
    try:
        summary = export_package(db, args.out, attachments=not args.no_attachments)
    finally:
        db.close()
    _print_json(summary.to_dict())
    return 0


def cmd_merge(args) -> int:
    from .services.merge_service import MergeService

    db = _open(args.db)
    try:
        results = MergeService(db).merge(args.files, accept_new_key=set(args.accept_key or []),
                                         accept_restored=set(args.accept_restored or []))
    finally:
        db.close()
    _print_json([r.to_dict() for r in results])
    refused = [r for r in results if r.status == "refused"]
    if refused:
        sys.stderr.write("；".join(f"{r.file}：{r.reason}" for r in refused) + "\n(some packages were refused)\n")
        return EXIT_BAD_INPUT
    return 0


def cmd_summary(args) -> int:
    from .services.summary_service import SummaryService

    if "://" not in args.db and not Path(args.db).is_file():
        raise UserError(f"找不到数据库文件“{args.db}”", f"database file not found: {args.db}")
    db = _open(args.db)
    try:
        _print_json(SummaryService(db).summary(args.year).to_dict())
    finally:
        db.close()
    return 0


def cmd_backup(args) -> int:
    from .services.backup_service import backup_to

    out = backup_to(args.db, args.out)
    _print_json({"backup": str(out)})
    return 0


def cmd_restore(args) -> int:
    from .services.backup_service import restore

    safety = restore(args.db, args.file)
    _print_json({"restored": str(args.db), "from": str(args.file), "previous_saved_as": str(safety) if safety else None})
    return 0


def cmd_gui(args) -> int:
    from .__main__ import run_gui

    return run_gui(db=args.db, demo=getattr(args, "demo", False))


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="minsheng", description="民生实事项目人大代表票决制 — 命令行工具")
    p.add_argument("--version", action="version", version=f"minsheng {__version__}")
    p.add_argument("--debug", action="store_true", help="出错时显示完整的技术信息")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    g = sub.add_parser("gui", help="启动桌面程序")
    g.add_argument("--db", help="数据库文件路径或 SQLAlchemy URL（默认在用户数据目录）")
    g.add_argument("--demo", action="store_true", help="数据库为空时先写入演示乡镇")
    g.set_defaults(func=cmd_gui)

    d = sub.add_parser("demo", help="写入一个演示乡镇（或街道、县、市）")
    d.add_argument("--db", required=True)
    d.add_argument("--town", help="名称（默认：乡镇为清溪镇，街道为白涛街道）")
    d.add_argument("--code", help="行政区划代码（默认：610999101，街道为 500102010）")
    d.add_argument("--level", default="乡镇", choices=LEVELS,
                   help="乡镇（默认，人民代表大会票决）；街道（议事代表会议票选）；县区：12 个乡镇合并而成的演示县"
                        "及其分团计票的票决；市：两个区县组成的演示市")
    d.add_argument("--years", type=int, default=2)
    d.add_argument("--seed", type=int, default=1)
    d.add_argument("--towns", type=int, default=12, help="县区或市的演示乡镇数（默认 12）")
    d.set_defaults(func=cmd_demo)

    t = sub.add_parser("tally", help="按案例文件计票")
    t.add_argument("case")
    t.set_defaults(func=cmd_tally)

    s = sub.add_parser("score", help="按案例文件计算满意度测评结果")
    s.add_argument("case")
    s.set_defaults(func=cmd_score)

    ip = sub.add_parser("import-proposals", help="从征集模板（.xlsx）导入建议")
    ip.add_argument("--db", required=True)
    ip.add_argument("--year", required=True, type=int)
    ip.add_argument("file")
    ip.set_defaults(func=cmd_import_proposals)

    r = sub.add_parser("report", help="生成报表（PDF、Word .docx 或 Excel .xlsx，按文件扩展名）")
    r.add_argument("kind", choices=["candidates", "replies", "ballots", "tally-sheet", "tally-report", "announcement",
                                    "counts", "ledger", "notice", "calendar", "scores", "county-summary"],
                   help="candidates 候选项目建议名单；replies 答复清单；ballots 选票；tally-sheet 计票单；"
                        "tally-report 计票结果报告单；announcement 公告；counts 计票数据；ledger 项目台账；"
                        "notice 进展公示；calendar 监督日程；scores 满意度测评结果；county-summary 县级汇总")
    r.add_argument("--db", required=True)
    r.add_argument("--out", required=True)
    r.add_argument("--year", type=int)
    r.add_argument("--session", help="票决会议 ID（默认为该年度最近的一次）")
    r.add_argument("--paper", choices=["auto", "A4", "A3"], default="auto", help="选票纸张（默认 auto：A4 一页排得下用 A4，否则 A3；A3 一页也排不下时分页，每页注明第几页）")
    r.add_argument("--village", help="只输出一个村(社区)的答复清单")
    r.add_argument("--number", default="", help="文号，如 清人主〔2026〕3号（印在版头下；PDF 和 .docx）")
    r.set_defaults(func=cmd_report)

    sc = sub.add_parser("scan", help="选票扫描计票：识别扫描的选票（PDF、PNG、JPEG、TIFF 或文件夹）")
    sc.add_argument("--db", required=True)
    sc.add_argument("--session", help="票决会议 ID（默认按选票上的二维码）")
    sc.add_argument("--record", action="store_true", help="把识别确定的选票录入计票（不确定的留待人工确认）")
    sc.add_argument("--collected", type=int, help="先录入收回票数（清点票箱所得，尚未录入时）")
    sc.add_argument("--seal", action="store_true",
                    help="录入后公布并封存结果（须全部收回的选票都已录入，否则说明原因并不封存）")
    sc.add_argument("files", nargs="+")
    sc.set_defaults(func=cmd_scan)

    e = sub.add_parser("export", help="导出上报县级的数据包（.mspkg）")
    e.add_argument("--db", required=True)
    e.add_argument("--out", required=True)
    e.add_argument("--no-attachments", action="store_true", help="不包含照片等附件")
    e.set_defaults(func=cmd_export)

    m = sub.add_parser("merge", help="把乡镇上报包合并到县级（或市级）数据库")
    m.add_argument("--db", required=True)
    m.add_argument("--accept-key", action="append", metavar="CODE", help="接受该行政区划代码的新签名密钥（电话核实后）")
    m.add_argument("--accept-restored", action="append", metavar="CODE",
                   help="接受该乡镇由备份恢复（或更换电脑）后的上报包（核实后；记入审计日志）")
    m.add_argument("files", nargs="+")
    m.set_defaults(func=cmd_merge)

    sm = sub.add_parser("summary", help="输出汇总数据（按乡镇、类别、年度）")
    sm.add_argument("--db", required=True)
    sm.add_argument("--year", type=int)
    sm.set_defaults(func=cmd_summary)

    b = sub.add_parser("backup", help="把数据库备份到指定文件（如 U 盘）")
    b.add_argument("--db", required=True)
    b.add_argument("--out", required=True)
    b.set_defaults(func=cmd_backup)

    rs = sub.add_parser("restore", help="用备份文件恢复数据库（当前文件会先自动备份）")
    rs.add_argument("--db", required=True)
    rs.add_argument("file")
    rs.set_defaults(func=cmd_restore)

    c = sub.add_parser("check", help="检查数据库：完整性、架构版本、审计链、封存结果")
    c.add_argument("--db", required=True)
    c.set_defaults(func=cmd_check)

    v = sub.add_parser("verify-seal", help="用结果报告单上的封存码（或二维码内容）核对数据库中的计票结果")
    v.add_argument("--db", required=True)
    v.add_argument("code", nargs="+", help="20 位封存码（可带空格），或扫描二维码得到的文字；“-”表示从标准输入读取")
    v.set_defaults(func=cmd_verify_seal)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    debug = "--debug" in argv
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            from .__main__ import run_gui

            return run_gui(db=None, demo=False)
        return args.func(args)
    except UserError as exc:
        if debug:
            raise
        sys.stderr.write(exc.message() + "\n")
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_OTHER
    except Exception as exc:  # anything unexpected: one clear line, no traceback unless --debug
        if debug:
            raise
        sys.stderr.write(f"发生意外错误：{exc}\n(unexpected error: {type(exc).__name__}; rerun with --debug)\n")
        return EXIT_OTHER


if __name__ == "__main__":
    sys.exit(main())
