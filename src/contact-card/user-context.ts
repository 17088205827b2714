import type { ReactiveControllerHost } from 'lit';
import { modeFor } from '../checklist/mode.js';
import type { LiftAdapter } from '../data/contract/adapter.js';
import type { ChecklistItemDefinition, DocumentTemplate, Preferences, ReportDefinition } from '../data/contract/model.js';
import { BUTTON_TOKENS, CARD_TYPE, DETAIL_TABS } from '../vocabulary.js';
import { detailTabsFor } from './tabs.js';
import type { CardVoice } from './voice.js';


interface Choices {
  /** The user these are the choices of. */
  userId: string;
  preferences: Preferences;
  checklist: ChecklistReach;
  templates: DocumentTemplate[];
  reportList: ReportDefinition[];
}

/** Whether any checklist item shows on the card of an active contact, and on that of an archived one. */
export interface ChecklistReach {
  active: boolean;
  archived: boolean;
}

const NO_CHECKLIST: ChecklistReach = { active: false, archived: false };

/**
 * Whether any of `items` shows on a contact card, for an archived contact or not: decided as
 * `<lift-checklist>` decides it (a contact has no status; an archived one takes the items'
 * `archived` mode), so the card offers its Checklist tab exactly when the checklist shows an item.
 */
export const anyVisible = (items: readonly ChecklistItemDefinition[], archived: boolean) => items.some((item) => modeFor(item, undefined, archived) !== 'hidden');

export const checklistReach = (items: readonly ChecklistItemDefinition[]): ChecklistReach => ({ active: anyVisible(items, false), archived: anyVisible(items, true) });

/** What the user context needs of the contact shown (its loader tells it). */
export interface ShownContact {
  /** Whether it is archived now: the checklist items that apply depend on it. */
  archived(): boolean;
  /** The checklist definitions read afresh. */
  definitions(): Promise<readonly ChecklistItemDefinition[]>;
}

/**
 * What depends on the adapter and the user but not on the contact: the user's layout choices,
 * whether checklist items show on active and on archived contacts (the contact shown picks
 * which: `checklistAvailable`), the templates and reports the role may use. Read once per
 * adapter and user, not again for every contact the user moves to; read anew when the user
 * changes, on a refresh, and when the feed says a part changed.
 */
