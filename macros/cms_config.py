"""`kim cms-config`: the Decap CMS configuration (config.yml), generated from macros/schema.py.

The forms of /redaktion/cms/ follow the pydantic models through their JSON Schema (the same one
editors' YAML editors read, macros/editor_schema.py): German labels (a field's ``title``, else
the first clause of its description) and hints (its description), required fields, choices from
the vocabularies (with their German names), the patterns of phone, e-mail, URL, ids and times
with a German message, and the translatable text type as the German text plus one optional
group per further portal language (text, status, fingerprint). tests/test_cms_config.py walks
the models themselves and fails when this configuration and the schema drift apart.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from . import schema
from .editor_schema import standard_keywords
from .portalconfig import CmsEntry

# What a pattern means, said to the editor when the form refuses a value (German).
PATTERN_MESSAGES: dict[str, str] = {
    schema.PHONE_PATTERN: "Telefonnummer aus Ziffern, Leerzeichen und / ( ) -, z. B. "
                          "02307 9248872 oder +49 2307 9248872",
    schema.EMAIL_PATTERN: "E-Mail-Adresse, z. B. kontakt@beispiel.de",
    schema.URL_PATTERN: "Internetadresse, beginnend mit https://",
    schema.SLUG_PATTERN: "Kennung aus Kleinbuchstaben a-z, Ziffern und einzelnen Bindestrichen, "
                         "z. B. kreis-unna",
    schema.CLOCK_PATTERN: "Uhrzeit HH:MM, z. B. 09:00",
    schema.POSTAL_CODE_PATTERN: "Postleitzahl aus fünf Ziffern",
    schema.SOURCE_HASH_PATTERN: "Fingerabdruck aus acht Zeichen 0-9 und a-f "
                                "(kim translations hash)",
}
# Choice lists with German names; any other Literal shows its values as they are written.
VOCABULARIES: tuple[dict[str, str], ...] = (schema.TOPICS, schema.TARGET_GROUPS,
                                            schema.OFFER_LANGUAGES)
TEXT_REFS = ("#/$defs/Text", "#/$defs/RichText")
# The custom file format of overrides/cms/kim-cms.js: reads the short form of a text (a plain
# German string), writes no empty values and dates as YAML dates.
FORMAT = "kim-yaml"
LOCAL_BACKEND_PORT = 8081  # decap-server's default; KIM_CMS_PORT sets another


def local_port() -> int:
    import os

    return int(os.environ.get("KIM_CMS_PORT", LOCAL_BACKEND_PORT))
# A yes/no that may also be unknown (``bool | None``): a choice, so that an untouched field stays
# empty ("keine Angabe") instead of becoming false; kim-cms.js writes it as a YAML boolean.
YES_NO = [{"label": "ja", "value": "true"}, {"label": "nein", "value": "false"}]


def declared_title(model_name: str, name: str) -> str | None:
    """The title a field declares in macros/schema.py (pydantic makes up one otherwise)."""
    model = getattr(schema, model_name, None)
    fields = getattr(model, "model_fields", {})
    found = next((info for key, info in fields.items() if (info.alias or key) == name), None)
    return found.title if found is not None else None


def label(name: str, node: dict[str, Any], declared: str | None = None) -> str:
    """A field's German label: its declared title, else the first clause of its description."""
    if declared:
        return declared
    description = node.get("description") or name
    first = re.split(r"[;(]| – ", description, maxsplit=1)[0].strip().rstrip(",.:")
    first = first.replace("`", "")
    return first[:1].upper() + first[1:] if first else name


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    return defs[ref.rsplit("/", 1)[1]] if ref else node


def _optional_inner(node: dict[str, Any]) -> dict[str, Any]:
    """``X | None`` is ``anyOf: [X, null]``: the X, with the outer description and title."""
    options = [o for o in node.get("anyOf", []) if o.get("type") != "null"]
    if "anyOf" in node and len(options) == 1 and len(node["anyOf"]) == 2:
        inner = dict(options[0])
        for key in ("title", "description", "default"):
            if key in node:
                inner[key] = node[key]
        return inner
    return node


