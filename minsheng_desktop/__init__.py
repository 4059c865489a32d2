"""Minsheng (民生实事票决): the desktop workbench for 民生实事项目人大代表票决制."""

__version__ = "0.1.0"
APP_NAME = "民生实事票决"
APP_ID = "minsheng"
