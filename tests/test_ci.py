"""The CI configurations of both platforms and the pre-commit configuration: they parse, call
only make targets and variables the Makefile defines, pin what they run, and publish on main."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml
from support import json_strings

from macros.annotations import FORMATS, GITLAB_REPORT

ROOT = Path(__file__).resolve().parent.parent
GITLAB = ROOT / ".gitlab-ci.yml"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")
CI_FILES = [GITLAB, *WORKFLOWS, PRE_COMMIT]

TARGETS = set(re.findall(r"^([A-Za-z0-9_.-]+)\s*:(?!=)", MAKEFILE, re.MULTILINE))
VARIABLES = set(re.findall(r"^([A-Z_]+)\s*[?:]?=", MAKEFILE, re.MULTILINE))
SHA = re.compile(r"^[0-9a-f]{40}$")
EXACT_IMAGE = re.compile(r"^python:3\.11\.\d+-bookworm(@sha256:[0-9a-f]{64})?$")


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def make_calls(path: Path) -> list[list[str]]:
    """The argument lists of every `make` command in a configuration's scripts."""
    calls = []
    for text in json_strings(load(path)):
        for line in text.splitlines():
            for part in re.split(r"\|\||&&|[|;]", line):
                words = shlex.split(part.strip(), comments=True)
                if words and words[0] == "make":
                    calls.append(words[1:])
    return calls


def test_the_makefile_parses_into_targets():
    assert {"install", "validate", "build", "test", "diff"} <= TARGETS


@pytest.mark.parametrize("path", CI_FILES, ids=lambda p: p.name)
def test_configuration_is_valid_yaml(path):
    assert isinstance(load(path), dict)


@pytest.mark.parametrize("path", [GITLAB, *WORKFLOWS, PRE_COMMIT], ids=lambda p: p.name)
def test_every_make_call_uses_an_existing_target_and_variable(path):
    calls = make_calls(path)
    assert calls, f"{path.name} calls no make target"
    for words in calls:
        targets = [w for w in words if not w.startswith("-") and "=" not in w]
        assignments = dict(w.split("=", 1) for w in words if "=" in w)
        assert set(targets) <= TARGETS, f"{path.name}: unknown make target in {words}"
        assert set(assignments) <= VARIABLES, f"{path.name}: unknown make variable in {words}"
        if "FORMAT" in assignments:
            assert assignments["FORMAT"] in FORMATS


@pytest.mark.parametrize("path", [GITLAB, *WORKFLOWS], ids=lambda p: p.name)
def test_ci_validates_diffs_and_tests(path):
    targets = {w for words in make_calls(path) for w in words if "=" not in w}
    assert {"validate", "diff", "build", "test"} <= targets


def test_a_github_workflow_exists():
    assert WORKFLOWS


# --- GitLab -----------------------------------------------------------------------------------


def test_gitlab_image_is_pinned_debian_bookworm_python_311():
    config = load(GITLAB)
    images = [config["image"]] + [job["image"] for job in config.values()
                                 if isinstance(job, dict) and "image" in job]
    assert all(EXACT_IMAGE.match(image) for image in images), images


def test_gitlab_validation_uploads_its_code_quality_report_even_when_it_fails():
    job = next(job for job in load(GITLAB).values() if isinstance(job, dict)
               and any("validate FORMAT=gitlab" in s for s in job.get("script", [])))
    assert job["artifacts"]["when"] == "always"
    assert job["artifacts"]["reports"]["codequality"] == GITLAB_REPORT


def test_gitlab_keeps_the_built_site_as_a_preview():
    config = load(GITLAB)
    test = config["test"]
    site = next(w.split("=", 1)[1] for words in [shlex.split(s) for s in test["script"]]
                for w in words if w.startswith("SITE="))
    assert f"{site}/" in test["artifacts"]["paths"] or site in test["artifacts"]["paths"]


def test_gitlab_publishes_public_only_on_the_default_branch():
    pages = load(GITLAB)["pages"]
    assert pages["artifacts"]["paths"] == ["public"]
    assert any("SITE=public" in s for s in pages["script"])
    assert all("$CI_DEFAULT_BRANCH" in rule["if"] for rule in pages["rules"])


def test_gitlab_diff_runs_on_merge_requests_against_their_base():
    diff = load(GITLAB)["diff"]
    assert any("$CI_MERGE_REQUEST_DIFF_BASE_SHA" in s for s in diff["script"])
    assert load(GITLAB)["variables"]["GIT_DEPTH"] == "0"


# --- GitHub -----------------------------------------------------------------------------------


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_github_actions_are_pinned_to_full_commit_shas(path):
    uses = [step["uses"] for step in steps(load(path)) if "uses" in step]
    assert uses
    for use in uses:
        action, _, ref = use.partition("@")
        assert SHA.match(ref), f"{action} is not pinned to a commit: {use}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_github_containers_are_pinned(path):
    for job in load(path)["jobs"].values():
        if "container" in job:
            container = job["container"]
            image = container["image"] if isinstance(container, dict) else container
            assert EXACT_IMAGE.match(image), image


def test_github_runs_on_pull_requests_and_publishes_pages_from_main():
    workflow = load(WORKFLOWS[0])
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    uses = [step.get("uses", "") for step in steps(workflow)]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert any(u.startswith("actions/upload-artifact@") for u in uses)  # the preview
    deploy = next(job for job in workflow["jobs"].values()
                  if any(s.get("uses", "").startswith("actions/deploy-pages@")
                         for s in job["steps"]))
    assert "refs/heads/main" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_github_checkout_fetches_the_history_kim_diff_needs():
    checkout = next(step for step in steps(load(WORKFLOWS[0]))
                    if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0


# --- pre-commit -------------------------------------------------------------------------------


def test_pre_commit_pins_hook_repositories_and_runs_kim_validate_locally():
    config = load(PRE_COMMIT)
    remote = [repo for repo in config["repos"] if repo["repo"] not in ("local", "meta")]
    assert remote and all(SHA.match(repo["rev"]) for repo in remote)
    assert any(hook["id"] == "check-yaml" for repo in remote for hook in repo["hooks"])
    local = [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    validate = next(hook for hook in local if "validate" in hook["entry"])
    assert validate["language"] == "system"
    assert validate["pass_filenames"] is False
