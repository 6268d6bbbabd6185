"""Validation errors in the forms code platforms show on the changed lines of a merge request.

- ``text``: ``path:line:column: field: message``, one per line (the loader's own form).
- ``github``: GitHub Actions workflow commands,
  ``::error file=...,line=...,col=...,title=...::msg``;
  GitHub turns each into an annotation on that line of the pull request's diff.
- ``gitlab``: a GitLab Code Quality report (a JSON array), shown in the merge request's diff.
- ``json``: a plain JSON document for other tools::

      {"valid": false, "count": 1,
       "errors": [{"file": "data/offers/x.yml", "line": 3, "column": 7,
                   "field": "contacts[0].phone", "message": "..."}]}

Paths are relative to the repository root (the folder holding ``.git``), as both platforms expect.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from .loader import DataError

FORMATS = ("text", "github", "gitlab", "json")
GITLAB_REPORT = "gl-code-quality-report.json"
CHECK_NAME = "kim-validate"
# GitHub shows at most 10 error annotations per step (actions/toolkit, docs/problem-matchers.md).
GITHUB_ANNOTATIONS_PER_STEP = 10


def repository_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` holding ``.git`` (a folder; a file in worktrees)."""
    current = start.resolve()
    for folder in (current, *current.parents):
        if (folder / ".git").exists():
            return folder
    return None


def relative_to_root(file: str, root: Path | None) -> str:
    """A loader path (relative to the working folder, or absolute) made relative to ``root``."""
    if root is None:
        return file
    try:
        return Path(file).resolve().relative_to(root).as_posix()
    except ValueError:
        return file


def rooted(errors: Iterable[DataError], root: Path | None) -> list[DataError]:
    return [DataError(relative_to_root(e.file, root), e.line, e.column, e.field, e.message)
            for e in errors]


# --- GitHub workflow commands ------------------------------------------------------------------
# Escaping as GitHub's runner and actions/toolkit (command.ts) define it: the message ("data")
# escapes %, CR and LF; property values additionally escape ':' and ','.


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_command(error: DataError) -> str:
    title = f"Datenfehler: {error.field}" if error.field else "Datenfehler"
    properties = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in (("file", error.file), ("line", error.line), ("col", error.column),
                           ("title", title))
    )
    return f"::error {properties}::{escape_data(message_of(error))}"


def message_of(error: DataError) -> str:
    return f"{error.field}: {error.message}" if error.field else error.message


# --- GitLab Code Quality -----------------------------------------------------------------------
# Required per GitLab's documentation: description, check_name, fingerprint (unique per issue),
# severity (info, minor, major, critical, blocker), location.path, location.lines.begin.


def gitlab_report(errors: Iterable[DataError]) -> list[dict]:
    report = []
    seen: set[str] = set()
    for error in errors:
        # Stable across unrelated edits (no line number), unique within the report.
        base = hashlib.sha256(
            f"{error.file}\0{error.field}\0{error.message}".encode()
        ).hexdigest()
        fingerprint, n = base, 1
        while fingerprint in seen:
            n += 1
            fingerprint = hashlib.sha256(f"{base}\0{n}".encode()).hexdigest()
        seen.add(fingerprint)
        report.append({
            "description": message_of(error),
            "check_name": CHECK_NAME,
            "fingerprint": fingerprint,
            "severity": "major",
            "location": {"path": error.file, "lines": {"begin": error.line}},
        })
    return report


# --- JSON --------------------------------------------------------------------------------------


def json_report(errors: list[DataError]) -> dict:
    return {
        "valid": not errors,
        "count": len(errors),
        "errors": [{"file": e.file, "line": e.line, "column": e.column, "field": e.field,
                    "message": e.message} for e in errors],
    }


def render(errors: list[DataError], fmt: str) -> str:
    """The whole output of one format (for gitlab and json: the document to write)."""
    if fmt == "text":
        return "".join(f"{e}\n" for e in errors)
    if fmt == "github":
        lines = [github_command(e) for e in errors]
        if len(errors) > GITHUB_ANNOTATIONS_PER_STEP:
            lines.append(
                f"::warning title=Weitere Fehler::{len(errors)} Fehler insgesamt; GitHub zeigt "
                f"nur {GITHUB_ANNOTATIONS_PER_STEP} an den Zeilen, alle stehen im Protokoll "
                "dieses Schritts")
        return "".join(f"{line}\n" for line in lines)
    if fmt == "gitlab":
        return json.dumps(gitlab_report(errors), ensure_ascii=False, indent=2) + "\n"
    if fmt == "json":
        return json.dumps(json_report(errors), ensure_ascii=False, indent=2) + "\n"
    raise ValueError(f"unknown format {fmt!r}")
