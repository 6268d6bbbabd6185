"""Each region's site is its own: its own hand-written pages, no other region's text, and the
gaps of a public site (imprint, accessibility contact, Art. 13 information) said out loud."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pydantic import BaseModel
from support import REGIONS, ROOT, SITE_BLOCK, page, text_of

from macros import completeness
from macros.build import BuildFailed, build_site
from macros.cli import main
from macros.i18n import languages
from macros.loader import DataErrors, load

# --- what names a region ----------------------------------------------------------------------


def _decimals(value: object):
    if isinstance(value, Decimal):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _decimals(getattr(value, name))
    elif isinstance(value, dict):
        for inner in value.values():
            yield from _decimals(inner)
    elif isinstance(value, list | tuple):
        for inner in value:
            yield from _decimals(inner)


def region_terms(folder: Path) -> tuple[set[str], set[str]]:
    """Names (region, KI, towns, bodies, providers, persons, documents) and amounts (German
    digit grouping, >= 10.000) that belong to one region's data."""
    data = load(folder)
    names = {data.region.name.de, data.region.ki.name.de}
    names |= {m.name for m in data.region.municipalities}
    names |= {org.name.de for org in data.organizations.values()}
    names |= {provider.name for provider in data.providers.values()}
    names |= {d.reference for d in data.documents.values() if d.reference}
    names |= {s.name.de for s in data.region.sub_regions}
    names |= {g.name.de for g in data.project_groups}
    names |= {f"Drucksache {p.reference}" for p in data.papers.values()}
    if data.region.ki.person:
        names.add(data.region.ki.person.name)
    for membership in data.memberships:
        person = getattr(membership, "person", None)
        if person is not None and getattr(person, "name", None):
            names.add(person.name)
    amounts = {f"{int(v):,}".replace(",", ".") for v in _decimals(data.funding) if abs(v) >= 10000}
    return {n for n in names if len(n) >= 4}, amounts


def own_text(folder: Path) -> str:
    """Everything a region's own folder says (YAML and pages): its own words are allowed."""
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*"))
                     if p.is_file() and p.suffix in (".yml", ".md"))


def foreign_terms(region: str) -> tuple[set[str], set[str]]:
    """Terms of every other region that the region's own folder never uses."""
    mine = own_text(REGIONS[region])
    digits = re.sub(r"(?<=\d)[.\s](?=\d{3})", "", mine)
    names: set[str] = set()
    amounts: set[str] = set()
    for other, folder in REGIONS.items():
        if other == region:
            continue
        other_names, other_amounts = region_terms(folder)
        names |= {n for n in other_names if n not in mine}
        amounts |= {a for a in other_amounts if a.replace(".", "") not in digits}
    return names, amounts


COMPARISON_DATA = "#chart-vergleich-regionen-data"  # the declared comparison (portal.yml)


def page_text(html: str) -> str:
    """A page's text without the declared comparison block of the funding page."""
    soup = BeautifulSoup(html, "html.parser")
    for block in soup.select("section.kim-chart-block"):
        if block.select_one(COMPARISON_DATA):
            block.decompose()
    return " ".join(soup.get_text(" ").split())


def naming_other_regions(site: Path, names: set[str], amounts: set[str]) -> list[str]:
    """'page: term' for every page of a built site that names a term of another region."""
    patterns = {n: re.compile(rf"(?<!\w){re.escape(n)}(?!\w)") for n in names}
    found = []
    for path in sorted(site.rglob("*.html")):
        text = page_text(path.read_text(encoding="utf-8"))
        rel = path.relative_to(site).as_posix()
        found += [f"{rel}: {n}" for n, pattern in patterns.items() if pattern.search(text)]
        plain = plain_numbers(text)
        found += [f"{rel}: {a}" for a in amounts
                  if re.search(rf"(?<!\d){a.replace('.', '')}(?!\d)", plain)]
    return found


# Digits of the locales' numbering systems (arab, arabext) and the group separators they use
# (German and Turkish ".", English ",", Arabic "٬", Russian and Ukrainian a no-break space,
# which page_text has turned into a space): a foreign amount is found in any language's format.
EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def plain_numbers(text: str) -> str:
    """The text with every number written in western digits and without group separators."""
    text = text.translate(EASTERN_DIGITS)
    return re.sub(r"(?<=\d)[.,\u066c\u2019' ](?=\d{3}(?!\d))", "", text)


