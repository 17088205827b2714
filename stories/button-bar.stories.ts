import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../src/lift-button-bar.js';

interface Args {
  buttons?: string;
  dirty: boolean;
  archived: boolean;
  'disabled-actions'?: string;
}

const meta: Meta<Args> = {
  title: 'Elements/lift-button-bar',
  component: 'lift-button-bar',
  args: { dirty: false, archived: false },
  argTypes: {
    buttons: { control: 'text', description: 'Space-separated tokens; empty means all twelve.' },
    'disabled-actions': { control: 'text' },
  },
  render: (args) => html`<lift-button-bar
    buttons=${args.buttons || nothing}
    ?dirty=${args.dirty}
    ?archived=${args.archived}
    disabled-actions=${args['disabled-actions'] || nothing}
    @lift-action=${(event: Event) => console.info('lift-action', (event as CustomEvent).detail)}
  ></lift-button-bar>`,
};
export default meta;

type Story = StoryObj<Args>;

/** All twelve buttons, nothing to save yet. */
export const Clean: Story = {};

/** The card has unsaved changes: Save is lit, Save and Undo can be pressed. */
export const Dirty: Story = { args: { dirty: true } };

/** An archived contact: the archive button offers Unarchive. */
export const Archived: Story = { args: { archived: true } };

/** A host that only allows a few buttons, in its own order. */
export const FewButtons: Story = { args: { buttons: 'save undo refresh search' } };

/** Actions the host has switched off for now stay visible but cannot be pressed. */
export const DisabledActions: Story = { args: { 'disabled-actions': 'copy document reports previous' } };
