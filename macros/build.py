"""Build the portal: validate, then one MkDocs build per language, then swap into place.

The site is built in a temporary folder beside the output folder and moved into place only when
every language built cleanly, so a failed build never leaves a broken or half-built site.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markupsafe import escape

from . import (
    checks,
    cms,
    completeness,
    formatting,
    offerstore,
    opendata,
    portal,
    regionpages,
    search_index,
    translations,
)
from .chrome import search_strings
from .doccheck import DocProblem, check_docs
from .folders import SITE_MARK, out_dir_problem, outside_links
from .i18n import DEFAULT_LANGUAGE, PROJECT_ROOT, Language, Translator, languages, material_strings
from .languagebuild import LanguageBuild
from .loader import Dataset, one_line
from .pages import editorial, funding, registry
from .security import CONTENT_SECURITY_POLICY
from .sitemap import write_sitemap
from .translations import FRONT_MATTER

# The site's own plotly.js bundle (bar + sankey), built by `make install` from package-lock.json.
PLOTLY_BUNDLE = PROJECT_ROOT / "build" / "assets" / "js" / "plotly-kim.min.js"
# plotly.js's own stylesheet, served as a file: under `style-src 'self'` plotly cannot inject it.
PLOTLY_CSS = PLOTLY_BUNDLE.with_name("plotly-kim.css")


def _copy_plotly(docs: Path) -> None:
    if not (PLOTLY_BUNDLE.exists() and PLOTLY_CSS.exists()):
        raise BuildFailed(f"plotly.js-Bündel fehlt ({PLOTLY_BUNDLE.relative_to(PROJECT_ROOT)}): "
                          "bitte `make install` ausführen (npm ci und esbuild)")
    target = docs / "assets" / "js"
    target.mkdir(parents=True, exist_ok=True)
    for path in (PLOTLY_BUNDLE, PLOTLY_CSS):
        shutil.copyfile(path, target / path.name)

MKDOCS_YML = PROJECT_ROOT / "mkdocs.yml"  # the engine's base configuration
DOCS_DIR = PROJECT_ROOT / "docs"
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"

log = logging.getLogger("kim.build")


class BuildFailed(Exception):
    """The site could not be built; the message says why, for people."""


@dataclass(frozen=True)
class BuildPlan:
    data_dir: Path
    out_dir: Path
    languages: tuple[Language, ...]
    site_url: str
    # Every configured language's pages shown in German (switcher, hreflang, sitemap); computed
    # once per build (empty: computed when a language build needs it).
    fallback_by_lang: dict[str, list[str]] = field(default_factory=dict)

    def fallbacks(self) -> dict[str, list[str]]:
        return self.fallback_by_lang or {other.code: fallback_pages(other, self.data_dir)
                                         for other in languages()}


def _selected(codes: list[str] | None) -> tuple[Language, ...]:
    configured = languages()
    if not codes:
        return configured
    unknown = set(codes) - {lang.code for lang in configured}
    if unknown:
        raise BuildFailed(f"Unbekannte Sprache(n): {', '.join(sorted(unknown))}")
    # German is the site root; other languages link to it, so it is always built.
    return tuple(lang for lang in configured if lang.code in codes or lang.code == DEFAULT_LANGUAGE)


def fallback_pages(lang: Language, data_dir: Path | None = None) -> list[str]:
    """Hand-written pages (shared or the region's own) that have no translation in this language."""
    return regionpages.fallback_pages(lang.code, data_dir, DOCS_DIR)


def write_docs(data: Dataset, lang: Language, target: Path) -> list[str]:
    """Assemble one language's docs folder; return the pages that fall back to German.

    Hand-written pages: the shared region-neutral pages of docs/, replaced by the region's own
    pages of <data>/pages/ where it has them (see macros/regionpages.py). Record pages and
    generated data files are not written: the engine adds them in memory (record_pages).
    """
    files = regionpages.page_files(lang.code, data.root, DOCS_DIR)
    copies = {**regionpages.other_files(lang.code, data.root, DOCS_DIR),
              **{rel: page.path for rel, page in files.items()}}
    for rel, source in copies.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, path)
    fallback = sorted(rel for rel, page in files.items() if not page.translated)
    tr = Translator(lang)
    funding.write_downloads(data, lang, target)
    _copy_plotly(target)
    titles = {path: tr.t(key).striptags()
              for path, key in [*registry.NAV, *registry.TITLES.items()]}
    for src in fallback:  # German text, but the title in the menu's language (header, <title>)
        if src in titles and lang.code != DEFAULT_LANGUAGE:
            _set_title(target / src, titles[src])
    return fallback if lang.code != DEFAULT_LANGUAGE else []


