"""The README is the front door; the developer guide holds the design and the recipes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUIDES = ("README.md", "CONTRIBUTING.md", "EDITING.md")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def slug(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = re.sub(r"(?ms)^```.*?^```", "", path.read_text(encoding="utf-8"))
    return {slug(h) for h in re.findall(r"(?m)^#{1,6} (.+)$", text)}


def test_readme_sends_editors_and_developers_to_their_guides():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](EDITING.md)" in readme and "](CONTRIBUTING.md)" in readme


@pytest.mark.parametrize("recipe", ["Add a page type", "Add a field", "Add a language",
                                    "Add a region"])
def test_the_developer_guide_has_each_recipe(recipe):
    assert recipe.lower().replace(" ", "-") in anchors(ROOT / "CONTRIBUTING.md")


@pytest.mark.parametrize("name", GUIDES)
def test_every_relative_link_of_a_guide_resolves(name):
    broken = []
    text = re.sub(r"(?ms)^```.*?^```", "", (ROOT / name).read_text(encoding="utf-8"))
    text = re.sub(r"`[^`\n]*`", "", text)  # examples in code are not links
    for target in LINK.findall(text):
        if re.match(r"[a-z]+:", target):
            continue
        file, _, anchor = target.partition("#")
        path = ROOT / file if file else ROOT / name
        if not path.exists() or (anchor and path.suffix == ".md" and anchor not in anchors(path)):
            broken.append(target)
    assert broken == []
