"""What a reader sees go wrong on a page, measured in the browser rather than guessed from the HTML:
text boxes that overlap, words broken in the middle, text under 12 px, text cut with an ellipsis,
anything wider than the page or hidden in a box that only scrolls sideways, and labels drawn by CSS
(`::before`/`::after` text, which no text measurement sees). axe-core finds none of these
(../shared/RECIPES.md); each is measured here on the text's own line boxes (`Range.getClientRects`)."""
from __future__ import annotations

MEASURE = r"""
() => {
  document.querySelectorAll('main details').forEach(d => { d.open = true; });  // what a reader can unfold is measured too
  const problems = [];
  const width = document.documentElement.clientWidth;
  const say = (kind, node, detail) => {
    const el = node.nodeType === 1 ? node : node.parentElement;
    const where = el ? (el.closest('[id]') ? '#' + el.closest('[id]').id + ' ' : '') + el.tagName.toLowerCase()
                        + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') : '';
    problems.push(`${kind}: ${where}: ${detail}`);
  };
  const shown = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.display === 'none' || style.visibility === 'hidden' || style.visibility === 'collapse') return false;
      if (style.position === 'absolute' && style.clip && style.clip.startsWith('rect(0')) return false;  // visually hidden
      if (e.classList && (e.classList.contains('es-visually-hidden') || e.classList.contains('md-visually-hidden'))) return false;
      if (e.hasAttribute && (e.hasAttribute('hidden') || e.getAttribute('aria-hidden') === 'true' && e.tagName !== 'svg')) return false;
    }
    return true;
  };
  const chrome = (el) => el.closest('.md-header, .md-tabs, .md-sidebar, .md-footer, .md-search, .md-top, .md-dialog, script, style, noscript');
  const lines = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent;
    if (!text.trim()) continue;
    const el = node.parentElement;
    if (!el || chrome(el) || !shown(el)) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter(r => r.width > 0.5 && r.height > 0.5);
    if (!rects.length) continue;
    if (size < 11.95 && !el.closest('svg:not(.es-chart)')) say('text under 12 px', node, `${size.toFixed(1)} px "${text.trim().slice(0, 40)}"`);
    const chart = el.closest('svg.es-chart');
    if (chart) {  // a chart's words are drawn at its scale: its width on the page over the width it was drawn for
      const scaled = size * chart.getBoundingClientRect().width / chart.viewBox.baseVal.width;
      if (scaled < 11.95) say('chart text under 12 px', node, `${scaled.toFixed(1)} px "${text.trim().slice(0, 30)}"`);
    }
    for (const r of rects) {
      if (r.right > width + 1 || r.left < -1) say('outside the page', node, `"${text.trim().slice(0, 40)}" at ${Math.round(r.left)}-${Math.round(r.right)}`);
      lines.push({node, r});
    }
    // a word broken over two lines: its own range has boxes on different lines
    const code = el.closest('code, .es-sha256, a[href^="http"], .es-url');
    const re = /[^\s\-‐‑–—\/]+/g;  // a word: between spaces, and between the hyphens and slashes a line may break after
    let m;
    while ((m = re.exec(text))) {
      if (m[0].length < 2) continue;
      const word = document.createRange();
      word.setStart(node, m.index);
      word.setEnd(node, m.index + m[0].length);
      const boxes = [...word.getClientRects()].filter(r => r.width > 0.5);
      if (boxes.length > 1 && new Set(boxes.map(b => Math.round(b.top))).size > 1) {
        const long = m[0].length > 28 || /^https?:|@|\//.test(m[0]) || /^\s*https?:\/\//.test(text);  // an address may break
        if (!(code && long) && !long) say('word broken mid-word', node, `"${m[0]}"`);
      }
    }
  }
  // text boxes of different nodes that overlap
  lines.sort((a, b) => a.r.top - b.r.top);
  for (let i = 0; i < lines.length; i++) {
    const a = lines[i];
    for (let j = i + 1; j < lines.length && lines[j].r.top < a.r.bottom - 2; j++) {
      const b = lines[j];
      if (a.node === b.node) continue;
      const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (x > 2 && y > 3) {
        say('text overlaps', a.node, `"${a.node.textContent.trim().slice(0, 30)}" and "${b.node.textContent.trim().slice(0, 30)}"`);
      }
    }
  }
  // labels drawn by CSS, cut texts, boxes that only scroll sideways
  for (const el of document.body.querySelectorAll('*')) {
    if (chrome(el)) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none') continue;
    for (const pseudo of ['::before', '::after']) {
      const content = getComputedStyle(el, pseudo).content;
      if (content && content !== 'none' && content !== 'normal' && /[A-Za-zÀ-ÿ]{2}/.test(content.replace(/^"|"$/g, '')) && shown(el)) {
        say('label drawn by CSS', el, `${pseudo} ${content.slice(0, 40)}`);
      }
    }
    if (style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1 && shown(el)) say('text cut with …', el, el.textContent.trim().slice(0, 40));
    if (/(auto|scroll)/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1 && shown(el) && el.tagName !== 'PRE') {
      say('hidden behind a sideways scroll', el, `${el.scrollWidth} px in ${el.clientWidth} px`);
    }
  }
  if (document.documentElement.scrollWidth > width + 1) problems.push(`page wider than the screen: ${document.documentElement.scrollWidth} px`);
  return problems;
}
"""


def layout_problems(page) -> list[str]:
    """Every problem of the page loaded in `page` (Playwright), one line each."""
    return list(dict.fromkeys(page.evaluate(MEASURE)))
