"""Serve the built site locally and rebuild it when data or pages change (for previews).

An edit to existing offer files (data/offers/*.yml) is shown fast: those files are validated
alone, the pages that show them are rebuilt by a small MkDocs build per language (German first)
and copied into the served site; then the whole site is rebuilt and validated in the background
as usual. If that full build finds an error, the quickly copied pages are put back, so the
preview keeps showing the last valid version. Any other change runs the full build at once.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import shutil
import signal
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

from . import cms, datasets, offerstore
from .i18n import PROJECT_ROOT
from .security import CONTENT_SECURITY_POLICY

WATCHED = ("docs", "overrides", "macros/catalogue")


def snapshot(folders: list[Path]) -> dict[Path, float]:
    """Modification times of every file under the folders."""
    return {p: p.stat().st_mtime for folder in folders if folder.exists()
            for p in folder.rglob("*") if p.is_file()}


def changed_files(before: dict[Path, float], after: dict[Path, float]) -> set[Path]:
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


def watch(folders: list[Path], rebuild: Callable[..., None], interval: float = 0.2) -> None:
    """Call rebuild(changed files) whenever files under the folders change; runs until exit."""
    seen = snapshot(folders)
    while True:
        time.sleep(interval)
        now = snapshot(folders)
        if now != seen:
            changed = changed_files(seen, now)
            seen = now
            rebuild(changed)


def edited_offers(data_dir: Path, changed: set[Path]) -> list[Path] | None:
    """The changed files if all of them are existing offer files, else None (full rebuild)."""
    offers = (data_dir / "offers").resolve()
    paths = [p.resolve() for p in changed]
    if paths and all(p.parent == offers and p.suffix in (".yml", ".yaml") and p.exists()
                     for p in paths):
        return paths
    return None


def incremental_offers(data_dir: Path, site: Path,
                       paths: list[Path]) -> list[tuple[Path, Path | None]]:
    """Rebuild only the pages of the edited offers into `site`; return (page, backup) pairs.

    Raises an exception when that is not possible (then the full rebuild decides); the caller
    restores the backups if the full build later refuses the data.
    """
    from . import portal
    from .build import DEFAULT_SITE_URL, BuildPlan, language_build, run_engine
    from .i18n import Translator, languages
    from .loader import DataErrors, _load_file
    from .pages import registry
    from .schema import Offer

    data_dir = data_dir.resolve()
    data = portal.load_cached(data_dir)
    changed = []
    for path in paths:
        errors: list = []
        item = _load_file(data_dir, path, Offer, errors)
        if item is None:
            raise DataErrors(errors)
        if item.model.id != path.stem or item.model.id not in data.offers:
            raise ValueError("new or renamed offer: full rebuild")
        changed.append(item.model)
    edited = {p.stem for p in paths}
    # The other offers stay compact and shared: only the edited ones are exchanged.
    data = dataclasses.replace(data, offers=offerstore.replaced(data.offers, changed))
    datasets.remember(data_dir, data)
    built = tuple(lang for lang in languages() if not lang.path or (site / lang.path).is_dir())
    plan = BuildPlan(data_dir, site.resolve(), built,
                     os.environ.get("KIM_SITE_URL", DEFAULT_SITE_URL))
    copied: list[tuple[Path, Path | None]] = []
    backups = Path(tempfile.mkdtemp(prefix=BACKUP_PREFIX))
    for lang in plan.languages:  # German first: the default language is what editors check
        tr = Translator(lang)
        pages = registry.offer_pages(data, tr, sorted(edited))
        if not pages:
            continue
        with tempfile.TemporaryDirectory(prefix=".kim-preview-") as tmp:
            docs = Path(tmp) / "docs"
            _write_nav_stubs(docs)
            out = Path(tmp) / "site"
            run_engine(language_build(plan, data, lang, docs, out, [], records=pages, files=[]))
            for page in pages:
                rel = Path(page.path).with_suffix("") / "index.html"
                built = out / rel
                target = site / lang.path / rel if lang.path else site / rel
                backup = None
                if target.exists():
                    backup = backups / lang.code / rel
                    backup.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(target, backup)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(built, target.with_suffix(".tmp"))
                target.with_suffix(".tmp").replace(target)  # never a half-written page
                copied.append((target, backup))
        print(f"Vorschau: {len(pages)} Seite(n) in {lang.code} aktualisiert.", flush=True)
    if not any(backup for _, backup in copied):
        shutil.rmtree(backups, ignore_errors=True)
    return copied


def _write_nav_stubs(docs: Path) -> None:
    """A docs folder with an empty stub for every nav page (the record pages come in memory)."""
    from .pages import registry

    docs.mkdir(parents=True, exist_ok=True)
    for path, _key in registry.NAV:
        stub = docs / path
        stub.parent.mkdir(parents=True, exist_ok=True)
        stub.write_text("", encoding="utf-8")


BACKUP_PREFIX = ".kim-preview-backup-"


def discard(copied: list[tuple[Path, Path | None]]) -> None:
    """Remove the backups of the quick pages once the full build has decided (no leftovers)."""
    for _target, backup in copied:
        root = next((p for p in (backup.parents if backup else ())
                     if p.name.startswith(BACKUP_PREFIX)), None)
        if root is not None:
            shutil.rmtree(root, ignore_errors=True)


def restore(copied: list[tuple[Path, Path | None]]) -> None:
    for target, backup in copied:
        if backup is not None and backup.exists():
            shutil.copyfile(backup, target)
        elif backup is None:
            target.unlink(missing_ok=True)


def malformed(request_path: str) -> bool:
    """A path no file can have: not UTF-8 once decoded, or with a control character (NUL)."""
    path = request_path.split("?", 1)[0].split("#", 1)[0]
    try:
        decoded = urllib.parse.unquote(path, errors="strict")
    except UnicodeDecodeError:
        return True
    return any(ord(c) < 0x20 or ord(c) == 0x7F for c in decoded)


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files with the site's Content-Security-Policy as an HTTP header, quietly.

    Malformed paths get 400 before any file is looked up (a NUL made open() raise, and the
    server printed a traceback); folders without index.html get 404, not a listing. Under
    /redaktion/cms/ the editors' CMS gets its own policy (macros/cms.py), when one is set."""

    cms_policy: str | None = None
    # config.yml of the CMS (Decap warns about application/octet-stream)
    extensions_map: ClassVar[dict[str, str]] = {**SimpleHTTPRequestHandler.extensions_map,
                                                 ".yml": "text/yaml"}

    def send_head(self):  # noqa: ANN201 - the base class's signature
        if malformed(self.path):
            self.send_error(400, "Bad Request")
            return None
        return super().send_head()

    def list_directory(self, path):  # noqa: ANN001, ANN201 - the base class's signature
        self.send_error(404, "Not Found")
        return None

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.policy())
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def policy(self) -> str:
        path = urllib.parse.urlsplit(self.path).path
        if self.cms_policy and (path + "/").startswith(cms.URL_PATH):
            return self.cms_policy
        return CONTENT_SECURITY_POLICY

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - signature of the base
        pass


