"""``kim new offer`` and ``kim new provider``: start a new record from a file that validates.

A new offer is built from the offer template ``offers/_vorlage.yml`` (the data folder's own, else
the repository's ``data/offers/_vorlage.yml``; the loader skips files starting with ``_``): each
field given on the command line is written where the template has it, active or as a commented
example, and the template's comments and other examples stay, so the editor sees what else may
be filled in. Only without any template is the file built from the schema alone.

Before anything is written the result is validated with the real loader, together with the rest
of the data folder (references to providers, municipalities and documents included); an existing
id is refused.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml

from . import schema
from .loader import DataError, DataErrors, display_path, load

TEMPLATE = "_vorlage.yml"


class NewRecordFailed(Exception):
    """The record cannot be written; ``errors`` (German) say why."""

    def __init__(self, message: str, errors: list[DataError] | None = None) -> None:
        self.errors = errors or []
        super().__init__(message)


def offer_values(*, ident: str, name: str, summary: str, topics: list[str], source: str,
                 section: str | None = None, provider: str | None = None,
                 municipalities: list[str] | None = None, target_groups: list[str] | None = None,
                 languages: list[str] | None = None, phone: str | None = None,
                 email: str | None = None, website: str | None = None) -> dict[str, Any]:
    """The offer's top-level fields in the schema's order, leaving out what was not given."""
    contact = {k: v for k, v in (("phone", phone), ("email", email), ("website", website)) if v}
    given: dict[str, Any] = {
        "id": ident,
        "name": name,
        "summary": summary,
        "provider": provider,
        "topics": topics,
        "target_groups": target_groups or None,
        "service_area": municipalities or None,
        "languages": languages or None,
        "contacts": [contact] if contact else None,
        "source": _source(source, section),
    }
    order = list(schema.Offer.model_fields)
    return {key: given[key] for key in sorted(given, key=order.index) if given[key] is not None}


def _source(document: str, section: str | None) -> dict[str, str]:
    return {"document": document, **({"section": section} if section else {})}


class _Dumper(yaml.SafeDumper):
    """Indents list items under their key, as the guide's examples do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _dump(values: dict[str, Any]) -> str:
    return yaml.dump(values, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=100)


_ACTIVE_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*):")
_COMMENTED_KEY = re.compile(r"^# ?([A-Za-z_][A-Za-z0-9_]*):")


def _continues(commented: bool, line: str) -> bool:
    """Whether ``line`` belongs to the block above it (active or commented out)."""
    if commented:
        return re.match(r"^# {2,}\S|^#\s+- ", line) is not None
    return line.startswith((" ", "-"))


def _blocks(lines: list[str], fields: set[str]) -> list[tuple[str | None, bool, list[str]]]:
    """Split a template into (key, commented, lines) blocks; key None for other lines.

    An active block is a ``key:`` line plus the indented or list lines below it; a commented
    block is a ``# key:`` line (``key`` a field of the record) plus the ``#   ...`` lines below it.
    """
    blocks: list[tuple[str | None, bool, list[str]]] = []
    for line in lines:
        active = _ACTIVE_KEY.match(line)
        commented = _COMMENTED_KEY.match(line)
        last = blocks[-1] if blocks else (None, False, [])
        if active:
            blocks.append((active.group(1), False, [line]))
        elif commented and commented.group(1) in fields:
            blocks.append((commented.group(1), True, [line]))
        elif last[0] is not None and _continues(last[1], line):
            last[2].append(line)
        else:
            blocks.append((None, False, [line]))
    return blocks


def fill_template(template: str, values: dict[str, Any], fields: set[str] | None = None) -> str:
    """The template with each given field written where the template has it.

    A given field replaces the template's block for it, active (``key: ...``) or commented out
    (``# key: ...``, an example); fields the template lacks are added at the end. Everything
    else stays: the template's comments, its commented examples and its active defaults.
    """
    fields = fields if fields is not None else set(schema.Offer.model_fields)
    out: list[str] = []
    done: set[str] = set()
    for key, _commented, block in _blocks(template.splitlines(), fields | set(values)):
        if key is not None and key in values and key not in done:
            out.extend(_dump({key: values[key]}).splitlines())
            done.add(key)
        elif key in done:
            continue  # a second block for a field already written (e.g. example and default)
        else:
            out.extend(block)
    missing = {k: v for k, v in values.items() if k not in done}
    if missing:
        out.extend(["", *_dump(missing).splitlines()])
    return "\n".join(out).rstrip("\n") + "\n"


def from_schema(values: dict[str, Any]) -> str:
    """A new offer file without a template: the given fields, then the others as hints."""
    cls = schema.Offer
    hints = [f"#   {info.alias or name}: {info.title or ''}".rstrip()
             for name, info in cls.model_fields.items()
             if (info.alias or name) not in values and name != "synthetic"]
    header = [
        f"# Angebot {values['id']}, angelegt mit `kim new offer`.",
        "# Jede Angabe muss im Quelldokument (source) stehen. Weitere mögliche Felder",
        "# (Erklärung in EDITING.md, Abschnitt 8, „offers/<id>.yml“):",
        *hints,
    ]
    return "\n".join(header) + "\n" + _dump(values)


