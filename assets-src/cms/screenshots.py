"""Screenshots of the editors' CMS for EDITING.md (section 10), taken in Debian's Chromium.

Run from the project root after `make install`: `.venv/bin/python assets-src/cms/screenshots.py`.
Like tests/test_cms_browser.py it works on a temporary git repository holding a copy of the
SYNTHETIC tiny region (never the real data), with decap-server on 127.0.0.1, and writes small PNGs
(900 x 640 CSS pixels) into assets-src/cms/screenshots/.
"""

from __future__ import annotations

import functools
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from support import CHROMIUM, CHROMIUM_ARGS, TINY_REGION  # noqa: E402

from macros import cms  # noqa: E402
from macros.build import build_site  # noqa: E402
from macros.serve import handler_class  # noqa: E402

OUT = Path(__file__).resolve().parent / "screenshots"
SIZE = {"width": 900, "height": 640}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="kim-cms-shots-"))
    data = work / "repo" / "data"
    shutil.copytree(TINY_REGION, data)
    subprocess.run(["git", "init", "-q", str(data.parent)], check=True)
    os.environ["KIM_CMS_PORT"] = str(free_port())
    site = work / "site"
    httpd = ThreadingHTTPServer(("127.0.0.1", 0),
                                functools.partial(handler_class(True), directory=str(site)))
    url = f"http://127.0.0.1:{httpd.server_address[1]}"
    build_site(data, site, languages=["de"], site_url=url + "/", local_cms=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    backend = cms.start_local_backend(data)
    OUT.mkdir(exist_ok=True)
    try:
        time.sleep(2)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport=SIZE, locale="de-DE")
            page.goto(f"{url}{cms.URL_PATH}")
            page.get_by_role("button", name="Login").click()
            page.get_by_text("sprachcafe").first.wait_for()
            page.screenshot(path=OUT / "1-angebote.png")
            page.goto(f"{url}{cms.URL_PATH}#/collections/offers/entries/sprachcafe")
            page.locator("[id^='id-field-']").wait_for()
            time.sleep(1)
            page.screenshot(path=OUT / "2-formular.png")
            page.goto(f"{url}{cms.URL_PATH}#/collections/offers/new")
            page.locator("[id^='id-field-']").fill("beispiel")
            page.get_by_role("button", name="kontakte hinzufügen").click()
            page.locator("[id^='phone-field-']").fill("Ruf an!")
            page.get_by_role("button", name="Veröffentlichen").click()
            page.get_by_text("Jetzt veröffentlichen").click()
            error = page.get_by_text("Telefonnummer aus Ziffern").first
            error.wait_for()
            error.evaluate("element => element.scrollIntoView({block: 'center'})")
            time.sleep(1)
            page.screenshot(path=OUT / "3-fehler.png")
            browser.close()
    finally:
        backend.terminate()
        backend.wait(timeout=10)
        httpd.shutdown()
        shutil.rmtree(work, ignore_errors=True)
    for path in sorted(OUT.glob("*.png")):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
