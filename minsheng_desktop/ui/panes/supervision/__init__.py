"""Tabs of the 监督 pane kept in their own files: 回头看 campaigns and 代表专班 groups."""

from __future__ import annotations


def add_tabs(pane, campaigns, groups, supervision, projects, roster) -> None:
    """Add the 回头看 and 代表专班 tabs to the 监督 pane; they load with its year (``pane.year_tabs``)."""
    from .campaign_tab import CampaignTab
    from .group_tab import GroupTab

    for tab, label in ((CampaignTab(pane, campaigns, supervision, roster), "回头看"),
                       (GroupTab(pane, groups, projects, roster), "代表专班")):
        pane.tabs.addTab(tab, label)
        pane.year_tabs.append(tab)