@pytest.mark.parametrize("region", sorted(REGIONS))
def test_no_page_of_a_region_names_another_region(sites, region):
    names, amounts = foreign_terms(region)
    assert names, "the other regions' names must be known to the test"
    found = naming_other_regions(sites[region], names, amounts)
    assert not found, f"{region}: " + "; ".join(found[:20])


def test_the_cross_region_check_finds_another_regions_name(tmp_path):
    names, amounts = foreign_terms("stadt-leverkusen")
    (tmp_path / "x.html").write_text("<p>Kreis Unna, Drucksache 144/21</p>", encoding="utf-8")
    assert "x.html: Kreis Unna" in naming_other_regions(tmp_path, names, amounts)


@pytest.mark.parametrize("write", [
    lambda digits: f"{int(digits):,}".replace(",", "\u066c").translate(PERSIAN_DIGITS),
    lambda digits: f"{int(digits):,}",
    lambda digits: f"{int(digits):,}".replace(",", "\u00a0"),
], ids=["fa", "en", "ru"])
def test_the_cross_region_check_finds_another_regions_amount_in_any_digits(tmp_path, write):
    names, amounts = foreign_terms("stadt-leverkusen")
    amount = sorted(amounts)[0]
    (tmp_path / "x.html").write_text(f"<p>{write(amount.replace('.', ''))},00 €</p>",
                                     encoding="utf-8")
    assert f"x.html: {amount}" in naming_other_regions(tmp_path, names, amounts)


PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def test_the_cross_region_check_leaves_the_declared_comparison_alone(tmp_path):
    names, amounts = foreign_terms("stadt-leverkusen")
    (tmp_path / "x.html").write_text(
        '<section class="kim-chart-block"><script id="chart-vergleich-regionen-data"></script>'
        "<table><tr><th>Kreis Unna</th></tr></table></section>", encoding="utf-8")
    assert naming_other_regions(tmp_path, names, amounts) == []


# --- Kreis Wesel's privacy page: the Art. 13 sheet of 002 in every language -------------------

ART13_ITEMS = ("post@kreis-wesel.de", "datenschutz@kreis-wesel.de", "Reeser Landstraße 31",
               "46483 Wesel", "Fachdienst 40-2", "0281/207-4043", "poststelle@ldi.nrw.de",
               "40102 Düsseldorf", "38424-0", "10/2021")


@pytest.mark.parametrize("code", [lang.code for lang in languages()])
def test_wesel_privacy_page_carries_the_art_13_sheet_in_every_language(sites, code):
    soup = page(sites["kreis-wesel"], code, "datenschutz/index.html")
    assert soup.html["lang"] == code
    assert not soup.select_one("article div[lang=de]"), "shown in German for want of a translation"
    assert soup.select_one("#beratung")
    text = text_of(soup)
    missing = [item for item in ART13_ITEMS if item not in text]
    assert not missing, f"{code}: {missing}"


@pytest.mark.parametrize("code", [lang.code for lang in languages() if lang.code != "de"])
def test_wesel_privacy_translations_are_labelled_machine_translations(sites, code):
    soup = page(sites["kreis-wesel"], code, "datenschutz/index.html")
    notice = soup.select_one("article > p.kim-notice")
    assert notice is not None and notice.a is not None  # links the German original


def test_wesel_sheet_on_the_page_is_the_one_in_the_source_document(sites):
    seed = next((ROOT.parent / "shared" / "seeds").glob("002_*.txt"), None)
    if seed is None:
        pytest.skip("source documents not present")
    sheet = seed.read_text(encoding="utf-8")
    start = sheet.index("Verantwortlicher\tKreis Wesel")
    rows = [line.split("\t", 1)[1] for line in sheet[start:].splitlines()[:8]]
    text = text_of(page(sites["kreis-wesel"], "de", "datenschutz/index.html"))
    for row in rows:
        assert " ".join(row.replace("Email:", "Email:").split()) in text, row[:60]


# --- regions without their own page get a neutral page that says what is missing -------------


def test_a_region_without_a_privacy_page_is_told_what_is_missing(sites):
    soup = page(sites["stadt-leverkusen"], "de", "datenschutz/index.html")
    text = text_of(soup)
    assert "noch keine solche Information" in text
    assert soup.select_one("p.kim-missing a[href$='datenqualitaet/']")


