import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { LiftActionEvent, LiftButtonsChangeEvent, LiftDetailTabsChangeEvent, type LiftActionDetail, type WorkKindChoice } from '../events.js';
import { LocalizeController } from '../i18n/localize.js';
import { buttonBarMessages } from './messages.js';
import { LiftElement } from '../internal/lift-element.js';
import { integerConverter } from '../internal/number-attribute.js';
import { tokenListConverter } from '../internal/token-list.js';
import { BUTTON_TOKENS, type ButtonAction, type ButtonToken } from './actions.js';
import { buttonBarStyles } from './button-bar.styles.js';
import { sharedStyles } from '../internal/shared-styles.js';
import { icon } from './icons.js';

/** An entry a host offers in the document, reports or detail-tabs menus. */
export interface MenuOption {
  id: string;
  label: string;
}

/** Actions a host may disable: the buttons' own tokens plus the two halves of `selection`. */
const DISABLEABLE: readonly ButtonAction[] = [
  ...BUTTON_TOKENS.filter((t): t is Exclude<ButtonToken, 'selection'> => t !== 'selection'),
  'previous',
  'next',
];
const MENU_ACTIONS = new Set<ButtonAction>(['create', 'document', 'reports', 'configure', 'detail-tabs']);
const WORK_KINDS: readonly WorkKindChoice[] = ['lead', 'request', 'project'];
const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

interface MenuItem {
  label: string;
  checked?: boolean;
  disabled?: boolean;
  separatorBefore?: boolean;
  run: () => void;
}

type MenuName = ButtonAction | 'more';

/**
 * The action bar above a LIFT card's main tabs: the twelve buttons of the seed, as a WAI-ARIA
 * toolbar with one tab stop. It reports presses and choices; the host card performs them and
 * stores the user's layout choices — the bar keeps no storage of its own.
 *
 * Buttons show an icon and a label while they fit the bar's own width, then icons with tooltips,
 * and what still does not fit moves into a "more actions" menu.
 *
 * Keyboard: Arrow Left / Right, Home and End move between buttons; Enter, Space or Arrow Down
 * open a button's menu; in a menu Arrow Up / Down, Home and End move, Escape closes it and
 * returns focus to its button. The host card implements the shortcuts the tooltips announce:
 * Ctrl+S (⌘S on a Mac) saves, Alt+Page Up / Alt+Page Down go to the previous / next card.
 *
 * @summary A configurable toolbar of card actions (save, undo, refresh, archive, …).
 *
 * @event {LiftActionEvent} lift-action - A button was pressed (`detail.action`) or an item of its
 *   menu chosen (`detail.kind` for `create`, `detail.id` for `document` and `reports`). Actions:
 *   `save undo refresh archive unarchive previous next search create copy document reports
 *   detail-tabs configure`. Cancelable; cancelling a press of a menu button keeps its menu shut.
 * @event {LiftButtonsChangeEvent} lift-buttons-change - The user chose other buttons (button 12);
 *   `detail.buttons` is the new list, `undefined` after a reset. Cancelable.
 * @event {LiftDetailTabsChangeEvent} lift-detail-tabs-change - The user chose other detail tabs
 *   (button 11); `detail.detailTabs` is the new list, `undefined` after a reset. Cancelable.
 *
 * @csspart toolbar - The row that holds the buttons.
 * @csspart button - Every button of the row (each also has `button-<action>`, e.g. `button-save`).
 * @csspart icon - The icon inside a button.
 * @csspart selection-position - The "3 / 12" between previous and next.
 * @csspart menu - An open menu.
 * @csspart menu-item - An item of a menu.
 *
 * @cssproperty --lift-button-bar-background - Background of the bar; defaults to `--lift-color-surface`.
 * @cssproperty --lift-button-bar-gap - Space between buttons.
 * @cssproperty --lift-button-bar-padding - Padding around the buttons.
 * @cssproperty --lift-button-background - Background of a button.
 * @cssproperty --lift-button-background-hover - Background of a hovered button.
 * @cssproperty --lift-color-accent - Colour of the lit save button when the card is dirty.
 * @cssproperty --lift-color-on-accent - Text colour on the accent colour.
 * @cssproperty --lift-color-focus - Focus ring colour.
 * @cssproperty --lift-menu-background - Background of menus.
 * @cssproperty --lift-menu-z-index - Stacking order of open menus.
 */
