import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, render } from 'lit';
import { BUNDLE_ELEMENTS } from '../src/bundle-elements.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import '../src/lift-contact-card.js';
import { demoWorld, loadFailingOnce } from './fixtures.js';

// The card's code is here (imported above); the provider's is not: on a page of the one-script
// bundle, its chunk could not be fetched. Nothing else here imports the provider.

interface Args {
  /** The language of the provider's surroundings; without it, the page's (the toolbar's). */
  lang?: string;
}

type Loaded = { adapter: LiftAdapter; contactId: string };

const meta: Meta<Args> = {
  title: 'Bundle/A provider whose code does not arrive',
  argTypes: { lang: { control: 'inline-radio', options: ['nl', 'en'], description: 'The language of the provider\'s surroundings, which the notice follows; without it, the page\'s.' } },
  // The check of every story lets these elements stay undefined, and asks that each says so.
  parameters: { liftUndefined: true },
  loaders: [async () => demoWorld()],
  render: (args, { loaded }) => {
    const { adapter, contactId } = loaded as Loaded;
    // The first attempt fails, as the page's did; the notice's retry loads the provider's code.
    const provider = BUNDLE_ELEMENTS['lift-data-provider']!;
    const place = document.createElement('div');
    if (args.lang) place.lang = args.lang;
    render(
      html`<lift-data-provider .adapter=${adapter}><lift-contact-card contact-id=${contactId} style="max-width: 64rem"></lift-contact-card></lift-data-provider>`,
      place,
    );
    loadFailingOnce(place, 'lift-data-provider', provider, () => provider.load());
    return place;
  },
};
export default meta;

type Story = StoryObj<Args>;

/**
 * A card inside a `<lift-data-provider>` whose code did not arrive: the card waits for its
 * provider (never reading the built-in database meanwhile), and the provider says its code did
 * not load, in the page's language (Dutch, or the toolbar's), with a retry. Here the retry loads
 * it, and the card shows the provider's contact.
 */
export const InThePageLanguage: Story = {};

/** The same inside English surroundings. */
export const English: Story = { args: { lang: 'en' } };
