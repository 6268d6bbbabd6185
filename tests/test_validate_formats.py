"""`kim validate --format`: each output format places a crafted mistake at its file and line,
in German, and follows its platform's specification (GitHub workflow commands, GitLab Code
Quality). The data is the synthetic ``minimal_data`` folder inside a temporary git repository."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest

from macros.annotations import escape_data, escape_property, github_command
from macros.cli import main
from macros.loader import DataError

OFFER = "data/offers/sprachcafe.yml"
BAD_PHONE = "01234, 56:78 %9"  # a comma, a colon and a percent sign: all must be escaped


@pytest.fixture
def repo(minimal_data: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = minimal_data.parent
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    # Run from inside the data folder: reported paths must still start at the repository root.
    monkeypatch.chdir(minimal_data)
    return root


@pytest.fixture
def bad_line(repo: Path) -> int:
    """Break the offer's phone number; return the line it stands on."""
    path = repo / OFFER
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"phone: .*", f'phone: "{BAD_PHONE}"', text)
    path.write_text(text, encoding="utf-8")
    return next(n for n, line in enumerate(text.splitlines(), 1) if "phone:" in line)


# --- GitHub's workflow command syntax, as the runner parses it ------------------------------

COMMAND = re.compile(r"^::(?P<command>[a-z]+) (?P<properties>[^:]*)::(?P<message>.*)$")


def unescape(value: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(code, char)
    return value


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    match = COMMAND.match(line)
    assert match, f"no workflow command: {line!r}"
    properties = dict(item.split("=", 1) for item in match["properties"].split(","))
    unescaped = {k: unescape(v) for k, v in properties.items()}
    return match["command"], unescaped, unescape(match["message"])


def test_github_format_puts_an_error_annotation_on_the_changed_line(repo, bad_line, capsys):
    assert main(["validate", ".", "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    command, properties, message = parse_command(lines[0])
    assert command == "error"
    assert properties["file"] == OFFER
    assert int(properties["line"]) == bad_line
    assert int(properties["col"]) >= 1
    assert "contacts[0].phone" in properties["title"]
    assert "Telefonnummer" in message and BAD_PHONE in message


@pytest.mark.parametrize("text", ["100%", "a\nb", "a\r\nb", "x: y, z", "%0A literal", "::"])
def test_github_escaping_round_trips_every_special_character(text):
    error = DataError(f"data/{text}.yml", 3, 4, f"feld{text}", text)
    line = github_command(error)
    assert "\n" not in line and "\r" not in line
    _command, properties, message = parse_command(line)
    assert properties["file"] == f"data/{text}.yml"
    assert properties["title"].endswith(f"feld{text}")
    assert message.endswith(text)


def test_github_escaping_follows_the_runner_rules():
    assert escape_data("50% a\r\nb: c, d") == "50%25 a%0D%0Ab: c, d"
    assert escape_property("50% a\r\nb: c, d") == "50%25 a%0D%0Ab%3A c%2C d"


# --- GitLab Code Quality: the fields GitLab requires, with their types ----------------------

CODE_QUALITY = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "pattern": r"^[^/]"},
                    "lines": {"type": "object", "required": ["begin"],
                              "properties": {"begin": {"type": "integer", "minimum": 1}}},
                },
            },
        },
    },
}


def test_gitlab_format_writes_a_code_quality_report_at_the_changed_line(repo, bad_line, capsys):
    assert main(["validate", ".", "--format", "gitlab"]) == 1
    report = json.loads(Path("gl-code-quality-report.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, CODE_QUALITY)
    assert len(report) == 1
    assert report[0]["location"] == {"path": OFFER, "lines": {"begin": bad_line}}
    assert "Telefonnummer" in report[0]["description"]
    # The job log shows the message as well.
    assert f"{bad_line}:" in capsys.readouterr().err


def test_gitlab_fingerprints_are_unique_even_for_identical_messages(repo, capsys):
    offer = repo / OFFER
    offer.write_text(offer.read_text(encoding="utf-8").replace(
        "topics: [sprache]", "topics: [sprache]\ntarget_groups: [unbekannt, unbekannt]"),
        encoding="utf-8")
    report_file = repo / "report.json"
    assert main(["validate", ".", "--format", "gitlab", "--output", str(report_file)]) == 1
    report = json.loads(report_file.read_text(encoding="utf-8"))
    jsonschema.validate(report, CODE_QUALITY)
    assert len(report) == 2
    assert len({item["fingerprint"] for item in report}) == 2


def test_gitlab_report_of_valid_data_is_an_empty_list(repo, capsys):
    assert main(["validate", ".", "--format", "gitlab"]) == 0
    assert json.loads(Path("gl-code-quality-report.json").read_text(encoding="utf-8")) == []


# --- JSON and text ---------------------------------------------------------------------------


def test_json_format_lists_file_line_column_field_and_german_message(repo, bad_line, capsys):
    assert main(["validate", ".", "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["valid"] is False and document["count"] == 1
    (error,) = document["errors"]
    assert error["file"] == OFFER and error["line"] == bad_line and error["column"] >= 1
    assert error["field"] == "contacts[0].phone"
    assert "Telefonnummer" in error["message"]


def test_json_format_of_valid_data(repo, capsys):
    assert main(["validate", ".", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"valid": True, "count": 0, "errors": []}


def test_text_format_is_the_loaders_message_per_line(repo, bad_line, capsys):
    assert main(["validate", "."]) == 1
    first = capsys.readouterr().err.splitlines()[0]
    assert re.match(rf"^offers/sprachcafe\.yml:{bad_line}:\d+: contacts\[0\]\.phone: Telefonnummer",
                    first)


def test_github_format_says_when_there_are_more_errors_than_github_annotates(repo, capsys):
    from macros.annotations import GITHUB_ANNOTATIONS_PER_STEP

    offer = repo / OFFER
    wrong = ", ".join(f"falsch{n}" for n in range(GITHUB_ANNOTATIONS_PER_STEP + 1))
    offer.write_text(offer.read_text(encoding="utf-8").replace(
        "topics: [sprache]", f"topics: [sprache]\ntarget_groups: [{wrong}]"), encoding="utf-8")
    assert main(["validate", ".", "--format", "github"]) == 1
    captured = capsys.readouterr()
    commands = [parse_command(line) for line in captured.out.splitlines()]
    assert [c for c, _p, _m in commands].count("error") == GITHUB_ANNOTATIONS_PER_STEP + 1
    assert commands[-1][0] == "warning"
    assert f"{GITHUB_ANNOTATIONS_PER_STEP + 1} Fehler insgesamt" in commands[-1][2]
    # Every error also stands in the log as text with its file and line.
    assert captured.err.count("target_groups[") == GITHUB_ANNOTATIONS_PER_STEP + 1
