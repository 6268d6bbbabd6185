"""Record pages in their shape's frame (macros/engine/frame.py): the same HTML as a whole
rendering, or a whole rendering where a frame cannot be trusted."""

from __future__ import annotations

import jinja2
import pytest

from macros.build import build_site
from macros.engine import frame
from macros.engine.frame import FrameMismatch, Frames, Parts, frameable

# A page template as Material writes one: parts raw (the theme does not autoescape), in a URL,
# twice, and around fixed text.
PAGE = ("<title>{{ title }} - Portal</title><meta content=\"{{ description }}\">"
        "<link href=\"https://example.org/angebote/{{ slug }}/\"><nav>fixed</nav>"
        "<a href=\"../../en/angebote/{{ slug }}/\">en</a><main>{{ content }}</main>")


def renderer(source: str, parts: Parts, calls: list[Parts | None] | None = None, **extra: str):
    """``render`` for Frames.html: the template with ``marks`` or with the page's own parts."""
    template = jinja2.Environment(autoescape=False).from_string(source)

    def render(marks: Parts | None) -> str:
        if calls is not None:
            calls.append(marks)
        values = marks or parts
        return template.render(slug=values.slug, title=values.title,
                               description=values.description, content=values.content, **extra)

    return render


def page(number: int, title: str = "Beratung", content: str = "<p>Text</p>") -> Parts:
    return Parts(slug=f"angebot-{number}", title=f"{title} {number}",
                 description=f"Kurz &amp; klar {number}", content=content)


def whole(source: str, parts: Parts) -> str:
    return renderer(source, parts)(None)


def test_pages_of_one_shape_get_their_own_parts_in_the_shared_frame():
    frames = Frames(check=False)
    pages = [page(n) for n in range(5)]
    for parts in pages:
        assert frames.html("offer", parts, renderer(PAGE, parts)) == whole(PAGE, parts)


def test_the_first_page_of_a_shape_is_rendered_whole_and_once():
    frames, calls = Frames(check=False), []
    frames.html("offer", page(1), renderer(PAGE, page(1), calls))
    assert calls == [None]


def test_the_frame_is_made_once_per_shape_from_two_sentinel_renderings():
    frames, calls = Frames(check=False), []
    for number in range(2, 6):
        frames.html("offer", page(number), renderer(PAGE, page(number), calls))
    marks = [call for call in calls if call is not None]
    assert calls[0] is None and len(marks) == 2 and len(calls) == 3
    assert marks[0] != marks[1]


@pytest.mark.parametrize("use", ["{{ title | upper }}", "{{ title | urlencode }}",
                                 "{{ title | striptags }}", "{{ title | e }}",
                                 "{{ title | truncate(12) }}", "{{ content | e }}",
                                 "{{ slug | lower }}", "{{ title[:20] }}"])
def test_a_part_that_a_template_changes_leaves_the_page_rendered_whole(use):
    source = PAGE + "<h2>" + use + "</h2>"
    frames = Frames(check=False)
    for parts in (page(1, title="Sprach-Café"), page(2, title="Hilfe & Rat")):
        assert frames.html("offer", parts, renderer(source, parts)) == whole(source, parts)


def test_material_s_h1_question_is_asked_of_the_sentinel_content_as_of_the_page():
    source = PAGE + "{% if '<h1' not in content %}<h1>{{ title }}</h1>{% endif %}"
    frames = Frames(check=True)
    with_h1 = [page(n, content=f"<h1>Eigene {n}</h1>") for n in range(3)]
    for parts in with_h1:
        assert frames.html(("offer", True), parts, renderer(source, parts)) == whole(source, parts)


def test_check_mode_refuses_a_frame_that_carries_another_page_s_value():
    # A page value the shape does not name (here: an id the template reads from elsewhere)
    # would be frozen into the frame from the page it was made on.
    frames = Frames(check=True)
    source = PAGE + "{{ leaked }}"
    for number in (1, 2):
        frames.html("offer", page(number), renderer(source, page(number), leaked=f"id-{number}"))
    with pytest.raises(FrameMismatch, match="Seitenrahmen weicht ab"):
        frames.html("offer", page(3), renderer(source, page(3), leaked="id-3"))


def test_without_check_mode_the_shape_must_name_everything_else():
    # The same leak without the check: the frame made on page 2 shows page 2's value on page 3.
    # This is why the tests build every site with KIM_FRAME_CHECK=1 (conftest.py).
    frames = Frames(check=False)
    source = PAGE + "{{ leaked }}"
    for number in (1, 2):
        frames.html("offer", page(number), renderer(source, page(number), leaked=f"id-{number}"))
    assert "id-2" in frames.html("offer", page(3), renderer(source, page(3), leaked="id-3"))


@pytest.mark.parametrize("slug", ["angebot 1", "café", "a/b", "a%20b", "a&b", ""])
def test_a_slug_that_is_not_plain_url_text_is_not_framed(slug):
    assert not frameable(Parts(slug, "Titel", "", "<p>x</p>"), has_edit_link=False)


def test_a_page_with_an_edit_link_or_without_title_is_not_framed():
    assert frameable(Parts("go-in", "Titel", "", "<p>x</p>"), has_edit_link=False)
    assert not frameable(Parts("go-in", "Titel", "", "<p>x</p>"), has_edit_link=True)
    assert not frameable(Parts("go-in", "", "", "<p>x</p>"), has_edit_link=False)


def test_a_real_build_frames_its_record_pages_and_matches_whole_rendering(tmp_path, monkeypatch):
    """The tiny region in one process: record pages go through frames, and check mode (set
    for every test build) compares each framed page with its whole rendering."""
    from support import TINY_REGION

    joined: list[str] = []
    real_join = frame.join

    def counting_join(found, parts):
        joined.append(parts.slug)
        return real_join(found, parts)

    monkeypatch.setenv("KIM_BUILD_JOBS", "1")
    monkeypatch.setenv("KIM_FRAME_CHECK", "1")
    monkeypatch.setattr(frame, "join", counting_join)
    build_site(TINY_REGION, tmp_path / "site", languages=["de", "ar"])
    framed = [slug for slug in joined if not slug.startswith("kimSlug")]  # not the frame checks
    assert len(framed) >= 2  # offer pages past the first of their shape, in both languages
