import { adoptStyles, css, html, nothing, supportsAdoptingStyleSheets, type ReactiveController } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { LiftActionEvent, type LiftActionDetail, type WorkKindChoice } from '../bar-events.js';
import { LiftButtonsChangeEvent, LiftDetailTabsChangeEvent } from '../bar-choice-events.js';
import { MENU_ACTIONS, type ButtonAction, type ButtonToken } from '../vocabulary.js';
import type { LiftButtonBar } from './button-bar.js';
import type { BarMessage } from './messages.js';
export { barMenuMessages } from './messages-menus.js';
import { RovingFocus } from '../internal/roving-focus.js';
import { readLists } from './lists.js';

export type MenuName = ButtonAction | 'more';

/** What the menus need of the bar beyond its public properties. */
export interface MenuHost {
  readonly bar: LiftButtonBar;
  readonly t: (key: BarMessage) => string;
  /** A button's label, or a menu's name. */
  readonly label: (action: ButtonAction | 'more') => string;
  /** The actions in the "more actions" menu, in order. */
  readonly overflowed: () => ButtonAction[];
  /** The "3 / 12" text, when the bar has a selection. */
  readonly position: () => string | undefined;
  /** Presses a toolbar action on behalf of the "more actions" menu. */
  readonly press: (action: ButtonAction, trigger: HTMLElement) => void;
}

interface MenuItem {
  label: string;
  checked?: boolean;
  disabled?: boolean;
  separatorBefore?: boolean;
  run?: () => void;
}

/** Added to the bar's styles when the menus load. */
const menuStyles = css`
  [part~='menu'] {
    position: absolute;
    z-index: var(--lift-menu-z-index, 10);
    min-width: 12rem;
    /* As tall as the window allows below its button (set when placed); taller menus scroll,
       with room kept for the scrollbar so no item hides under it. */
    max-height: 20rem;
    overflow-y: auto;
    scrollbar-gutter: stable;
    overscroll-behavior: contain;
    margin: 0;
    padding: 0.25rem;
    display: flex;
    flex-direction: column;
    background: var(--lift-menu-background, var(--lift-color-background, #fff));
    border: 1px solid var(--lift-color-border, #c5ccd6);
    border-radius: var(--lift-radius, 0.375rem);
    box-shadow: var(--lift-shadow, 0 4px 16px rgb(0 0 0 / 0.15));
  }
  [part~='menu-item'] {
    flex: none;
    justify-content: flex-start;
    border-color: transparent;
    background: transparent;
    min-height: 2rem;
    text-align: start;
  }
  [part~='menu-item'][role='menuitemcheckbox']::before {
    content: '';
    flex: none;
    width: 1rem;
    text-align: center;
  }
  /* The mark is the item's state, which aria-checked tells: drawn, but no part of its name. */
  [part~='menu-item'][aria-checked='true']::before {
    content: '✓';
    content: '✓' / '';
  }
  [part~='menu-item']:focus-visible {
    outline-offset: -2px;
  }
  hr {
    width: 100%;
    border: none;
    border-top: 1px solid var(--lift-color-border, #c5ccd6);
    margin: 0.25rem 0;
  }
`;

/** Up / Down wrap through a menu's items; Home / End go to its ends. */
const menuKeys = new RovingFocus({ orientation: 'vertical' });

const WORK_KINDS: readonly WorkKindChoice[] = ['lead', 'request', 'project'];

/**
 * The bar's menus, loaded on the first press of a menu button so the bar's entry stays small.
 * APG menu button: the first item takes focus; Up / Down (wrapping), Home / End move; Escape
 * closes and returns focus to the button; Tab closes it and moves on from the button to what follows
 * the bar; a pointer outside closes it.
 */
export class BarMenus implements ReactiveController {
  /** The open menu, if any. */
  name: MenuName | undefined;
  /** The action of the button the open menu belongs to. */
  #action: string | undefined;

  #focusFirst = false;

  /**
   * The actions whose buttons the open menu may hang from, the first the row shows being where it
   * goes and Escape returns, and the one expanded: the button that opened it (`more` for one chosen
   * in "More actions"); once "More actions" went (the bar has room for every button), the menu's
   * own button; once that button went into "More actions" (the bar has no room for it), More.
   */
  #homes(name: MenuName): string[] {
    return [this.#action ?? name, name, 'more'];
  }

  /** The action of the row's button the open menu hangs from, among `shown` (the row's buttons as they are rendered). */
  expanded(shown: readonly string[]): string | undefined {
    return this.name && this.#homes(this.name).find((action) => shown.includes(action));
  }

