"""The ``kim`` command: validate, build and serve a portal."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .loader import DataErrors, load

NOT_BUILT = "Die Website wurde nicht gebaut; die bisherige Fassung bleibt unverändert."


def _fail(*lines: object) -> int:
    """Print each line (a message, a failure or a data error) on stderr; exit status 1."""
    for line in lines:
        print(line, file=sys.stderr)
    return 1


def _require(args: argparse.Namespace, *options: str, example: str = "") -> int:
    """Exit status 2 naming the required options (``--id``, ...) not given, else 0."""
    missing = [option for option in options if not getattr(args, option[2:].replace("-", "_"))]
    if not missing:
        return 0
    print(f"Pflichtangaben fehlen: {', '.join(missing)}{example}", file=sys.stderr)
    return 2


def _validate(args: argparse.Namespace) -> int:
    from .annotations import GITLAB_REPORT, render, repository_root, rooted

    fmt = getattr(args, "format", "text")
    try:
        dataset = load(Path(args.data_dir))
        errors = []
    except DataErrors as failure:
        dataset, errors = None, failure.errors
    errors = [*errors, *_page_errors(Path(args.data_dir))]
    if fmt != "text":
        # Code platforms place annotations by paths relative to the repository root.
        errors = rooted(errors, repository_root(Path(args.data_dir)))
    output = args.output or (GITLAB_REPORT if fmt == "gitlab" else None)
    if output:
        Path(output).write_text(render(errors, fmt), encoding="utf-8")
    elif fmt != "text":
        sys.stdout.write(render(errors, fmt))
    if fmt in ("text", "gitlab", "github"):
        # The job log shows every message with file:line too (GitHub annotates only the first
        # ten on the lines; the report file is for GitLab's merge request diff).
        sys.stderr.write(render(errors, "text"))
    if errors:
        print(f"{len(errors)} Fehler gefunden in {args.data_dir}", file=sys.stderr)
        return 1
    from .build import report_findings

    report_findings(dataset)  # mismatches inside the documents: warnings on stderr, never errors
    from .completeness import report as report_gaps

    report_gaps(dataset)  # what the region's public site still lacks: warnings, never errors
    message = (f"{args.data_dir}: gültig ({len(dataset.offers)} Angebote, "
               f"{len(dataset.papers)} Drucksachen, "
               f"{len(dataset.funding.rows)} Finanzierungszeilen)")
    print(message, file=sys.stdout if fmt in ("text", "gitlab") else sys.stderr)
    return 0


def _page_errors(data_dir: Path) -> list:
    """The region's own pages (<data>/pages/) pass the template check of docs/ (a build refuses
    them otherwise), so validation reports the same problems, with file and line."""
    from .build import region_page_problems
    from .loader import DataError

    if not data_dir.is_dir():
        return []
    return [DataError(p.file, p.line, 1, "", p.message) for p in region_page_problems(data_dir)]


def _build(args: argparse.Namespace) -> int:
    from .build import BuildFailed, build_site

    try:
        build_site(Path(args.data), Path(args.out), languages=args.lang,
                   local_cms=getattr(args, "cms", False))
    except FileNotFoundError as failure:
        return _fail(f"Nicht gefunden: {failure.filename}")
    except DataErrors as failure:
        return _fail(*failure.errors, NOT_BUILT)
    except BuildFailed as failure:
        return _fail(failure, NOT_BUILT)
    print(f"Website gebaut: {args.out}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .serve import serve

    if _build(args) != 0:
        return 1
    serve(Path(args.out), args.host, args.port, data=Path(args.data), local_cms=args.cms)
    return 0


def _cms_config(args: argparse.Namespace) -> int:
    import yaml

    from .cms import settings
    from .cms_config import generate, repository_folder

    entry = settings()
    if entry is None:
        return _fail("portal.yml: kein Eintrag `cms:` (Git-Host und Repository der Redaktion)")
    _, folder = repository_folder(Path(args.data))
    text = yaml.safe_dump(generate(entry, folder, local_backend=args.local),
                          allow_unicode=True, sort_keys=False, width=100)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"CMS-Konfiguration geschrieben: {args.out}")
    else:
        sys.stdout.write(text)
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .editor_schema import write_schemas

    for path in write_schemas(Path(args.out)):
        print(path)
    return 0


def _fieldref(args: argparse.Namespace) -> int:
    from .fieldref import run

    return run(args)


def _report(args: argparse.Namespace) -> int:
    from .pages.offers import build_date
    from .report import offers_report

    try:
        dataset = load(Path(args.data_dir or args.data))
    except DataErrors as failure:
        return _fail(*failure.errors,
                     "Bericht nicht möglich: die Daten sind ungültig (siehe oben).")
    print(offers_report(dataset, build_date()), end="")
    return 0


def _new_offer(args: argparse.Namespace) -> int:
    from .newrecord import NewRecordFailed, new_offer, offer_values

    status = _require(args, "--id", "--name", "--summary", "--topic", "--source",
                      example=" (Beispiel: kim new offer --id sprachcafe-unna "
                      "--name \"Sprachcafé\" --summary \"Ein bis zwei Sätze.\" "
                      "--topic sprache --source kennung-des-dokuments)")
    if status:
        return status
    values = offer_values(
        ident=args.id, name=args.name, summary=args.summary, topics=args.topic,
        source=args.source, section=args.section, provider=args.provider,
        municipalities=args.municipality, target_groups=args.target_group,
        languages=args.language, phone=args.phone, email=args.email, website=args.website,
    )
    try:
        path = new_offer(Path(args.data), values)
    except NewRecordFailed as failure:
        return _fail(failure, *failure.errors)
    print(f"Angelegt: {path.as_posix()} (gültig). Weitere Angaben ergänzen, dann prüfen: "
          "make validate")
    return 0


def _new_provider(args: argparse.Namespace) -> int:
    from .newrecord import NewRecordFailed, new_provider, provider_entry

    status = _require(args, "--id", "--name", "--kind", "--source")
    if status:
        return status
    entry = provider_entry(ident=args.id, name=args.name, kind=args.kind, source=args.source,
                           section=args.section, website=args.website)
    try:
        path = new_provider(Path(args.data), entry)
    except NewRecordFailed as failure:
        return _fail(failure, *failure.errors)
    print(f"Träger '{args.id}' eingetragen in {path.as_posix()} (gültig)")
    return 0


def _diff(args: argparse.Namespace) -> int:
    from .datadiff import DiffFailed, diff

    try:
        _changes, text = diff(Path(args.data), args.base, args.head)
    except DiffFailed as failure:
        return _fail(failure)
    sys.stdout.write(text)
    return 0


def _report_translations(args: argparse.Namespace) -> int:
    from .translations import coverage_text, migrant_coverage, report, report_text

    try:
        dataset = load(Path(args.data))
    except DataErrors as failure:
        return _fail(*failure.errors)
    print(report_text(report(dataset)))
    print(coverage_text(migrant_coverage(dataset)))
    return 0


def _page_roots(args: argparse.Namespace) -> list[Path]:
    """Where hand-written pages live: docs/ and the region's own pages (<data>/pages/)."""
    from .regionpages import region_pages_dir
    from .translations import DOCS_DIR

    own = region_pages_dir(Path(args.data)) if getattr(args, "data", None) else None
    return [DOCS_DIR, *([own] if own is not None else [])]