def _set_title(page: Path, title: str) -> None:
    text = page.read_text(encoding="utf-8")
    found = FRONT_MATTER.match(text)
    meta = (yaml.safe_load(found.group(1)) or {}) if found else {}
    meta["title"] = title
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10**6)
    page.write_text(f"---\n{head}---\n{text[found.end():] if found else text}", encoding="utf-8")


def language_build(plan: BuildPlan, data: Dataset, lang: Language, docs: Path, site: Path,
                   fallback: list[str], records: list[registry.GeneratedPage] | None = None,
                   files: list[tuple[str, str]] | None = None) -> LanguageBuild:
    """The typed context of one language's engine run (records/files: None = all of them)."""
    tr = Translator(lang)
    return LanguageBuild(
        data=data, lang=lang, docs_dir=docs, site_dir=site,
        root_url=plan.site_url.rstrip("/") + "/",
        site_name=escape(f"KIM {tr.plain(data.region.name)}"),
        site_description=str(tr.t("site.description", region=tr.plain(data.region.name))),
        nav=registry.nav(tr), not_in_nav=registry.NOT_IN_NAV,
        fallback_pages=frozenset(fallback), fallback_by_lang=plan.fallbacks(),
        # German original of each hand-written page (translation status per page).
        german_pages={rel: Path(page.german) for rel, page in
                      regionpages.page_files(lang.code, plan.data_dir, DOCS_DIR).items()},
        material_strings=material_strings(lang.code), search_strings=search_strings(lang.code),
        csp=CONTENT_SECURITY_POLICY,
        records=registry.generated_pages(data, tr) if records is None else records,
        files=registry.generated_files(data, tr) if files is None else files,
    )


def run_engine(build: LanguageBuild) -> None:
    """One language's engine run (MkDocs); BuildFailed with the engine's message."""
    from .engine.run import EngineFailed, run

    try:
        run(build)
    except EngineFailed as error:
        raise BuildFailed(str(error)) from None


def prune(site: Path) -> None:
    """Remove the theme's files no page references (macros.engine.UNUSED_THEME_FILES)."""
    from .engine import UNUSED_THEME_FILES

    for pattern in UNUSED_THEME_FILES:
        for path in site.glob(pattern):
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
    javascripts = site / "assets" / "javascripts"
    if javascripts.is_dir() and not any(javascripts.iterdir()):
        javascripts.rmdir()


