/**
 * The self-contained bundle: every element registered (the provider first, so consumers parsed
 * in the same page find it) and the library's exports. The in-memory adapter and the demo-data
 * generator are left out to keep it small; load `dist/data/adapters/memory-adapter.js` or
 * `dist/data/demo/demo-data.js` beside it when a page needs them.
 */
export * from './library.js';
import './lift-data-provider.js';
import './lift-button-bar.js';
import './lift-checklist.js';
import './lift-contact-timeline.js';
import './lift-contact-card.js';
