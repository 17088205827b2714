/** The twelve buttons of a LIFT card bar, in the seed's order (binding tokens). */
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