# renameat2(2) flag: swap two paths in one step (Linux 3.15+, ext4, xfs, btrfs, tmpfs, ...).
RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def exchange(first: Path, second: Path) -> bool:
    """Swap two directories atomically; False where the system cannot (then nothing changed)."""
    import ctypes
    import errno

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),
                       RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def publish(staging: Path, out_dir: Path) -> None:
    """Put the freshly built site at out_dir so that out_dir always holds a complete site.

    A new out_dir is one rename; an existing one is exchanged with the staging folder in one
    step (renameat2 RENAME_EXCHANGE), after which the staging folder holds the old site and is
    removed with the work folder. Only where the system cannot exchange (not Linux) there are
    two renames, with a moment without a site between them."""
    (staging / SITE_MARK).write_text("Von kim build erzeugt; wird beim nächsten Build ersetzt.\n",
                                     encoding="utf-8")
    if not out_dir.exists():
        staging.rename(out_dir)
        return
    if exchange(staging, out_dir):
        return
    old = out_dir.with_name(f".{out_dir.name}-old-{os.getpid()}")
    out_dir.rename(old)
    staging.rename(out_dir)
    shutil.rmtree(old, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def remove_leftovers(out_dir: Path) -> list[Path]:
    """Remove what killed builds of out_dir left beside it (work and old folders); return them.

    Their names carry the building process's id; a folder of a process still running (a build
    going on at the same time) is left alone."""
    removed = []
    pattern = re.compile(rf"^\.{re.escape(out_dir.name)}-(?:build|old)-(\d+)(?:-.*)?$")
    for path in out_dir.parent.iterdir() if out_dir.parent.is_dir() else ():
        found = pattern.match(path.name)
        if (found and path.is_dir() and not path.is_symlink()
                and not _alive(int(found.group(1)))):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def check_out_dir(data_dir: Path, out_dir: Path) -> None:
    """Refuse an output folder that would delete data, pages, theme, code or someone's files."""
    kept = {"dem Datenordner": data_dir, "docs/": DOCS_DIR,
            "overrides/": PROJECT_ROOT / "overrides", "macros/": PROJECT_ROOT / "macros"}
    problem = out_dir_problem(out_dir, kept, PROJECT_ROOT)
    if problem:
        raise BuildFailed(problem)


# Folders of the project the build reads besides the data and docs/ (theme, catalogues): a
# symbolic link in them leading out would be published too.
READ_FOLDERS = (PROJECT_ROOT / "overrides", PROJECT_ROOT / "macros" / "catalogue")


def check_read_folders() -> None:
    links = [f"{path}: {message}"
             for folder in READ_FOLDERS for path, message in outside_links(folder)]
    if links:
        raise BuildFailed("\n".join(links))


def check_pages(folder: Path) -> None:
    """A pages folder (docs/ or a region's own) passes the page check, else BuildFailed."""
    problems = check_docs(folder)
    if problems:
        raise BuildFailed("\n".join(str(p) for p in problems))


def _build_language(plan: BuildPlan, lang: Language, work: Path) -> Path:
    """Write one language's docs and run its MkDocs build into work/site-<code>; return it."""
    data = portal.load_cached(plan.data_dir)
    docs = work / f"docs-{lang.code}"
    site = work / f"site-{lang.code}"
    fallback = write_docs(data, lang, docs)
    build = language_build(plan, data, lang, docs, site, fallback)
    build.on_page = collected = search_index.Collector(data, Translator(lang))
    run_engine(build)
    # The project's own steps after the engine: the search index, then pruning.
    search_index.write(site, lang.code, lang.dir, collected.entries())
    prune(site)
    shutil.rmtree(docs, ignore_errors=True)
    return site


# Memory the whole build may use (MB). A forked worker soon holds its own copy of most of the
# dataset (reading an object writes its reference count, and the page is copied), plus what one
# language's MkDocs build allocates (measured: 60-70 MB at 500 to 2000 offers). Languages build
# in parallel only while the parent and its workers fit into the budget, else one after another.
DEFAULT_MEMORY_MB = 400
WORKER_BUILD_MB = 70


def resident_mb() -> float:
    """This process's resident memory in MB (Linux /proc; 0 where it is not available)."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return 0.0
    found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) / 1024 if found else 0.0


def build_jobs(count: int, loaded_mb: float = 0.0) -> int:
    """Worker processes for `count` languages.

    KIM_BUILD_JOBS if set; else one per CPU core, as many as fit into KIM_BUILD_MEMORY_MB
    (default 400) when the parent holds `loaded_mb` and each worker that much plus its build.
    """
    wanted = os.environ.get("KIM_BUILD_JOBS")
    if wanted:
        return max(1, min(int(wanted), count))
    budget = float(os.environ.get("KIM_BUILD_MEMORY_MB", DEFAULT_MEMORY_MB))
    jobs = os.cpu_count() or 1
    if loaded_mb > 0:
        # Parallel means the parent plus `jobs` workers; one job builds inside the parent.
        fitting = int((budget - loaded_mb) // (loaded_mb + WORKER_BUILD_MB))
        jobs = min(jobs, fitting) if fitting >= 2 else 1
    return max(1, min(jobs, count))


def _warm_up(data: Dataset) -> None:
    """Import the engine, read the catalogues and compile the project's templates before
    forking, so no worker pays for it; and make the German chart downloads here: that loads
    plotly's validators, openpyxl and the compared regions once, not once per worker."""
    import importlib

    from . import views
    from .engine.run import warm_up

    warm_up()
    views.compile_all()
    funding.downloads(data, languages()[0])
    for module in ("babel.numbers", "babel.dates"):
        importlib.import_module(module)
    # Catalogues are cached per process: read them once here, not once per language and worker.
    from . import i18n

    for lang in languages():
        for name in ("catalogue", "entries", "stamps"):
            loader = getattr(i18n, name, None)
            if loader is not None:
                try:
                    loader(lang.code)
                except Exception:  # noqa: BLE001 - the worker reports catalogue errors itself
                    pass


def _die_with_parent() -> None:
    """A worker ends soon after its build is killed, instead of writing on into the work folder
    (which the next build removes): a watcher thread exits when the parent process is gone.

    (PR_SET_PDEATHSIG would tie the worker to the pool thread that forked it, not the process.)"""
    import threading
    import time

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _built(plan: BuildPlan, lang: Language, work: Path) -> Path:
    """One language built in this process, its engine's objects collected before the next
    step: MkDocs' pages, files and nav refer to each other, so only the cycle collector frees
    them, and left to its own schedule it often has not yet when the next language (or the
    open data) allocates as much again (the build's peak at 10,000 offers)."""
    site = _build_language(plan, lang, work)
    gc.collect()
    return site


def _build_languages(plan: BuildPlan, work: Path) -> dict[str, Path]:
    """Every language's MkDocs build, in parallel worker processes where there are cores.

    Each language runs in a fresh process forked from this one (maxtasksperchild=1): it shares
    the loaded dataset, starts with clean MkDocs and plugin state, and hands its memory back when
    it ends, so peak memory is about one language build per worker.
    """
    # A forked worker fills its own copy of the offer cache (macros/offerstore.py): count what
    # the cache may still grow by as part of what each process holds.
    growth = offerstore.growth_mb(portal.load_cached(plan.data_dir).offers)
    jobs = build_jobs(len(plan.languages), resident_mb() + growth)
    if jobs == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return {lang.code: _built(plan, lang, work) for lang in plan.languages}
    _warm_up(portal.load_cached(plan.data_dir))  # once here, shared by every forked worker
    # The modules just imported join the dataset in the permanent generation (build_site): the
    # workers' garbage collector leaves their memory pages alone, so they stay shared after fork.
    gc.freeze()
    context = multiprocessing.get_context("fork")
    with context.Pool(processes=jobs, maxtasksperchild=1,
                      initializer=_die_with_parent) as pool:
        running = {lang.code: pool.apply_async(_build_language, (plan, lang, work))
                   for lang in plan.languages}
        return {code: result.get() for code, result in running.items()}


def assemble(sites: dict[str, Path], plan: BuildPlan) -> Path:
    """Move every other language's site into the German one (at its path); return the root."""
    root = sites[DEFAULT_LANGUAGE]
    for lang in plan.languages:
        if lang.path:
            target = root / lang.path
            if target.exists():
                shutil.rmtree(target)
            sites[lang.code].rename(target)
    return root


def report_findings(data: Dataset, stream=None) -> list[checks.Finding]:
    """Print the consistency checks' findings as German warnings naming path:line.

    Mismatches inside the documents are shown, not fatal: the build goes on. The findings come
    from the funding pages' cache, so the checks run once per build (before the language
    workers fork, which inherit the cache), not once here and again for the pages.
    """
    findings = funding.findings(data)
    tr = Translator(languages()[0])
    for finding in findings:
        text = finding.explain(tr.t, lambda v: formatting.money(v, "de_DE"),
                               lambda v: formatting.number(v, "de_DE"),
                               lambda v: formatting.day(v, "de_DE")).striptags()
        cls = tr.t(f"checks.class.{finding.cls}").striptags()
        note = f" ({finding.note})" if finding.note else ""
        # One line each: a value's line break cannot start a line of its own in the CI log.
        print(one_line(f"{finding.where()}: Warnung: Prüfhinweis ({finding.subject}; {cls}): "
                       f"{text}{note}"),
              file=stream or sys.stderr)
    if findings:
        in_documents = sum(1 for f in findings if f.cls == checks.DOCUMENTS)
        print(f"{len(findings)} Prüfhinweise (siehe /finanzierung/pruefhinweise/): "
              f"{in_documents} Unstimmigkeiten in den Dokumenten, "
              f"{len(findings) - in_documents} Lücken in unseren Daten",
              file=stream or sys.stderr)
    return findings


def region_page_problems(data_dir: Path) -> list[DocProblem]:
    """The region's own pages (<data>/pages/) pass the same page check as docs/ (template
    pages, HTML, file kinds, links out of the folder)."""
    own = regionpages.region_pages_dir(data_dir)
    return check_docs(own) if own is not None else []


def build_site(data_dir: Path, out_dir: Path, languages: list[str] | None = None,
               site_url: str | None = None, local_cms: bool = False) -> Dataset:
    """Validate and build; raises DataErrors or BuildFailed and then leaves out_dir untouched."""
    data_dir = data_dir.resolve()
    out_dir = out_dir.resolve()
    portal.forget(data_dir)
    data = portal.load_cached(data_dir)  # raises DataErrors before anything is written
    report_findings(data)
    # Computed once here, before the language workers fork (they inherit it): every language's
    # translation status page shows the same report.
    translations.report_once(data)
    editorial.outdated_list(data)  # the same list on every language's page: rendered once
    opendata.row_counts(data)  # every language's /daten/ page shows them
    completeness.report(data)
    # Shared pages and the region's own pass the same page check (macros/doccheck.py).
    problems = check_docs(DOCS_DIR) + region_page_problems(data_dir)
    if problems:
        raise BuildFailed("\n".join(str(p) for p in problems))
    check_read_folders()
    check_out_dir(data_dir, out_dir)  # before anything is written or removed
    plan = BuildPlan(data_dir, out_dir, _selected(languages),
                     site_url or os.environ.get("KIM_SITE_URL", DEFAULT_SITE_URL))
    plan = BuildPlan(plan.data_dir, plan.out_dir, plan.languages, plan.site_url, plan.fallbacks())
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out_dir)
    work = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-build-{os.getpid()}-",
                                 dir=out_dir.parent))
    # The dataset lives for the whole build: in the permanent generation the garbage collector
    # stops walking its objects at every full collection (measured: a third of its time).
    gc.collect()
    gc.freeze()
    try:
        staging = assemble(_build_languages(plan, work), plan)
        # Open data once for the whole site, beside the German /daten/ page.
        opendata.write(data, staging / opendata.FOLDER, plan.site_url, opendata.licence())
        fallbacks = plan.fallbacks()
        write_sitemap(staging, plan.site_url, plan.languages,
                      {lang.code: fallbacks[lang.code] for lang in plan.languages})
        # The editors' CMS (/redaktion/cms/): no MkDocs page, so not in sitemap or search.
        cms.publish(staging, data_dir, local_backend=local_cms)
        publish(staging, out_dir)
    finally:
        gc.unfreeze()
        shutil.rmtree(work, ignore_errors=True)
    return data
