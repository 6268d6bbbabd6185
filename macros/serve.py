"""Serve the built site locally and rebuild it when data or pages change (for previews)."""

from __future__ import annotations

import functools
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .i18n import PROJECT_ROOT
from .security import CONTENT_SECURITY_POLICY

WATCHED = ("docs", "overrides", "macros/catalogue")


def snapshot(folders: list[Path]) -> dict[Path, float]:
    """Modification times of every file under the folders."""
    return {p: p.stat().st_mtime for folder in folders if folder.exists()
            for p in folder.rglob("*") if p.is_file()}


def watch(folders: list[Path], rebuild, interval: float = 0.5) -> None:
    """Call rebuild() whenever a file under the folders changes; runs until the process ends."""
    seen = snapshot(folders)
    while True:
        time.sleep(interval)
        now = snapshot(folders)
        if now != seen:
            seen = now
            rebuild()


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files with the site's Content-Security-Policy as an HTTP header, quietly."""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - signature of the base
        pass


def serve(site: Path, host: str, port: int, data: Path | None = None) -> None:
    """Serve site/ at http://host:port/; with data given, rebuild on every change."""
    if data is not None:
        from .build import BuildFailed, build_site
        from .loader import DataErrors

        def rebuild() -> None:
            try:
                build_site(data, site)
                print("Neu gebaut.", flush=True)
            except DataErrors as failure:
                print("\n".join(str(e) for e in failure.errors), flush=True)
                print("Fehler: die Vorschau zeigt weiter die letzte gültige Fassung.", flush=True)
            except BuildFailed as failure:
                print(failure, flush=True)

        folders = [data, *(PROJECT_ROOT / f for f in WATCHED)]
        threading.Thread(target=watch, args=(folders, rebuild), daemon=True).start()
    handler = functools.partial(SiteHandler, directory=str(site))
    with ThreadingHTTPServer((host, port), handler) as server:
        print(f"Portal unter http://{host}:{port}/ (beenden mit Strg+C)", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
