import type { AutoloadedElement } from './internal/autoloader.js';

// Card, timeline and checklist find their adapter by asking the nearest provider as they
// connect; a provider defined after them would not be asked, and they would use the built-in
// database instead of the host's adapter.
const after = ['lift-data-provider'];

/**
 * Every tag of the one-script bundle and where its code is: each `import()` becomes a chunk of
 * its own beside the bundle's entry, fetched relative to the entry's address, together with the
 * chunks it imports (the build adds those imports). A tag defined after others also fetches its
 * code at once (`prefetch`), while it waits.
 */
export const BUNDLE_ELEMENTS: Readonly<Record<string, AutoloadedElement>> = {
  // The provider shows only its children; a card in it that waits for it says when it failed.
  'lift-data-provider': { load: () => import('./lift-data-provider.js'), quiet: true },
  'lift-button-bar': { load: () => import('./lift-button-bar.js') },
  'lift-checklist': { load: () => import('./lift-checklist.js'), prefetch: () => import('./checklist/checklist.js'), after },
  'lift-contact-timeline': { load: () => import('./lift-contact-timeline.js'), prefetch: () => import('./contact-timeline/timeline.js'), after },
  // The card's entry also defines the bar, which every card shows.
  'lift-contact-card': {
    load: () => import('./lift-contact-card.js'),
    prefetch: () => Promise.all([import('./contact-card/contact-card.js'), import('./button-bar/button-bar.js')]),
    after,
  },
};
