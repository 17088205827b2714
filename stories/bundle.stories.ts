import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { loadFailingOnce } from './fixtures.js';

// Nothing here imports an element: the bar below stays undefined, as it does on a page of the
// one-script bundle whose chunk for it could not be fetched.

interface Args {
  /** The language of the bar's surroundings; without it, the page's (the toolbar's). */
  lang?: string;
}

const meta: Meta<Args> = {
  title: 'Bundle/Code that does not arrive',
  argTypes: { lang: { control: 'inline-radio', options: ['nl', 'en'], description: 'The language of the bar\'s surroundings, which the notice follows; without it, the page\'s.' } },
  // The check of every story lets these elements stay undefined, and asks that each says so.
  parameters: { liftUndefined: true },
  render: (args) => {
    // The first attempt fails, as the page's did; the notice's retry loads the bar's code.
    const place = document.createElement('div');
    if (args.lang) place.lang = args.lang;
    place.append(Object.assign(document.createElement('lift-button-bar'), { buttons: ['save', 'refresh'] }));
    loadFailingOnce(place, 'lift-button-bar', {}, () => import('../src/lift-button-bar.js'));
    return place;
  },
};
export default meta;

type Story = StoryObj<Args>;

/**
 * A `<lift-button-bar>` of the one-script bundle whose code did not arrive (offline, a deploy in
 * between): its place says so in the page's language (Dutch, or the toolbar's), with a retry.
 * Here the retry loads it.
 */
export const InThePageLanguage: Story = {};

/** The same inside English surroundings. */
export const English: Story = { args: { lang: 'en' } };
