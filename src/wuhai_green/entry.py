"""The `wuhai` console script: `wuhai --version` is answered here, before typer, rich and
pydantic are imported (a tenth of the start-up); every other command line goes to `cli.main`.
"""

from __future__ import annotations

import sys

from wuhai_green import __version__


def main() -> None:
    if sys.argv[1:] == ["--version"]:  # the same line as the option of `cli` prints
        sys.stdout.write(f"wuhai-green {__version__}\n")
        return
    from wuhai_green.cli import main as cli_main

    cli_main()
