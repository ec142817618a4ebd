"""Run the command line in-process for the tests: exit status, stdout and stderr."""

from __future__ import annotations

import pytest

from qdopto.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``qdopto ARGS`` in this process; a normal return is status 0."""
    code = 0
    try:
        main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err
