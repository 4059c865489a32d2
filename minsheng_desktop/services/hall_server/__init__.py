"""扫码表决's web server: a small WSGI app (app.py, pages.py) served by waitress on one chosen address (server.py)."""
