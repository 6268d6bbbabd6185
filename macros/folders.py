"""No way out of the folders a build reads, and no output folder over anything it must keep.

A symbolic link inside the data folder or a pages folder that points elsewhere (``/etc/passwd``,
a file in the home folder of the CI runner) would be read and published; such links are refused.
Links that stay inside their folder are harmless and allowed. ``--out`` is deleted and replaced
by every build, so it may not be, contain or lie inside a folder the build reads from, nor be or
contain the repository.
"""

from __future__ import annotations

import os
from pathlib import Path


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def outside_links(folder: Path) -> list[tuple[Path, str]]:
    """(link, German message) for every symbolic link under ``folder`` leading out of it.

    The walk does not follow links to folders, so nothing outside is ever listed."""
    root = folder.resolve()
    found = []
    for current, dirs, files in os.walk(folder, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(current) / name
            if not path.is_symlink():
                continue
            target = path.resolve()
            if not _inside(target, root):
                found.append((path, f"symbolischer Verweis führt aus dem Ordner {folder.name}/ "
                                    f"hinaus (nach {target}); bitte die Datei selbst ablegen"))
    return found


def out_dir_problem(out_dir: Path, kept: dict[str, Path], repository: Path) -> str | None:
    """Why ``out_dir`` may not be built into (German), or None.

    ``kept`` names the folders the build reads (data folder, docs/, overrides/ ...): the output
    may not be one of them, contain one or lie inside one. The repository may hold the output
    (``site/``) but may not be it or lie inside it."""
    out = out_dir.resolve()
    for label, folder in kept.items():
        folder = folder.resolve()
        if _inside(out, folder) or _inside(folder, out):
            return (f"Ausgabeordner {out_dir} überschneidet sich mit {label} ({folder}); "
                    "der Build würde ihn löschen. Bitte einen eigenen Ordner angeben, z. B. site")
    repository = repository.resolve()
    if _inside(repository, out):
        return (f"Ausgabeordner {out_dir} ist das Projektverzeichnis oder enthält es; "
                "bitte einen eigenen Ordner angeben, z. B. site")
    if out.is_dir() and any(out.iterdir()) and not is_built_site(out):
        return (f"Ausgabeordner {out_dir} enthält schon Dateien, ist aber keine von kim gebaute "
                "Website (es fehlt die Markierung " + SITE_MARK + "); der Build würde sie "
                "löschen. Bitte einen leeren oder neuen Ordner angeben")
    if out.exists() and not out.is_dir():
        return f"Ausgabeordner {out_dir} ist eine Datei, kein Ordner"
    return None


# Written into every published site: only a folder holding it (or an empty or new one) is ever
# replaced, so a mistyped --out cannot delete someone's files.
SITE_MARK = ".kim-site"


def is_built_site(folder: Path) -> bool:
    """A site this tool built: the mark, or (built before the mark existed) its own layout."""
    if (folder / SITE_MARK).is_file():
        return True
    return all((folder / name).exists() for name in ("index.html", "sitemap.xml", "search"))