  /**
   * That button as the bar shows it now: the bar renders its buttons by place, so one taken away
   * before it (from this very menu) leaves it another element, where the menu goes and Escape returns.
   */
  get #trigger(): HTMLElement | null {
    return this.#button(this.#action);
  }

  #button(action: string | undefined): HTMLElement | null {
    return this.host.bar.renderRoot.querySelector<HTMLElement>(`[part~="toolbar"] [data-action="${action}"]`);
  }

  /** Where the menu goes and Escape returns: the first of its homes the row shows; with none, the bar's tab stop. */
  #home(name: MenuName): HTMLElement | null {
    return this.#button(this.#shownHome(name)) ?? this.host.bar.renderRoot.querySelector<HTMLElement>('[part~="toolbar"] [tabindex="0"]');
  }

  #shownHome(name: MenuName): string | undefined {
    return this.#homes(name).find((action) => this.#button(action));
  }

  /** Whether the bar still offers `name`: its action shown or in "More actions", or something in "More actions". */
  #offers(name: MenuName): boolean {
    return name === 'more' ? this.host.overflowed().length > 0 : this.host.bar.actions.includes(name);
  }

  /** Focus was in the open menu before this update's render, which may take its items away. */
  #focusInMenu = false;
  /** The words of the item that had focus then. */
  #focusedItem: string | undefined;

  constructor(private readonly host: MenuHost) {
    host.bar.addController(this);
    const root = host.bar.renderRoot as ShadowRoot;
    // Added to the sheets the root has, not in place of them; without adoptable sheets Lit's
    // fallback adds one <style> for these alone.
    if (supportsAdoptingStyleSheets) root.adoptedStyleSheets = [...root.adoptedStyleSheets, menuStyles.styleSheet!];
    else adoptStyles(root, [menuStyles]);
  }

  hostUpdate(): void {
    const active = (this.host.bar.renderRoot as ShadowRoot).activeElement;
    this.#focusInMenu = Boolean(this.name && active?.closest('[part~="menu"]'));
    this.#focusedItem = this.#focusInMenu ? active!.textContent!.trim() : undefined;
  }

  hostUpdated(): void {
    if (!this.name) return;
    // Its button went (the host narrowed the buttons or the rights) or "More actions" has nothing
    // left: the menu goes with it, and focus it had stays in the bar rather than falling to the page.
    if (!this.#offers(this.name)) return this.close(this.#focusInMenu);
    this.#position(this.name);
    // Items are rendered by place: one that went ("More actions" gave it back to the row) took focus
    // with it, or its element now holds another item. Focus goes to its item where it still is,
    // else stays in the menu.
    const active = (this.host.bar.renderRoot as ShadowRoot).activeElement;
    if (this.#focusInMenu && active?.textContent!.trim() !== this.#focusedItem) {
      const items = this.#items();
      (items.find((item) => item.textContent!.trim() === this.#focusedItem) ?? (active?.closest('[part~="menu"]') ? null : items[0]))?.focus();
    }
    if (this.#focusFirst) {
      this.#focusFirst = false;
      this.#items()[0]?.focus();
    }
  }

  hostDisconnected(): void {
    this.close(false);
  }

  /** Opens `name` under `trigger`, or closes it when it is the one open. */
  toggle(name: MenuName, trigger: HTMLElement): void {
    // The expanded button collapses its menu, whichever it is (one chosen in "More actions" hangs from More).
    if (this.name && this.#shownHome(this.name) === trigger.dataset.action) return this.close(true);
    this.#action = trigger.dataset.action;
    this.name = name;
    this.#focusFirst = true;
    document.addEventListener('pointerdown', this.#onOutsidePointer, true);
    this.host.bar.requestUpdate();
  }

  close(returnFocus: boolean): void {
    const { name } = this;
    if (!name) return;
    this.name = undefined;
    document.removeEventListener('pointerdown', this.#onOutsidePointer, true);
    const trigger = this.#home(name);
    this.#action = undefined;
    this.host.bar.requestUpdate();
    if (returnFocus && trigger?.isConnected) trigger.focus();
  }

  render() {
    const name = this.name;
    if (!name) return nothing;
    // An item chosen once the bar no longer offers the menu's action (the host took it away, and
    // the update that closes the menu has yet to run) does nothing.
    return html`<div role="menu" part="menu" aria-label=${this.host.label(name)} @keydown=${this.#onKeydown}>
      ${this.#entries(name).map(
        (item) => html`${item.separatorBefore ? html`<hr role="separator" />` : nothing}<button
            type="button"
            part="menu-item"
            role=${item.checked === undefined ? 'menuitem' : 'menuitemcheckbox'}
            aria-checked=${ifDefined(item.checked === undefined ? undefined : item.checked ? 'true' : 'false')}
            aria-disabled=${item.run ? 'false' : 'true'}
            tabindex="-1"
            @click=${() => this.#offers(name) && item.run?.()}
          >
            ${item.label}
          </button>`,
      )}
    </div>`;
  }

  #entries(name: MenuName): MenuItem[] {
    const { bar, t } = this.host;
    switch (name) {
      case 'create':
        return WORK_KINDS.map((kind) => ({ label: t(`create.${kind}`), run: () => this.#choose({ action: 'create', kind }) }));
      case 'document':
      case 'reports': {
        const options = name === 'document' ? bar.documents : bar.reports;
        if (!options.length) return [{ label: t(name === 'document' ? 'noDocuments' : 'noReports') }];
        return options.map((option) => ({ label: option.label, run: () => this.#choose({ action: name, id: option.id }) }));
      }
      case 'configure': {
        const { buttons: all, visible, allowed } = readLists(bar);
        const shown = new Set(visible ?? all);
        return [
          ...all
            .filter((token) => token !== 'configure' && (!allowed || allowed.includes(token)))
            .map((token) => ({
              label: this.host.label(token as ButtonAction),
              checked: shown.has(token),
              run: () => this.#changeButtons(all.filter((t) => (t === token ? !shown.has(t) : shown.has(t) || t === 'configure'))),
            })),
          { label: t('reset'), separatorBefore: true, run: () => this.#changeButtons(undefined, true) },
        ];
      }
      case 'detail-tabs': {
        const ids = bar.detailTabOptions.map((option) => option.id);
        if (!ids.length) return [{ label: t('noDetailTabs') }];
        const shown = new Set(bar.visibleDetailTabs ?? ids);
        return [
          ...bar.detailTabOptions.map((option) => ({
            label: option.label,
            checked: shown.has(option.id),
            run: () => this.#changeDetailTabs(ids.filter((id) => (id === option.id ? !shown.has(id) : shown.has(id)))),
          })),
          { label: t('reset'), separatorBefore: true, run: () => this.#changeDetailTabs(undefined, true) },
        ];
      }
      case 'more': {
        const position = this.host.position();
        return this.host.overflowed().map((action) => ({
          label: action === 'previous' && position ? `${this.host.label(action)} (${position})` : this.host.label(action),
          run: bar.isDisabled(action)
            ? undefined
            : () => {
                const trigger = this.#trigger!;
                this.close(!MENU_ACTIONS.has(action));
                this.host.press(action, trigger);
                // The host took it (cancelled lift-action): no menu opens to take focus from the
                // item that goes, so it goes back to "more", unless the host moved it elsewhere.
                // The check is written here rather than importing focusFell: that import moved its
                // module into the bar's chunk, which every page with a bar fetches (0.03 KB).
                if (MENU_ACTIONS.has(action) && !this.name) void bar.updateComplete.then(() => (document.activeElement ?? document.body) === document.body && trigger.focus());
              },
        }));
      }
      default:
        return [];
    }
  }

  #choose(detail: LiftActionDetail): void {
    this.close(true);
    // Its button became unavailable while the menu was open (a save began, the contact was archived).
    if (this.host.bar.isDisabled(detail.action)) return;
    /** @ignore documented as `lift-action` on LiftButtonBar */
    this.host.bar.dispatchEvent(new LiftActionEvent(detail));
  }

  #changeButtons(buttons: ButtonToken[] | undefined, close = false): void {
    /** @ignore documented as `lift-buttons-change` on LiftButtonBar */
    if (this.host.bar.dispatchEvent(new LiftButtonsChangeEvent(buttons))) this.host.bar.visibleButtons = buttons;
    // Closed only once the bar shows the new buttons: it renders them by place, so the element that
    // is the menu's button now may hold another action then, and focus would go with it.
    if (close) void this.host.bar.updateComplete.then(() => this.close(true));
  }

  #changeDetailTabs(detailTabs: string[] | undefined, close = false): void {
    /** @ignore documented as `lift-detail-tabs-change` on LiftButtonBar */
    if (this.host.bar.dispatchEvent(new LiftDetailTabsChangeEvent(detailTabs))) this.host.bar.visibleDetailTabs = detailTabs;
    if (close) this.close(true);
  }

  #items(): HTMLElement[] {
    return [...this.host.bar.renderRoot.querySelectorAll<HTMLElement>('[part~="menu-item"]')];
  }

  /** Places the menu under its button, inside the bar's box where it can. */
  #position(name: MenuName): void {
    const menu = this.host.bar.renderRoot.querySelector<HTMLElement>('[part~="menu"]');
    const home = this.#home(name);
    if (!menu || !home) return;
    const box = this.host.bar.getBoundingClientRect();
    const anchor = home.getBoundingClientRect();
    menu.style.left = `${Math.max(0, Math.min(anchor.left - box.left, box.width - menu.offsetWidth))}px`;
    menu.style.top = `${anchor.bottom - box.top + 4}px`;
    // Every item shows when the window has the room; otherwise the menu scrolls (never less
    // than 10rem, so a bar near the bottom still opens a usable menu).
    const room = window.innerHeight - anchor.bottom - 12;
    menu.style.maxHeight = `max(10rem, ${Math.floor(room)}px)`;
  }

  readonly #onOutsidePointer = (event: Event) => {
    if (!event.composedPath().includes(this.host.bar)) this.close(false);
  };

  // Lit calls listeners with the bar as `this`: an arrow keeps the menus'.
  readonly #onKeydown = (event: KeyboardEvent) => {
    // A held Enter repeats: the press that opened the menu must not choose its first item.
    if (event.key === 'Enter' && event.repeat) event.preventDefault();
    else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.close(true);
    } else if (event.key === 'Tab') {
      // Back to the button first, so Tab goes on from there to what follows the bar.
      this.close(true);
    } else menuKeys.handle(event, this.#items());
  };
}