def test_the_imprint_never_presents_the_ki_contact_line_as_provider(sites):
    text = text_of(page(sites["kreis-unna"], "de", "impressum/index.html"))
    assert "Schulstraße 8" not in text and "Karolin" not in text
    assert "noch keinen Anbieter" in text


def test_unna_case_management_page_no_longer_says_counselling_is_voluntary(sites):
    for code in ("de", "de-x-ls"):
        assert "freiwillig" not in text_of(
            page(sites["kreis-unna"], code, "fallmanagement/index.html"))


# --- region pages: overlay, fallback, the same template check ---------------------------------


def _region_copy(tmp_path: Path, region: str = "stadt-leverkusen") -> Path:
    folder = tmp_path / region
    shutil.copytree(REGIONS[region], folder)
    return folder


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def region_pages_site(tmp_path_factory) -> Path:
    """Leverkusen's data with pages of its own, built once in German and English: its own
    imprint (German only), its own accessibility page in German and a machine translation of
    it, and a PDF beside its pages."""
    from macros.translations import page_hash

    root = tmp_path_factory.mktemp("region-pages")
    data = _region_copy(root)
    _write(data / "pages/de/impressum.md",
           "---\nrender_macros: true\ntitle: Impressum\n---\n\n# Eigenes Impressum\n")
    head = "---\nrender_macros: true\ntitle: Barrierefreiheit\n"
    german = data / "pages/de/barrierefreiheit.md"
    _write(german, head + "---\n\n# Barrierefreiheit der Stadt\n")
    _write(data / "pages/en/barrierefreiheit.md",
           head.replace("Barrierefreiheit\n", "Accessibility\n")
           + f"translation: machine\nsource_hash: {page_hash(german)}\n---\n\n# Accessibility\n")
    _write(data / "pages/de/bilder/plan.pdf", "%PDF-1.4 synthetisch\n")
    build_site(data, root / "site", languages=["de", "en"])
    return root / "site"


def test_a_region_page_replaces_the_shared_page_and_falls_back_to_german(region_pages_site):
    out = region_pages_site
    assert page(out, "de", "impressum/index.html").h1.get_text(strip=True) == "Eigenes Impressum"
    english = page(out, "en", "impressum/index.html")
    wrapper = english.select_one("article div[lang=de][dir=ltr]")
    assert wrapper is not None and "Eigenes Impressum" in wrapper.get_text()


def test_a_region_page_with_template_code_is_refused_with_file_and_line(tmp_path):
    data = _region_copy(tmp_path)
    _write(data / "pages/de/neu.md", "# Neu\n\n{{ ''.__class__ }}\n")
    out = tmp_path / "site"
    with pytest.raises(BuildFailed, match=r"pages/de/neu\.md:3"):
        build_site(data, out, languages=["de"])
    assert not out.exists()


def test_a_link_in_the_region_pages_folder_is_refused(tmp_path):
    data = _region_copy(tmp_path)
    (data / "pages/de").mkdir(parents=True)
    (data / "pages/de/impressum.md").symlink_to(ROOT / "README.md")
    with pytest.raises((BuildFailed, DataErrors), match="symbolischer Verweis"):
        build_site(data, tmp_path / "site", languages=["de"])


# --- region completeness ----------------------------------------------------------------------


def test_leverkusen_lacks_imprint_accessibility_and_editorial_contact_and_art_13_information():
    gaps = completeness.gaps(load(REGIONS["stadt-leverkusen"]))
    assert [g.subject for g in gaps] == ["Impressum", "Barrierefreiheit", "Datenschutz",
                                         "Fehler melden"]
    assert all(g.file.endswith("stadt-leverkusen/region.yml") and g.line >= 1 for g in gaps)


def test_wesel_has_its_art_13_information_in_every_language():
    gaps = completeness.gaps(load(REGIONS["kreis-wesel"]))
    assert "Datenschutz" not in [g.subject for g in gaps]


def test_a_complete_region_has_no_gaps(minimal_data):
    with (minimal_data / "region.yml").open("a", encoding="utf-8") as handle:
        handle.write(SITE_BLOCK)
    for lang in languages():
        _write(minimal_data / f"pages/{lang.code}/datenschutz.md", "# Datenschutz\n")
    assert completeness.gaps(load(minimal_data)) == []


