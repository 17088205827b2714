/** The self-contained bundle: everything, with every tag registered. */
export * from './index.js';
import './lift-button-bar.js';
