"""The editors' CMS at /redaktion/cms/ in a built site: its files, its own CSP, and nothing of it
in the public navigation, sitemap or search (the browser test is tests/test_cms_browser.py)."""

from __future__ import annotations

import functools
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from support import REGIONS, TINY_REGION

from macros import cms, cms_config, portalconfig, schema
from macros.loader import DataErrors, load
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
    providers.yml and the template's guidance lines (`kim new offer`) remain, and EDITING.md
    says that they are lost on saving in the CMS."""
    found = []
    for region in REGIONS.values():
        # `kim new offer` keeps the template's guidance comments: no meaning of the record
        template = next(p for p in (region / "offers" / "_vorlage.yml",
                                    REGIONS["kreis-unna"] / "offers" / "_vorlage.yml")
                        if p.exists())
        guidance = set(template.read_text("utf-8").splitlines())
        for path in sorted((region / "offers").glob("[!_]*.yml")):
            lines = enumerate(path.read_text("utf-8").splitlines(), 1)
            found += [f"{path}:{n}" for n, line in lines
                      if line.lstrip().startswith("#") and line not in guidance]
        providers = region / "providers.yml"
        if providers.exists():
            lines = providers.read_text("utf-8").splitlines()
            start = next(i for i, line in enumerate(lines) if not line.startswith("#"))
            found += [f"{providers}:{n}" for n, line in enumerate(lines[start:], start + 1)
                      if line.lstrip().startswith("#")]
    assert found == []


def test_a_phone_number_the_form_refuses_is_refused_by_kim_validate_with_file_and_line(tmp_path):
    """The form and the loader share schema.PHONE_PATTERN: what the form lets through to a
    merge request is also what CI accepts, and a hand-written wrong number is located."""
    data = tmp_path / "data"
    shutil.copytree(TINY_REGION, data)
    offer = data / "offers" / "sprachcafe.yml"
    text = offer.read_text(encoding="utf-8")
    offer.write_text(text.replace("phone: 01234 567891", "phone: Ruf an!"), encoding="utf-8")
    line = next(n for n, row in enumerate(offer.read_text("utf-8").splitlines(), 1)
                if "Ruf an!" in row)
    with pytest.raises(DataErrors) as refused:
        load(data)
    (error,) = refused.value.errors
    assert re.fullmatch(schema.PHONE_PATTERN, "Ruf an!") is None
    assert f"sprachcafe.yml:{line}:" in str(error)
    assert "contacts[0].phone: Telefonnummer" in str(error)
    assert "erwartet" in str(error)


def test_kim_serve_cms_runs_decap_server_on_loopback_and_ends_it(tmp_path):
    """`make serve CMS=1` is `kim serve --cms`: the CMS's policy admits its decap-server, both
    listen on 127.0.0.1 only, and a terminated kim serve ends decap-server too."""
    ports = []
    for _ in range(2):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            ports.append(probe.getsockname()[1])
    site_port, cms_port = ports
    env = {**os.environ, "KIM_CMS_PORT": str(cms_port)}
    command = [sys.executable, "-m", "macros.cli", "serve", "--cms", "--data", str(TINY_REGION),
               "--out", str(tmp_path / "site"), "--port", str(site_port), "--lang", "de"]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    try:
        assert "Redaktion (CMS) unter" in "".join(iter_until(server.stdout, "Redaktion"))
        with urllib.request.urlopen(f"http://127.0.0.1:{site_port}{cms.URL_PATH}") as answer:
            policy = answer.headers["Content-Security-Policy"]
        assert f"connect-src 'self' {cms.api_origin(portalconfig.read().cms)} " \
               f"http://127.0.0.1:{cms_port};" in policy
        wait_until(lambda: listening(cms_port))
        assert sorted(listen_addresses(site_port, cms_port)) == sorted(
            [f"127.0.0.1:{site_port}", f"127.0.0.1:{cms_port}"])
    finally:
        server.terminate()
        server.wait(timeout=20)
    wait_until(lambda: not listening(cms_port))


def listen_addresses(*ports: int) -> list[str]:
    """Addresses listening on these TCP ports, IPv4 and IPv6 (Linux /proc/net/tcp*)."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for row in Path(table).read_text().splitlines()[1:]:
            local, state = row.split()[1], row.split()[3]
            address, port = local.split(":")
            if state == "0A" and int(port, 16) in ports:  # 0A: LISTEN
                if len(address) == 8:  # IPv4, little-endian bytes
                    address = ".".join(str(b) for b in reversed(bytes.fromhex(address)))
                found.append(f"{address}:{int(port, 16)}")
    return found


def iter_until(stream, marker: str):
    for line in stream:
        yield line
        if marker in line:
            return


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def wait_until(condition, seconds: float = 20) -> None:
    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.2)


def _placeholder() -> portalconfig.CmsEntry:
    return portalconfig.CmsEntry(backend="gitlab", repo=portalconfig.PLACEHOLDER_REPO)


def test_the_placeholder_repository_is_announced_on_the_cms_page():
    config = cms_config.generate(_placeholder(), "data")
    notice = BeautifulSoup(cms.page(_placeholder(), config), "html.parser").find(role="alert")
    assert notice is not None and "Nicht eingerichtet" in notice.get_text()
    assert "cms.repo" in notice.get_text() and "EDITING.md" in notice.get_text()
    real = portalconfig.CmsEntry(backend="gitlab", repo="kreis-test/kim-portal")
    assert BeautifulSoup(cms.page(real, config), "html.parser").find(role="alert") is None
    # the local preview saves into the files: no git host needed, no notice
    local = cms.page(_placeholder(), config, local_backend=True)
    assert BeautifulSoup(local, "html.parser").find(role="alert") is None


def test_a_build_with_the_placeholder_repository_warns_in_german(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(cms, "settings", _placeholder)
    assert cms.publish(tmp_path, TINY_REGION) is not None
    assert "Warnung: portal.yml: cms.repo ist noch der Platzhalter" in capsys.readouterr().err
    monkeypatch.setattr(cms, "settings",
                        lambda: portalconfig.CmsEntry(backend="github", repo="a/b"))
    cms.publish(tmp_path, TINY_REGION)
    assert "Platzhalter" not in capsys.readouterr().err
