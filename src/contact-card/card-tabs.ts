import type { ReactiveController, ReactiveElement } from 'lit';
import { LazyModule } from '../internal/lazy-module.js';
import type { ContactField } from '../data/contract/model.js';
import type { DetailTab, MainTab } from '../vocabulary.js';
import { detailTabsFor, mainTabsFor, shownTab } from './tabs.js';
import type { UserContext } from './user-context.js';

type Host = ReactiveElement & { tab: MainTab | undefined; detailTabs: DetailTab[] | undefined; contactId: string | undefined };

/**
 * Which main and detail tabs a card has (the host's choice, the user's, and whether a checklist
 * applies), which one shows, and moving to one — with focus when the keyboard asked.
 */
/** How long a first click waits for a second before the page may move (a common double-click time). */
const DOUBLE_CLICK_MS = 500;

export class CardTabs implements ReactiveController {
  #detail: DetailTab = 'personal';
  #pending: ReturnType<typeof setTimeout> | undefined;
  /** The tab list whose shown tab (or its panel) had focus as an update began, with that tab's id. */
  #held: { list: 'tabs' | 'detail-tabs'; shown: string | undefined } | undefined;

  constructor(
    private readonly host: Host,
    private readonly user: UserContext,
  ) {
    host.addController(this);
    this.timelineCode = new LazyModule(host, () => import('../lift-contact-timeline.js'));
    this.checklistCode = new LazyModule(host, () => import('../lift-checklist.js'));
  }

  /**
   * The timeline's and the checklist's elements, imported when a tab first shows them, so a
   * host that only shows the header and details never downloads the timeline's windowing code.
   */
  readonly timelineCode: LazyModule<unknown>;
  readonly checklistCode: LazyModule<unknown>;

  /**
   * A card that opens on its overview starts the timeline's import as it connects, beside the
   * contact's own reads, instead of a round trip after its first render.
   */
  hostConnected(): void {
    const tab = this.activeMain;
    if (tab === 'overview' || tab === 'correspondence') this.timelineCode.preload();
  }

  get main(): MainTab[] {
    return mainTabsFor(this.user.checklistAvailable, this.user.workAvailable);
  }

  /** The main tab that shows: the asked-for one when the card has it, else the overview. */
  get activeMain(): MainTab {
    return shownTab(this.host.tab, this.main)!;
  }

  get details(): DetailTab[] {
    return detailTabsFor(this.host.detailTabs, this.user.preferences.detailTabs, this.user.checklistAvailable, this.user.workAvailable);
  }

  get activeDetail(): DetailTab | undefined {
    return shownTab(this.#detail, this.details);
  }

  selectMain(tab: MainTab, focus = false): void {
    this.host.tab = tab;
    if (focus) this.#focus(`#tab-${tab}`);
  }

  /**
   * Shows a detail tab when the card has it; `focus` moves focus onto it (keyboard opens).
   * `reveal` scrolls the detail pane into view when it is off screen: what the user picked
   * above (an overview entry, a project) fills it, out of sight below the long lists.
   */
  openDetail(tab: DetailTab, focus = false, reveal = false): void {
    clearTimeout(this.#pending);
    if (!this.details.includes(tab)) return;
    this.#detail = tab;
    this.host.requestUpdate();
    if (focus) this.#focus(`#detail-tab-${tab}`);
    if (reveal) void this.host.updateComplete.then(() => this.host.renderRoot.querySelector('[part~="detail"]')?.scrollIntoView({ block: 'nearest' }));
  }

  /**
   * `openDetail` for a click that may be the first of a double-click (a project opens on one):
   * after the double-click time, unless something opened meanwhile. Done at once, a shorter
   * detail would shorten the page and move it under the pointer before the second click.
   */
  openDetailAfterClick(tab: DetailTab): void {
    this.cancelAfterClick();
    // What was clicked is the contact's: a card moved to another contact meanwhile opens nothing.
    const contact = this.host.contactId;
    this.#pending = setTimeout(() => this.host.contactId === contact && this.openDetail(tab, false, true), DOUBLE_CLICK_MS);
  }

  /** The click was the first of a double-click whose opening the host took over: nothing opens. */
  cancelAfterClick(): void {
    clearTimeout(this.#pending);
  }

  hostDisconnected(): void {
    clearTimeout(this.#pending);
  }

  /**
   * A tab can go while it shows (the checklist's, once the contact is archived and no item
   * applies then): what showed is noted from the page as it is before the update, since the
   * update's own state already names the next tab.
   */
  hostUpdate(): void {
    const root = this.host.renderRoot as ParentNode & Partial<DocumentOrShadowRoot>;
    const focused = root.activeElement;
    const list = focused?.closest('[part~="tabs"], [part~="panel"]') ? 'tabs' : focused?.closest('[part~="detail"]') ? 'detail-tabs' : undefined;
    this.#held = list && { list, shown: root.querySelector(`[part~="${list}"] [aria-selected="true"]`)?.id };
  }

  /** Focus that was on the tab that went, or in its panel, and fell out of the card with it goes to the tab that shows now. */
  hostUpdated(): void {
    const held = this.#held;
    this.#held = undefined;
    if (!held) return;
    const shown = this.host.renderRoot.querySelector<HTMLElement>(`[part~="${held.list}"] [aria-selected="true"]`);
    const fell = !document.activeElement || document.activeElement === document.body;
    if (shown && shown.id !== held.shown && fell && !this.host.matches(':focus-within')) shown.focus();
  }

  /** The personal details with focus in `field`. */
  async showField(field: ContactField): Promise<void> {
    this.openDetail('personal');
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>(`#field-${field}`)?.focus();
  }

  #focus(selector: string): void {
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }
}