def choices(values: list[Any]) -> list[dict[str, Any]]:
    """Select options; German names from the vocabulary whose keys these values are."""
    names = next((v for v in VOCABULARIES if set(v) == set(values)), {})
    return [{"label": f"{names[value]} ({value})" if value in names else str(value),
             "value": value} for value in values]


def translation_fields(languages: list[tuple[str, str]], multiline: bool,
                       required: bool = True) -> list[dict[str, Any]]:
    """The German text plus one optional group per further language (text, status, hash)."""
    translation = schema.Translation.model_json_schema()
    props = translation["properties"]
    german = schema.Text.model_fields["de"]
    fields: list[dict[str, Any]] = [{
        "name": "de", "label": "Deutsch", "widget": "text" if multiline else "string",
        "hint": german.description, "required": required}]
    for code, name in languages:
        fields.append({
            "name": code, "label": f"{name} ({code})", "widget": "object",
            "required": False, "collapsed": True,
            "hint": "Übersetzung; der Status sagt, ob ein Mensch sie geprüft hat",
            "fields": [
                {"name": "text", "label": "Text", "widget": "text" if multiline else "string",
                 "hint": props["text"]["description"], "required": False},
                {"name": "status", "label": "Status", "widget": "select",
                 "options": [{"label": "maschinell, nicht geprüft", "value": "machine"},
                             {"label": "von einem Menschen geprüft", "value": "reviewed"}],
                 "hint": props["status"]["description"], "required": False},
                {"name": "source_hash", "label": "Fingerabdruck des deutschen Textes",
                 "widget": "string", "hint": props["source_hash"]["description"],
                 "required": False,
                 "pattern": [schema.SOURCE_HASH_PATTERN,
                             PATTERN_MESSAGES[schema.SOURCE_HASH_PATTERN]]},
            ]})
    return fields


class _Builder:
    def __init__(self, defs: dict[str, Any], languages: list[tuple[str, str]]) -> None:
        self.defs = defs
        self.languages = languages

    def widget(self, node: dict[str, Any], multiline: bool = False,
               required: bool = True) -> dict[str, Any]:
        """The Decap widget (and its options) for one JSON Schema node.

        `required`: whether the value itself must be given. Decap checks the required fields
        inside an object even when the object is optional and left empty, so inside an
        optional object nothing is marked required; `kim validate` (and the loader behind the
        preview) still refuses an address without its street once one is given.
        """
        if node.get("$ref") in TEXT_REFS:
            return {"widget": "object", "collapsed": False,
                    "fields": translation_fields(self.languages, multiline, required)}
        node = _resolve(node, self.defs)
        kind = node.get("type")
        if "enum" in node:
            return {"widget": "select", "options": choices(node["enum"])}
        if kind == "array":
            items = node.get("items", {})
            inner = _resolve(items, self.defs) if items.get("$ref") not in TEXT_REFS else items
            if "enum" in inner:
                return {"widget": "select", "multiple": True, "options": choices(inner["enum"])}
            if inner.get("type") == "object" and "properties" in inner:
                return {"widget": "list", "collapsed": True,
                        "fields": self.fields(inner)}
            single = {"name": "value", "label": "Eintrag", **self.widget(items, multiline)}
            return {"widget": "list", "field": single}
        if kind == "object" and "properties" in node:
            return {"widget": "object", "fields": self.fields(node, required)}
        if kind == "boolean":
            return {"widget": "boolean"}
        if kind in ("number", "integer"):
            spec: dict[str, Any] = {"widget": "number",
                                    "value_type": "int" if kind == "integer" else "float"}
            for ours, theirs in (("minimum", "min"), ("maximum", "max")):
                if ours in node:
                    spec[theirs] = node[ours]
            return spec
        if node.get("format") == "date":
            return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "DD.MM.YYYY",
                    "time_format": False, "picker_utc": True}
        spec = {"widget": "text" if multiline else "string"}
        if "pattern" in node:
            pattern = node["pattern"]
            spec["pattern"] = [pattern, PATTERN_MESSAGES.get(pattern, f"Muster {pattern}")]
        return spec

    def field(self, name: str, node: dict[str, Any], required: bool,
              declared: str | None = None) -> dict[str, Any]:
        """One form field; `required` as the form checks it (see widget)."""
        inner = _optional_inner(node)
        multiline = name in ("summary", "description")
        spec = {"name": name, "label": label(name, inner, declared),
                **self.widget(inner, multiline, required)}
        if inner.get("description"):
            spec["hint"] = inner["description"]
        spec["required"] = required
        if spec["widget"] == "boolean":
            if isinstance(inner.get("default"), bool):
                spec["default"] = inner["default"]
            else:
                spec.update(widget="select", options=YES_NO)
        return spec

    def fields(self, node: dict[str, Any], given: bool = True) -> list[dict[str, Any]]:
        """The fields of an object; `given`: false inside an optional object."""
        required = set(node.get("required", ()))
        model = node.get("title", "")
        return [self.field(name, sub, given and name in required, declared_title(model, name))
                for name, sub in node.get("properties", {}).items()]


