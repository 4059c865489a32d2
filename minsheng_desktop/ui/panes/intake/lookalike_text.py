"""Why two proposals were paired, as rich text: the words they share highlighted where each wrote them."""

from __future__ import annotations

import html
import re

from ....services.intake_service import Similar

MARK = '<b style="color:#b45309">{}</b>'


def highlight(text: str, words) -> str:
    """``text`` escaped, every occurrence of ``words`` (longest first) marked."""
    words = sorted({w for w in words if w}, key=len, reverse=True)
    if not words:
        return html.escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in words))
    out, pos = [], 0
    for m in pattern.finditer(text):
        out.append(html.escape(text[pos:m.start()]))
        out.append(MARK.format(html.escape(m.group())))
        pos = m.end()
    out.append(html.escape(text[pos:]))
    return "".join(out)


def label(s: Similar) -> str:
    number = f"第 {s.seq_no} 号" if s.seq_no else ""
    return f"{number}“{highlight(s.title, s.theirs)}”"


def shared_words(s: Similar, limit: int = 4) -> str:
    return "、".join(s.shared[:limit])


def hint_html(prefix: str, similar: list[Similar], limit: int = 3, suffix: str = "") -> str:
    """"可能重复：第 12 号“张湾村<b>饮水</b><b>管网</b>改造”（相同：饮水、管网）；…" for the entry form."""
    parts = [f"{label(s)}（相同：{html.escape(shared_words(s))}）" if s.shared else label(s) for s in similar[:limit]]
    return html.escape(prefix) + "；".join(parts) + html.escape(suffix)


def why_html(title: str, content: str, s: Similar) -> str:
    """The two proposals one above the other, the shared words marked in both (the merge dialog)."""
    mine = highlight(title, s.mine) + (f"<br/><span style='color:#555'>{highlight(content, s.mine)}</span>"
                                        if content else "")
    theirs = highlight(s.title, s.theirs) + (f"<br/><span style='color:#555'>{highlight(s.content, s.theirs)}</span>"
                                              if s.content else "")
    return (f"<p><b>相同的词：</b>{html.escape(shared_words(s, 8)) or '—'}（相似度 {s.score:.2f}）</p>"
            f"<p>{mine}</p><p>{theirs}</p>")


def plain(rich: str) -> str:
    """The text a person reads (tags removed, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", rich.replace("<br/>", "\n")))
