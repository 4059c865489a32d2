"""设置 › 本级信息: the jurisdiction's details and the working year."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ....domain.catalog import LEVELS
from ....services.changes import Changes
from ....services.settings_service import (
    DocumentStyle,
    SettingsService,
    TownInfo,
    TownSettings,
    default_issuing_body,
    validate_document_style,
)
from ...events import EventBus
from ...feedback import attempt, publish_or_warn


class TownTab(QWidget):
    def __init__(self, settings: SettingsService, bus: EventBus, parent=None):
        super().__init__(parent)
        self.settings, self.bus = settings, bus
        lay = QVBoxLayout(self)
        box = QGroupBox("本级信息")
        form = QFormLayout(box)
        self.name = QLineEdit()
        self.code = QLineEdit()
        self.code.setReadOnly(True)
        self.code.setToolTip("行政区划代码是本级数据上报县级时的身份标识，建立后不能修改")
        self.level = QComboBox()
        self.level.addItems(LEVELS)
        self.parent_code = QLineEdit()
        self.parent_code.setPlaceholderText("如 610921（县级代码），可留空")
        self.parent_name = QLineEdit()
        self.congress = QLineEdit()
        self.congress.setPlaceholderText("如 清溪镇第十八届人民代表大会，街道如 白涛街道议事代表会议")
        self.contact = QLineEdit()
        self.contact.setPlaceholderText("如 镇人大主席团办公室 0915-1234567")
        self.issuer = QLineEdit()
        self.issuer.setToolTip("公告、计票结果报告单、候选项目建议名单、进展公示、测评结果的落款和红头；"
                               "留空则按名称和级别自动生成")
        self.red = QCheckBox("套红：文件首页印红色版头（本级机关名称）和红色分隔线")
        self.red.setToolTip("用已印好红头的公文纸或黑白打印时不要勾选")
        for label, w in [("名称", self.name), ("行政区划代码", self.code), ("级别", self.level),
                         ("上级行政区划代码", self.parent_code), ("上级名称", self.parent_name),
                         ("本届人代会名称", self.congress), ("联系方式", self.contact),
                         ("本级机关名称", self.issuer), ("公文格式", self.red)]:
            form.addRow(label, w)
        self.save_btn = QPushButton("保存本级信息")
        self.save_btn.setObjectName("primary")
        self.save_btn.clicked.connect(self._on_save)
        form.addRow("", self.save_btn)
        box.setMaximumWidth(820)
        lay.addWidget(box)

        ybox = QGroupBox("工作年度")
        yl = QHBoxLayout(ybox)
        yl.addWidget(QLabel("当前年度"))
        self.years = QComboBox()
        yl.addWidget(self.years)
        self.use_btn = QPushButton("设为当前年度")
        self.use_btn.clicked.connect(self._on_use_year)
        yl.addWidget(self.use_btn)
        yl.addSpacing(30)
        yl.addWidget(QLabel("新建年度"))
        self.new_year = QSpinBox()
        self.new_year.setRange(2000, 2100)
        yl.addWidget(self.new_year)
        self.add_btn = QPushButton("新建")
        self.add_btn.clicked.connect(self._on_add_year)
        yl.addWidget(self.add_btn)
        yl.addStretch(1)
        ybox.setMaximumWidth(820)
        lay.addWidget(ybox)
        note = QLabel("年度指项目实施的年份：如 2026 年度的建议在 2025 年 10 月征集，2026 年初人代会票决（街道为议事代表会议票选）。")
        note.setObjectName("paneNote")
        note.setWordWrap(True)
        lay.addWidget(note)
        lay.addStretch(1)

    def show_settings(self, s: TownSettings) -> None:
        t = s.town
        self.name.setText(t.name)
        self.code.setText(t.code)
        self.level.setCurrentText(t.level)
        self.parent_code.setText(t.parent_code)
        self.parent_name.setText(t.parent_name)
        self.congress.setText(t.congress_name)
        self.contact.setText(t.contact)
        self.issuer.setText(s.documents.issuing_body)
        self.issuer.setPlaceholderText(f"如 {default_issuing_body(t.name, t.level)}（留空即用此名称）")
        self.red.setChecked(s.documents.red_header)
        self.years.clear()
        self.years.addItems([str(y) for y in s.years])
        self.years.setCurrentText(str(s.current_year))
        self.new_year.setValue(max(s.years) + 1 if s.years else s.current_year)

    def _on_save(self) -> None:
        info = TownInfo(self.code.text(), self.name.text(), self.level.currentText(), self.parent_code.text(),
                        self.parent_name.text(), self.congress.text(), self.contact.text())
        style = DocumentStyle(self.issuer.text().strip(), self.red.isChecked())

        def save() -> Changes:
            validate_document_style(style)  # both are checked before either is saved
            town = self.settings.save_town(info)
            docs = self.settings.save_document_style(style)
            return Changes(town.topics | docs.topics, town.message)

        ok, changes = attempt(self, save, "本级信息未保存")
        if ok:
            self.bus.publish(changes)

    def _on_use_year(self) -> None:
        if not self.years.currentText():
            return
        publish_or_warn(self, self.bus, lambda: self.settings.set_current_year(int(self.years.currentText())))

    def _on_add_year(self) -> None:
        publish_or_warn(self, self.bus, lambda: self.settings.add_year(self.new_year.value()), "未能新建年度")
