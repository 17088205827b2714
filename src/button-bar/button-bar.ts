import { html, nothing, type TemplateResult, type PropertyDeclarations } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { LiftActionEvent } from '../bar-events.js';
import { LocalizeController } from '../i18n/localize.js';
import { buttonBarMessages, type BarMessage, type ButtonBarMessage } from './messages.js';
import { LiftElement } from '../internal/lift-element.js';
import { integerConverter } from '../internal/number-attribute.js';
import { tokenListConverter, warnOnce } from '../internal/token-list.js';
import { BUTTON_TOKENS, MENU_ACTIONS, type ButtonAction, type ButtonToken } from '../vocabulary.js';
import type { BarMenus, MenuName } from './menus.js';
import { DISABLEABLE, disabledOf, readLists } from './lists.js';
import { buttonBarStyles } from './button-bar.styles.js';
import { buttonStyles } from '../internal/button-styles.js';
import { icon } from './icons.js';
import { RovingFocus } from '../internal/roving-focus.js';

/** An entry a host offers in the document, reports or detail-tabs menus. */
export interface MenuOption {
  id: string;
  label: string;
}

const toolbarKeys = new RovingFocus({ orientation: 'horizontal' });
const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/**
 * The action bar above a LIFT card's main tabs: the card's twelve buttons, as a WAI-ARIA
 * toolbar with one tab stop. It reports presses and choices; the host card performs them and
 * stores the user's layout choices — the bar keeps no storage of its own.
 *
 * Buttons show an icon and a label while they fit the bar's own width, then icons with tooltips
 * (and, while one has keyboard focus, its name beneath it), and what still does not fit moves
 * into a "more actions" menu.
 *
 * Keyboard: Arrow Left / Right, Home and End move between buttons; Enter, Space or Arrow Down
 * open a button's menu; in a menu Arrow Up / Down, Home and End move, Escape closes it and
 * returns focus to its button, Tab closes it and moves on to what follows the bar. The host card
 * implements the shortcuts the tooltips announce:
 * Ctrl+S (⌘S on a Mac) saves, Alt+Page Up / Alt+Page Down go to the previous / next card.
 *
 * @summary A configurable toolbar of card actions (save, undo, refresh, archive, …).
 *
 * @event {LiftActionEvent} lift-action - A button was pressed (`detail.action`) or an item of its
 *   menu chosen (`detail.kind` for `create`, `detail.id` for `document` and `reports`). Actions:
 *   `save undo refresh archive unarchive previous next search create copy document reports
 *   detail-tabs configure`. Cancelable; cancelling a press of a menu button keeps its menu shut.
 * @event {LiftButtonsChangeEvent} lift-buttons-change - The user chose other buttons (Configure);
 *   `detail.buttons` is the new list, `undefined` after a reset. Cancelable.
 * @event {LiftDetailTabsChangeEvent} lift-detail-tabs-change - The user chose other detail tabs
 *   (Detail tabs); `detail.detailTabs` is the new list, `undefined` after a reset. Cancelable.
 *
 * @csspart toolbar - The row that holds the buttons.
 * @csspart button - Every button of the row (each also has `button-<action>`, e.g. `button-save`).
 * @csspart icon - The icon inside a button.
 * @csspart selection-position - The "3 / 12" between previous and next.
 * @csspart error - Menus, or the words of the language asked for, that could not be loaded (with a retry).
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
  static override styles = [buttonStyles, buttonBarStyles];

  // Declared without decorators: the decorator helpers would be most of a kilobyte of the
  // bar's entry, which is meant to stay small enough for a page that uses the bar alone.
  static override properties: PropertyDeclarations = {
    buttons: { converter: tokenListConverter(BUTTON_TOKENS, '<lift-button-bar> buttons') },
    visibleButtons: { attribute: 'visible-buttons', converter: tokenListConverter(BUTTON_TOKENS, '<lift-button-bar> visible-buttons') },
    allowedActions: { attribute: 'allowed-actions', converter: tokenListConverter(BUTTON_TOKENS, '<lift-button-bar> allowed-actions') },
    dirty: { type: Boolean, reflect: true },
    archived: { type: Boolean, reflect: true },
    disabledActions: { attribute: 'disabled-actions', converter: tokenListConverter(DISABLEABLE, '<lift-button-bar> disabled-actions') },
    selectionPosition: { attribute: 'selection-position', converter: integerConverter(1, '<lift-button-bar> selection-position') },
    selectionSize: { attribute: 'selection-size', converter: integerConverter(0, '<lift-button-bar> selection-size') },
    documents: { attribute: false },
    reports: { attribute: false },
    detailTabOptions: { attribute: false },
    visibleDetailTabs: { attribute: false },
    compact: { state: true },
    labelled: { state: true },
    overflowCount: { state: true },
  };

  /**
   * Which buttons the bar may show, in order: space-separated tokens among `save undo refresh
   * archive selection search create copy document reports detail-tabs configure`. Unknown
   * tokens are ignored with a warning. Default: all twelve in that order.
   */
  buttons: ButtonToken[] | undefined;

  /** The user's choice among `buttons` (Configure), as the host stored it. Default: all of them. */
  visibleButtons: ButtonToken[] | undefined;

  /** The actions the user's rights allow (tokens as in `buttons`); the rest are hidden. Default: all. */
  allowedActions: ButtonToken[] | undefined;

  /** The card has unsaved changes: Save and Undo are enabled and Save is lit. */
  dirty = false;

  /** The card's record is archived: the archive button offers Unarchive. */
  archived = false;

  /** Actions shown but not available now: tokens as in `buttons`, except that `selection` is disabled by its halves, `previous` and `next`. */
  disabledActions: ButtonAction[] | undefined;

  /** Position of the current card in the selection, from 1; a position past `selectionSize` is warned about and shows no selection. */
  selectionPosition: number | undefined;

  /** Number of cards in the selection. */
  selectionSize: number | undefined;

  /** The document templates offered by the New document menu. */
  documents: MenuOption[] = [];

  /** The reports offered by the Reports menu. */
  reports: MenuOption[] = [];

  /** The card's detail tabs, offered by the Detail tabs menu. */
  detailTabOptions: MenuOption[] = [];

  /** The detail tabs the user shows (ids of `detailTabOptions`). Default: all of them. */
  visibleDetailTabs: string[] | undefined;

  /** Some labels hidden, icons with tooltips: the bar is too narrow for every label. */
  protected compact = false;
  /** How many leading buttons show their label; the rest show icons with tooltips. */
  protected labelled = Number.POSITIVE_INFINITY;
  /** How many trailing actions live in the overflow menu. */
  protected overflowCount = 0;

  private get toolbar(): HTMLElement | null {
    return this.renderRoot?.querySelector('[part~="toolbar"]') ?? null;
  }
  private get measureRow(): HTMLElement | null {
    return this.renderRoot?.querySelector('.measure') ?? null;
  }
  /** The toolbar's buttons, the "more" button included. */
  #buttons(): HTMLButtonElement[] {
    return [...(this.toolbar?.querySelectorAll<HTMLButtonElement>('[part~="button"]') ?? [])];
  }

  readonly #i18n = new LocalizeController<BarMessage, ButtonBarMessage>(this, buttonBarMessages);
  /** Index of the button that holds the toolbar's single tab stop. */
  #focusIndex = 0;
  /**
   * The action of that button: the bar renders its buttons by place, so once buttons come, go or
   * move into "More actions" the tab stop follows the action (to More when it moves in there).
   */
  #stop: ButtonAction | 'more' | undefined;
  /** The action whose button had focus when this update began. */
  #hadFocus: string | undefined;
  #resizeObserver: ResizeObserver | undefined;
  /** The menus, once a menu button was first pressed. */
  #menus: BarMenus | undefined;
  /** While the menus' code loads: the menu a press asked for, and that load. */
  #pendingMenu: { name: MenuName; loading: Promise<void> } | undefined;
  /** The menus' code did not arrive: said until a press brings it. */
  #menusFailed = false;

  /** The actions shown, in order, before overflow. */
  get actions(): ButtonAction[] {
    const { buttons, visible, allowed } = readLists(this);
    return buttons
      .filter((token) => (!allowed || allowed.includes(token)) && (!visible || token === 'configure' || visible.includes(token)))
      .flatMap((token): ButtonAction[] => {
        if (token === 'selection') return ['previous', 'next'];
        if (token === 'archive') return [this.archived ? 'unarchive' : 'archive'];
        return [token];
      });
  }

  /** Whether `action` is shown but cannot be pressed now. */
  isDisabled(action: ButtonAction): boolean {
    if ((action === 'save' || action === 'undo') && !this.dirty) return true;
    // An end of the selection disables its half; otherwise the host's list decides, as for the rest.
    if (action === 'previous' && (!this.#hasSelection() || this.selectionPosition! <= 1)) return true;
    if (action === 'next' && (!this.#hasSelection() || this.selectionPosition! >= this.selectionSize!)) return true;
    return disabledOf(this)?.includes(action === 'unarchive' ? 'archive' : action) ?? false;
  }

  #hasSelection(): boolean {
    return this.selectionPosition !== undefined && Boolean(this.selectionSize) && this.selectionPosition <= this.selectionSize!;
  }

  protected override willUpdate(): void {
    const active = (this.renderRoot as ShadowRoot | undefined)?.activeElement as HTMLElement | null | undefined;
    this.#hadFocus = active?.matches('[part~="toolbar"] [part~="button"]') ? active.dataset.action : undefined;
    // Each is a valid number alone; together they can name no place. The bar then shows no
    // selection, and the host hears why once.
    const { selectionPosition: position, selectionSize: size } = this;
    if (position !== undefined && size !== undefined && position > size) {
      warnOnce(`<lift-button-bar> selection|${position}/${size}`, () =>
        console.warn(`<lift-button-bar> selection-position ${position} is past selection-size ${size}: the bar shows no selection until they fit.`),
      );
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#resizeObserver = new ResizeObserver(() => this.#layout());
    this.#resizeObserver.observe(this);
    // The measured row too, once rendered: a web font that arrives or a theme's font or gap
    // widens the buttons but not the bar.
    void this.updateComplete.then(() => this.isConnected && this.#resizeObserver?.observe(this.measureRow!));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resizeObserver?.disconnect();
    cancelAnimationFrame(this.#layoutFrame);
    this.#layoutFrame = 0;
    this.#pendingMenu = undefined;
  }

  protected override updated(): void {
    // The focused button was taken away, or its element now shows another action: focus goes to
    // where the tab stop went (the same action, or More that holds it), never to the page.
    const active = (this.renderRoot as ShadowRoot).activeElement as HTMLElement | null;
    const lost = !active && (document.activeElement ?? document.body) === document.body;
    const moved = active?.matches('[part~="toolbar"] [part~="button"]') && active.dataset.action !== this.#hadFocus;
    if (this.#hadFocus && (lost || moved)) this.#buttons()[this.#focusIndex]?.focus();
    // Anything that changes the buttons' widths can change the layout: measure in the next
    // frame, outside this update, rather than schedule another update from inside it.
    this.#scheduleLayout();
  }

  /** Also waits for the menus when a press is loading them. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await this.#pendingMenu?.loading;
    return super.getUpdateComplete();
  }

  #layoutFrame = 0;
  #scheduleLayout(): void {
    if (this.#layoutFrame) return;
    this.#layoutFrame = requestAnimationFrame(() => {
      this.#layoutFrame = 0;
      this.#layout();
    });
  }

  /**
   * Labels on as many buttons as fit, the leading ones first (the rest icons with tooltips);
   * when not even icons fit, the tail moves to "more".
   */
  #layout(): void {
    const toolbar = this.toolbar;
    const measureRow = this.measureRow;
    if (!toolbar || !measureRow) return;
    const style = getComputedStyle(toolbar);
    const available = toolbar.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (available <= 0) return;
    const gap = parseFloat(style.columnGap) || 0;
    const items = [...measureRow.children] as HTMLElement[];
    const labelled = items.filter((el) => el.dataset.measure === 'labelled');
    const compactWidth = items.find((el) => el.dataset.measure === 'compact')?.offsetWidth ?? 36;
    const positionWidth = items.find((el) => el.dataset.measure === 'position')?.offsetWidth ?? 0;
    const count = labelled.length;
    const previous = this.actions.indexOf('previous');
    // The "3 / 12" between Previous and Next, which takes room only while they are in the row.
    const extra = previous >= 0 && this.#hasSelection() ? positionWidth + gap : 0;
    const total = (widths: number) => widths + gap * Math.max(0, count - 1) + extra;
    const widths = labelled.map((el) => el.offsetWidth);
    let withLabels = count;
    let width = widths.reduce((sum, w) => sum + w, 0);
    while (withLabels > 0 && total(width) > available + 0.5) {
      withLabels--;
      width += compactWidth - widths[withLabels]!;
    }
    let overflow = 0;
    if (withLabels === 0 && total(compactWidth * count) > available + 0.5) {
      // How many actions fit beside More, `reserve` kept for the position.
      const fitting = (reserve: number) => Math.max(0, Math.floor((available - compactWidth - reserve) / (compactWidth + gap)));
      // Without room for the pair and the position both, the pair goes into More, and the
      // position with it: as many of the actions before them show as fit without its room.
      const fit = extra && fitting(extra) < previous + 2 ? Math.min(fitting(0), previous) : fitting(extra);
      overflow = Math.min(count, Math.max(0, count - fit));
      // Previous and Next, with the position between them, go together: never one of the pair alone.
      if (this.actions[count - overflow] === 'next') overflow++;
    }
    const compact = withLabels < count;
    if (compact !== this.compact) this.compact = compact;
    if (withLabels !== this.labelled) this.labelled = withLabels;
    if (overflow !== this.overflowCount) this.overflowCount = overflow;
  }

  protected override render() {
    const actions = this.actions;
    const overflowed = this.#overflowed();
    const shown = actions.slice(0, actions.length - overflowed.length);
    const focusables: (ButtonAction | 'more')[] = overflowed.length ? [...shown, 'more'] : shown;
    const stop = this.#stop && focusables.indexOf(overflowed.includes(this.#stop as ButtonAction) ? 'more' : this.#stop);
    const expanded = this.#menus?.expanded(focusables);
    // An action gone from the bar leaves the tab stop at its place, on the last button at most.
    if (stop !== undefined && stop >= 0) this.#focusIndex = stop;
    else if (this.#focusIndex >= focusables.length) this.#focusIndex = Math.max(0, focusables.length - 1);
    return html`<div
        role="toolbar"
        part="toolbar"
        class=${this.compact ? 'compact' : ''}
        aria-label=${this.#i18n.t('label')}
        @keydown=${this.#onToolbarKeydown}
        @focusin=${this.#onFocusin}
      >
        ${shown.map((action, index) => this.#renderButton(action, index, expanded))}
        ${overflowed.length ? this.#renderButton('more', shown.length, expanded) : nothing}
      </div>
      ${this.#menusFailed ? html`<p part="error" role="alert">${this.#i18n.t('menusFailed')}</p>` : nothing}${this.#i18n.failure('languageUnloaded', 'languageUnloaded', 'retry')}
      ${this.#menus?.render()}
      <div class="measure" aria-hidden="true" inert>
        ${actions.map((action) => html`<button tabindex="-1" data-measure="labelled">${icon(action)}<span>${this.#label(action)}</span></button>`)}
        <button tabindex="-1" class="icon-only" data-measure="compact">${icon('more')}</button>
        <span part="selection-position" data-measure="position">${this.#positionText()}</span>
      </div>`;
  }

  /** The trailing actions that live in "More actions". */
  #overflowed(): ButtonAction[] {
    return this.actions.slice(this.actions.length - this.overflowCount);
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
      ? this.#i18n.t('position', { position: this.selectionPosition!, size: this.selectionSize! })
      : this.#i18n.t('noSelection');
  }

  /**
   * A button of the row; `more` opens the overflow menu and is never pressed as an action.
   * `expanded`: the action of the button the open menu hangs from.
   */
  #renderButton(action: ButtonAction | 'more', index: number, expanded: string | undefined): TemplateResult {
    const more = action === 'more';
    const label = more ? this.#i18n.t('more') : this.#label(action);
    const shortcut = more ? undefined : this.#shortcut(action);
    const hasMenu = more || MENU_ACTIONS.has(action);
    const button = html`<button
      type="button"
      part="button button-${action}"
      class=${more || index >= this.labelled ? 'icon-only' : ''}
      data-action=${action}
      tabindex=${index === this.#focusIndex ? 0 : -1}
      aria-disabled=${ifDefined(more ? undefined : this.isDisabled(action) ? 'true' : 'false')}
      aria-keyshortcuts=${ifDefined(shortcut?.aria)}
      aria-haspopup=${ifDefined(hasMenu ? 'menu' : undefined)}
      aria-expanded=${ifDefined(hasMenu ? (expanded === action ? 'true' : 'false') : undefined)}
      title=${shortcut ? `${label} (${shortcut.shown})` : label}
      @click=${(event: MouseEvent) => this.#click(action, event.currentTarget as HTMLElement)}
    >
      ${icon(action)}<span class="label">${label}</span>
    </button>`;
    if (action !== 'previous' || !this.#hasSelection()) return button;
    // The shown position is itself what a screen reader should hear after Previous / Next, and
    // the bar often stands alone, with no card's live region: the text is its own polite region.
    return html`${button}<span part="selection-position" aria-live="polite">${this.#positionText()}</span>`;
  }

  /** A click or Enter / Space on a button of the row. */
  #click(action: ButtonAction | 'more', trigger: HTMLElement): void {
    this.#rove(trigger);
    if (action === 'more') this.#toggleMenu('more', trigger);
    // A disabled button of the row does nothing else, but closes an open menu as the others do.
    else if (this.isDisabled(action)) this.#menus?.close(false);
    else this.#press(action, trigger);
  }

  /** A press: tell the host; unless it cancels, open the action's menu if it has one. */
  #press(action: ButtonAction, trigger: HTMLElement): void {
    // Also an item of "More actions" chosen once the host took its action away (before the update that shows it).
    if (this.isDisabled(action) || !this.actions.includes(action)) return;
    // A second press closes the menu, or cancels it while its code is still loading.
    if (MENU_ACTIONS.has(action) && this.#menus?.name === action) return this.#menus.close(true);
    if (MENU_ACTIONS.has(action) && this.#pendingMenu?.name === action) return void (this.#pendingMenu = undefined);
    // Another button closes the open menu (a pointer inside the bar did not); focus stays with the press.
    this.#menus?.close(false);
    /** @ignore documented as `lift-action` on the class */
    const allowed = this.dispatchEvent(new LiftActionEvent({ action }));
    if (allowed && MENU_ACTIONS.has(action)) this.#toggleMenu(action, trigger);
  }

  /** Opens (or closes) a menu; the menus' code loads on the first use. */
  #toggleMenu(name: MenuName, trigger: HTMLElement): void {
    if (this.#menus) return this.#menus.toggle(name, trigger);
    if (this.#pendingMenu?.name === name) return void (this.#pendingMenu = undefined);
    // A pointer pressed outside the bar while the code loads cancels the menu, as it would
    // close an open one.
    const outside = (event: Event) => {
      if (!event.composedPath().includes(this) && this.#pendingMenu?.loading === loading) this.#pendingMenu = undefined;
    };
    document.addEventListener('pointerdown', outside, true);
    // Focus that was in the bar at the press and left it while the code loads cancels the menu
    // too, which would otherwise take focus back from wherever the user went. A click does not
    // focus its button in every browser (WebKit): then only a pointer outside cancels it.
    const within = () => (this.renderRoot as ShadowRoot).activeElement;
    const focused = within();
    // The menus' words come with their code (in the reader's language: English loads first).
    const loading = import('./menus.js').then(
      async ({ BarMenus, barMenuMessages }) => {
        await this.#i18n.extend(barMenuMessages);
        document.removeEventListener('pointerdown', outside, true);
        // Cancelled by a second press or Escape, replaced by another menu, or the bar or button went away.
        if (this.#pendingMenu?.loading !== loading) return;
        this.#pendingMenu = undefined;
        this.#menusFailed = false;
        this.requestUpdate();
        this.#menus ??= new BarMenus({
          bar: this,
          t: (key) => this.#i18n.t(key),
          label: (action) => (action === 'more' ? this.#i18n.t('more') : this.#label(action)),
          overflowed: () => this.#overflowed(),
          position: () => (this.#hasSelection() ? this.#positionText() : undefined),
          press: (action, from) => this.#press(action, from),
        });
        if (this.isConnected && trigger.isConnected && (!focused || within())) this.#menus.toggle(name, trigger);
      },
      () => {
        document.removeEventListener('pointerdown', outside, true);
        this.#pendingMenu = undefined;
        // Said in the bar (the browser reports the failed fetch itself): pressing the button
        // again imports again, and a browser that keeps the failure needs a reload, as it says.
        this.#menusFailed = true;
        this.requestUpdate();
      },
    );
    this.#pendingMenu = { name, loading };
  }

  #onFocusin(event: FocusEvent): void {
    // Focus on More while the tab stop's action is in it (the bar moved focus there as the action
    // went in, a menu closed onto it, Tab came back to it): More stands for that action, which
    // stays the stop, so focus returns to it once the row has room for it again.
    if ((event.target as HTMLElement).dataset.action === 'more' && this.#overflowed().includes(this.#stop as ButtonAction)) return;
    this.#rove(event.target);
  }

  /**
   * The button used last, by pointer or focus, becomes the bar's one tab stop: Tab then leaves
   * the bar from it and comes back to it (a click does not focus a button in every browser).
   */
  #rove(button: EventTarget | null): void {
    const index = this.#buttons().indexOf(button as HTMLButtonElement);
    if (index < 0) return;
    this.#stop = (button as HTMLButtonElement).dataset.action as ButtonAction | 'more';
    if (index === this.#focusIndex) return;
    this.#focusIndex = index;
    this.requestUpdate();
  }

  /** APG toolbar: arrows move between buttons (wrapping, right to left too), Home / End jump to the ends. */
  #onToolbarKeydown(event: KeyboardEvent): void {
    const buttons = this.#buttons();
    const current = buttons[buttons.indexOf(event.target as HTMLButtonElement)];
    // Escape cancels a menu whose code is still on its way, as it closes an open one.
    if (event.key === 'Escape' && this.#pendingMenu) {
      event.preventDefault();
      event.stopPropagation();
      this.#pendingMenu = undefined;
      return;
    }
    if (event.key === 'ArrowDown' && current?.hasAttribute('aria-haspopup')) {
      event.preventDefault();
      current.click();
      return;
    }
    toolbarKeys.handle(event, buttons, (next, item) => {
      this.#focusIndex = next;
      this.#stop = item.dataset.action as ButtonAction | 'more';
    });
  }
}
