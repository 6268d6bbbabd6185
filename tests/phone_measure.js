() => {
  /* What tests/test_phones_browser.py measures on one page load (see MEASURE there). */
  const vw = document.documentElement.clientWidth;
  const shown = el => { const s = getComputedStyle(el);
    return s.display !== 'none' && s.visibility !== 'hidden' && el.getClientRects().length > 0; };
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') +
    ' "' + (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30) + '"';
  const scroller = el => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return p; } return null; };
  const inDrawer = el => !!el.closest('.md-sidebar, .md-search, .md-select__inner, template, noscript');
  const cut = new Set(), scrollers = new Map();
  for (const cell of document.querySelectorAll('.md-content td, .md-content th')) {
    if (!shown(cell)) continue;
    const box = scroller(cell);
    const r = (box || cell).getBoundingClientRect();
    if (r.left < -1 || r.right > vw + 1) cut.add(name(box || cell) + ' ' + Math.round(r.left) + '..' +
      Math.round(r.right));
    if (box && box.scrollWidth > box.clientWidth + 1) scrollers.set(box, cell);
  }
  const scroll = [];
  for (const [box, cell] of scrollers) {
    const rtl = getComputedStyle(box).direction === 'rtl';
    const first = box.querySelector('th, td').getBoundingClientRect(), b = box.getBoundingClientRect();
    scroll.push({ name: name(box), focusable: box.tabIndex >= 0, labelled: !!(box.getAttribute('aria-label') || box.getAttribute('aria-labelledby')),
                  cue: getComputedStyle(box).backgroundImage !== 'none',
                  atStart: box.scrollLeft === 0 && (rtl ? first.right <= b.right + 1 : first.left >= b.left - 1) });
  }
  const small = [];
  const targets = document.querySelectorAll('a[href], button, input:not([type=hidden]), select, label[for], summary, [tabindex="0"]');
  for (const el of targets) {
    if (!shown(el) || inDrawer(el) || el.closest('.md-footer-meta')) continue;
    if (el.classList.contains('md-toggle') || el.matches('.headerlink')) continue;
    const s = getComputedStyle(el);
    if (s.display === 'inline') {
      // WCAG 2.5.8 inline exception: a link inside a line of other text.
      const block = el.parentElement.closest('p, li, dd, td, th, address, h1, h2, h3, h4, figcaption, caption, div');
      const own = (el.textContent || '').trim(), around = (block ? block.textContent : '').trim();
      if (around.length > own.length) continue;
    }
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.width < 23.5 || r.height < 23.5) small.push(name(el) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height));
  }
  const control = sel => { const el = document.querySelector(sel);
    if (!el || !shown(el)) return null; const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, width: r.width, height: r.height }; };
  return { width: document.documentElement.scrollWidth, viewport: vw, cut: [...cut], scroll, small,
           menu: control('.md-header label.md-header__button[for="__drawer"]'),
           search: control('.md-header label.md-header__button[for="__search"]'),
           language: control('.md-header .md-select > button'),
           primary: Array.from(document.querySelectorAll('.md-content .kim-primary')).filter(shown)
             .map(el => el.getBoundingClientRect().height),
           emptyPager: Array.from(document.querySelectorAll('.kim-pager, #kim-offer-pages')).filter(shown)
             .filter(el => el.querySelectorAll('a, button:not([disabled])').length === 0).map(name),
           emptySelect: Array.from(document.querySelectorAll('.md-content select')).filter(shown)
             .filter(el => el.options.length < 2).map(name) };
}
