"""A 代表专班: its name, its leader (a 常委会/主席团 leader, not necessarily a deputy), its 重点工作, members, projects."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout

from .check_list import CheckList
from .common import ok_cancel


class GroupDialog(QDialog):
    def __init__(self, deputies: list[tuple[str, str, str]], projects: list[tuple[str, str]], *, name: str = "",
                 leader_name: str = "", leader_title: str = "", focus: str = "", member_ids: list[str] = (),
                 project_ids: list[str] = (), parent=None):
        super().__init__(parent)
        self.setWindowTitle("代表专班")
        self.setMinimumSize(760, 520)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.name, self.leader_name = QLineEdit(name), QLineEdit(leader_name)
        self.leader_title, self.focus = QLineEdit(leader_title), QLineEdit(focus)
        self.name.setPlaceholderText("如：基础设施代表专班")
        self.leader_title.setPlaceholderText("如：镇人大主席、主席团成员")
        self.focus.setPlaceholderText("一项重点工作，如：农村道路提档升级")
        for label, w in [("专班名称", self.name), ("牵头领导", self.leader_name), ("领导职务", self.leader_title),
                         ("重点工作", self.focus)]:
            form.addRow(label, w)
        lay.addLayout(form)
        lists = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        self.members = CheckList(deputies, set(member_ids), "名代表")
        self.projects = CheckList([(pid, label, "") for pid, label in projects], set(project_ids), "个项目",
                                  placeholder="输入项目名称筛选")
        left.addWidget(QLabel("专班成员（代表）"))
        left.addWidget(self.members, 1)
        right.addWidget(QLabel("负责跟踪的项目"))
        right.addWidget(self.projects, 1)
        lists.addLayout(left, 1)
        lists.addLayout(right, 1)
        lay.addLayout(lists, 1)
        lay.addWidget(ok_cancel(self, "保存"))
