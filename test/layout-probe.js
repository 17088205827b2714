// What of a card's layout a reader would see broken: the card narrower than the box its host
// gives it, and text that runs out of the card or is cut off. A plain script (no imports or
// exports) so that the narrow-hosts test imports it and the stories check adds it to a story's
// page alike; both read it from `globalThis.liftLayout`.
(() => {
  /** Every element under `root`, through open shadow roots. */
  function* deep(root) {
    for (const el of root.querySelectorAll('*')) {
      yield el;
      if (el.shadowRoot) yield* deep(el.shadowRoot);
    }
  }

  /** The element's parent, or the host of the shadow root it sits in. */
  const above = (el) => el.parentElement ?? el.getRootNode().host ?? null;

  /** Inside a box the reader can scroll sideways. */
  function insideScroller(el, card) {
    for (let at = above(el); at && at !== card; at = above(at)) {
      if (['auto', 'scroll'].includes(getComputedStyle(at).overflowX)) return true;
    }
    return false;
  }

  /** Text that may end in an ellipsis when there is no room: secondary lines only, never a title. */
  const MAY_TRUNCATE = new Set(['meta', 'body']);

  /** What of the card's text runs out of its box or is cut off, as `tag.class[part]: text` lines. */
  function overflows(card) {
    const box = card.getBoundingClientRect();
    const found = [];
    for (const el of deep(card.shadowRoot)) {
      const rect = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      // Skipped: what is not drawn, and labels hidden for screen readers only (1 px, clipped).
      if (rect.width <= 1 || rect.height <= 1 || el.closest('.visually-hidden') || style.visibility === 'hidden' || el.closest('dialog:not([open])')) continue;
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      const name = `${el.localName}.${[...el.classList].join('.')}${el.getAttribute('part') ? `[${el.getAttribute('part')}]` : ''}`;
      if ((rect.right > box.right + 1 || rect.left < box.left - 1) && !insideScroller(el, card)) found.push(`${name} outside the card: ${text}`);
      const clipsText = style.overflowX === 'hidden' || style.overflowX === 'clip';
      const ownsText = [...el.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim()) || el.classList.contains('subject');
      if (clipsText && ownsText && el.scrollWidth > el.clientWidth + 1 && ![...el.classList].some((c) => MAY_TRUNCATE.has(c))) {
        found.push(`${name} cut off: ${text}`);
      }
    }
    return found;
  }

  /** The card's width against its host's box, and what of its text overflows. */
  function check(card) {
    const host = card.parentElement.getBoundingClientRect();
    return { cardWidth: card.getBoundingClientRect().width, hostWidth: host.width, overflows: overflows(card) };
  }

  globalThis.liftLayout = { overflows, check };
})();