def handler_class(local_cms: bool = False) -> type[SiteHandler]:
    """SiteHandler with the CMS's own policy for /redaktion/cms/ (local: decap-server too)."""
    entry = cms.settings()
    policy = cms.content_security_policy(entry, local_cms) if entry else None
    return type("PortalHandler", (SiteHandler,), {"cms_policy": policy})


def make_rebuild(data: Path, site: Path,
                 local_cms: bool = False) -> Callable[[set[Path]], None]:
    """The watcher's callback: the quick path for edited offers, then the full build."""
    from .build import BuildFailed, build_site
    from .loader import DataErrors

    def rebuild(changed: set[Path]) -> None:
        copied: list[tuple[Path, Path | None]] = []
        offers = edited_offers(data, changed)
        if offers:
            try:
                copied = incremental_offers(data, site, offers)
            except DataErrors as failure:
                print("\n".join(str(e) for e in failure.errors), flush=True)
                print("Fehler: die Vorschau zeigt weiter die letzte gültige Fassung.", flush=True)
                return
            except Exception as failure:  # noqa: BLE001 - the full build below decides
                print(f"Schnelle Vorschau nicht möglich ({failure}); baue alles neu.", flush=True)
        try:
            build_site(data, site, local_cms=local_cms)
            print("Neu gebaut.", flush=True)
        except DataErrors as failure:
            restore(copied)
            print("\n".join(str(e) for e in failure.errors), flush=True)
            print("Fehler: die Vorschau zeigt weiter die letzte gültige Fassung.", flush=True)
        except BuildFailed as failure:
            restore(copied)
            print(failure, flush=True)
        finally:
            discard(copied)

    return rebuild


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(site: Path, host: str, port: int, data: Path | None = None,
          local_cms: bool = False) -> None:
    """Serve site/ at http://host:port/; with data given, rebuild on every change.

    local_cms: also run decap-server on 127.0.0.1 (macros/cms.py), so that the CMS at
    /redaktion/cms/ writes into the local data folder, which is then rebuilt as any edit."""
    if data is not None:
        folders = [data, *(PROJECT_ROOT / f for f in WATCHED)]
        threading.Thread(target=watch, args=(folders, make_rebuild(data, site, local_cms)),
                         daemon=True).start()
    backend = cms.start_local_backend(data) if local_cms and data is not None else None
    if backend is not None and threading.current_thread() is threading.main_thread():
        # A terminated `kim serve` ends decap-server too (Ctrl+C reaches both anyway).
        signal.signal(signal.SIGTERM, _interrupt)
    handler = functools.partial(handler_class(local_cms), directory=str(site))
    try:
        with ThreadingHTTPServer((host, port), handler) as server:
            print(f"Portal unter http://{host}:{port}/ (beenden mit Strg+C)", flush=True)
            if backend is not None:
                print(f"Redaktion (CMS) unter http://{host}:{port}{cms.URL_PATH}", flush=True)
            try:
                server.serve_forever()
            except KeyboardInterrupt:
                pass
    finally:
        if backend is not None:
            backend.terminate()
            backend.wait(timeout=10)