export class LiftButtonBar extends LiftElement {
  static override styles = [sharedStyles, buttonBarStyles];

  /**
   * Which buttons the bar may show, in order: space-separated tokens among `save undo refresh
   * archive selection search create copy document reports detail-tabs configure`. Unknown
   * tokens are ignored with a warning. Default: all twelve in that order.
   */
  @property({ converter: tokenListConverter(BUTTON_TOKENS, '<lift-button-bar> buttons') })
  buttons: ButtonToken[] | undefined;

  /** The user's choice among `buttons` (button 12), as the host stored it. Default: all of them. */
  @property({ attribute: 'visible-buttons', converter: tokenListConverter(BUTTON_TOKENS, '<lift-button-bar> visible-buttons') })
  visibleButtons: ButtonToken[] | undefined;

  /** The actions the user's rights allow (tokens as in `buttons`); the rest are hidden. Default: all. */
  @property({ attribute: 'allowed-actions', converter: tokenListConverter(BUTTON_TOKENS, '<lift-button-bar> allowed-actions') })
  allowedActions: ButtonToken[] | undefined;

  /** The card has unsaved changes: Save and Undo are enabled and Save is lit. */
  @property({ type: Boolean, reflect: true })
  dirty = false;

  /** The card's record is archived: the archive button offers Unarchive. */
  @property({ type: Boolean, reflect: true })
  archived = false;

  /** Actions shown but not available now (tokens as in `buttons`, plus `previous` / `next`). */
  @property({ attribute: 'disabled-actions', converter: tokenListConverter(DISABLEABLE, '<lift-button-bar> disabled-actions') })
  disabledActions: ButtonAction[] | undefined;

  /** Position of the current card in the selection, from 1. */
  @property({ attribute: 'selection-position', converter: integerConverter(1, '<lift-button-bar> selection-position') })
  selectionPosition: number | undefined;

  /** Number of cards in the selection. */
  @property({ attribute: 'selection-size', converter: integerConverter(0, '<lift-button-bar> selection-size') })
  selectionSize: number | undefined;

  /** The document templates offered by the New document menu. */
  @property({ attribute: false })
  documents: MenuOption[] = [];

  /** The reports offered by the Reports menu. */
  @property({ attribute: false })
  reports: MenuOption[] = [];

  /** The card's detail tabs, offered by the Detail tabs menu. */
  @property({ attribute: false })
  detailTabOptions: MenuOption[] = [];

  /** The detail tabs the user shows (ids of `detailTabOptions`). Default: all of them. */
  @property({ attribute: false })
  visibleDetailTabs: string[] | undefined;

  /** Labels hidden, icons with tooltips: the bar is too narrow for labels. */
  @state() protected compact = false;
  /** How many trailing actions live in the overflow menu. */
  @state() protected overflowCount = 0;
  @state() protected openMenu: MenuName | undefined;

  @query('[part~="toolbar"]') private toolbar!: HTMLElement;
  @query('.measure') private measureRow!: HTMLElement;

  readonly #i18n = new LocalizeController(this, buttonBarMessages);
  /** Index of the button that holds the toolbar's single tab stop. */
  #focusIndex = 0;
  #resizeObserver: ResizeObserver | undefined;
  #menuTrigger: HTMLElement | undefined;

