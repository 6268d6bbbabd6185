"""``kim diff BASE [HEAD]``: what changed in the data between two commits, in German, for reviewers.

Both versions of the data folder are read from git (``git show REV:path``) into temporary folders
and loaded with the real loader, so the comparison sees records, not lines: which records were
added, removed or changed (field by field, with the German field labels of the schema), and which
translations became outdated through the change (the German text changed, and a translation's
``source_hash`` that matched the old text no longer matches the new one).
"""

from __future__ import annotations

import subprocess
import tempfile
import typing
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from . import schema
from .annotations import repository_root
from .loader import DataErrors, Dataset, load, one_line
from .offerstore import OfferStore


class DiffFailed(Exception):
    """A version cannot be read or does not validate; the message is German."""


# --- German labels, from the schema ------------------------------------------------------------

# Between the labels of nested fields, e.g. "Kontakte", SEP, "Telefon".
SEP = " \u203a "
_CUTS = (", ", "; ", " (", " z. B.", ": ", " aus ", " in der Form ")


def _type_descriptions() -> set[str]:
    """Descriptions that belong to a value type (Slug, Day, Phone ...), not to one field."""
    found = set()
    for value in vars(schema).values():
        if typing.get_origin(value) is typing.Annotated:
            for meta in typing.get_args(value)[1:]:
                if isinstance(meta, FieldInfo) and meta.description:
                    found.add(meta.description)
    return found


_GENERIC = _type_descriptions()
# Keys that recur in many records and whose fields carry no title of their own: the one place
# besides the schema's titles and descriptions where a German label is written down.
COMMON_LABELS = {
    "id": "Kennung", "name": "Name", "title": "Titel", "date": "Datum", "source": "Quelle",
    "summary": "Zusammenfassung", "description": "Beschreibung", "phone": "Telefon",
    "email": "E-Mail", "website": "Website", "status": "Stand", "kind": "Art", "role": "Rolle",
    "person": "Person", "address": "Anschrift", "contact": "Kontakt", "year": "Jahr",
    "module": "Baustein", "label": "Bezeichnung", "organization": "Gremium oder Organisation",
    "document": "Quelldokument", "amount": "Betrag", "fte": "Vollzeitäquivalente",
    "paper": "Drucksache", "from": "Geldgeber", "to": "Empfänger",
    "ki": "Kommunales Integrationszentrum",
}


def field_label(model: type[BaseModel], name: str) -> str:
    """The German label of a field, from the schema where it says one.

    In this order: the field's ``title``; the head of its own description when that reads like
    a label (capitalised, short, not a sentence such as "Ein bis zwei Sätze"; descriptions of
    value types such as "Datum in der Form JJJJ-MM-TT" do not count); a label for keys common to
    many records; the key itself, shown as `key`.
    """
    info = model.model_fields[name]
    key = info.alias or name
    if info.title:
        return info.title
    head = info.description or ""
    if head in _GENERIC:
        head = ""
    for cut in _CUTS:
        head = head.split(cut)[0]
    head = head.strip()
    if head and head[0].isupper() and len(head) <= 40 and not head.startswith(("Ein ", "Eine ")):
        return head
    return COMMON_LABELS.get(key, f"`{key}`")


def models_with_labels(model: type[BaseModel]) -> list[type[BaseModel]]:
    """A model and the record models inside it (not Text), whose fields get German labels."""
    from .loader import _unwrap

    found: list[type[BaseModel]] = []

    def visit(current: type[BaseModel]) -> None:
        if current in found or issubclass(current, schema.Text):
            return
        found.append(current)
        for info in current.model_fields.values():
            for inner in _unwrap(info.annotation):
                visit(inner)

    visit(model)
    return found


# --- The records of a dataset, by kind ---------------------------------------------------------


def _membership_key(membership: schema.Membership) -> str:
    who = membership.onBehalfOf or (membership.person.name if membership.person else "")
    return f"{membership.organization}/{who or membership.role.de}"