export class UserContext {
  preferences: Preferences = {};
  /** Whether any checklist item shows, for an active and for an archived contact: which applies is the contact's. */
  #checklist = NO_CHECKLIST;
  /** The contact shown, as its loader tells it. */
  contact: ShownContact | undefined;
  /** Whether the adapter keeps leads, requests and projects (its optional `work` group): known at once. */
  workAvailable = true;
  templates: DocumentTemplate[] = [];
  reportList: ReportDefinition[] = [];
  /**
   * The buttons and detail tabs the card's bar offers (told as it renders): a choice made there
   * changes only these; the rest stay as stored (nothing stored: all show) for cards that offer them.
   */
  offered?: Record<keyof Preferences, readonly string[]>;
  /** Whose preferences show: a choice is only ever stored on top of that user's own. */
  #shownFor: string | undefined;
  #cached: { adapter: LiftAdapter; userId: string; value: Promise<Choices> } | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly voice: CardVoice,
  ) {}

  /**
   * Whether any checklist item shows on the card of the contact shown (the Checklist tab and the
   * checklist items detail tab): per contact, as it is archived or not, and following a change of it.
   */
  get checklistAvailable(): boolean {
    return this.contact?.archived() ? this.#checklist.archived : this.#checklist.active;
  }

  /**
   * Reads (or reuses) the choices for the adapter's current user. `definitions` reads the
   * checklist definitions the way the rest of the card does, so they are asked for once.
   */
  read(adapter: LiftAdapter, fresh: boolean, definitions: () => Promise<ChecklistItemDefinition[]>): Promise<Choices> {
    this.workAvailable = Boolean(adapter.work);
    const userId = adapter.session.currentUser().id;
    const cached = this.#cached;
    if (!fresh && cached && cached.adapter === adapter && cached.userId === userId) return cached.value;
    const value = Promise.all([
      adapter.preferences?.get(CARD_TYPE).catch(() => ({})) ?? {},
      adapter.checklists ? definitions().then(checklistReach).catch(() => NO_CHECKLIST) : NO_CHECKLIST,
      // A role without the right gets none; a failure only hides the button.
      adapter.templates?.list().catch(() => []) ?? [],
      adapter.reports?.list().catch(() => []) ?? [],
    ]).then(([preferences, checklist, templates, reportList]) => ({ userId, preferences, checklist, templates, reportList }));
    this.#cached = { adapter, userId, value };
    return value;
  }

  /** Shows what `read` answered. */
  apply({ userId, checklist, ...choices }: Choices): void {
    Object.assign(this, choices);
    this.#checklist = checklist;
    this.#shownFor = userId;
    this.host.requestUpdate();
  }

  /**
   * Another user took over: nothing of the previous user's shows (her buttons, detail tabs, her
   * role's templates and reports) while the next one's are read, or when that read never ends.
   */
  reset(): void {
    this.preferences = {};
    this.templates = [];
    this.reportList = [];
    this.#shownFor = undefined;
    this.host.requestUpdate();
  }

  /** Something of it changed: the next read asks again. */
  forget(): void {
    this.#cached = undefined;
  }

  /** The checklist definitions as read again (they changed): the choices read stay unless what shows changed. */
  setChecklistItems(items: readonly ChecklistItemDefinition[]): void {
    const reach = checklistReach(items);
    if (reach.active !== this.#checklist.active || reach.archived !== this.#checklist.archived) this.forget();
    this.#checklist = reach;
    this.host.requestUpdate();
  }

  /**
   * Whether any item shows, as the checklist in the tab says after each read of the contact it
   * shows. When that is not what the definitions read here say, they may be older than its
   * (changed where this card did not hear of it): they are read again, and the tabs follow them.
   * Its word alone does not decide: it may have read the contact just before or after it was
   * archived, and the card's tabs follow the contact the card shows.
   */
  setChecklistAvailable(available: boolean): void {
    if (available === this.checklistAvailable || !this.contact) return;
    this.forget();
    this.contact.definitions().then(
      (items) => this.setChecklistItems(items),
      () => undefined,
    );
  }

  /** Preferences changed elsewhere (another tab, a colleague's session of the same user). */
  async reloadPreferences(adapter: LiftAdapter): Promise<void> {
    this.forget();
    const userId = adapter.session.currentUser().id;
    const preferences = await adapter.preferences?.get(CARD_TYPE).catch(() => undefined);
    if (preferences && adapter.session.currentUser().id === userId) {
      this.preferences = preferences;
      this.#shownFor = userId;
    }
    this.host.requestUpdate();
  }

  #storing: Promise<unknown> = Promise.resolve();
  #choices = 0;

  /**
   * Stores a choice (`buttons`, `detailTabs`; `undefined` goes back to the defaults) with the
   * rest of the user's preferences; shows it at once, and says so when storing fails. A failure
   * said before is old news once the user chooses again: it goes (`showError(undefined)`).
   */
  async choose(adapter: LiftAdapter, choice: Partial<Preferences>, showError: (words: (() => string) | undefined) => void): Promise<void> {
    showError(undefined);
    const userId = adapter.session.currentUser().id;
    let base = this.preferences;
    if (userId !== this.#shownFor) {
      // The user changed and his own choices have not shown yet: the choice goes on top of his
      // stored preferences, never the previous user's.
      try {
        base = (await adapter.preferences?.get(CARD_TYPE)) ?? {};
      } catch (error) {
        showError(() => this.voice.t('actionFailed', { reason: this.voice.reason(error) }));
        this.voice.report('preferences', error);
        return;
      }
      if (adapter.session.currentUser().id !== userId) return;
    }
    const next: Preferences = { ...base };
    for (const [key, value] of Object.entries(choice) as [keyof Preferences, Preferences[keyof Preferences]][]) {
      const here = this.offered?.[key];
      const all: readonly string[] = key === 'buttons' ? BUTTON_TOKENS : DETAIL_TABS;
      const stored = base[key] ?? all;
      let chosen = value && here ? [...stored.filter((token) => !here.includes(token)), ...value] : value;
      if (!value && here) {
        // Back to the defaults on a card that offers part of them: what it offers shows again
        // (and what no card can show here, a checklist with no item for any contact); the choices about what
        // only other cards offer stay. Nothing left hidden: nothing needs storing.
        const elsewhere: readonly string[] = key === 'buttons' ? all : detailTabsFor(undefined, undefined, this.#checklist.active || this.#checklist.archived, this.workAvailable);
        const hidden = all.filter((token) => !here.includes(token) && elsewhere.includes(token) && !stored.includes(token));
        chosen = hidden.length ? all.filter((token) => !hidden.includes(token)) : undefined;
      }
      if (chosen) next[key] = chosen;
      else delete next[key];
    }
    this.preferences = next;
    this.#shownFor = userId;
    this.forget();
    this.host.requestUpdate();
    // Stored one after another, in the order chosen: two requests on their way together could
    // arrive the other way round and leave the earlier choice stored. Only the latest answer shows.
    const turn = ++this.#choices;
    const stored = this.#storing.then(() => adapter.preferences?.set(CARD_TYPE, next));
    this.#storing = stored.catch(() => undefined);
    try {
      const answer = await stored;
      // Shown only while the same user is still at the card.
      if (answer && this.#shownFor === userId && turn === this.#choices) this.preferences = answer;
    } catch (error) {
      // A later choice on its way stores this one too: only its own failure is said.
      if (turn === this.#choices) showError(() => this.voice.t('actionFailed', { reason: this.voice.reason(error) }));
      this.voice.report('preferences', error);
    }
    this.host.requestUpdate();
  }
}
