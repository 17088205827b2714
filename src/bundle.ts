/**
 * The one-script bundle's entry: defines each `lift-*` tag when the first element of it appears
 * in the document (present when the script runs, or added later), loading that element's code
 * from the chunks beside this file. The provider is defined before the elements that use it.
 *
 * Elements inside a shadow root are out of the document's sight: their host imports their entry,
 * or passes the shadow root to `discover`. The library's classes, events and adapters are in the
 * bundle's second entry, `lift-elements.library.js`, which shares these chunks.
 */
import { autoload } from './internal/autoloader.js';
import { BUNDLE_ELEMENTS } from './bundle-elements.js';

const autoloader = autoload(BUNDLE_ELEMENTS);

/** Defines the `lift-*` elements found in `root` (a shadow root, say); resolves when they are defined or failed. */
export const discover = (root: Document | Element | DocumentFragment): Promise<void> => autoloader.discover(root);