def _unique(items: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in items:
        unique, n = key, 1
        while unique in found:
            n += 1
            unique = f"{key} ({n})"
        found[unique] = value
    return found


_REGION_OWN = ("sub_regions", "municipalities")

# (German kind, records of a dataset by id). Order: as the guide lists the files.
# The offers stay in their store (a Mapping): only offers that differ are expanded (_unchanged).
KINDS: list[tuple[str, Callable[[Dataset], Mapping[str, Any]]]] = [
    ("Dokument", lambda d: dict(d.documents)),
    ("Region", lambda d: {d.region.id: d.region}),
    ("Teilregion", lambda d: {s.id: s for s in d.region.sub_regions}),
    ("Kommune", lambda d: {m.id: m for m in d.region.municipalities}),
    ("Baustein", lambda d: {str(m.number): m for m in d.modules}),
    ("Organisation", lambda d: dict(d.organizations)),
    ("Mitgliedschaft", lambda d: _unique([(_membership_key(m), m) for m in d.memberships])),
    ("Drucksache", lambda d: dict(d.papers)),
    ("Projektgruppe", lambda d: {g.id: g for g in d.project_groups}),
    ("Träger", lambda d: dict(d.providers)),
    ("Finanzierungszeile", lambda d: {r.id: r for r in d.funding.rows}),
    ("Summe", lambda d: {t.id: t for t in d.funding.declared_totals}),
    ("Angebot", lambda d: d.offers),
]


# --- Comparing two records ---------------------------------------------------------------------


def _fields(record: BaseModel) -> Iterator[tuple[str, str]]:
    """(attribute, label) of a record's own fields (the region's lists are records of their own)."""
    cls = type(record)
    for name in cls.model_fields:
        if isinstance(record, schema.Region) and name in _REGION_OWN:
            continue
        yield name, field_label(cls, name)


def _is_record_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(
        isinstance(v, BaseModel) and not isinstance(v, schema.Text) for v in value)


def changed_fields(old: Any, new: Any, label: str = "") -> list[str]:
    """Labels of the fields whose value differs, as deep as the structure allows."""
    if old == new:
        return []
    if isinstance(old, schema.Text) and isinstance(new, schema.Text):
        if old.de != new.de:
            return [label]
        langs = sorted(set(old.translations) | set(new.translations))
        changed = [lang for lang in langs
                   if old.translations.get(lang) != new.translations.get(lang)]
        return [f"{label} (Übersetzung {', '.join(changed)})"]
    if isinstance(old, BaseModel) and type(old) is type(new) and not isinstance(old, schema.Text):
        found = []
        for name, sub in _fields(old):
            inner = f"{label}{SEP}{sub}" if label else sub
            found += changed_fields(getattr(old, name), getattr(new, name), inner)
        return found
    if _is_record_list(old) and _is_record_list(new) and len(old) == len(new):
        found = []
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            found += changed_fields(a, b, f"{label} {index + 1}" if len(old) > 1 else label)
        return found
    return [label]


def texts(value: Any, label: str = "") -> Iterator[tuple[str, schema.Text]]:
    """(label, Text) of every translatable text inside a record, in field order."""
    if isinstance(value, schema.Text):
        yield label, value
    elif isinstance(value, BaseModel):
        for name, sub in _fields(value):
            yield from texts(getattr(value, name), f"{label}{SEP}{sub}" if label else sub)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from texts(item, f"{label} {index + 1}" if len(value) > 1 else label)


def outdated(text: schema.Text) -> set[str]:
    """Languages whose translation was made from another German text than the current one
    (the rule of ``kim report translations``)."""
    from .translations import text_status

    return {lang for lang in text.translations if text_status(text, lang) == "outdated"}


def newly_outdated(old: Any, new: Any) -> dict[str, list[str]]:
    """Text label -> languages outdated in ``new`` that were up to date (or absent) in ``old``."""
    before = {label: outdated(text) for label, text in texts(old)} if old is not None else {}
    found = {}
    for label, text in texts(new):
        langs = sorted(outdated(text) - before.get(label, set()))
        if langs:
            found[label] = langs
    return found


# --- The whole comparison ----------------------------------------------------------------------


@dataclass
class RecordChange:
    kind: str
    ident: str
    status: str  # "neu", "entfernt", "geändert"
    fields: list[str] = field(default_factory=list)
    outdated: dict[str, list[str]] = field(default_factory=dict)

    def __str__(self) -> str:
        head = f'{self.kind} "{self.ident}"'
        if self.status == "neu":
            text = f"{head}: neu"
        elif self.status == "entfernt":
            return f"{head}: entfernt"
        else:
            text = f"{head}: " + ", ".join(f"{f} geändert" for f in self.fields)
        for label, langs in self.outdated.items():
            text += f"; Übersetzungen {', '.join(langs)} jetzt veraltet ({label})"
        return text


def _unchanged(old: Mapping[str, Any], new: Mapping[str, Any], ident: str) -> bool:
    """True when two stores keep the same bytes for an offer (then neither is expanded); False
    means "compare the records"."""
    return (isinstance(old, OfferStore) and isinstance(new, OfferStore)
            and old.packed(ident) == new.packed(ident))


def compare(base: Dataset | None, head: Dataset) -> list[RecordChange]:
    changes: list[RecordChange] = []
    for kind, records in KINDS:
        old = records(base) if base is not None else {}
        new = records(head)
        for ident in old:
            if ident not in new:
                changes.append(RecordChange(kind, ident, "entfernt"))
        for ident in new:
            if ident not in old:
                changes.append(RecordChange(kind, ident, "neu",
                                            outdated=newly_outdated(None, new[ident])))
                continue
            if _unchanged(old, new, ident):
                continue
            record = new[ident]
            fields = changed_fields(old[ident], record)
            if fields:
                changes.append(RecordChange(kind, ident, "geändert", fields,
                                            newly_outdated(old[ident], record)))
    return changes


def summary(changes: list[RecordChange], base: str, head: str) -> str:
    if not changes:
        return f"Keine Änderungen an den Daten zwischen {base} und {head}.\n"
    counts = {s: sum(c.status == s for c in changes) for s in ("neu", "geändert", "entfernt")}
    stale = sum(len(langs) for c in changes for langs in c.outdated.values())
    lines = [f"Änderungen an den Daten zwischen {base} und {head}: "
             f"{counts['neu']} neu, {counts['geändert']} geändert, {counts['entfernt']} entfernt; "
             f"{stale} Übersetzungen jetzt veraltet"]
    # One line per change: a line break in a value cannot start a line (a workflow command).
    lines += [f"- {one_line(str(change))}" for change in changes]
    return "\n".join(lines) + "\n"


# --- Reading a version from git ----------------------------------------------------------------


def _git(repo: Path, *args: str) -> bytes:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    if done.returncode != 0:
        raise DiffFailed(f"git {' '.join(args)}: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def checkout_data(repo: Path, rev: str, data_rel: str, dest: Path) -> Path | None:
    """Write the data folder as it was at ``rev`` into ``dest``; None if it did not exist then."""
    names = [n for n in _git(repo, "ls-tree", "-r", "-z", "--name-only", rev, "--", data_rel)
             .decode().split("\0") if n]
    if not names:
        return None
    for name in names:
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_git(repo, "show", f"{rev}:{name}"))
    return dest / data_rel


def _load(folder: Path, rev: str) -> Dataset:
    try:
        return load(folder)
    except DataErrors as failure:
        shown = "\n".join(str(e) for e in failure.errors[:5])
        more = "\n..." if len(failure.errors) > 5 else ""
        raise DiffFailed(f"Die Daten in {rev} sind ungültig ({len(failure.errors)} Fehler; "
                         f"Prüfung mit `kim validate`):\n{shown}{more}") from None


def diff(data: Path, base: str, head: str | None = None) -> tuple[list[RecordChange], str]:
    """Compare ``data`` at ``base`` with ``head`` (a commit) or, without it, the working tree."""
    repo = repository_root(data)
    if repo is None:
        raise DiffFailed(f"{data} liegt in keinem git-Repository")
    data_rel = data.resolve().relative_to(repo).as_posix()
    for rev in (base, head):
        if rev is not None and subprocess.run(
                ["git", "-C", str(repo), "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"],
                capture_output=True, check=False).returncode != 0:
            raise DiffFailed(f"Unbekannter Stand '{rev}' (Commit, Branch oder Tag erwartet)")
    with tempfile.TemporaryDirectory(prefix="kim-diff-") as tmp:
        old_folder = checkout_data(repo, base, data_rel, Path(tmp) / "base")
        old = _load(old_folder, base) if old_folder else None
        if head is None:
            new, head_name = _load(data, "Arbeitskopie"), "Arbeitskopie"
        else:
            new_folder = checkout_data(repo, head, data_rel, Path(tmp) / "head")
            if new_folder is None:
                raise DiffFailed(f"{data_rel} gibt es in {head} nicht")
            new, head_name = _load(new_folder, head), head
    changes = compare(old, new)
    return changes, summary(changes, base, head_name)
