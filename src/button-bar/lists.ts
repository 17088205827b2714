import { tokenListProperty } from '../internal/token-list.js';
import { BUTTON_TOKENS, type ButtonAction, type ButtonToken } from '../vocabulary.js';
import type { LiftButtonBar } from './button-bar.js';

/** Actions a host may disable: the buttons' own tokens plus the two halves of `selection`. */
export const DISABLEABLE: readonly ButtonAction[] = [
  ...BUTTON_TOKENS.filter((t): t is Exclude<ButtonToken, 'selection'> => t !== 'selection'),
  'previous',
  'next',
];

/** The bar's token lists of what it shows, as it reads them (unset: no limit). */
export interface ButtonLists {
  buttons: readonly ButtonToken[];
  visible: readonly ButtonToken[] | undefined;
  allowed: readonly ButtonToken[] | undefined;
}

const read = <T extends string>(value: unknown, allowed: readonly T[], name: string) => tokenListProperty(value, allowed, `<lift-button-bar> ${name}`);

/**
 * The host's lists as the bar and its menus read them: a framework may set a property to the
 * attribute's words, read as the attribute is; any other value that is no list is warned of
 * once and read as unset, rather than failing every update.
 */
export const readLists = (bar: Pick<LiftButtonBar, 'buttons' | 'visibleButtons' | 'allowedActions'>): ButtonLists => ({
  buttons: read(bar.buttons, BUTTON_TOKENS, 'buttons') ?? BUTTON_TOKENS,
  visible: read(bar.visibleButtons, BUTTON_TOKENS, 'visible-buttons'),
  allowed: read(bar.allowedActions, BUTTON_TOKENS, 'allowed-actions'),
});

/** The actions the host disabled, read the same way (asked once per button at each render: only this list is read). */
export const disabledOf = (bar: Pick<LiftButtonBar, 'disabledActions'>): readonly ButtonAction[] | undefined => read(bar.disabledActions, DISABLEABLE, 'disabled-actions');
