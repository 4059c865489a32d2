"""Serving the hall app with waitress (threaded WSGI, pure Python, maintained) on one chosen address, off the UI
thread. Nothing listens anywhere else; stopping closes the socket and waits for requests in flight."""

from __future__ import annotations

import ipaddress
import logging
import threading

from ..phone_vote_service import PhoneVoteService
from .app import MAX_BODY, HallApp, RateLimit

log = logging.getLogger(__name__)
DEFAULT_PORT = 8080


def check_host(host: str) -> str:
    """One concrete IPv4 address (the hall's Wi-Fi or the PC's hotspot), never 0.0.0.0 (every interface)."""
    from ...domain.errors import UserError

    try:
        addr = ipaddress.IPv4Address(host)
    except ValueError:
        raise UserError("请选择电脑在会场网络中的地址", "not an IPv4 address") from None
    if addr.is_unspecified or addr.is_multicast:
        raise UserError("请选择一个具体的网络地址，不能监听全部网络", "refusing to listen on every interface")
    return str(addr)


class HallServer:
    def __init__(self, phone: PhoneVoteService, host: str, port: int = DEFAULT_PORT, *,
                 limit: RateLimit | None = None, threads: int = 8):
        from waitress.server import create_server

        self.app = HallApp(phone, limit if limit is not None else RateLimit())
        try:
            self._server = create_server(
                self.app, host=check_host(host), port=port, threads=threads, ident="", expose_tracebacks=False,
                max_request_body_size=MAX_BODY, max_request_header_size=16384, channel_timeout=30,
                connection_limit=500, clear_untrusted_proxy_headers=True, asyncore_use_poll=True)
        except OSError as e:
            from ...domain.errors import UserError

            raise UserError(f"无法在 {host}:{port} 上提供手机投票（端口可能被占用）：{e.strerror or e}",
                            "cannot listen") from None
        self.host, self.port = host, int(self._server.effective_port)
        self._thread = threading.Thread(target=self._run, name="hall-server", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def _run(self) -> None:
        try:
            self._server.run()
        except Exception:  # the socket closed under it while stopping
            log.debug("hall server loop ended", exc_info=True)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def stop(self) -> None:
        from waitress import wasyncore

        self._server.task_dispatcher.shutdown(timeout=5)
        wasyncore.close_all(self._server._map)
        self._thread.join(timeout=5)
