"""Links between pages of one language (macros/html.py relative_url): the fast path gives what
posixpath.relpath gives, for every URL shape the site uses."""

from __future__ import annotations

from posixpath import relpath

from hypothesis import given
from hypothesis import strategies as st

from macros.chrome import alternate_href
from macros.html import _relpath, relative_url
from macros.i18n import Language

segment = st.sampled_from(["angebote", "thema", "arbeit", "2", "a-b", "#kontakt", ".", "..", ""])
url_path = st.lists(segment, max_size=5).map(lambda parts: "/" + "/".join(parts))


@given(url_path, url_path)
def test_the_fast_relative_path_equals_posixpath_relpath(target: str, base: str):
    assert _relpath(target, base) == relpath(target, base)


def test_a_link_to_a_sibling_folder_climbs_once():
    assert relative_url("angebote/sprachcafe/", "angebote/thema/arbeit/") == "../thema/arbeit/"


def test_a_link_to_the_page_itself_is_dot_slash():
    assert relative_url("angebote/", "angebote/") == "./"


def test_a_link_to_the_start_page_from_a_record_page():
    assert relative_url("angebote/sprachcafe/", "") == "../../"


def test_a_link_with_an_anchor_keeps_it_without_a_trailing_slash():
    assert relative_url("bausteine/1/", "finanzierung/#baustein-1") == \
        "../../finanzierung/#baustein-1"


folder = st.sampled_from(["", "en", "ar", "de-x-ls", "angebote", ".", "x/y"])
page_path = st.lists(segment, max_size=4).map("/".join).flatmap(
    lambda path: st.sampled_from([path, f"{path}/", f"{path}.html"]))


@given(folder, folder, page_path)
def test_a_link_to_the_same_page_in_another_language_is_the_relative_url(here, there, path):
    """chrome.alternate_href's direct way between language folders gives relative_url's link."""
    current = Language(code="a", path=here, name="", dir="ltr", material="", babel="de")
    target = Language(code="b", path=there, name="", dir="ltr", material="", babel="de")
    assert alternate_href(current, path, target) == relative_url(
        f"{here}/{path}" if here else path, f"{there}/{path}" if there else path)
