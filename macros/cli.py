"""The ``kim`` command: validate, build and serve a portal."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .loader import DataErrors, load


def _validate(args: argparse.Namespace) -> int:
    try:
        dataset = load(Path(args.data_dir))
    except DataErrors as failure:
        for error in failure.errors:
            print(error, file=sys.stderr)
        count = len(failure.errors)
        print(f"{count} Fehler gefunden in {args.data_dir}", file=sys.stderr)
        return 1
    from .build import report_findings

    report_findings(dataset)
    print(f"{args.data_dir}: gültig ({len(dataset.offers)} Angebote, "
          f"{len(dataset.papers)} Drucksachen, {len(dataset.funding.rows)} Finanzierungszeilen)")
    return 0


def _build(args: argparse.Namespace) -> int:
    from .build import BuildFailed, build_site

    try:
        build_site(Path(args.data), Path(args.out), languages=args.lang)
    except FileNotFoundError as failure:
        print(f"Nicht gefunden: {failure.filename}", file=sys.stderr)
        return 1
    except DataErrors as failure:
        for error in failure.errors:
            print(error, file=sys.stderr)
        print("Die Website wurde nicht gebaut; die bisherige Fassung bleibt unverändert.",
              file=sys.stderr)
        return 1
    except BuildFailed as failure:
        print(failure, file=sys.stderr)
        print("Die Website wurde nicht gebaut; die bisherige Fassung bleibt unverändert.",
              file=sys.stderr)
        return 1
    print(f"Website gebaut: {args.out}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .serve import serve

    if _build(args) != 0:
        return 1
    serve(Path(args.out), args.host, args.port, data=Path(args.data))
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .editor_schema import write_schemas

    for path in write_schemas(Path(args.out)):
        print(path)
    return 0


def _report_translations(args: argparse.Namespace) -> int:
    from .translations import report, report_text

    try:
        dataset = load(Path(args.data))
    except DataErrors as failure:
        for error in failure.errors:
            print(error, file=sys.stderr)
        return 1
    print(report_text(report(dataset)))
    return 0


def _stamp(args: argparse.Namespace) -> int:
    """Fingerprint translations that have none (catalogue lines, translated pages)."""
    from .i18n import DEFAULT_LANGUAGE, languages
    from .translations import DOCS_DIR, stamp_catalogue, stamp_page

    for lang in languages():
        if lang.code == DEFAULT_LANGUAGE or (args.lang and lang.code not in args.lang):
            continue
        keys = stamp_catalogue(lang.code)
        if keys:
            print(f"{lang.code}: {len(keys)} Oberflächentexte mit Fingerabdruck versehen")
        own = DOCS_DIR / lang.code
        for page in sorted(own.rglob("*.md")) if own.is_dir() else []:
            german = DOCS_DIR / DEFAULT_LANGUAGE / page.relative_to(own)
            if german.is_file() and stamp_page(page, german):
                print(f"{page.relative_to(DOCS_DIR.parent)}: Fingerabdruck gesetzt")
    return 0


def _review(args: argparse.Namespace) -> int:
    """Mark catalogue keys or pages of one language as reviewed against today's German."""
    from .i18n import DEFAULT_LANGUAGE, catalogue, language
    from .translations import DOCS_DIR, stamp_catalogue, stamp_page

    try:
        lang = language(args.lang)
    except KeyError:
        print(f"Unbekannte Sprache: {args.lang} (siehe portal.yml)", file=sys.stderr)
        return 1
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
        page = DOCS_DIR / lang.code / item
        german = DOCS_DIR / DEFAULT_LANGUAGE / item
        if not page.is_file() or not german.is_file():
            print(f"Seite nicht gefunden: docs/{lang.code}/{item} (oder docs/de/{item})",
                  file=sys.stderr)
            failed = 1
            continue
        stamp_page(page, german, reviewed=True)
        print(f"docs/{lang.code}/{item}: als geprüft markiert")
    return failed


def _hash(args: argparse.Namespace) -> int:
    from .schema import text_hash

    print(text_hash(args.text if args.text is not None else sys.stdin.read()))
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="kim", description="KIM-Portal: Daten prüfen und Website bauen")
    commands = root.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="Daten prüfen")
    validate.add_argument("data_dir", nargs="?", default="data")
    validate.set_defaults(run=_validate)

    schema_cmd = commands.add_parser("schema", help="JSON-Schema der Datendateien schreiben")
    schema_cmd.add_argument("--out", default="schema")
    schema_cmd.set_defaults(run=_schema)

    report_cmd = commands.add_parser("report", help="Berichte")
    reports = report_cmd.add_subparsers(dest="report", required=True)
    report_tr = reports.add_parser("translations", help="Übersetzungsstand je Sprache")
    report_tr.add_argument("--data", default="data")
    report_tr.set_defaults(run=_report_translations)

    translations = commands.add_parser("translations", help="Übersetzungen pflegen")
    tr_commands = translations.add_subparsers(dest="action", required=True)
    stamp = tr_commands.add_parser("stamp", help="fehlende Fingerabdrücke eintragen")
    stamp.add_argument("--lang", action="append", help="nur diese Sprache(n)")
    stamp.set_defaults(run=_stamp)
    review = tr_commands.add_parser("review", help="Übersetzungen als geprüft markieren")
    review.add_argument("lang", help="Sprachkennung, z. B. en")
    review.add_argument("items", nargs="+", help="Schlüssel (z. B. nav.home) oder Seite (z. B. index.md)")
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
        command.set_defaults(run=run)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
