"""Entry point of the bundled program (PyInstaller): `minsheng` with no arguments starts the desktop app;
with a command (`minsheng check --db ...`) it is the command line; a `.mspkg` given by the file manager opens
the app (the county merges it from 汇总)."""

import sys

from minsheng_desktop.cli import main

if __name__ == "__main__":
    args = sys.argv[1:]
    if args and args[0].lower().endswith(".mspkg"):
        args = []  # opened by double-click: start the app; the package is merged from 汇总 › 合并上报包
    sys.exit(main(args))
