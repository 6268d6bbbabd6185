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


def _report(args: argparse.Namespace) -> int:
    from .pages.offers import build_date
    from .report import offers_report

    try:
        dataset = load(Path(args.data_dir))
    except DataErrors as failure:
        for error in failure.errors:
            print(error, file=sys.stderr)
        print("Bericht nicht möglich: die Daten sind ungültig (siehe oben).", file=sys.stderr)
        return 1
    print(offers_report(dataset, build_date()), end="")
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="kim", description="KIM-Portal: Daten prüfen und Website bauen")
    commands = root.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="Daten prüfen")
    validate.add_argument("data_dir", nargs="?", default="data")
    validate.set_defaults(run=_validate)

    report = commands.add_parser("report", help="Bericht für die Redaktion")
    report.add_argument("what", choices=["offers"], help="offers: Angebote mit Prüf- oder "
                        "Kontaktlücken und fehlenden Übersetzungen, je Kommune")
    report.add_argument("data_dir", nargs="?", default="data")
    report.set_defaults(run=_report)

    schema_cmd = commands.add_parser("schema", help="JSON-Schema der Datendateien schreiben")
    schema_cmd.add_argument("--out", default="schema")
    schema_cmd.set_defaults(run=_schema)

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
