import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import type { MenuOption } from '../src/button-bar/button-bar.js';
import '../src/lift-button-bar.js';
import { tokens } from './tokens.js';

interface Args {
  buttons?: string[];
  'visible-buttons'?: string[];
  'allowed-actions'?: string[];
  'disabled-actions'?: string[];
  'selection-position'?: number;
  'selection-size'?: number;
  dirty: boolean;
  archived: boolean;
  width?: string;
  documents: MenuOption[];
  reports: MenuOption[];
  detailTabOptions: MenuOption[];
  visibleDetailTabs?: string[];
}

const documents: MenuOption[] = [
  { id: 'offerte', label: 'Offertebrief' },
  { id: 'bevestiging', label: 'Opdrachtbevestiging' },
];
const reports: MenuOption[] = [
  { id: 'activity', label: 'Activiteit per maand' },
  { id: 'summary', label: 'Contactoverzicht (afdrukken)' },
];
const detailTabs: MenuOption[] = [
  { id: 'personal', label: 'Persoonsgegevens' },
  { id: 'function', label: 'Functie en relatie' },
  { id: 'project', label: 'Project' },
  { id: 'item', label: 'Item' },
];

const meta: Meta<Args> = {
  title: 'Elements/lift-button-bar',
  component: 'lift-button-bar',
  args: {
    dirty: false,
    archived: false,
    documents,
    reports,
    detailTabOptions: detailTabs,
    // All of them, as the bar shows when the property is unset, so the checkboxes start as the menu does.
    visibleDetailTabs: detailTabs.map((tab) => tab.id),
    width: '100%',
  },
  argTypes: {
    buttons: { description: 'The buttons, in this order; none chosen means all twelve.' },
    'selection-position': { control: { type: 'number', min: 1 } },
    'selection-size': { control: { type: 'number', min: 0 } },
    width: { control: 'text', description: 'Width of the container (not an attribute): try 600px or 240px.' },
    documents: { control: 'object' },
    reports: { control: 'object' },
    detailTabOptions: { control: 'object' },
    // The tabs ticked in the Detail tabs menu, by the ids of the demo's `detailTabOptions`.
    visibleDetailTabs: { control: 'check', options: detailTabs.map((tab) => tab.id) },
  },
  render: (args) => html`<div style="width: ${args.width ?? '100%'}; padding-bottom: 16rem">
    <lift-button-bar
      buttons=${tokens(args.buttons)}
      visible-buttons=${tokens(args['visible-buttons'])}
      allowed-actions=${tokens(args['allowed-actions'])}
      disabled-actions=${tokens(args['disabled-actions'])}
      selection-position=${args['selection-position'] ?? nothing}
      selection-size=${args['selection-size'] ?? nothing}
      ?dirty=${args.dirty}
      ?archived=${args.archived}
      .documents=${args.documents}
      .reports=${args.reports}
      .detailTabOptions=${args.detailTabOptions}
      .visibleDetailTabs=${args.visibleDetailTabs}
      @lift-action=${(event: Event) => console.info('lift-action', (event as CustomEvent).detail)}
    ></lift-button-bar>
  </div>`,
};
export default meta;

type Story = StoryObj<Args>;

/** All twelve buttons, nothing to save yet: Save and Undo cannot be pressed. */
export const Clean: Story = {};

/** The card has unsaved changes: Save is lit (weight and a dot, not colour alone). */
export const Dirty: Story = { args: { dirty: true } };

/** An archived contact: the archive button offers Unarchive. */
export const Archived: Story = { args: { archived: true } };

/** A read-only role: only what the rights allow is shown. */
export const NoRights: Story = { args: { 'allowed-actions': ['refresh', 'selection', 'search', 'reports'] } };

/** The first card of a selection of twelve: Previous is disabled. */
export const SelectionAtStart: Story = { args: { 'selection-position': 1, 'selection-size': 12 } };

/** The last card of the selection: Next is disabled. */
export const SelectionAtEnd: Story = { args: { 'selection-position': 12, 'selection-size': 12 } };

/** Not enough room for labels: icons with tooltips. */
export const Compact: Story = { args: { width: '640px', 'selection-position': 3, 'selection-size': 12 } };

/** Icons alone, the first one focused as from the keyboard: its name shows beneath it. */
export const CompactFocused: Story = {
  args: { width: '640px' },
  play: async ({ canvasElement }) => {
    const bar = canvasElement.querySelector('lift-button-bar')!;
    await bar.updateComplete;
    // Two frames: the bar has measured its width and dropped the labels it has no room for.
    for (let i = 0; i < 2; i++) await new Promise(requestAnimationFrame);
    await bar.updateComplete;
    bar.shadowRoot!.querySelector<HTMLElement>('[part~="button"].icon-only')?.focus({ focusVisible: true } as FocusOptions);
  },
};

/** Very narrow: what does not fit moves into the "more actions" menu. */
export const Narrow: Story = { args: { width: '240px', dirty: true } };

/** The user's own choice of buttons (Configure), as the card stored it. */
export const UserChoice: Story = { args: { 'visible-buttons': ['save', 'undo', 'refresh', 'search', 'configure'] } };

/** No templates: the New document menu says so. */
export const NoTemplates: Story = { args: { documents: [], buttons: ['save', 'document', 'reports'] } };
