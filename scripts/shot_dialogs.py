"""Every dialog of the app, built over the demo town's data, for scripts/screenshots.py.

``dialogs(window)`` yields (name, widget) pairs, each widget built but not shown; the caller shows, grabs and
closes it. Standard Qt dialogs (message boxes, the file dialog, progress, input, calendar popup) are included so
their Chinese buttons and month names can be seen.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QFileDialog, QInputDialog, QMessageBox, QProgressDialog, QWidget


def _confirm_box(parent: QWidget) -> QMessageBox:
    """What ui.feedback.confirm shows (built here without exec so it can be grabbed)."""
    box = QMessageBox(QMessageBox.Icon.Question, "公布结果", "公布后结果即封存，任何人都不能再修改票数。确认公布？",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.button(QMessageBox.StandardButton.Yes).setText("公布并封存")
    box.button(QMessageBox.StandardButton.No).setText("取消")
    return box


def dialogs(window) -> Iterator[tuple[str, QWidget]]:
    from minsheng_desktop.domain.roster import DeputyInput
    from minsheng_desktop.ui.dialogs.attachments_dialog import AttachmentsDialog
    from minsheng_desktop.ui.dialogs.deputy_dialog import DeputyDialog
    from minsheng_desktop.ui.dialogs.event_dialogs import FeedbackDialog, OpinionDialog
    from minsheng_desktop.ui.dialogs.meeting_dialog import MeetingDialog
    from minsheng_desktop.ui.dialogs.merge_dialog import MergeDialog
    from minsheng_desktop.ui.dialogs.officers_dialog import OfficersDialog
    from minsheng_desktop.ui.dialogs.project_dialogs import AdjustmentDialog, DecisionDialog, ProgressDialog
    from minsheng_desktop.ui.dialogs.proposal_picker_dialog import ProposalPickerDialog
    from minsheng_desktop.ui.dialogs.reply_dialog import ReplyDialog
    from minsheng_desktop.ui.dialogs.scoring_dialogs import NewRoundDialog
    from minsheng_desktop.ui.dialogs.seal_dialog import SealDialog
    from minsheng_desktop.ui.dialogs.session_dialogs import NewSessionDialog, SessionRulesDialog
    from minsheng_desktop.ui.dialogs.town_dialog import TownDialog
    from minsheng_desktop.ui.panes.summary_pane import TownDialog as CountyTownDialog

    sv = window.services
    clock = sv.clock
    settings = sv.settings.load()
    year = settings.current_year
    proposals = sv.intake.proposals(year)
    deputies = sv.roster.deputies(include_retired=False)
    projects = sv.projects.projects(year)
    groups = sorted({d.group_name for d in deputies})
    yield "首次使用-本级信息", TownDialog(window)
    yield "代表", DeputyDialog(groups, DeputyInput(deputies[0].name, deputies[0].gender, deputies[0].group_name,
                                                  deputies[0].phone), parent=window)
    yield "附件", AttachmentsDialog(sv.intake, proposals[0], window)
    yield "合并重复建议", MergeDialog(proposals[:3], window)
    yield "答复", ReplyDialog(2, window)
    yield "选择建议", ProposalPickerDialog(proposals, window)
    yield "审定会议", MeetingDialog(settings.screening_chain, settings.screening_chain[0],
                                    [c.name for c in sv.screening.candidates(year)[:5]], window, clock=clock)
    yield "新建票决会议", NewSessionDialog(f"{year}年度民生实事项目票决", window, clock=clock)
    yield "本次票决规则", SessionRulesDialog(settings.vote_policy.rules, window)
    yield "计票人监票人", OfficersDialog([(d.id, d.name) for d in deputies], {}, window)
    yield "核对封存码", SealDialog(sv.vote.verify_seal, window)
    name = projects[0].name if projects else "示例项目"
    yield "登记进展", ProgressDialog(name, 40, 100.0, 60.0, window, clock=clock)
    yield "调整申请", AdjustmentDialog(name, window, clock=clock)
    yield "调整决定", DecisionDialog(f"延期申请：{name}", f"{settings.town.name}人民代表大会", window, clock=clock)
    yield "意见建议", OpinionDialog([(p.id, p.name) for p in projects], [(d.id, d.name) for d in deputies[:20]],
                                    clock.today(), window)
    yield "整改反馈", FeedbackDialog("建议公开项目资金使用情况", "", window)
    yield "新建测评", NewRoundDialog(year, [(p.id, p.name) for p in projects], settings.scoring.method, window,
                                     clock=clock)
    yield "乡镇详情", CountyTownDialog(sv.summary.db, settings.town.code, year, window)
    yield "确认框", _confirm_box(window)
    warning = QMessageBox(QMessageBox.Icon.Warning, "无法完成操作", "不足法定人数，不能开始计票。",
                          QMessageBox.StandardButton.Ok, window)
    yield "提示框", warning
    files = QFileDialog(window, "保存候选项目建议名单", "", "PDF (*.pdf);;Excel (*.xlsx)")
    files.setOption(QFileDialog.Option.DontUseNativeDialog)
    files.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    files.selectFile(f"{year}年度民生实事候选项目建议名单.pdf")
    yield "保存文件", files
    progress = QProgressDialog("正在合并上报包……", "停止", 0, 4, window)
    progress.setWindowTitle("请稍候")
    progress.setValue(1)
    yield "进度", progress
    ask = QInputDialog(window)
    ask.setWindowTitle("整改跟进")
    ask.setLabelText("政府说明")
    ask.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
    yield "输入", ask
    edit = QDateEdit(QDate(clock.today().year, clock.today().month, clock.today().day))
    edit.setCalendarPopup(True)
    calendar = edit.calendarWidget()
    calendar.setParent(window, calendar.windowFlags())
    calendar.resize(calendar.sizeHint())
    yield "日历", calendar
