"""The consistency checks run once per build, not once for the warnings and again for the pages."""

from __future__ import annotations

from pathlib import Path

from support import TINY_LANGUAGES, TINY_REGION

from macros import checks
from macros.build import build_site


def test_a_build_runs_the_checks_once(tmp_path: Path, monkeypatch) -> None:
    calls = tmp_path / "calls"
    calls.touch()
    real = checks.run

    def counted(data):
        # A file, not a counter: the language builds may run in forked workers.
        with calls.open("a") as f:
            f.write("run\n")
        return real(data)

    monkeypatch.setattr(checks, "run", counted)
    build_site(TINY_REGION, tmp_path / "site", languages=list(TINY_LANGUAGES))
    assert calls.read_text().count("run") == 1