def model_fields(model: type, languages: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """The form fields of one pydantic model."""
    generated = standard_keywords(model.model_json_schema(by_alias=True, mode="validation"))
    return _Builder(generated.get("$defs", {}), languages).fields(generated)


def _translated_languages() -> list[tuple[str, str]]:
    from .i18n import DEFAULT_LANGUAGE, languages

    return [(lang.code, lang.name) for lang in languages() if lang.code != DEFAULT_LANGUAGE]


def backend(cms: CmsEntry) -> dict[str, Any]:
    spec: dict[str, Any] = {"name": cms.backend, "repo": cms.repo, "branch": cms.branch}
    if cms.api_root:
        spec["api_root"] = cms.api_root
    if cms.base_url:
        spec["base_url"] = cms.base_url
    if cms.app_id:
        spec["app_id"] = cms.app_id
        spec["auth_type"] = "pkce"
    return spec


def generate(cms: CmsEntry, data_folder: str, local_backend: bool = False) -> dict[str, Any]:
    """The whole config.yml; `data_folder` is the data folder relative to the repository root
    ("data", "examples/kreis-wesel" or "" when the data folder is the repository)."""
    prefix = f"{data_folder.strip('/')}/" if data_folder.strip("/") else ""
    langs = _translated_languages()
    config: dict[str, Any] = {
        "backend": backend(cms),
        "publish_mode": "editorial_workflow",
        "locale": "de",
        "media_folder": f"{prefix}pages/de/bilder",
        "public_folder": "/bilder",
        "collections": [
            {"name": "offers", "label": "Angebote", "label_singular": "Angebot",
             "description": "Angebote der Angebots- und Leistungsübersicht, eine Datei je Angebot"
                            " (offers/<kennung>.yml). Speichern öffnet einen Merge Request.",
             "folder": f"{prefix}{schema.OFFERS_DIR}", "extension": "yml", "format": FORMAT,
             "create": True, "delete": False, "identifier_field": "id",
             "slug": "{{fields.id}}", "summary": "{{name.de}} ({{id}})",
             "fields": model_fields(schema.Offer, langs)},
            {"name": "providers", "label": "Träger", "delete": False,
             "description": "Träger von Angeboten (providers.yml)",
             "files": [{"name": "providers", "label": "Träger (providers.yml)",
                        "file": f"{prefix}providers.yml", "format": FORMAT,
                        "fields": model_fields(schema.ProvidersFile, langs)}]},
        ],
    }
    if local_backend:
        config["local_backend"] = {
            "url": f"http://127.0.0.1:{local_port()}/api/v1",
            "allowed_hosts": ["127.0.0.1", "localhost"]}
    return config


def repository_folder(data_dir: Path) -> tuple[Path, str]:
    """The git repository holding `data_dir` and the data folder's path inside it."""
    data_dir = data_dir.resolve()
    for root in (data_dir, *data_dir.parents):
        if (root / ".git").exists():
            return root, "" if root == data_dir else data_dir.relative_to(root).as_posix()
    return data_dir, ""
