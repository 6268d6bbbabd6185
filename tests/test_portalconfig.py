"""portal.yml is read and validated in one place (macros/portalconfig.py)."""

from __future__ import annotations

import pytest

from macros import portalconfig
from macros.i18n import languages

GERMAN = '  - {code: de, path: "", name: Deutsch, dir: ltr, material: de, babel: de_DE}\n'


def test_the_shipped_portal_yml_is_valid_and_german_comes_first():
    config = portalconfig.read()
    assert config.languages[0].code == "de" and len(config.languages) == len(languages())


def test_a_wrong_writing_direction_names_file_line_and_field_in_german(tmp_path):
    path = tmp_path / "portal.yml"
    path.write_text("languages:\n" + GERMAN + GERMAN.replace("de", "xx", 1).replace("ltr", "up"),
                    encoding="utf-8")
    with pytest.raises(portalconfig.PortalConfigError,
                       match=r"portal\.yml:3: languages\.1\.dir: "
                             r"erwartet ist einer der Werte 'ltr' oder 'rtl'"):
        portalconfig.read(path)


def test_an_unknown_key_is_refused(tmp_path):
    path = tmp_path / "portal.yml"
    path.write_text("languages:\n" + GERMAN + "comparsion: [data]\n", encoding="utf-8")
    with pytest.raises(portalconfig.PortalConfigError,
                       match=r"portal\.yml:3: comparsion: unbekanntes Feld"):
        portalconfig.read(path)
