"""When a data file was created and last changed: the dates the open data standards ask of each
record (OParl ``created``/``modified``, HSDS ``last_modified``, DCAT ``dct:issued``/``dct:modified``).

A record is as new as the file that holds it: the file's first and last commit in git (committer
time), or, for a file outside git or with uncommitted changes, its modification time on disk.
That is true of the file, so it is an upper bound for each record in it, never a date a record
did not have: a client that refetches on every change of ``modified`` misses nothing.
"""  # noqa: E501

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")


@dataclass(frozen=True)
class Span:
    created: datetime
    modified: datetime

    def widen(self, other: Span) -> Span:
        return Span(min(self.created, other.created), max(self.modified, other.modified))

    def starting(self, day: date | None) -> Span:
        """The span with ``created`` set to a document's day (midnight in Germany), when known.

        ``modified`` never falls before ``created``.
        """
        if day is None:
            return self
        created = datetime.combine(day, time(0), BERLIN)
        return Span(created, max(created, self.modified))


def _git(folder: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True,
                              timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


@cache
def _history(folder: Path) -> tuple[dict[str, list[datetime]], frozenset[str]]:
    """Commit times of every file under a folder (paths relative to it), and the files changed
    or added since the last commit: two git calls per folder, however many files it holds."""
    log = _git(folder, "log", "--format=%x00%cI", "--name-only", "--relative", "--", ".")
    times: dict[str, list[datetime]] = {}
    for entry in log.split("\x00")[1:]:
        stamp_line, *names = entry.strip().splitlines()
        moment = datetime.fromisoformat(stamp_line)
        for name in filter(None, names):
            times.setdefault(name, []).append(moment)
    dirty = _git(folder, "ls-files", "--modified", "--others", "--exclude-standard")
    return times, frozenset(dirty.splitlines())


def file_span(path: Path) -> Span:
    """First and last change of a data file (see the module docstring)."""
    path = path.resolve()
    times, dirty = _history(path.parent)
    stamps = [] if path.name in dirty else times.get(path.name, [])
    if not stamps:
        on_disk = datetime.fromtimestamp(path.stat().st_mtime, BERLIN).replace(microsecond=0)
        return Span(on_disk, on_disk)
    return Span(min(stamps), max(stamps))


def forget() -> None:
    """Drop the remembered histories: the next file_span reads git again."""
    _history.cache_clear()


def stamp(moment: datetime) -> str:
    """ISO 8601 with offset, to the second (OParl and HSDS date-time)."""
    return moment.isoformat(timespec="seconds")
