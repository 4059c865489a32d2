"""The WSGI app of 扫码表决: routes, bounds on every request, and the answer for each refusal.

Every request is treated as hostile: the path, the method, the size and type of the body and the form fields are
checked before anything is read from the database; a refusal has no effect and shows a Chinese page, never a
traceback. Requests are limited per address (a phone needs three or four for its vote)."""

from __future__ import annotations

import logging
import re
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from urllib.parse import parse_qsl

from ...domain.errors import UserError
from ...domain.phone_ballot import BadForm
from ..phone_vote_service import PhoneVoteService, Refused
from . import pages

log = logging.getLogger(__name__)
MAX_BODY = 4096  # bytes: 25 candidates' marks need about 200
PATH_RE = re.compile(r"^/v/([A-Za-z0-9_-]{1,64})$")
HEADERS = [("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"),
           ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
                                       "form-action 'self'; frame-ancestors 'none'")]
STATUS = {200: "200 OK", 400: "400 Bad Request", 403: "403 Forbidden", 404: "404 Not Found",
          405: "405 Method Not Allowed", 409: "409 Conflict", 413: "413 Payload Too Large",
          415: "415 Unsupported Media Type", 429: "429 Too Many Requests", 500: "500 Internal Server Error"}


class RateLimit:
    """At most ``count`` requests per ``seconds`` from one address (a sliding window)."""

    def __init__(self, count: int = 60, seconds: float = 60.0):
        self.count, self.seconds = count, seconds
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, addr: str) -> bool:
        now = time.monotonic()
        with self._lock:
            q = self._seen.setdefault(addr, deque())
            while q and now - q[0] > self.seconds:
                q.popleft()
            if len(q) >= self.count:
                return False
            q.append(now)
            if len(self._seen) > 5000:  # forget quiet addresses
                for key in [k for k, v in self._seen.items() if not v or now - v[-1] > self.seconds]:
                    del self._seen[key]
            return True


class Reply(Exception):
    def __init__(self, status: int, body: bytes):
        super().__init__(status)
        self.status, self.body = status, body


def _read_form(environ) -> dict[str, str]:
    ctype = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
    if ctype != "application/x-www-form-urlencoded":
        raise Reply(415, pages.refusal("请求格式有误，请重新扫码"))
    try:
        length = int(environ.get("CONTENT_LENGTH") or "0")
    except ValueError:
        raise Reply(400, pages.refusal("请求格式有误，请重新扫码")) from None
    if length < 0 or length > MAX_BODY:
        raise Reply(413, pages.refusal("提交的内容过大"))
    raw = environ["wsgi.input"].read(length)
    try:
        pairs = parse_qsl(raw.decode("ascii"), keep_blank_values=True, strict_parsing=bool(raw), max_num_fields=200)
    except (UnicodeDecodeError, ValueError):
        raise Reply(400, pages.refusal("请求格式有误，请重新扫码")) from None
    form = dict(pairs)
    if len(form) != len(pairs):
        raise Reply(400, pages.refusal("请求格式有误，请重新扫码"))
    return form


class HallApp:
    def __init__(self, phone: PhoneVoteService, limit: RateLimit | None = None):
        self.phone = phone
        self.limit = limit

    def __call__(self, environ, start_response: Callable) -> Iterable[bytes]:
        try:
            status, body = self._route(environ)
        except Reply as r:
            status, body = r.status, r.body
        except BadForm as e:
            status, body = 400, pages.refusal(e.zh)
        except Refused as e:
            status, body = 409, pages.refusal(e.zh)
        except UserError as e:
            status, body = 409, pages.refusal(e.zh)
        except Exception:  # logged here, never shown to the phone
            log.exception("phone request failed")
            status, body = 500, pages.refusal("电脑处理出错，请稍后重试；如仍不行，请向工作人员领取纸质选票")
        start_response(STATUS[status], [("Content-Type", "text/html; charset=utf-8"),
                                        ("Content-Length", str(len(body))), *HEADERS])
        return [body]

    def _route(self, environ) -> tuple[int, bytes]:
        if self.limit is not None and not self.limit.allow(environ.get("REMOTE_ADDR", "")):
            raise Reply(429, pages.refusal("操作过于频繁，请稍等一分钟再试"))
        method, path = environ.get("REQUEST_METHOD", ""), environ.get("PATH_INFO", "")
        if path == "/" and method in ("GET", "HEAD"):
            return 200, pages.home()
        m = PATH_RE.match(path)
        if m is None:
            raise Reply(404, pages.refusal("没有这个页面，请扫描表决票上的二维码"))
        token = m.group(1)
        if method in ("GET", "HEAD"):
            return 200, pages.ballot_form(token, self.phone.ballot(token), secrets.token_urlsafe(16))
        if method != "POST":
            raise Reply(405, pages.refusal("请求格式有误，请重新扫码"))
        form = _read_form(environ)
        nonce, step = form.get("nonce", ""), form.get("step", "")
        if step == "check":
            rows = self.phone.check(token, form)
            return 200, pages.check_page(token, nonce, self.phone.ballot(token).title,
                                      [(n, m) for n, m in rows], form)
        if step == "edit":
            ballot = self.phone.ballot(token)
            chosen = {int(k[1:]): v for k, v in form.items() if re.fullmatch(r"c[1-9][0-9]{0,2}", k)}
            return 200, pages.ballot_form(token, ballot, nonce if re.fullmatch(r"[A-Za-z0-9_-]{22}", nonce)
                                          else secrets.token_urlsafe(16), chosen)
        if step == "cast":
            return 200, pages.receipt(self.phone.cast(token, nonce, form).receipt)
        raise BadForm("请求格式有误，请重新扫码", "unknown step")
