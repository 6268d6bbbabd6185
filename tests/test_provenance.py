"""created/modified of the open data come from the data file's git history, else its mtime."""

from __future__ import annotations

import os
import subprocess
from datetime import datetime

from macros import provenance


def _git(folder, *args):
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t",
                        "GIT_COMMITTER_DATE": os.environ.get("WHEN", "")})


def _commit(folder, when: str) -> None:
    os.environ["WHEN"] = when
    _git(folder, "add", "-A")
    _git(folder, "commit", "-qm", "x", "--date", when)


def test_span_is_the_first_and_last_commit_of_the_file(tmp_path):
    _git(tmp_path, "init", "-q")
    (tmp_path / "papers.yml").write_text("a\n")
    _commit(tmp_path, "2024-01-02T10:00:00+01:00")
    (tmp_path / "papers.yml").write_text("b\n")
    _commit(tmp_path, "2024-03-04T10:00:00+01:00")
    provenance.forget()
    span = provenance.file_span(tmp_path / "papers.yml")
    assert (span.created.isoformat(), span.modified.isoformat()) == (
        "2024-01-02T10:00:00+01:00", "2024-03-04T10:00:00+01:00")


def test_uncommitted_change_takes_the_time_on_disk(tmp_path):
    _git(tmp_path, "init", "-q")
    (tmp_path / "papers.yml").write_text("a\n")
    _commit(tmp_path, "2024-01-02T10:00:00+01:00")
    (tmp_path / "papers.yml").write_text("changed\n")
    os.utime(tmp_path / "papers.yml", (1_800_000_000, 1_800_000_000))
    provenance.forget()
    assert provenance.file_span(tmp_path / "papers.yml").modified == datetime.fromtimestamp(
        1_800_000_000, provenance.BERLIN)


def test_file_outside_git_takes_the_time_on_disk(tmp_path):
    (tmp_path / "papers.yml").write_text("a\n")
    os.utime(tmp_path / "papers.yml", (1_700_000_000, 1_700_000_000))
    provenance.forget()
    span = provenance.file_span(tmp_path / "papers.yml")
    assert span.created == span.modified == datetime.fromtimestamp(1_700_000_000,
                                                                   provenance.BERLIN)


def test_a_document_day_sets_created_and_never_puts_modified_before_it(tmp_path):
    (tmp_path / "papers.yml").write_text("a\n")
    os.utime(tmp_path / "papers.yml", (1_000_000_000, 1_000_000_000))  # 2001
    provenance.forget()
    span = provenance.file_span(tmp_path / "papers.yml").starting(datetime(2021, 8, 6).date())
    assert span.created.isoformat() == "2021-08-06T00:00:00+02:00"
    assert span.modified == span.created