  /** The actions shown, in order, before overflow. */
  get actions(): ButtonAction[] {
    const allowed = this.allowedActions && new Set(this.allowedActions);
    const chosen = this.visibleButtons && new Set<ButtonToken>([...this.visibleButtons, 'configure']);
    return (this.buttons ?? BUTTON_TOKENS)
      .filter((token) => (!allowed || allowed.has(token)) && (!chosen || chosen.has(token)))
      .flatMap((token): ButtonAction[] => {
        if (token === 'selection') return ['previous', 'next'];
        if (token === 'archive') return [this.archived ? 'unarchive' : 'archive'];
        return [token];
      });
  }

  /** Whether `action` is shown but cannot be pressed now. */
  isDisabled(action: ButtonAction): boolean {
    if ((action === 'save' || action === 'undo') && !this.dirty) return true;
    if (action === 'previous') return !this.#hasSelection() || this.selectionPosition! <= 1;
    if (action === 'next') return !this.#hasSelection() || this.selectionPosition! >= this.selectionSize!;
    const disabled = this.disabledActions ?? [];
    return disabled.includes(action === 'unarchive' ? 'archive' : action);
  }

  #hasSelection(): boolean {
    return this.selectionPosition !== undefined && Boolean(this.selectionSize) && this.selectionPosition <= this.selectionSize!;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#resizeObserver = new ResizeObserver(() => this.#layout());
    this.#resizeObserver.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resizeObserver?.disconnect();
    cancelAnimationFrame(this.#layoutFrame);
    this.#layoutFrame = 0;
    this.#closeMenu(false);
  }

  protected override updated(changed: PropertyValues): void {
    // Anything that changes the buttons' widths can change the layout: measure in the next
    // frame, outside this update, rather than schedule another update from inside it.
    if (!changed.has('openMenu') || changed.size > 1) this.#scheduleLayout();
    if (changed.has('openMenu') && this.openMenu) this.#positionMenu();
  }

