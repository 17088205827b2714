import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import '../src/lift-checklist.js';
import { brokenWorld, demoWorld } from './fixtures.js';

interface Args {
  'card-type': string;
  status?: string;
  statuses?: string;
  manage: boolean;
}

type Loaded = { adapter: LiftAdapter; contactId: string };

const meta: Meta<Args> = {
  title: 'Elements/lift-checklist',
  component: 'lift-checklist',
  args: { 'card-type': 'contact', manage: false, statuses: 'actief inactief' },
  argTypes: {
    'card-type': { control: 'text' },
    status: { control: 'text', description: 'Card status; the demo list has items that differ for "gearchiveerd".' },
    statuses: { control: 'text' },
    manage: { control: 'boolean' },
  },
  loaders: [async () => demoWorld()],
  render: (args, { loaded }) => {
    const { adapter, contactId } = loaded as Loaded;
    return html`<lift-checklist
      contact-id=${contactId}
      card-type=${args['card-type']}
      status=${args.status || nothing}
      statuses=${args.statuses || nothing}
      ?manage=${args.manage}
      .adapter=${adapter}
      style="max-width: 48rem"
    ></lift-checklist>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** A contact's checklist from the demo lookup list: some items ticked, some with notes. */
export const Items: Story = {};

/** The lookup list managed in place (add, rename, reorder, categorise, modes per status, delete). */
export const Manage: Story = { args: { manage: true } };

/** A card type without checklist items: the card would hide its Checklist tab. */
export const NoItems: Story = { args: { 'card-type': 'medewerker' } };

/** A role without the checklist right: everything shown, nothing changeable. */
export const NoRights: Story = { loaders: [async () => demoWorld({ role: 'viewer' })] };

/** Manage asked for by a user without the manage right: ignored, with a notice. */
export const ManageWithoutRight: Story = { args: { manage: true }, loaders: [async () => demoWorld({ role: 'employee' })] };

/** An archived contact: read-only, with a banner. */
export const Archived: Story = { loaders: [async () => demoWorld({ archived: true })] };

/** Waiting for the adapter. */
export const Loading: Story = { loaders: [async () => brokenWorld('hanging')] };

/** The adapter failed: the reason and a retry. */
export const LoadError: Story = { loaders: [async () => brokenWorld('failing')] };
