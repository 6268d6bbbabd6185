"""The editors' CMS in Debian's Chromium, against decap-server's local backend on 127.0.0.1.

A temporary git repository holds a copy of the SYNTHETIC tiny region as its data folder (the real
data is never written); its site is built with the CMS in local mode (`kim serve --cms`) and
served like `kim serve` does. The tests create an offer through the form, edit an existing one,
have an invalid phone number refused, and record every request the CMS page makes.
"""

from __future__ import annotations

import functools
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from http.server import ThreadingHTTPServer
from types import SimpleNamespace

import pytest
import yaml
from bs4 import BeautifulSoup
from support import ROOT, TINY_REGION

from macros import cms
from macros.build import build_site
from macros.loader import load
from macros.serve import handler_class, make_rebuild

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, seconds: float = 30) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    pytest.fail(f"decap-server did not start on 127.0.0.1:{port}")


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    """The tiny region in a temporary git repository, its site with the CMS, decap-server."""
    root = tmp_path_factory.mktemp("cms-browser")
    repo = root / "repo"
    data = repo / "data"
    shutil.copytree(TINY_REGION, data)
    # the template for new offers, as every region keeps it (skipped by the build and the CMS)
    shutil.copy(ROOT / "data" / "offers" / "_vorlage.yml", data / "offers" / "_vorlage.yml")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=t@t.invalid",
                    "commit", "-qm", "SYNTHETIC tiny region"], check=True)
    port = free_port()
    previous = os.environ.get("KIM_CMS_PORT")
    os.environ["KIM_CMS_PORT"] = str(port)
    site = root / "site"
    httpd = ThreadingHTTPServer(("127.0.0.1", 0),
                                functools.partial(handler_class(True), directory=str(site)))
    url = f"http://127.0.0.1:{httpd.server_address[1]}"
    build_site(data, site, languages=["de"], site_url=url + "/", local_cms=True)
    if not (site / cms.FOLDER / "decap-cms.js").exists():
        pytest.fail("the CMS bundle is missing: run `make install`")
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    backend = cms.start_local_backend(data)
    try:
        wait_for_port(port)
        yield SimpleNamespace(url=url, data=data, site=site, backend=f"http://127.0.0.1:{port}",
                              requests=[], violations=[])
    finally:
        backend.terminate()
        backend.wait(timeout=10)
        httpd.shutdown()
        httpd.server_close()
        if previous is None:
            os.environ.pop("KIM_CMS_PORT", None)
        else:
            os.environ["KIM_CMS_PORT"] = previous


@pytest.fixture
def editor(browser, local):
    """A signed-in CMS page; every request it makes is recorded in local.requests, every CSP
    violation it reports in local.violations."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    page.on("request", lambda request: local.requests.append(request.url))
    page.on("console", lambda message: "Content Security Policy" in message.text
            and local.violations.append(message.text))
    page.goto(f"{local.url}{cms.URL_PATH}")
    page.get_by_role("button", name="Login").click()
    page.get_by_text("Angebote").first.wait_for()
    yield page
    context.close()


def field(page, name: str, index: int = 0):
    """The input of a Decap field by its schema name (ids are '<name>-field-<n>')."""
    return page.locator(f"[id^='{name}-field-']").nth(index)


def publish(page) -> None:
    page.get_by_role("button", name="Veröffentlichen").click()
    page.get_by_text("Jetzt veröffentlichen").click()


def wait_for_file(path, seconds: float = 30, changed_from: str | None = None) -> str:
    """The file's text once decap-server has written it completely: it creates the file before
    it writes, so an empty or still-growing file is read again until two reads agree."""
    end = time.monotonic() + seconds
    last = None
    while time.monotonic() < end:
        if path.exists():
            text = path.read_text(encoding="utf-8")
            if text and text != changed_from and text == last:
                return text
            last = text
        time.sleep(0.2)
    pytest.fail(f"the CMS did not write {path}")


def rebuild(local, path) -> None:
    """What kim serve's watcher does when the CMS writes a file."""
    make_rebuild(local.data, local.site, local_cms=True)({path})


def fetch(url: str) -> BeautifulSoup:
    with urllib.request.urlopen(url) as answer:
        return BeautifulSoup(answer.read().decode("utf-8"), "html.parser")