def render_offer(data: Path, values: dict[str, Any]) -> str:
    template = offer_template(data)
    if template is not None:
        header = f"# Angebot {values['id']}, angelegt mit `kim new offer` aus {TEMPLATE}.\n"
        return header + fill_template(template.read_text(encoding="utf-8"), values)
    return from_schema(values)


def offer_template(data: Path) -> Path | None:
    """The data folder's own template, else the repository's (data/offers/_vorlage.yml)."""
    from .annotations import repository_root

    candidates = [data / schema.OFFERS_DIR / TEMPLATE]
    root = repository_root(data)
    if root is not None:
        candidates.append(root / "data" / schema.OFFERS_DIR / TEMPLATE)
    return next((path for path in candidates if path.is_file()), None)


def _check(data: Path, rel_name: str, text: str) -> list[DataError]:
    """Errors the new file would have inside a copy of the data folder."""
    with tempfile.TemporaryDirectory(prefix="kim-new-") as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(data, copy)
        target = copy / rel_name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        try:
            load(copy)
        except DataErrors as failure:
            real = display_path(data / rel_name)
            return [DataError(real, e.line, e.column, e.field, e.message)
                    for e in failure.errors if Path(e.file).resolve() == target.resolve()]
    return []


def _refuse_invalid(data: Path, rel_name: str, text: str, refusal: str) -> None:
    """Raise :class:`NewRecordFailed` (``refusal``, then the errors) unless ``text`` validates."""
    errors = _check(data, rel_name, text)
    if errors:
        raise NewRecordFailed(refusal, errors)


def _refuse_bad_id_or_folder(data: Path, ident: str, example: str) -> None:
    """Refuse an id that is no slug (``example`` shows one) and a missing data folder."""
    if not re.fullmatch(schema.SLUG_PATTERN, ident):
        raise NewRecordFailed(f"Kennung '{ident}' ungültig: nur Kleinbuchstaben, Ziffern und "
                              f"Bindestriche, z. B. '{example}'")
    if not data.is_dir():
        raise NewRecordFailed(f"Datenordner {data} nicht gefunden")


def new_offer(data: Path, values: dict[str, Any]) -> Path:
    """Write ``<data>/offers/<id>.yml`` if it validates; raise :class:`NewRecordFailed` if not."""
    ident = values["id"]
    _refuse_bad_id_or_folder(data, ident, "sprachcafe-unna")
    target = data / schema.OFFERS_DIR / f"{ident}.yml"
    if target.exists():
        raise NewRecordFailed(f"Das Angebot '{ident}' gibt es schon: {display_path(target)}")
    text = render_offer(data, values)
    _refuse_invalid(data, f"{schema.OFFERS_DIR}/{ident}.yml", text,
                    f"{display_path(target)} wurde nicht angelegt, weil die Angaben nicht gültig "
                    "sind:")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


# --- Providers: one more entry at the end of providers.yml -------------------------------------

PROVIDERS = "providers.yml"


def provider_entry(*, ident: str, name: str, kind: str, source: str, section: str | None = None,
                   website: str | None = None) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": ident, "name": name, "kind": kind}
    if website:
        entry["website"] = website
    entry["source"] = _source(source, section)
    return entry


def append_list_item(text: str, key: str, entry: dict[str, Any]) -> str:
    """``text`` (a file whose last top-level key is the list ``key``) with ``entry`` appended,
    indented like the list's existing items."""
    items = re.findall(r"^( *)- ", text.split(f"\n{key}:", 1)[-1], re.MULTILINE)
    indent = items[0] if items else "  "
    rendered = _dump([entry]).splitlines()
    body = "\n".join(f"{indent}{line}" for line in rendered)
    if not re.search(rf"^{key}:", text, re.MULTILINE):
        return text.rstrip("\n") + f"\n{key}:\n{body}\n"
    if re.search(rf"^{key}:\s*\[\]\s*$", text, re.MULTILINE):
        return re.sub(rf"^{key}:\s*\[\]\s*$", f"{key}:\n{body}", text, flags=re.MULTILINE)
    return text.rstrip("\n") + "\n\n" + body + "\n"


def new_provider(data: Path, entry: dict[str, Any]) -> Path:
    """Append a provider to ``<data>/providers.yml`` if the result validates."""
    ident = entry["id"]
    _refuse_bad_id_or_folder(data, ident, "caritas-unna")
    target = data / PROVIDERS
    before = target.read_text(encoding="utf-8") if target.exists() else "providers:\n"
    try:
        known = load(data).providers
    except DataErrors:
        known = {}
    if ident in known:
        raise NewRecordFailed(f"Den Träger '{ident}' gibt es schon: {display_path(target)}")
    text = append_list_item(before, "providers", entry)
    _refuse_invalid(data, PROVIDERS, text, f"Der Träger wurde nicht in {display_path(target)} "
                    "eingetragen, weil die Angaben nicht gültig sind:")
    target.write_text(text, encoding="utf-8")
    return target
