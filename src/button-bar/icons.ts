import { svg, type SVGTemplateResult } from 'lit';
import type { ButtonAction } from '../vocabulary.js';

/** 24×24 stroke icons; `currentColor`, so they follow the button's text colour. */
const paths: Record<ButtonAction | 'more', SVGTemplateResult> = {
  save: svg`<path d="M5 3h11l3 3v15H5z"/><path d="M8 3v6h8V3M8 21v-7h8v7"/>`,
  undo: svg`<path d="M9 14 4 9l5-5"/><path d="M4 9h11a5 5 0 0 1 0 10h-3"/>`,
  refresh: svg`<path d="M20 11a8 8 0 0 0-14.9-3M4 4v4h4M4 13a8 8 0 0 0 14.9 3M20 20v-4h-4"/>`,
  archive: svg`<path d="M3 4h18v4H3zM5 8v12h14V8M10 12h4"/>`,
  unarchive: svg`<path d="M3 4h18v4H3zM5 8v12h14V8M12 18v-6M9 15l3-3 3 3"/>`,
  previous: svg`<path d="m15 18-6-6 6-6"/>`,
  next: svg`<path d="m9 18 6-6-6-6"/>`,
  search: svg`<circle cx="11" cy="11" r="7"/><path d="m20 20-4-4"/>`,
  create: svg`<path d="M12 5v14M5 12h14"/>`,
  copy: svg`<rect x="8" y="8" width="12" height="12" rx="1"/><path d="M16 8V4H4v12h4"/>`,
  document: svg`<path d="M6 3h8l4 4v14H6z"/><path d="M14 3v4h4M9 12h6M9 16h6"/>`,
  reports: svg`<path d="M4 20V10M10 20V4M16 20v-8M22 20H2"/>`,
  'detail-tabs': svg`<rect x="3" y="4" width="18" height="16" rx="1"/><path d="M3 14h18M9 14v6"/>`,
  configure: svg`<path d="M4 6h10M18 6h2M4 12h2M10 12h10M4 18h12M20 18h0"/><circle cx="16" cy="6" r="2"/><circle cx="8" cy="12" r="2"/><circle cx="18" cy="18" r="2"/>`,
  more: svg`<circle cx="5" cy="12" r="1"/><circle cx="12" cy="12" r="1"/><circle cx="19" cy="12" r="1"/>`,
};

export function icon(name: ButtonAction | 'more') {
  return svg`<svg part="icon" viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${paths[name]}</svg>`;
}