def test_an_offer_created_in_the_form_validates_and_gets_its_page(editor, local):
    editor.goto(f"{local.url}{cms.URL_PATH}#/collections/offers/new")
    field(editor, "id").fill("cms-testangebot")
    field(editor, "de", 0).fill("CMS-Testangebot")
    field(editor, "de", 1).fill("Ein erfundenes Angebot, im Browser angelegt (SYNTHETIC).")
    field(editor, "topics").click()
    editor.keyboard.type("Sprache (sprache)")
    editor.keyboard.press("Enter")
    field(editor, "document").fill("test-konzept")
    publish(editor)
    path = local.data / "offers" / "cms-testangebot.yml"
    text = wait_for_file(path)
    # what was filled in, in the schema's order; no empty field, no false for an untouched one
    assert list(yaml.safe_load(text).items()) == [
        ("id", "cms-testangebot"), ("name", {"de": "CMS-Testangebot"}),
        ("summary", {"de": "Ein erfundenes Angebot, im Browser angelegt (SYNTHETIC)."}),
        ("topics", ["sprache"]), ("source", {"document": "test-konzept"})]
    assert "cms-testangebot" in load(local.data).offers
    rebuild(local, path)
    page = fetch(f"{local.url}/angebote/cms-testangebot/")
    assert "CMS-Testangebot" in page.h1.get_text()


def test_editing_an_offer_changes_one_field_and_keeps_every_other(editor, local):
    path = local.data / "offers" / "sprachcafe.yml"
    before_text = path.read_text(encoding="utf-8")
    before = load(local.data).offers["sprachcafe"]
    editor.goto(f"{local.url}{cms.URL_PATH}#/collections/offers/entries/sprachcafe")
    summary = field(editor, "de", 1)
    # the file writes the summary short, as a plain German string: the form shows it
    assert summary.input_value() == before.summary.de
    summary.fill("Deutsch üben im Gespräch, jede Woche (SYNTHETIC).")
    publish(editor)
    wait_for_file(path, changed_from=before_text)
    after = load(local.data).offers["sprachcafe"]
    assert after.summary.de == "Deutsch üben im Gespräch, jede Woche (SYNTHETIC)."
    assert after.model_dump(exclude={"summary"}) == before.model_dump(exclude={"summary"})
    rebuild(local, path)
    assert "jede Woche" in fetch(f"{local.url}/angebote/sprachcafe/").get_text()


def test_an_invalid_phone_number_is_refused_by_the_form(editor, local):
    editor.goto(f"{local.url}{cms.URL_PATH}#/collections/offers/new")
    field(editor, "id").fill("falsche-nummer")
    field(editor, "de", 0).fill("Falsche Nummer")
    field(editor, "de", 1).fill("Erfundenes Angebot mit falscher Telefonnummer (SYNTHETIC).")
    field(editor, "topics").click()
    editor.keyboard.type("Sprache (sprache)")
    editor.keyboard.press("Enter")
    field(editor, "document").fill("test-konzept")
    editor.get_by_role("button", name="kontakte hinzufügen").click()
    field(editor, "phone").fill("Ruf an!")
    publish(editor)
    editor.get_by_text("Telefonnummer aus Ziffern").first.wait_for()
    time.sleep(1)
    assert not (local.data / "offers" / "falsche-nummer.yml").exists()


def test_the_cms_page_requests_nothing_from_another_host_and_breaks_no_policy(editor, local):
    editor.goto(f"{local.url}{cms.URL_PATH}#/collections/offers")
    editor.get_by_text("sprachcafe").first.wait_for()
    assert local.requests
    others = [u for u in local.requests
              if not u.startswith((local.url + "/", local.backend + "/", "data:", "blob:"))]
    assert others == []
    assert local.violations == []


def test_the_offer_list_leaves_out_the_template_for_new_offers(editor, local):
    """offers/_vorlage.yml is a template, not an offer: the build skips it, the list too."""
    editor.get_by_text("Sprachcafé").first.wait_for()
    listed = editor.locator("main").inner_text() if editor.locator("main").count() else \
        editor.locator("body").inner_text()
    assert "Lernhilfe" in listed
    assert "neues-angebot" not in listed and "Name des Angebots" not in listed
