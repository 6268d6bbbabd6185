"""The editors' CMS at /redaktion/cms/: Decap CMS served from the site, with a CSP of its own.

The folder holds index.html, the generated config.yml (macros/cms_config.py), Decap's bundle and
our kim-cms.js (built by `make install` into build/cms/ from assets-src/cms/, package-lock.json
pinned). It is no MkDocs page: not in the navigation, the sitemap or the search index, and the
page says `noindex`. Its Content-Security-Policy differs from the public pages' (macros/security.py)
in three ways, all for Decap: styles may be inline (Decap's React components inject <style>
elements), its validator (ajv) may compile code with new Function() ('unsafe-eval'), and
connections may go to the configured git host's API
and nowhere else (plus, in local preview, the decap-server on 127.0.0.1). Scripts still come
only from the site itself.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from markupsafe import escape

from . import cms_config
from .i18n import PROJECT_ROOT
from .portalconfig import CmsEntry

FOLDER = "redaktion/cms"
URL_PATH = f"/{FOLDER}/"
BUNDLE_DIR = PROJECT_ROOT / "build" / "cms"
BUNDLE_FILES = ("manual-init.js", "decap-cms.js", "kim-cms.js")
API_ROOTS = {"github": "https://api.github.com", "gitlab": "https://gitlab.com/api/v4"}


class CmsBundleMissing(RuntimeError):
    """build/cms/ has not been built (make install)."""


def api_origin(cms: CmsEntry) -> str:
    """The one other origin the CMS may connect to: the git host's API."""
    parts = urlsplit(cms.api_root or API_ROOTS[cms.backend])
    return f"{parts.scheme}://{parts.netloc}"


def local_origin() -> str:
    return f"http://127.0.0.1:{cms_config.local_port()}"


def csp_directives(cms: CmsEntry, local_backend: bool = False) -> tuple[tuple[str, str], ...]:
    connect = " ".join(["'self'", api_origin(cms), *([local_origin()] if local_backend else [])])
    return (
        ("default-src", "'self'"),
        # Decap's bundle and kim-cms.js are files of the site. 'unsafe-eval': Decap validates
        # config.yml and entries with ajv, which compiles each JSON Schema with new Function();
        # without it the CMS stops with an EvalError. No other host, no inline script, no
        # WebAssembly (Decap's WebP encoder for image uploads; our forms have no image field).
        ("script-src", "'self' 'unsafe-eval'"),
        # Decap's React components inject <style> elements (CSS-in-JS).
        ("style-src", "'self' 'unsafe-inline'"),
        ("img-src", "'self' data: blob:"),
        ("font-src", "'self' data:"),
        ("connect-src", connect),
        ("frame-src", "'self' blob:"),
        ("object-src", "'none'"),
        ("base-uri", "'self'"),
        ("form-action", "'self'"),
    )


def content_security_policy(cms: CmsEntry, local_backend: bool = False) -> str:
    return "; ".join(f"{name} {value}" for name, value in csp_directives(cms, local_backend))


def _paths(fields: list[dict[str, Any]], prefix: str, found: dict[str, Any]) -> None:
    """Where kim-cms.js must convert values: texts, dates, yes/no choices, false defaults."""
    found["order"].setdefault(prefix.rstrip("."), [f["name"] for f in fields])
    for field in fields:
        path = f"{prefix}{field['name']}"
        if field["widget"] == "object" and field["fields"] and field["fields"][0]["name"] == "de":
            found["text"].append(path)
            # a text's keys: de, then the languages in the portal's order, then text/status/hash
            found["order"][path] = [f["name"] for f in field["fields"]]
            for language in field["fields"][1:]:
                found["order"][f"{path}.{language['name']}"] = [
                    f["name"] for f in language["fields"]]
            continue
        if field["widget"] == "datetime":
            found["dates"].append(path)
        if field.get("options") == cms_config.YES_NO:
            found["choice_booleans"].append(path)
        if field["widget"] == "boolean" and field.get("default") is False:
            found["default_false"].append(path)
        if field["widget"] == "list" and "fields" in field:
            _paths(field["fields"], f"{path}.*.", found)
        elif field["widget"] == "list" and "field" in field:
            _paths([{**field["field"], "name": "*"}], f"{path}.", found)
        elif field["widget"] == "object":
            _paths(field["fields"], f"{path}.", found)