  #layoutFrame = 0;
  #scheduleLayout(): void {
    if (this.#layoutFrame) return;
    this.#layoutFrame = requestAnimationFrame(() => {
      this.#layoutFrame = 0;
      this.#layout();
    });
  }

  /** Labels when everything fits; icons when that fits; otherwise the tail moves to "more". */
  #layout(): void {
    if (!this.toolbar || !this.measureRow) return;
    const style = getComputedStyle(this.toolbar);
    const available = this.toolbar.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (available <= 0) return;
    const gap = parseFloat(style.columnGap) || 0;
    const items = [...this.measureRow.children] as HTMLElement[];
    const labelled = items.filter((el) => el.dataset.measure === 'labelled');
    const compactWidth = items.find((el) => el.dataset.measure === 'compact')?.offsetWidth ?? 36;
    const positionWidth = items.find((el) => el.dataset.measure === 'position')?.offsetWidth ?? 0;
    const count = labelled.length;
    const extra = this.actions.includes('previous') && this.#hasSelection() ? positionWidth + gap : 0;
    const total = (widths: number) => widths + gap * Math.max(0, count - 1) + extra;
    let compact = false;
    let overflow = 0;
    if (total(labelled.reduce((sum, el) => sum + el.offsetWidth, 0)) > available + 0.5) {
      compact = true;
      if (total(compactWidth * count) > available + 0.5) {
        const fit = Math.floor((available - compactWidth - extra) / (compactWidth + gap));
        overflow = Math.min(count, Math.max(0, count - Math.max(0, fit)));
      }
    }
    if (compact !== this.compact) this.compact = compact;
    if (overflow !== this.overflowCount) this.overflowCount = overflow;
  }

  protected override render() {
    const actions = this.actions;
    const shown = actions.slice(0, actions.length - this.overflowCount);
    const overflowed = actions.slice(actions.length - this.overflowCount);
    const focusables = overflowed.length ? shown.length + 1 : shown.length;
    if (this.#focusIndex >= focusables) this.#focusIndex = Math.max(0, focusables - 1);
    return html`<div
        role="toolbar"
        part="toolbar"
        class=${this.compact ? 'compact' : ''}
        aria-label=${this.#i18n.t('label')}
        @keydown=${this.#onToolbarKeydown}
        @focusin=${this.#onFocusin}
      >
        ${shown.map((action, index) => this.#renderButton(action, index))}
        ${overflowed.length ? this.#renderMoreButton(shown.length) : nothing}
      </div>
      ${this.openMenu ? this.#renderMenu(this.openMenu) : nothing}
      <div class="measure" aria-hidden="true" inert>
        ${actions.map((action) => html`<button tabindex="-1" data-measure="labelled">${icon(action)}<span>${this.#label(action)}</span></button>`)}
        <button tabindex="-1" data-measure="compact">${icon('more')}</button>
        <span part="selection-position" data-measure="position">${this.#positionText()}</span>
      </div>`;
  }

  #label(action: ButtonAction | 'selection'): string {
    return this.#i18n.t(`action.${action}`);
  }

  #shortcut(action: ButtonAction): { aria: string; shown: string } | undefined {
    if (action === 'save') return { aria: 'Control+S Meta+S', shown: isMac() ? '⌘S' : 'Ctrl+S' };
    if (action === 'previous') return { aria: 'Alt+PageUp', shown: 'Alt+PageUp' };
    if (action === 'next') return { aria: 'Alt+PageDown', shown: 'Alt+PageDown' };
    return undefined;
  }

  #positionText(): string {
    return this.#hasSelection()
      ? this.#i18n.t('position', { position: this.#i18n.number(this.selectionPosition!), size: this.#i18n.number(this.selectionSize!) })
      : this.#i18n.t('noSelection');
  }

  #renderButton(action: ButtonAction, index: number): TemplateResult {
    const label = this.#label(action);
    const shortcut = this.#shortcut(action);
    const hasMenu = MENU_ACTIONS.has(action);
    const button = html`<button
      type="button"
      part="button button-${action}"
      data-action=${action}
      tabindex=${index === this.#focusIndex ? 0 : -1}
      aria-disabled=${this.isDisabled(action) ? 'true' : 'false'}
      aria-keyshortcuts=${ifDefined(shortcut?.aria)}
      aria-haspopup=${ifDefined(hasMenu ? 'menu' : undefined)}
      aria-expanded=${ifDefined(hasMenu ? (this.openMenu === action ? 'true' : 'false') : undefined)}
      title=${shortcut ? `${label} (${shortcut.shown})` : label}
      @click=${(event: MouseEvent) => this.#press(action, event.currentTarget as HTMLElement, event.detail === 0)}
    >
      ${icon(action)}<span class="label">${label}</span>
    </button>`;
    if (action !== 'previous' || !this.#hasSelection()) return button;
    return html`${button}<span part="selection-position" aria-live="polite">${this.#positionText()}</span>`;
  }

  #renderMoreButton(index: number): TemplateResult {
    const label = this.#i18n.t('more');
    return html`<button
      type="button"
      part="button button-more"
      data-action="more"
      tabindex=${index === this.#focusIndex ? 0 : -1}
      aria-haspopup="menu"
      aria-expanded=${this.openMenu === 'more' ? 'true' : 'false'}
      title=${label}
      @click=${(event: MouseEvent) => this.#toggleMenu('more', event.currentTarget as HTMLElement)}
    >
      ${icon('more')}<span class="label">${label}</span>
    </button>`;
  }

  /** A press: tell the host; unless it cancels, open the action's menu if it has one. */
  #press(action: ButtonAction, trigger: HTMLElement, fromKeyboard = false): void {
    const index = [...this.toolbar.querySelectorAll('[part~="button"]')].indexOf(trigger);
    if (index >= 0) this.#focusIndex = index;
    if (this.isDisabled(action)) return;
    if (MENU_ACTIONS.has(action) && this.openMenu === action) {
      this.#closeMenu(true);
      return;
    }
    /** @ignore documented as `lift-action` on the class */
    const allowed = this.dispatchEvent(new LiftActionEvent({ action }));
    if (allowed && MENU_ACTIONS.has(action)) this.#toggleMenu(action, trigger, fromKeyboard);
  }

  #choose(detail: LiftActionDetail): void {
    this.#closeMenu(true);
    /** @ignore documented as `lift-action` on the class */
    this.dispatchEvent(new LiftActionEvent(detail));
  }

  // ------------------------------------------------------------------ menus

  #menuItems(name: MenuName): MenuItem[] {
    const t = this.#i18n.t.bind(this.#i18n);
    switch (name) {
      case 'create':
        return WORK_KINDS.map((kind) => ({ label: t(`create.${kind}`), run: () => this.#choose({ action: 'create', kind }) }));
      case 'document':
      case 'reports': {
        const options = name === 'document' ? this.documents : this.reports;
        if (!options.length) return [{ label: t(name === 'document' ? 'noDocuments' : 'noReports'), disabled: true, run: () => undefined }];
        return options.map((option) => ({ label: option.label, run: () => this.#choose({ action: name, id: option.id }) }));
      }
      case 'configure': {
        const all = this.buttons ?? [...BUTTON_TOKENS];
        const shown = new Set(this.visibleButtons ?? all);
        return [
          ...all
            .filter((token) => token !== 'configure' && (!this.allowedActions || this.allowedActions.includes(token)))
            .map((token) => ({
              label: this.#label(token),
              checked: shown.has(token),
              run: () => {
                const next = all.filter((t) => (t === token ? !shown.has(t) : shown.has(t) || t === 'configure'));
                this.#changeButtons(next);
              },
            })),
          { label: t('reset'), separatorBefore: true, run: () => this.#changeButtons(undefined, true) },
        ];
      }
      case 'detail-tabs': {
        if (!this.detailTabOptions.length) return [{ label: t('noDetailTabs'), disabled: true, run: () => undefined }];
        const shown = new Set(this.visibleDetailTabs ?? this.detailTabOptions.map((o) => o.id));
        return [
          ...this.detailTabOptions.map((option) => ({
            label: option.label,
            checked: shown.has(option.id),
            run: () => this.#changeDetailTabs(this.detailTabOptions.map((o) => o.id).filter((id) => (id === option.id ? !shown.has(id) : shown.has(id)))),
          })),
          { label: t('reset'), separatorBefore: true, run: () => this.#changeDetailTabs(undefined, true) },
        ];
      }
      case 'more': {
        const actions = this.actions;
        return actions.slice(actions.length - this.overflowCount).map((action) => ({
          label: action === 'previous' && this.#hasSelection() ? `${this.#label(action)} (${this.#positionText()})` : this.#label(action),
          disabled: this.isDisabled(action),
          run: () => {
            const trigger = this.#menuTrigger!;
            this.#closeMenu(!MENU_ACTIONS.has(action));
            this.#press(action, trigger, true);
          },
        }));
      }
      default:
        return [];
    }
  }

  #changeButtons(buttons: ButtonToken[] | undefined, close = false): void {
    const event = new LiftButtonsChangeEvent(buttons);
    /** @ignore documented as `lift-buttons-change` on the class */
    if (this.dispatchEvent(event)) this.visibleButtons = buttons;
    if (close) this.#closeMenu(true);
  }

  #changeDetailTabs(detailTabs: string[] | undefined, close = false): void {
    const event = new LiftDetailTabsChangeEvent(detailTabs);
    /** @ignore documented as `lift-detail-tabs-change` on the class */
    if (this.dispatchEvent(event)) this.visibleDetailTabs = detailTabs;
    if (close) this.#closeMenu(true);
  }

  #renderMenu(name: MenuName): TemplateResult {
    const label = name === 'more' ? this.#i18n.t('more') : this.#label(name);
    return html`<div role="menu" part="menu" aria-label=${label} @keydown=${this.#onMenuKeydown}>
      ${this.#menuItems(name).map(
        (item) => html`${item.separatorBefore ? html`<hr role="separator" />` : nothing}<button
            type="button"
            part="menu-item"
            role=${item.checked === undefined ? 'menuitem' : 'menuitemcheckbox'}
            aria-checked=${ifDefined(item.checked === undefined ? undefined : item.checked ? 'true' : 'false')}
            aria-disabled=${item.disabled ? 'true' : 'false'}
            tabindex="-1"
            @click=${() => !item.disabled && item.run()}
          >
            ${item.label}
          </button>`,
      )}
    </div>`;
  }

  #toggleMenu(name: MenuName, trigger: HTMLElement, focusFirst = true): void {
    if (this.openMenu === name) return this.#closeMenu(true);
    this.#menuTrigger = trigger;
    this.openMenu = name;
    document.addEventListener('pointerdown', this.#onOutsidePointer, true);
    void this.updateComplete.then(() => {
      if (focusFirst || this.openMenu) this.#menuButtons()[0]?.focus();
    });
  }

  #closeMenu(returnFocus: boolean): void {
    if (!this.openMenu) return;
    this.openMenu = undefined;
    document.removeEventListener('pointerdown', this.#onOutsidePointer, true);
    const trigger = this.#menuTrigger;
    this.#menuTrigger = undefined;
    if (returnFocus && trigger?.isConnected) trigger.focus();
  }

  #menuButtons(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('[part~="menu-item"]')];
  }

  /** Places the menu under its button, inside the bar's box where it can. */
  #positionMenu(): void {
    const menu = this.renderRoot.querySelector<HTMLElement>('[part~="menu"]');
    const trigger = this.#menuTrigger;
    if (!menu || !trigger) return;
    const host = this.getBoundingClientRect();
    const anchor = trigger.getBoundingClientRect();
    const left = Math.max(0, Math.min(anchor.left - host.left, host.width - menu.offsetWidth));
    menu.style.left = `${left}px`;
    menu.style.top = `${anchor.bottom - host.top + 4}px`;
  }

  readonly #onOutsidePointer = (event: Event) => {
    if (!event.composedPath().includes(this)) this.#closeMenu(false);
  };

  #onFocusin(event: FocusEvent): void {
    const buttons = [...this.toolbar.querySelectorAll('[part~="button"]')];
    const index = buttons.indexOf(event.target as Element);
    if (index >= 0) this.#focusIndex = index;
  }

  /** APG toolbar: arrows move between buttons (wrapping), Home / End jump to the ends. */
  #onToolbarKeydown(event: KeyboardEvent): void {
    const buttons = [...this.toolbar.querySelectorAll<HTMLButtonElement>('[part~="button"]')];
    const current = buttons.indexOf(event.target as HTMLButtonElement);
    if (current < 0) return;
    if (event.key === 'ArrowDown' && buttons[current]!.hasAttribute('aria-haspopup')) {
      event.preventDefault();
      buttons[current]!.click();
      return;
    }
    const last = buttons.length - 1;
    const rtl = getComputedStyle(this).direction === 'rtl';
    const moves: Record<string, number> = {
      [rtl ? 'ArrowLeft' : 'ArrowRight']: current === last ? 0 : current + 1,
      [rtl ? 'ArrowRight' : 'ArrowLeft']: current === 0 ? last : current - 1,
      Home: 0,
      End: last,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.#focusIndex = next;
    for (const [i, button] of buttons.entries()) button.tabIndex = i === next ? 0 : -1;
    buttons[next]!.focus();
  }

  /** APG menu: Up / Down (wrapping), Home / End; Escape closes and returns focus; Tab closes. */
  #onMenuKeydown(event: KeyboardEvent): void {
    const items = this.#menuButtons();
    const current = items.indexOf(event.target as HTMLElement);
    const last = items.length - 1;
    let next: number | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = current >= last ? 0 : current + 1;
        break;
      case 'ArrowUp':
        next = current <= 0 ? last : current - 1;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = last;
        break;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        this.#closeMenu(true);
        return;
      case 'Tab':
        this.#closeMenu(false);
        return;
      default:
        return;
    }
    event.preventDefault();
    items[next]?.focus();
  }
}
