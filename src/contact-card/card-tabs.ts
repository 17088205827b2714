import type { ReactiveController, ReactiveElement } from 'lit';
import type { ContactField } from '../data/contract/model.js';
import type { DetailTab, MainTab } from '../vocabulary.js';
import { detailTabsFor, mainTabsFor, shownTab } from './tabs.js';
import type { UserContext } from './user-context.js';

type Host = ReactiveElement & { tab: MainTab | undefined; detailTabs: DetailTab[] | undefined };

/**
 * Which main and detail tabs a card has (the host's choice, the user's, and whether a checklist
 * applies), which one shows, and moving to one — with focus when the keyboard asked.
 */
export class CardTabs implements ReactiveController {
  #detail: DetailTab = 'personal';

  constructor(
    private readonly host: Host,
    private readonly user: UserContext,
  ) {
    host.addController(this);
  }

  /**
   * The timeline and checklist are imported when a tab first shows them, so a host that only
   * shows the header and details never downloads the timeline's windowing code.
   */
  hostUpdated(): void {
    const tab = this.activeMain;
    if (tab === 'overview' || tab === 'correspondence') void import('../lift-contact-timeline.js');
    if (tab === 'checklist') void import('../lift-checklist.js');
  }

  get main(): MainTab[] {
    return mainTabsFor(this.user.checklistAvailable);
  }

  /** The main tab that shows: the asked-for one when the card has it, else the overview. */
  get activeMain(): MainTab {
    return shownTab(this.host.tab, this.main)!;
  }

  get details(): DetailTab[] {
    return detailTabsFor(this.host.detailTabs, this.user.preferences.detailTabs, this.user.checklistAvailable);
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
    if (!this.details.includes(tab)) return;
    this.#detail = tab;
    this.host.requestUpdate();
    if (focus) this.#focus(`#detail-tab-${tab}`);
    if (reveal) {
      void this.host.updateComplete.then(() => this.host.renderRoot.querySelector('[part~="detail"]')?.scrollIntoView({ block: 'nearest' }));
    }
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
