import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { LiftActionEvent } from '../events.js';
import { LocalizeController, type MessageKey } from '../i18n/localize.js';
import { LiftElement } from '../internal/lift-element.js';
import { tokenListConverter } from '../internal/token-list.js';
import { BUTTON_TOKENS, type ButtonAction, type ButtonToken } from './actions.js';
import { buttonBarStyles } from './button-bar.styles.js';

/** Actions a host may disable: the buttons' own tokens plus the two halves of `selection`. */
const DISABLEABLE: readonly ButtonAction[] = [
  ...BUTTON_TOKENS.filter((t): t is Exclude<ButtonToken, 'selection'> => t !== 'selection'),
  'previous',
  'next',
];

/**
 * The action bar above a LIFT card's main tabs: the twelve buttons of the seed, as a WAI-ARIA
 * toolbar with one tab stop. It only reports presses; the host card performs them.
 *
 * @summary A configurable toolbar of card actions (save, undo, refresh, archive, …).
 *
 * @event {LiftActionEvent} lift-action - A button was pressed. `detail.action` names it
 *   (`save`, `undo`, `refresh`, `archive`, `unarchive`, `previous`, `next`, `search`,
 *   `create`, `copy`, `document`, `reports`, `detail-tabs`, `configure`). Cancelable.
 *
 * @csspart toolbar - The row that holds the buttons.
 * @csspart button - Every button.
 * @csspart button-save - The save button (each button also has `button-<action>`).
 *
 * @cssproperty --lift-button-bar-background - Background of the bar; defaults to `--lift-color-surface`.
 * @cssproperty --lift-button-bar-gap - Space between buttons.
 * @cssproperty --lift-button-bar-padding - Padding around the buttons.
 * @cssproperty --lift-button-background - Background of a button.
 * @cssproperty --lift-button-background-hover - Background of a hovered button.
 * @cssproperty --lift-color-accent - Colour of the lit save button when the card is dirty.
 * @cssproperty --lift-color-focus - Focus ring colour.
 */
export class LiftButtonBar extends LiftElement {
  static override styles = buttonBarStyles;

  /**
   * Which buttons the bar shows, in order: space-separated tokens among `save undo refresh
   * archive selection search create copy document reports detail-tabs configure`. Unknown
   * tokens are ignored with a warning. Default: all twelve in that order.
   */
  @property({ converter: tokenListConverter(BUTTON_TOKENS, '<lift-button-bar> buttons') })
  buttons: ButtonToken[] | undefined;

  /** The card has unsaved changes: Save and Undo are enabled and Save is lit. */
  @property({ type: Boolean, reflect: true })
  dirty = false;

  /** The card's record is archived: the archive button offers Unarchive. */
  @property({ type: Boolean, reflect: true })
  archived = false;

  /** Actions shown but not available now (tokens as in `buttons`, plus `previous` / `next`). */
  @property({
    attribute: 'disabled-actions',
    converter: tokenListConverter(DISABLEABLE, '<lift-button-bar> disabled-actions'),
  })
  disabledActions: ButtonAction[] | undefined;

  readonly #i18n = new LocalizeController(this);
  /** Index of the button that holds the toolbar's single tab stop. */
  #focusIndex = 0;

  /** The actions rendered, in order. */
  get actions(): ButtonAction[] {
    return (this.buttons ?? BUTTON_TOKENS).flatMap((token): ButtonAction[] => {
      if (token === 'selection') return ['previous', 'next'];
      if (token === 'archive') return [this.archived ? 'unarchive' : 'archive'];
      return [token];
    });
  }

  /** Whether `action` is shown but cannot be pressed now. */
  isDisabled(action: ButtonAction): boolean {
    if ((action === 'save' || action === 'undo') && !this.dirty) return true;
    const disabled = this.disabledActions ?? [];
    if (action === 'unarchive') return disabled.includes('archive');
    return disabled.includes(action);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('buttons')) this.#focusIndex = Math.min(this.#focusIndex, Math.max(0, this.actions.length - 1));
  }

  protected override render() {
    const actions = this.actions;
    return html`<div
      role="toolbar"
      part="toolbar"
      aria-label=${this.#i18n.t('buttonBar.label')}
      @keydown=${this.#onKeydown}
    >
      ${actions.map((action, index) => {
        const disabled = this.isDisabled(action);
        return html`<button
          type="button"
          part="button button-${action}"
          data-action=${action}
          tabindex=${index === this.#focusIndex ? 0 : -1}
          aria-disabled=${disabled ? 'true' : 'false'}
          aria-keyshortcuts=${shortcutFor(action) ?? nothing}
          title=${this.#title(action)}
          @click=${() => this.#press(action, index)}
        >
          ${this.#i18n.t(`action.${action}` as MessageKey)}
        </button>`;
      })}
    </div>`;
  }

  #title(action: ButtonAction): string {
    const label = this.#i18n.t(`action.${action}` as MessageKey);
    const shortcut = shortcutFor(action);
    return shortcut ? `${label} (${shortcut.replace('Control', 'Ctrl')})` : label;
  }

  #press(action: ButtonAction, index: number): void {
    this.#focusIndex = index;
    this.requestUpdate();
    if (this.isDisabled(action)) return;
    /** @ignore documented as `lift-action` on the class */
    this.dispatchEvent(new LiftActionEvent(action));
  }

  /** APG toolbar: arrows move between buttons (wrapping), Home / End jump to the ends. */
  #onKeydown(event: KeyboardEvent): void {
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('[part~="button"]')];
    if (!buttons.length) return;
    const current = Math.max(0, buttons.indexOf(event.target as HTMLButtonElement));
    const last = buttons.length - 1;
    const rtl = getComputedStyle(this).direction === 'rtl';
    const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
    const backward = rtl ? 'ArrowRight' : 'ArrowLeft';
    let next: number;
    switch (event.key) {
      case forward:
        next = current === last ? 0 : current + 1;
        break;
      case backward:
        next = current === 0 ? last : current - 1;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = last;
        break;
      default:
        return;
    }
    event.preventDefault();
    this.#focusIndex = next;
    for (const [i, button] of buttons.entries()) button.tabIndex = i === next ? 0 : -1;
    buttons[next]!.focus();
  }
}

/** Keyboard shortcuts the host card implements, announced through `aria-keyshortcuts`. */
function shortcutFor(action: ButtonAction): string | undefined {
  switch (action) {
    case 'save':
      return 'Control+S';
    case 'previous':
      return 'Alt+PageUp';
    case 'next':
      return 'Alt+PageDown';
    default:
      return undefined;
  }
}
