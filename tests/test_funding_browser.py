"""The funding charts in Debian's Chromium: they paint, in German and Arabic, at 360 px, under a
Content-Security-Policy without 'unsafe-inline', and plotly.js loads only where charts are."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from macros.i18n import languages

pytestmark = pytest.mark.browser

STRICT_CSP = "default-src 'self'; style-src 'self'; script-src 'self'"
CHART_PAGES = ["finanzierung/", "finanzierung/baustein-2/"]
# Every configured right-to-left language gets the same checks (Farsi once it is configured).
RTL = [lang.path for lang in languages() if lang.dir == "rtl"]
PAINTED = """Array.from(document.querySelectorAll('.kim-chart')).map(d => {
  const svg = d.querySelector('svg.main-svg');
  const box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
  return [d.id, box.width, box.height, svg ? svg.querySelectorAll('path, rect').length : 0];
})"""


def painted(page) -> list:
    """Scroll to each chart like a reader (charts are drawn when they come on screen), then
    report every chart's SVG."""
    for chart in page.locator(".kim-chart").all():
        chart.scroll_into_view_if_needed()
        chart.locator("svg.main-svg").first.wait_for(timeout=15000)
    return page.evaluate(PAINTED)


def plotly_requests(requested: list[str]) -> list[str]:
    return [url for url in requested if "plotly" in url]


@pytest.mark.parametrize("path", [*CHART_PAGES, *[f"{code}/finanzierung/" for code in RTL]])
def test_each_chart_paints_an_svg_of_nonzero_size(desktop, server, path):
    desktop.goto(f"{server}/{path}", wait_until="networkidle")
    charts = painted(desktop)
    assert charts
    for ident, width, height, shapes in charts:
        assert width > 0 and height > 0 and shapes > 0, f"/{path}: {ident} did not paint"


@pytest.mark.parametrize("path", ["finanzierung/", *[f"{code}/finanzierung/" for code in RTL]])
def test_charts_fit_a_360_pixel_screen(browser, server, path):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    # The same language's population page is the baseline: the charts add no sideways scroll.
    page.goto(f"{server}/{path.replace('finanzierung/', 'kommunen/')}", wait_until="networkidle")
    baseline = max(360, page.evaluate("document.documentElement.scrollWidth"))
    page.goto(f"{server}/{path}", wait_until="networkidle")
    for ident, width, height, _ in painted(page):
        assert 0 < width <= 360 and height > 0, ident
    assert page.evaluate("document.documentElement.scrollWidth") <= baseline
    context.close()


def test_plotly_is_requested_only_by_chart_pages(desktop, server):
    requested = []
    desktop.on("request", lambda request: requested.append(request.url))
    desktop.goto(f"{server}/", wait_until="networkidle")
    desktop.goto(f"{server}/beschluesse/ds-144-21/", wait_until="networkidle")
    assert not [url for url in requested if "plotly" in url]
    desktop.goto(f"{server}/finanzierung/", wait_until="networkidle")
    desktop.locator(".kim-chart").first.scroll_into_view_if_needed()
    desktop.locator(".kim-chart svg.main-svg").first.wait_for()
    assert [url for url in requested if url.endswith("/assets/js/plotly-kim.min.js")]


def test_plotly_is_fetched_only_when_a_chart_comes_on_screen(browser, server):
    # A short screen: every chart starts below it.
    context = browser.new_context(viewport={"width": 412, "height": 300})
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{server}/finanzierung/", wait_until="networkidle")
    page.wait_for_timeout(500)
    assert not plotly_requests(requested)
    assert not page.locator(".kim-chart svg").count()
    first = page.locator(".kim-chart").first
    first.scroll_into_view_if_needed()
    first.locator("svg.main-svg").first.wait_for(timeout=15000)
    assert len(plotly_requests(requested)) == 2  # the bundle and its stylesheet, once each
    # Only the chart on screen is drawn; the others wait for the reader.
    assert page.locator(".kim-chart[data-kim-drawn]").count() < page.locator(".kim-chart").count()
    context.close()


def test_each_chart_keeps_the_height_reserved_for_it_before_drawing(browser, server):
    """The space is taken before plotly.js arrives, so drawing moves nothing below a chart."""
    context = browser.new_context(viewport={"width": 412, "height": 823})
    page = context.new_page()
    page.goto(f"{server}/finanzierung/", wait_until="networkidle")
    sizes = "Array.from(document.querySelectorAll('.kim-chart')).map(d => " \
            "[d.id, d.getAttribute('data-kim-height'), d.getBoundingClientRect().height])"
    reserved = page.evaluate(sizes)
    assert reserved and all(height == float(wanted) for _, wanted, height in reserved), reserved
    painted(page)
    assert page.evaluate(sizes) == reserved
    context.close()


class _StrictCsp(SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("Content-Security-Policy", STRICT_CSP)
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002
        pass


@pytest.fixture(scope="module")
def strict_server(unna):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0),
                                functools.partial(_StrictCsp, directory=str(unna)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_charts_paint_under_a_csp_without_unsafe_inline(desktop, strict_server):
    messages = []
    desktop.on("console", lambda message: messages.append(message.text))
    desktop.goto(f"{strict_server}/finanzierung/", wait_until="networkidle")
    for ident, width, height, _ in painted(desktop):
        assert width > 0 and height > 0, ident
    # plotly.js's own style rules come from the served stylesheet, not from an injected <style>.
    assert desktop.evaluate("getComputedStyle(document.querySelector('.kim-chart svg.main-svg'))"
                            ".position") == "absolute"
    blocked_styles = [m for m in messages if "inline style" in m or "addRelatedStyleRule" in m]
    assert not blocked_styles
