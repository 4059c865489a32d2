"""The phone pages: plain HTML with inline style, no outside assets, large type and touch targets, Chinese only.

Everything works without script (every step is a form posted to the PC); a few lines of ES5 only count the 赞成
as they are ticked and stop an over-approved ballot before it is sent (the server checks again)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ..phone_vote_service import PhoneBallot

STYLE = """
*{box-sizing:border-box}body{margin:0;padding:12px;font-size:20px;line-height:1.5;color:#111;background:#f4f4f4;
font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif}
h1{font-size:24px;margin:8px 0 4px}p{margin:6px 0}.sub{color:#444;font-size:17px}
.c{background:#fff;border-radius:8px;padding:10px 12px;margin:10px 0;border:1px solid #ddd}
.n{font-weight:bold;margin-bottom:6px}.o{display:table;width:100%;table-layout:fixed}
.o label{display:table-cell;text-align:center;padding:12px 0;border:2px solid #bbb;border-radius:6px;background:#fafafa}
.o.v{display:block}.o.v label{display:block;text-align:left;padding:12px 14px;margin:6px 0}.o label.on{background:#ffebee;border-color:#b71c1c;font-weight:bold}.o input{width:22px;height:22px;vertical-align:middle;margin-right:4px}
.btn{display:block;width:100%;min-height:56px;font-size:22px;margin:14px 0;border:0;border-radius:8px;
background:#b71c1c;color:#fff}.btn2{background:#666}.warn{color:#b71c1c;font-weight:bold}
.num{width:100%;font-size:24px;padding:10px;border:2px solid #bbb;border-radius:6px}.big{font-size:34px;font-weight:bold;text-align:center;margin:30px 0 10px;color:#1b5e20}
.code{font-size:30px;text-align:center;letter-spacing:3px;font-family:monospace}
table{width:100%;border-collapse:collapse;background:#fff}td{border:1px solid #ccc;padding:8px}td+td{width:28%;text-align:center}
"""

SCRIPT = """
(function(){var f=document.getElementById('f');if(!f){return;}var max=%d,limit=%s;
function count(){var n=0,i,e=f.elements;for(i=0;i<e.length;i++){if(e[i].checked&&e[i].value==='y'){n++;}}return n;}
function show(){var n=count(),s=document.getElementById('s'),l=f.getElementsByTagName('label'),i;
for(i=0;i<l.length;i++){var c=l[i].getElementsByTagName('input')[0];l[i].className=c&&c.checked?'on':'';}
if(limit){s.innerHTML='已选赞成 '+n+' 项，最多 '+max+' 项';s.className=n>max?'warn':'';}}
f.onchange=show;f.onclick=show;show();
f.onsubmit=function(){if(limit&&count()>max){alert('赞成超过应选 '+max+' 项，请减少后再提交');return false;}
var b=document.getElementById('b');b.disabled=true;b.value='正在提交…';return true;};})();
"""


def page(title: str, body: str, script: str = "") -> bytes:
    html = ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width,initial-scale=1">'
            f'<title>{escape(title)}</title><style>{STYLE}</style></head><body>{body}'
            + (f"<script>{script}</script>" if script else "") + "</body></html>")
    return html.encode("utf-8")


def home() -> bytes:
    return page("手机表决", "<h1>民生实事项目手机表决</h1><p>请扫描您领到的表决票上的二维码进行表决。</p>"
                "<p class='sub'>本页面由会场的电脑提供，不连接互联网。</p>")


def ballot_form(token: str, b: PhoneBallot, nonce: str, chosen: dict[int, str] | None = None) -> bytes:
    chosen = chosen or {}
    rows = []
    for i, name in enumerate(b.names, start=1):
        if not b.options:  # 百分制: a number
            value = escape(chosen.get(i, ""))
            opts = (f'<input class="num" type="number" name="c{i}" min="0" max="100" step="0.1" inputmode="decimal" '
                    f'value="{value}" placeholder="0～100">')
        else:
            kind = "checkbox" if b.multi else "radio"
            opts = "".join(f'<label><input type="{kind}" name="c{i}" value="{v}"'
                           f'{" checked" if chosen.get(i) == v else ""}>{w}</label>' for v, w in b.options)
        cls = "o v" if any(len(w) > 2 for _v, w in b.options) else "o"  # 基本满意: one option a line
        rows.append(f'<div class="c"><div class="n">{i}. {escape(name)}</div><div class="{cls}">{opts}</div></div>')
    body = (f"<h1>{escape(b.heading)}</h1><p class='sub'>{escape(b.title)}</p><p>{escape(b.rule)}</p>"
            f'<form id="f" method="post" action="/v/{token}"><input type="hidden" name="nonce" value="{nonce}">'
            '<input type="hidden" name="step" value="check">' + "".join(rows)
            + '<p id="s"></p><input id="b" class="btn" type="submit" value="下一步：核对"></form>')
    return page(b.heading, body, SCRIPT % (b.limit, "true" if b.limit else "false"))


def check_page(token: str, nonce: str, title: str, rows: Sequence[tuple[str, str]], form: dict[str, str]) -> bytes:
    hidden = "".join(f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">'
                     for k, v in sorted(form.items()) if k not in ("nonce", "step"))
    table = "".join(f"<tr><td>{i}. {escape(n)}</td><td>{escape(m)}</td></tr>"
                    for i, (n, m) in enumerate(rows, start=1))
    body = (f"<h1>请核对您的选择</h1><p class='sub'>{escape(title)}</p><table>{table}</table>"
            "<p class='warn'>提交后不能更改。</p>"
            f'<form id="f" method="post" action="/v/{token}"><input type="hidden" name="nonce" value="{nonce}">'
            f'<input type="hidden" name="step" value="cast">{hidden}'
            '<input id="b" class="btn" type="submit" value="确认投票"></form>'
            f'<form method="post" action="/v/{token}"><input type="hidden" name="nonce" value="{nonce}">'
            f'<input type="hidden" name="step" value="edit">{hidden}'
            '<input class="btn btn2" type="submit" value="返回修改"></form>')
    script = "(function(){var f=document.getElementById('f');f.onsubmit=function(){var b=document.getElementById('b');" \
             "b.disabled=true;b.value='正在提交…';return true;};})();"
    return page("核对", body, script)


def receipt(code: str) -> bytes:
    return page("已投票", f"<div class='big'>已投票</div><p style='text-align:center'>回执码</p><p class='code'>{code}</p>"
                "<p>您的表决已记录，不能更改。表决结果由大会主持人宣布。请关闭本页，表决票交回工作人员或当场销毁。</p>")


def refusal(message: str) -> bytes:
    return page("未能投票", f"<h1>未能投票</h1><p class='warn'>{escape(message)}</p>"
                "<p class='sub'>如有疑问，请向会场工作人员询问。</p>")
