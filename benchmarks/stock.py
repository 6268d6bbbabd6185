"""The STOCK configurations of the benchmark: the same SYNTHETIC data built the usual way.

Both use mkdocs-static-i18n (folder structure, its combined search index), mkdocs-macros with
one macro call per page (benchmarks/stock/main.py, data read once with the C YAML loader) and
Material's search plugin. Pages exist as German Markdown files; static-i18n builds every other
language from them (its fallback), and the macros render each language's text.

- `stock` (as this benchmark always had it): plotly.js inlined in the chart page, Material's
  automatic navigation below 2000 offers, an explicit `nav:` from 2000 on.
- `plain` (what the issue measures against): an explicit `nav:` with record pages kept out of it
  (`not_in_nav`) at every size, and no chart (the funding table only).

Easy German (de-x-ls) is not a code static-i18n accepts (ll, ll-Ssss or ll-CC only). Both give
it the code `de-Latn` and map it back to the data's de-x-ls texts; an earlier version used an
`ls` pseudo-locale whose pages repeated the German text, and static-i18n's search
de-duplication removed each of those entries from a list one by one, quadratically.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
STOCK = Path(__file__).resolve().parent / "stock"
RE_LOCALE = re.compile(r"(^[a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?$)|(^[a-z]{2}_[A-Z]{2}$)")
MATERIAL_LANGS = {"de", "en", "ar", "fa", "tr", "uk", "ru"}
EASY_GERMAN_LOCALE = "de-Latn"
KINDS = ("stock", "plain")


def nav_for(kind: str, size: int) -> str:
    """The navigation each stock configuration uses at `size` offers."""
    return "explicit" if kind == "plain" or size >= 2000 else "auto"


def write_project(data: Path, target: Path, nav: str, plain: bool = False) -> Path:
    """Write a stock MkDocs project for `data` into `target`; return its mkdocs.yml."""
    from macros.i18n import languages

    if target.exists():
        shutil.rmtree(target)
    docs = target / "docs" / "de"
    (docs / "angebote").mkdir(parents=True)
    (docs / "index.md").write_text("# {{ region_name() }}\n\nSYNTHETIC benchmark (stock).\n",
                                   encoding="utf-8")
    (docs / "angebote" / "index.md").write_text("# Angebote\n\n{{ offer_list() }}\n",
                                                encoding="utf-8")
    chart = "" if plain else "{{ funding_chart() }}\n\n"
    (docs / "finanzierung.md").write_text(
        f"# Finanzierung\n\n{chart}{{{{ funding_table() }}}}\n", encoding="utf-8")
    offer_ids = sorted(p.stem for p in (data / "offers").glob("*.yml"))
    for oid in offer_ids:
        (docs / "angebote" / f"{oid}.md").write_text(f'{{{{ offer_page("{oid}") }}}}\n',
                                                     encoding="utf-8")
    i18n_languages = []
    text_languages = {}
    for lang in languages():
        # static-i18n accepts only ll / ll-Ssss / ll-CC codes (see the module docstring).
        locale = lang.code if RE_LOCALE.match(lang.code) else EASY_GERMAN_LOCALE
        text_languages[locale] = lang.code
        entry = {"locale": locale, "name": lang.name, "build": True,
                 "default": lang.code == "de"}
        if lang.code not in MATERIAL_LANGS:
            entry["theme"] = {"language": lang.material if lang.material in MATERIAL_LANGS
                              else "de"}
        if locale != "de" and locale != lang.code:
            (target / "docs" / locale).mkdir(parents=True, exist_ok=True)
        i18n_languages.append(entry)
    for entry in i18n_languages:
        (target / "docs" / entry["locale"]).mkdir(parents=True, exist_ok=True)
    config = {
        "site_name": "KIM SYNTHETIC stock",
        "site_url": "http://127.0.0.1:8000/",
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": {"name": "material", "features": ["navigation.sections", "search.highlight"]},
        "plugins": [
            "search",
            {"i18n": {"docs_structure": "folder", "fallback_to_default": True,
                      "reconfigure_material": True, "reconfigure_search": True,
                      "languages": i18n_languages}},
            {"macros": {"module_name": str(STOCK / "main"), "render_by_default": True}},
        ],
        "markdown_extensions": ["tables", "attr_list", "admonition", "toc"],
        "extra": {"stock_data_dir": str(data), "stock_text_languages": text_languages,
                  "stock_chart": not plain},
    }
    if nav == "explicit":
        config["nav"] = [{"Start": "index.md"}, {"Angebote": "angebote/index.md"},
                         {"Finanzierung": "finanzierung.md"}]
        config["not_in_nav"] = "/angebote/*.md\n!/angebote/index.md"
    path = target / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
