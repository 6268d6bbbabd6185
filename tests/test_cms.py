"""The editors' CMS at /redaktion/cms/ in a built site: its files, its own CSP, and nothing of it
in the public navigation, sitemap or search (the browser test is tests/test_cms_browser.py)."""

from __future__ import annotations

import functools
import threading
import urllib.request
from http.server import ThreadingHTTPServer

import pytest
import yaml
from bs4 import BeautifulSoup
from support import REGIONS, TINY_REGION

from macros import cms, cms_config, portalconfig
from macros.security import CONTENT_SECURITY_POLICY
from macros.serve import handler_class


@pytest.fixture(scope="module")
def folder(tiny):
    found = tiny / cms.FOLDER
    if not (found / "index.html").exists():
        pytest.fail("no /redaktion/cms/ in the built site: run `make install` (it builds "
                    "build/cms/ from assets-src/cms/package-lock.json)")
    return found


def policy_of(html_path) -> str:
    soup = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser")
    return soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]


def directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_cms_page_connects_only_to_the_site_and_the_configured_git_hosts_api(folder):
    entry = portalconfig.read().cms
    found = directives(policy_of(folder / "index.html"))
    assert found["connect-src"] == ["'self'", cms.api_origin(entry)]
    assert found["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in found["script-src"]
    assert all(not source.startswith("http") for source in found["script-src"])


def test_api_origin_follows_portal_yml():
    gitlab = portalconfig.CmsEntry(backend="gitlab", repo="a/b",
                                   api_root="https://git.example.de/api/v4")
    assert cms.api_origin(gitlab) == "https://git.example.de"
    assert cms.api_origin(portalconfig.CmsEntry(backend="github", repo="a/b")) == \
        "https://api.github.com"
    assert "http://127.0.0.1:8081" in cms.content_security_policy(gitlab, local_backend=True)
    assert "127.0.0.1" not in cms.content_security_policy(gitlab)


def test_cms_page_loads_only_its_own_files(folder):
    soup = BeautifulSoup((folder / "index.html").read_text(encoding="utf-8"), "html.parser")
    scripts = [tag["src"] for tag in soup.find_all("script", src=True)]
    assert scripts == list(cms.BUNDLE_FILES)
    assert all((folder / name).is_file() for name in scripts)
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"


def test_built_config_is_the_generated_one_for_this_data_folder(folder):
    written = yaml.safe_load((folder / "config.yml").read_text(encoding="utf-8"))
    _, data_folder = cms_config.repository_folder(TINY_REGION)
    assert data_folder == "tests/fixtures/tiny-region"
    assert written == cms_config.generate(portalconfig.read().cms, data_folder)


def test_public_pages_keep_the_sites_policy_and_never_link_the_cms(tiny, folder):
    pages = [p for p in tiny.rglob("*.html") if cms.FOLDER not in p.as_posix()]
    assert len(pages) > 20
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "redaktion/cms" not in text, page
        assert policy_of(page) == CONTENT_SECURITY_POLICY, page


def test_cms_is_not_in_the_sitemap_or_the_search_index(tiny, folder):
    indexes = list(tiny.rglob("search/index.json"))
    assert indexes, "no search index in the built site"
    for path in [tiny / "sitemap.xml", *indexes]:
        assert cms.FOLDER not in path.read_text(encoding="utf-8"), path


def test_preview_server_sends_the_cms_policy_only_under_its_folder(tiny, folder):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0),
                                functools.partial(handler_class(), directory=str(tiny)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        def header(path):
            with urllib.request.urlopen(base + path) as answer:
                return answer.headers["Content-Security-Policy"], answer.headers["Content-Type"]

        assert header("/redaktion/cms/")[0] == cms.content_security_policy(
            portalconfig.read().cms)
        assert header("/redaktion/cms/config.yml")[1] == "text/yaml"
        assert header("/")[0] == CONTENT_SECURITY_POLICY
        assert header("/angebote/")[0] == CONTENT_SECURITY_POLICY
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_offer_and_provider_files_keep_no_meaning_in_comments_the_cms_would_drop():
    """Decap drops YAML comments when it saves (decap-cms#5099): what they said lives in the
    note fields (note, status_note, area_note). Only a file's opening block of comments in
    providers.yml remains, and EDITING.md says that it is lost on saving in the CMS."""
    found = []
    for region in REGIONS.values():
        for path in sorted((region / "offers").glob("[!_]*.yml")):
            lines = enumerate(path.read_text("utf-8").splitlines(), 1)
            found += [f"{path}:{n}" for n, line in lines if line.lstrip().startswith("#")]
        providers = region / "providers.yml"
        if providers.exists():
            lines = providers.read_text("utf-8").splitlines()
            start = next(i for i, line in enumerate(lines) if not line.startswith("#"))
            found += [f"{providers}:{n}" for n, line in enumerate(lines[start:], start + 1)
                      if line.lstrip().startswith("#")]
    assert found == []