def converted_paths(config: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {"text": [], "dates": [], "choice_booleans": [],
                             "default_false": [], "order": {}}
    for collection in config["collections"]:
        for entry in collection.get("files", [collection]):
            _paths(entry["fields"], "", found)
    # order: per object path, its keys in the schema's order, so that the CMS writes keys in the
    # order of the schema and of the files editors wrote by hand
    return {key: values if key == "order" else sorted(set(values))
            for key, values in found.items()}


def unconfigured_message(cms: CmsEntry) -> str:
    """German: the git host is not set up yet (portal.yml cms.repo is the placeholder)."""
    return (f"portal.yml: cms.repo ist noch der Platzhalter „{cms.repo}“. Die Redaktionsoberfläche "
            "kann so keine Änderungen speichern (keine Merge Requests). Tragen Sie unter cms.repo "
            "das Repository des Portals ein (Besitzer/Name), siehe EDITING.md, Abschnitt 10.")


def _unconfigured_notice(cms: CmsEntry, local_backend: bool) -> str:
    # The local preview (kim serve --cms) saves into the files and needs no git host.
    if cms.configured or local_backend:
        return ""
    return f'<p role="alert">Nicht eingerichtet: {escape(unconfigured_message(cms))}</p>\n'


def page(cms: CmsEntry, config: dict[str, Any], local_backend: bool = False) -> str:
    """index.html of /redaktion/cms/ (German; no inline script: data as application/json)."""
    paths = json.dumps(converted_paths(config), ensure_ascii=False).replace("<", "\\u003c")
    scripts = "\n".join(f'<script src="{name}" defer></script>' for name in BUNDLE_FILES)
    policy = escape(content_security_policy(cms, local_backend))
    notice = _unconfigured_notice(cms, local_backend)
    return f"""<!doctype html>
<html lang="de" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<title>Redaktion – KIM-Portal</title>
<link rel="icon" href="data:,">
</head>
<body dir="ltr">
{notice}<noscript>Die Redaktionsoberfläche braucht JavaScript.</noscript>
<script type="application/json" id="kim-cms">{paths}</script>
{scripts}
</body>
</html>
"""


def write(out: Path, data_dir: Path, cms: CmsEntry, local_backend: bool = False) -> Path:
    """Write /redaktion/cms/ into the built site `out`; return the folder."""
    if not (BUNDLE_DIR / "decap-cms.js").exists():
        raise CmsBundleMissing(
            f"Decap-CMS-Bündel fehlt ({BUNDLE_DIR.relative_to(PROJECT_ROOT)}): bitte "
            "`make install` ausführen (npm ci in assets-src/cms)")
    _, folder = cms_config.repository_folder(data_dir)
    config = cms_config.generate(cms, folder, local_backend=local_backend)
    target = out / FOLDER
    target.mkdir(parents=True, exist_ok=True)
    for path in BUNDLE_DIR.iterdir():
        if path.is_file():
            shutil.copyfile(path, target / path.name)
    (target / "config.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100),
        encoding="utf-8")
    (target / "index.html").write_text(page(cms, config, local_backend), encoding="utf-8")
    return target


def settings() -> CmsEntry | None:
    from . import portalconfig

    return portalconfig.read().cms


def publish(site: Path, data_dir: Path, local_backend: bool = False) -> Path | None:
    """The build's step: /redaktion/cms/ when portal.yml configures a git host.

    Without the bundle (no `make install` yet; `make build`, `serve` and `test` install it) the
    site is built without the CMS and a German warning says so: the public pages do not need it.
    """
    entry = settings()
    if entry is None:
        return None
    if not entry.configured and not local_backend:
        print(f"Warnung: {unconfigured_message(entry)}", file=sys.stderr)
    try:
        return write(site, data_dir, entry, local_backend=local_backend)
    except CmsBundleMissing as missing:
        print(f"Warnung: {missing}; die Website wird ohne /{FOLDER}/ gebaut.", file=sys.stderr)
        return None


LOCAL_SERVER = BUNDLE_DIR.parent.parent / "assets-src" / "cms" / "node_modules" / "decap-server"


def local_backend_command() -> list[str]:
    script = LOCAL_SERVER / "dist" / "index.js"
    if not script.exists():
        raise CmsBundleMissing(f"decap-server fehlt ({script.relative_to(PROJECT_ROOT)}): bitte "
                               "`make install` ausführen")
    return [shutil.which("node") or "node", str(script)]


def local_backend_env(data_dir: Path) -> dict[str, str]:
    """decap-server writes straight into the repository's files (mode fs), bound to loopback."""
    import os

    repo, _ = cms_config.repository_folder(data_dir)
    return {**os.environ, "PORT": str(cms_config.local_port()), "BIND_HOST": "127.0.0.1",
            "MODE": "fs", "GIT_REPO_DIRECTORY": str(repo), "LOG_LEVEL": "warn"}


def start_local_backend(data_dir: Path) -> subprocess.Popen:
    """decap-server on 127.0.0.1:8081 for `kim serve --cms` (ended with the server)."""
    return subprocess.Popen(local_backend_command(), env=local_backend_env(data_dir))