def _shown(path: Path) -> str:
    from .loader import display_path

    return display_path(path)


def _stamp(args: argparse.Namespace) -> int:
    """Fingerprint translations that have none (catalogue lines, translated pages)."""
    from .i18n import DEFAULT_LANGUAGE, languages
    from .translations import stamp_catalogue, stamp_page

    for lang in languages():
        if lang.code == DEFAULT_LANGUAGE or (args.lang and lang.code not in args.lang):
            continue
        keys = stamp_catalogue(lang.code)
        if keys:
            print(f"{lang.code}: {len(keys)} Oberflächentexte mit Fingerabdruck versehen")
        for root in _page_roots(args):
            own = root / lang.code
            for page in sorted(own.rglob("*.md")) if own.is_dir() else []:
                german = root / DEFAULT_LANGUAGE / page.relative_to(own)
                if german.is_file() and stamp_page(page, german):
                    print(f"{_shown(page)}: Fingerabdruck gesetzt")
    return 0


def _review(args: argparse.Namespace) -> int:
    """Mark catalogue keys or pages of one language as reviewed against today's German."""
    from .i18n import DEFAULT_LANGUAGE, catalogue, language
    from .translations import stamp_catalogue, stamp_page

    try:
        lang = language(args.lang)
    except KeyError:
        return _fail(f"Unbekannte Sprache: {args.lang} (siehe portal.yml)")
    failed = 0
    keys = [item for item in args.items if not item.endswith(".md")]
    unknown = [k for k in keys if k not in catalogue(lang.code)]
    for key in unknown:
        print(f"{lang.code}.yml: Schlüssel '{key}' gibt es nicht", file=sys.stderr)
        failed = 1
    known = [k for k in keys if k not in unknown]
    if known:
        for key in stamp_catalogue(lang.code, known, reviewed=True):
            print(f"{lang.code}: {key} als geprüft markiert")
    for item in args.items:
        if not item.endswith(".md"):
            continue
        # The region's own page wins over the shared one, as on the site.
        found = [(root / lang.code / item, root / DEFAULT_LANGUAGE / item)
                 for root in reversed(_page_roots(args))
                 if (root / lang.code / item).is_file()
                 and (root / DEFAULT_LANGUAGE / item).is_file()]
        if not found:
            print(f"Seite nicht gefunden: docs/{lang.code}/{item} (oder docs/de/{item}, "
                  f"<Daten>/pages/{lang.code}/{item})", file=sys.stderr)
            failed = 1
            continue
        page, german = found[0]
        stamp_page(page, german, reviewed=True)
        print(f"{_shown(page)}: als geprüft markiert")
    return failed