def test_a_missing_translation_of_the_art_13_information_is_a_gap(minimal_data):
    with (minimal_data / "region.yml").open("a", encoding="utf-8") as handle:
        handle.write(SITE_BLOCK)
    _write(minimal_data / "pages/de/datenschutz.md", "# Datenschutz\n")
    gaps = completeness.gaps(load(minimal_data))
    assert {g.subject for g in gaps} == {"Datenschutz"}
    assert any("'ar'" in g.message and "pages/ar/datenschutz.md" in g.message for g in gaps)


def test_the_gap_points_at_the_line_of_the_site_block(minimal_data):
    with (minimal_data / "region.yml").open("a", encoding="utf-8") as handle:
        handle.write("site:\n  accessibility_contact:\n    name: Test (synthetisch)\n")
    lines = (minimal_data / "region.yml").read_text(encoding="utf-8").splitlines()
    gaps = completeness.gaps(load(minimal_data))
    feedback = next(g for g in gaps if g.subject == "Barrierefreiheit")
    assert lines[feedback.line - 1].strip() == "accessibility_contact:"


def test_kim_validate_warns_in_german_with_file_and_line(capsys):
    assert main(["validate", str(REGIONS["stadt-leverkusen"])]) == 0
    err = capsys.readouterr().err
    assert re.search(r"stadt-leverkusen/region\.yml:\d+: Warnung: Vollständigkeit \(Impressum\): "
                     r"Anbieter", err)
    assert "Information nach Art. 13 DSGVO" in err


def test_the_data_quality_page_lists_the_same_gaps(sites):
    soup = page(sites["stadt-leverkusen"], "de", "datenqualitaet/index.html")
    items = soup.select(".kim-quality li")
    gaps = completeness.gaps(load(REGIONS["stadt-leverkusen"]))
    assert len(items) == len(gaps)
    for item, gap in zip(items, gaps, strict=True):
        assert gap.where() in item.get_text() and gap.subject in item.get_text()


def test_the_sources_page_links_the_data_quality_page(sites):
    soup = page(sites["kreis-wesel"], "de", "quellen/index.html")
    assert soup.select_one("article a[href$='datenqualitaet/']")


def test_kim_validate_refuses_a_region_page_with_template_code(tmp_path, capsys):
    data = _region_copy(tmp_path)
    _write(data / "pages/de/fragen.md", "# Fragen\n\nText\n{% raw %}\n")
    assert main(["validate", str(data)]) == 1
    assert re.search(r"pages/de/fragen\.md:4:1: Vorlagen-Syntax", capsys.readouterr().err)


def test_shared_pages_name_no_region():
    """docs/ is shown on every region's site: it may not name any region's towns, bodies,
    persons, documents or amounts (those belong in the region's own pages or data)."""
    names: set[str] = set()
    amounts: set[str] = set()
    for folder in REGIONS.values():
        more_names, more_amounts = region_terms(folder)
        names |= more_names
        amounts |= more_amounts
    texts = [own_text(folder) for folder in REGIONS.values()]
    names = {n for n in names if not all(n in text for text in texts)}  # e.g. the Land NRW
    found = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        text = " ".join(path.read_text(encoding="utf-8").split())
        found += [f"{path.relative_to(ROOT)}: {n}" for n in names
                  if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text)]
        found += [f"{path.relative_to(ROOT)}: {a}" for a in amounts if a in text]
    assert not found, "; ".join(found)


def test_a_region_translation_is_measured_against_the_regions_german_page(region_pages_site):
    # Its source_hash is the region's German page's, not the shared docs/de page's.
    notice = page(region_pages_site, "en", "barrierefreiheit/index.html").select_one(
        "article > p.kim-notice").get_text()
    assert "translated by machine" in notice and "has changed" not in notice


def test_the_translation_report_counts_the_regions_own_pages(tmp_path):
    from macros.translations import report

    data = _region_copy(tmp_path)
    _write(data / "pages/de/termine.md", "# Termine\n")
    pages = report(load(data)).languages["en"]["pages"]
    assert "termine.md" in pages.missing


def test_files_beside_a_regions_pages_reach_its_site(region_pages_site):
    assert (region_pages_site / "bilder/plan.pdf").read_text(encoding="utf-8").startswith("%PDF")
