"""The YAML reader (macros/yamlread.py): libyaml's events, the same values and positions as
PyYAML's pure-Python parser gives, and libyaml's syntax problems said in German.

The loader's tests (tests/test_loader.py) check what editors see of all this through `kim
validate`; these check the reader itself against a second, independent parser.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import ROOT

from macros import yamlread
from macros.yamlread import YamlProblem


def typed(value: object) -> object:
    """``value`` with the type of every scalar spelled out (1 == 1.0 == True in Python)."""
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item) for item in value]
    return type(value).__name__, value


def reading(text: str, parser: object) -> tuple:
    """Everything the reader makes of ``text`` with ``parser``: values, positions, problems."""
    try:
        read = yamlread._read(text, parser)
    except YamlProblem as refused:
        return ("refused", refused.problem)
    return ("read", typed(read.data), dict(read.value_marks), dict(read.key_marks), read.problems)


def assert_read_alike(text: str) -> None:
    with_libyaml = reading(text, yamlread.CParser)
    with_python = reading(text, yaml.SafeLoader)
    assert with_libyaml == with_python, text


# --- libyaml ----------------------------------------------------------------------------------


def test_pyyaml_is_installed_with_libyaml() -> None:
    assert yaml.__with_libyaml__, "PyYAML without libyaml: reinstall the pinned wheel"


# One editor's mistake per libyaml problem the reader translates, where libyaml reports it
# (line, column). PyYAML's pure-Python parser words most of them differently, so these also show
# that libyaml is what reads.
SYNTAX_MISTAKES = {
    "mapping values are not allowed": ("title: Test: Konzept\n", 1, 12),
    "could not find expected ':'": ("id: test\ntitle\nnote: x\n", 3, 1),
    "found character that cannot start any token": ("id: @test\n", 1, 5),
    "did not find expected key": ("source:\n  document: test\n page: 3\n", 3, 2),
    "did not find expected '-' indicator": ("- id: a\n  name: b\nnote: c\n", 3, 1),
    "found unexpected end of stream": ("title: 'Testkonzept\n", 2, 1),
    "found undefined tag handle": ("id: !x!y test\n", 1, 5),
    "found a tab character": ("id: test\n\tname: x\n", 2, 1),
    "did not find expected ',' or ']'": ("languages: [de, en\nname: x\n", 2, 5),
    "did not find expected ',' or '}'": ("name: {de: x\nid: y\n", 2, 3),
    "did not find expected node content": ("id: ]test\n", 1, 5),
    "block sequence entries are not allowed": ("languages: - de\n", 1, 12),
    "mapping keys are not allowed": ("name: ? de\n", 1, 7),
    "but found another document": ("id: a\n---\nid: b\n", 2, 1),
    "found unexpected ':'": ("languages: [de:, en]\n", 1, 15),
    "found unexpected document indicator": ("title: 'Test\n---\n'\n", 2, 1),
    "did not find expected <document start>": ("id: a\n... x\n", 2, 5),
}


def test_every_translated_syntax_problem_has_a_mistake_that_shows_it() -> None:
    assert set(SYNTAX_MISTAKES) == set(yamlread._PROBLEMS_DE)


@pytest.mark.parametrize("problem", sorted(SYNTAX_MISTAKES))
def test_syntax_problem_is_said_in_german_where_libyaml_finds_it(problem: str) -> None:
    text, line, column = SYNTAX_MISTAKES[problem]

    with pytest.raises(YamlProblem) as refused:
        yamlread.read_text(text)

    found = refused.value.problem
    assert (found.mark.line, found.mark.column) == (line, column)
    assert found.message == "YAML-Syntaxfehler: " + yamlread._PROBLEMS_DE[problem]


# --- The same values and positions as the pure-Python parser -----------------------------------

# Every data folder of the repository (../shared holds the seed documents, not data).
DATA_FILES = sorted(
    path.relative_to(ROOT).as_posix()
    for folder in ("data", "examples", "tests/fixtures")
    for path in (ROOT / folder).rglob("*.yml")
)


def test_the_repository_has_data_files_to_compare() -> None:
    assert len(DATA_FILES) > 50
    assert "data/funding.yml" in DATA_FILES


def test_both_parsers_read_and_place_every_data_file_alike() -> None:
    for name in DATA_FILES:
        assert_read_alike((ROOT / name).read_text(encoding="utf-8"))


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**15, 10**15), st.dates(),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40),
    st.decimals(places=2, allow_nan=False, allow_infinity=False).map(str),
    st.sampled_from(["", "yes", "~", "0x1F", "017", "1_000", "17:00", "2021-02-30", "1e3", "<<",
                     "=", "a: b", "- x", "# kein Kommentar", "ä\tö", "x\ny\n", "  Rand  ",
                     "'", '"', "\\", "[", "{", "&a", "*a", "!x", "%", "@", "`", "|", ">",
                     "ال\u2067KIM\u2069", "\x07", "\u202e", "\x85", "\u2028", "---", "..."]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=12), inner, max_size=4)),
    max_leaves=25,
)
COMMENTS = ["# Kommentar", "#\tmit Tabulator", "   # eingerückt", "", "  ", "#"]


@st.composite
def documents(draw: st.DrawFn) -> str:
    """A mapping written in one of YAML's styles (block, flow, quoted, folded at a narrow width),
    with full-line comments and blank lines put in, and maybe CRLF line ends and a BOM."""
    value = draw(st.dictionaries(st.text(max_size=12), VALUES, min_size=1, max_size=5))
    text = yaml.safe_dump(
        value, sort_keys=False, allow_unicode=draw(st.booleans()),
        default_flow_style=draw(st.sampled_from([False, True, None])),
        default_style=draw(st.sampled_from([None, "'", '"'])),
        width=draw(st.sampled_from([12, 40, 1000])), indent=draw(st.sampled_from([2, 4])),
        explicit_start=draw(st.booleans()),
    )
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 4))):
        lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(COMMENTS)))
    text = "\n".join(lines)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text


@settings(deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_both_parsers_read_and_place_any_written_document_alike(text: str) -> None:
    assert_read_alike(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: |\n  erste\n  zweite\nb: >-\n  gefaltet\n  weiter\nc: plain\n  continued\n",
        "a: 'x\n\n  y'\nb: \"p\\tq\n  r\"\n",
        "a: [1, {b: 2, c: [3, 'x']}, \"y\"]\nd: {e: f}\n",
        "# Kopf\na: 1  # Ende\n# Mitte\n\nb:\n  # vor dem Wert\n  - x\n",
        "\ufeffa: 1\nb: ä\n",
        "a: 1\r\nb:\r\n  - 'x\r\n    y'\r\n  -\r\n",
        "a: \"\t\"\nb: 'x\ty'\n# \t\nc: |\n  Text\tmit Tabulator\n",
        "a: 1\na: [2, {b: !!python/object x}]\nc: !!set {x}\nd: !x 1\n",
        "a:\nb: null\nc: ~\n\"d\": 'e'\n? f\n: g\n",
    ],
    ids=["block-scalars", "multi-line-quoted", "flow", "comments", "bom", "crlf", "tabs",
         "problems", "empty-and-explicit"],
)
def test_both_parsers_read_and_place_edge_cases_alike(text: str) -> None:
    assert_read_alike(text)


# --- Tags and positions -----------------------------------------------------------------------


@given(st.one_of(st.text(max_size=20), st.sampled_from(
    ["", "~", "null", "Null", "yes", "No", "on", "TRUE", "false", "0", "-0", "+12", "0o17",
     "0x1F", "1_000", "17:00:05", "190:20:30", "1.5", "-.inf", ".NaN", "1e3", "6.8523015e+5",
     "2021-10-05", "2001-12-14t21:59:43.10-05:00", "<<", "=", "- x", "? x"])))
def test_scalar_tags_are_those_pyyamls_resolver_gives(value: str) -> None:
    for tag, implicit in ((None, (True, False)), (None, (False, True)), ("!", (True, False)),
                          ("!", (False, False)), ("tag:yaml.org,2002:int", (False, False))):
        event = yaml.ScalarEvent(None, tag, implicit, value)
        resolved = tag if tag not in (None, "!") else yamlread._RESOLVER.resolve(
            yaml.ScalarNode, value, implicit)
        assert yamlread._scalar_tag(event) == resolved


def place(text: str, snippet: str) -> tuple[int, int]:
    """1-based line and column of the one occurrence of ``snippet`` in ``text``."""
    assert text.count(snippet) == 1, snippet
    before = text[: text.index(snippet)]
    return before.count("\n") + 1, len(before) - before.rfind("\n")


def test_values_and_keys_are_placed_at_their_first_character() -> None:
    text = ("name:\n  de: 'Sprach\n    café'\n  en: Café\ntags: [eins, {zwei: drei}]\n"
            "note: |\n  Text\n")

    read = yamlread.read_text(text)

    marks = {path: (mark.line, mark.column) for path, mark in read.value_marks.items()}
    assert marks == {
        (): (1, 1), ("name",): (2, 3), ("name", "de"): place(text, "'Sprach"),
        ("name", "en"): place(text, "Café\n"), ("tags",): place(text, "[eins"),
        ("tags", 0): place(text, "eins"), ("tags", 1): place(text, "{zwei"),
        ("tags", 1, "zwei"): place(text, "drei"), ("note",): place(text, "|"),
    }
    keys = {path: (mark.line, mark.column) for path, mark in read.key_marks.items()}
    assert keys == {("name",): (1, 1), ("name", "de"): place(text, "de:"),
                    ("name", "en"): place(text, "en:"), ("tags",): place(text, "tags"),
                    ("tags", 1, "zwei"): place(text, "zwei"), ("note",): place(text, "note")}


def test_reader_refuses_to_run_without_libyaml() -> None:
    # PyYAML installed without its C extension: the reader must not fall back silently.
    code = "import sys; sys.modules['yaml._yaml'] = None; import macros.yamlread"
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode != 0
    assert "this PyYAML has no libyaml bindings" in run.stderr