def _hash(args: argparse.Namespace) -> int:
    from .schema import text_hash

    print(text_hash(args.text if args.text is not None else sys.stdin.read()))
    return 0


def _source_options(command: argparse.ArgumentParser) -> None:
    """Where a new record's facts stand: the same two options for every kind of record."""
    command.add_argument("--source", help="Kennung des Quelldokuments aus documents.yml")
    command.add_argument("--section", help="Abschnitt oder Seite im Quelldokument")


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="kim",
                                   description="KIM-Portal: Daten prüfen und Website bauen")
    commands = root.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="Daten prüfen")
    validate.add_argument("data_dir", nargs="?", default="data")
    validate.add_argument("--format", choices=("text", "github", "gitlab", "json"), default="text",
                          help="text (Standard), github (Workflow-Befehle), gitlab (Code-Quality-"
                          "Bericht), json")
    validate.add_argument("--output", help="Bericht in diese Datei schreiben (gitlab: Standard "
                          "gl-code-quality-report.json)")
    validate.set_defaults(run=_validate)

    schema_cmd = commands.add_parser("schema", help="JSON-Schema der Datendateien schreiben")
    schema_cmd.add_argument("--out", default="schema")
    schema_cmd.set_defaults(run=_schema)

    fieldref_cmd = commands.add_parser("fieldref", help="Feldtabellen in EDITING.md aus dem "
                                       "Datenmodell neu schreiben")
    from .fieldref import cli_parser

    cli_parser(fieldref_cmd).set_defaults(run=_fieldref)

    cms_cmd = commands.add_parser("cms-config", help="Konfiguration der Redaktion "
                                  "(/redaktion/cms/config.yml) aus dem Schema erzeugen")
    cms_cmd.add_argument("--data", default="data")
    cms_cmd.add_argument("--out", help="Datei (sonst Standardausgabe)")
    cms_cmd.add_argument("--local", action="store_true",
                         help="mit local_backend (decap-server auf 127.0.0.1)")
    cms_cmd.set_defaults(run=_cms_config)

    new_cmd = commands.add_parser("new", help="neuen Datensatz anlegen")
    kinds = new_cmd.add_subparsers(dest="kind", required=True)
    offer = kinds.add_parser("offer", help="neues Angebot in <data>/offers/<id>.yml")
    offer.add_argument("--data", default="data")
    offer.add_argument("--id", help="Kennung = Dateiname, z. B. sprachcafe-unna")
    offer.add_argument("--name", help="Name des Angebots (Deutsch)")
    offer.add_argument("--summary", help="Kurzbeschreibung, ein bis zwei Sätze (Deutsch)")
    offer.add_argument("--topic", action="append", help="Thema (mehrfach möglich), z. B. sprache")
    _source_options(offer)
    offer.add_argument("--provider", help="Kennung des Trägers")
    offer.add_argument("--municipality", action="append", help="Kommune des Einzugsgebiets "
                       "(mehrfach möglich)")
    offer.add_argument("--target-group", action="append", help="Zielgruppe (mehrfach möglich)")
    offer.add_argument("--language", action="append", help="Beratungssprache (mehrfach möglich)")
    offer.add_argument("--phone")
    offer.add_argument("--email")
    offer.add_argument("--website")
    offer.set_defaults(run=_new_offer)
    provider = kinds.add_parser("provider", help="neuen Träger am Ende von <data>/providers.yml")
    provider.add_argument("--data", default="data")
    provider.add_argument("--id", help="Kennung, z. B. caritas-unna")
    provider.add_argument("--name", help="Name, wie im Dokument")
    provider.add_argument("--kind", help="Art: Kreis, Kommune, Wohlfahrtsverband, Verein, ...")
    _source_options(provider)
    provider.add_argument("--website")
    provider.set_defaults(run=_new_provider)

    diff_cmd = commands.add_parser("diff", help="Änderungen an den Daten zwischen zwei Commits")
    diff_cmd.add_argument("base", help="Vergleichsstand, z. B. origin/main")
    diff_cmd.add_argument("head", nargs="?", help="neuer Stand (ohne Angabe: die Arbeitskopie)")
    diff_cmd.add_argument("--data", default="data")
    diff_cmd.set_defaults(run=_diff)

    report_cmd = commands.add_parser("report", help="Berichte")
    reports = report_cmd.add_subparsers(dest="report", required=True)
    report_tr = reports.add_parser("translations", help="Übersetzungsstand je Sprache")
    report_tr.add_argument("--data", default="data")
    report_tr.set_defaults(run=_report_translations)
    report_offers = reports.add_parser("offers", help="Angebote mit überfälliger Prüfung, ohne "
                                       "Kontakt oder ohne Übersetzung, je Kommune")
    report_offers.add_argument("data_dir", nargs="?", help="Datenordner (Standard: data)")
    report_offers.add_argument("--data", default="data")
    report_offers.set_defaults(run=_report)

    translations = commands.add_parser("translations", help="Übersetzungen pflegen")
    tr_commands = translations.add_subparsers(dest="action", required=True)
    stamp = tr_commands.add_parser("stamp", help="fehlende Fingerabdrücke eintragen")
    stamp.add_argument("--lang", action="append", help="nur diese Sprache(n)")
    stamp.add_argument("--data",
                       help="auch die eigenen Seiten dieses Datenordners (<Daten>/pages/)")
    stamp.set_defaults(run=_stamp)
    review = tr_commands.add_parser("review", help="Übersetzungen als geprüft markieren")
    review.add_argument("lang", help="Sprachkennung, z. B. en")
    review.add_argument("items", nargs="+",
                        help="Schlüssel (z. B. nav.home) oder Seite (z. B. index.md)")
    review.add_argument("--data",
                        help="Datenordner, dessen eigene Seiten (<Daten>/pages/) gemeint sind")
    review.set_defaults(run=_review)
    hash_cmd = tr_commands.add_parser("hash", help="Fingerabdruck eines deutschen Textes")
    hash_cmd.add_argument("text", nargs="?", help="der deutsche Text (sonst von der Eingabe)")
    hash_cmd.set_defaults(run=_hash)

    for name, run in (("build", _build), ("serve", _serve)):
        command = commands.add_parser(name, help="Website bauen" if name == "build"
                                      else "Website bauen und lokal anzeigen")
        command.add_argument("--data", default="data")
        command.add_argument("--out", default="site")
        command.add_argument("--lang", action="append", help="nur diese Sprache(n) bauen")
        if name == "serve":
            command.add_argument("--host", default="127.0.0.1")
            command.add_argument("--port", type=int, default=8000)
            command.add_argument("--cms", action="store_true",
                                 help="Redaktion (/redaktion/cms/) mit decap-server auf "
                                      "127.0.0.1 starten, schreibt in den Datenordner")
        command.set_defaults(run=run)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
