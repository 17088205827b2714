/**
 * The self-contained bundle: every element registered (the provider first, so consumers parsed
 * in the same page find it) and the library's exports. The demo-data generator is left out to
 * keep the bundle small; load `dist/data/demo-data.js` beside it when a page needs demo data.
 */
export * from './library.js';
import './lift-data-provider.js';
import './lift-button-bar.js';
import './lift-checklist.js';
