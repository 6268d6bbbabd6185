"""Funding tables fit the content column in Debian's Chromium, on a desk (1280 px) and on a phone
(412 px): a table wider than its column sits in a visible, keyboard-focusable scroll container
that starts at the reading direction's start, and no amount is cut."""

from __future__ import annotations

import pytest

from macros.i18n import languages

pytestmark = pytest.mark.browser

PAGES = ["finanzierung/", "finanzierung/baustein-1/", "finanzierung/baustein-2/",
         "finanzierung/baustein-3/", "finanzierung/pruefhinweise/"]
RTL = [lang.path for lang in languages() if lang.dir == "rtl"][:1]

# For every table of the page: [caption, table width, column width, wrapper facts or null].
TABLES = """() => {
  const column = document.querySelector('.md-content__inner');
  const style = getComputedStyle(column);
  const inner = column.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return Array.from(column.querySelectorAll('table')).map(table => {
    const wrap = table.closest('.kim-table-wrap');
    const facts = wrap && {
      overflow: getComputedStyle(wrap).overflowX, tabindex: wrap.getAttribute('tabindex'),
      label: wrap.getAttribute('aria-label') || '', width: wrap.getBoundingClientRect().width,
      scrolls: wrap.scrollWidth > wrap.clientWidth, start: wrap.scrollLeft,
      bar: wrap.offsetHeight - wrap.clientHeight,
      frame: parseFloat(getComputedStyle(wrap).borderInlineStartWidth)
             + parseFloat(getComputedStyle(wrap).borderInlineEndWidth)};
    return [(table.caption || {}).textContent || '', table.getBoundingClientRect().width,
            inner, facts];
  });
}"""

# Every amount: [text, its own overflow, whether it lies outside the column and no scroll
# container holds it].
AMOUNTS = """() => {
  const column = document.querySelector('.md-content__inner').getBoundingClientRect();
  return Array.from(document.querySelectorAll(
      '.md-content__inner td.kim-num, .md-content__inner .kim-money'))
      .filter(el => el.textContent.trim()).map(el => {
    const box = el.getBoundingClientRect();
    const wrap = el.closest('.kim-table-wrap');
    const scrolled = wrap && wrap.scrollWidth > wrap.clientWidth;
    const outside = box.left < column.left - 1 || box.right > column.right + 1;
    return [el.textContent.trim(), el.scrollWidth - el.clientWidth, outside && !scrolled];
  });
}"""


def check(page) -> list[str]:
    problems = []
    for caption, width, column, wrap in page.evaluate(TABLES):
        if width <= column + 1:
            continue
        if wrap is None:
            problems.append(f"{caption!r}: {width:.0f} px in a {column:.0f} px column")
            continue
        if wrap["overflow"] not in ("auto", "scroll") or wrap["width"] > column + 1:
            problems.append(f"{caption!r}: wider than its column and not scrolled in it")
        if wrap["tabindex"] != "0" or not wrap["label"]:
            problems.append(f"{caption!r}: scroll container not reachable by keyboard")
        if wrap["start"] != 0:
            problems.append(f"{caption!r}: scrolled away from the start ({wrap['start']})")
        if wrap["bar"] <= 0 and wrap["frame"] <= 0:
            problems.append(f"{caption!r}: scroll container not visible (no bar, no frame)")
    for text, overflow, outside in page.evaluate(AMOUNTS):
        if overflow > 1 or outside:
            problems.append(f"amount cut: {text!r}")
    return problems


@pytest.mark.parametrize("width", [1280, 412])
@pytest.mark.parametrize("path", [*PAGES, *[f"{code}/finanzierung/baustein-2/" for code in RTL]])
def test_funding_tables_fit_or_scroll_visibly_and_no_amount_is_cut(browser, server, width, path):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/{path}", wait_until="networkidle")
    problems = check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "page scrolls sideways"
    context.close()
    assert not problems, f"/{path} at {width} px: " + "; ".join(problems[:10])


@pytest.mark.parametrize("path", ["finanzierung/baustein-1/", "finanzierung/baustein-2/"])
def test_the_tables_of_all_amounts_fit_the_desk_column_without_scrolling(browser, server, path):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/{path}", wait_until="networkidle")
    wide = [(caption, width, column) for caption, width, column, _ in page.evaluate(TABLES)
            if width > column + 1 and "je Zeile ein Betrag" in caption]
    context.close()
    assert not wide


def test_a_table_too_wide_for_its_column_is_found(browser):
    """The check itself: a bare wide table with a cut amount is reported."""
    context = browser.new_context(viewport={"width": 412, "height": 900})
    page = context.new_page()
    page.set_content('<div class="md-content__inner"><table><caption>x</caption><tr>'
                     '<td class="kim-num" style="max-width:3em;overflow:hidden;white-space:nowrap">'
                     "bis zu 440.000,00 €</td><td>" + "w" * 600 + "</td></tr></table></div>")
    problems = check(page)
    context.close()
    assert any("px in a" in p for p in problems) and any("amount cut" in p for p in problems)
