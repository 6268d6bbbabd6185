"""The root sitemap is written line by line: the same bytes as at once, plain and gzipped."""

from __future__ import annotations

import gzip

from macros.i18n import languages
from macros.sitemap import SITEMAP_NS, write_sitemap

ROOT_URL = "http://127.0.0.1:8000/"


def _language_sitemap(folder, urls):
    folder.mkdir(parents=True, exist_ok=True)
    entries = "".join(f"<url><loc>{u}</loc></url>" for u in urls)
    (folder / "sitemap.xml").write_text(f'<urlset xmlns="{SITEMAP_NS}">{entries}</urlset>',
                                        encoding="utf-8")


def test_the_gzipped_sitemap_is_the_plain_one_compressed_as_in_one_piece(tmp_path):
    de, en = (next(x for x in languages() if x.code == code) for code in ("de", "en"))
    pages = [f"angebote/synthetic-{n:05d}/" for n in range(3000)]  # SYNTHETIC
    _language_sitemap(tmp_path, [ROOT_URL + p for p in pages])
    _language_sitemap(tmp_path / en.path, [f"{ROOT_URL}{en.path}/{p}" for p in pages[::2]])
    target = write_sitemap(tmp_path, ROOT_URL, [de, en], {})
    plain = target.read_bytes()
    packed = (tmp_path / "sitemap.xml.gz").read_bytes()
    assert packed == gzip.compress(plain, mtime=0)
    text = plain.decode("utf-8")
    assert text.endswith("</urlset>\n") and text.count("<url>") == 3000 + 1500
    assert f'hreflang="en" href="{ROOT_URL}{en.path}/{pages[2]}"' in text
    assert not (tmp_path / en.path / "sitemap.xml").exists()
