// The words of the library's attributes, events and stored choices, in one place: what hosts
// write in markup and what elements, events and preferences agree on.

/** The twelve buttons of a LIFT card bar, in their order on the bar; hosts write these tokens. */
export const BUTTON_TOKENS = [
  'save',
  'undo',
  'refresh',
  'archive',
  'selection',
  'search',
  'create',
  'copy',
  'document',
  'reports',
  'detail-tabs',
  'configure',
] as const;

export type ButtonToken = (typeof BUTTON_TOKENS)[number];

/** What a press reports: the token, except that `selection` is two buttons and archive flips. */
export type ButtonAction = Exclude<ButtonToken, 'selection'> | 'previous' | 'next' | 'unarchive';

/** Buttons whose press opens a menu (unless the host cancels the press). */
export const MENU_ACTIONS: ReadonlySet<ButtonAction> = new Set<ButtonAction>(['create', 'document', 'reports', 'configure', 'detail-tabs']);

/** The card's main tabs, in order: Overview, Projects, Correspondence, Checklist. */
export const MAIN_TABS = ['overview', 'projects', 'correspondence', 'checklist'] as const;
export type MainTab = (typeof MAIN_TABS)[number];

/**
 * The detail tabs at the bottom of the card (tokens of `detail-tabs`): `personal` (the name),
 * `function` (function and relation), `project` (a project from the Projects tab), `item` (an
 * entry from the overview or correspondence), `checklist-item` (the checklist items in detail).
 */
export const DETAIL_TABS = ['personal', 'function', 'project', 'item', 'checklist-item'] as const;
export type DetailTab = (typeof DETAIL_TABS)[number];

/** What a `<lift-contact-timeline>` shows (its `scope`): the whole overview or the correspondence. */
export const TIMELINE_SCOPES = ['all', 'correspondence'] as const;
export type TimelineScope = (typeof TIMELINE_SCOPES)[number];

/** The card type under which a contact card's preferences and checklist are kept. */
export const CARD_TYPE = 'contact';
