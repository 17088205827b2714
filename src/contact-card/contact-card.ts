import { html, nothing, type PropertyValues, type TemplateResult, type PropertyDeclarations } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { BUTTON_TOKENS, type ButtonAction, type ButtonToken } from '../button-bar/actions.js';
import { modeFor } from '../checklist/mode.js';
import { AdapterController } from '../context/adapter-controller.js';
import type { DataChange, LiftAdapter, LifecycleNotice } from '../data/adapter.js';
import { LiftDataError } from '../data/errors.js';
import {
  CONTACT_FIELDS,
  CORRESPONDENCE_KINDS,
  type DocumentTemplate,
  type ReportDefinition,
  type WorkKind,
  type ChecklistItemDefinition,
  type ChecklistState,
  type Contact,
  type ContactField,
  type Preferences,
  type Relation,
  type TimelineEntry,
  type WorkItem,
} from '../data/model.js';
import { checkContact } from '../data/shape.js';
import { fullName } from '../data/text.js';
import { CONTACT_LIMITS } from '../data/validation.js';
import {
  LiftConflictEvent,
  LiftContactSavedEvent,
  LiftDirtyChangeEvent,
  LiftErrorEvent,
  LiftOpenProjectEvent,
  type LiftActionEvent,
  type LiftButtonsChangeEvent,
  type LiftChecklistAvailabilityEvent,
  type LiftDetailTabsChangeEvent,
  type LiftOperation,
  type LiftTimelineSelectEvent,
} from '../events.js';
import { LocalizeController } from '../i18n/localize.js';
import { contactHref } from '../internal/contact-links.js';
import { latestLoad } from '../internal/latest-load.js';
import { LiftElement } from '../internal/lift-element.js';
import { sharedStyles } from '../internal/shared-styles.js';
import { tokenListConverter } from '../internal/token-list.js';
import type { ActionHost, ActionPanel } from './actions/panel.js';
import { contactCardStyles } from './contact-card.styles.js';
import { ContactDraft, draftFromStorage, DraftStore, type FieldConflict } from './contact-draft.js';
import { contactCardMessages, type ContactCardMessage } from './messages.js';
import { DETAIL_TABS, MAIN_TABS, oneOf, parseIds, tabKeyTarget, type DetailTab, type MainTab } from './tabs.js';

/** The card type under which preferences and checklists are kept. */
const CARD_TYPE = 'contact';
const CORRESPONDENCE = [...CORRESPONDENCE_KINDS];
/** How often a save follows a newer version by itself before it gives up and asks. */
const MAX_AUTO_MERGES = 3;

type LoadState = 'idle' | 'loading' | 'ready' | 'not-found' | 'error';

interface Question {
  title: string;
  message: string;
  /** `focus`: the least destructive choice, which has focus when the question opens. */
  choices: { id: string; label: string; primary?: boolean; focus?: boolean }[];
  resolve: (answer: string) => void;
}

interface Conflict {
  theirs: Contact;
  conflicts: FieldConflict[];
  merged: ContactField[];
  choices: Partial<Record<ContactField, 'mine' | 'theirs'>>;
  /** `save`: met while saving (choices are saved); `compare`: opened from "changed elsewhere". */
  mode: 'save' | 'compare';
}

/** The user's layout choices and what the adapter offers them, for any contact. */
interface UserContext {
  preferences: Preferences;
  checklistAvailable: boolean;
  templates: DocumentTemplate[];
  reportList: ReportDefinition[];
}

interface ChecklistDetail {
  definitions: ChecklistItemDefinition[];
  states: Map<string, ChecklistState>;
}

/** The sentence for an error's code, where the messages have one (`reason.<code>`). */
const describeCode = (error: unknown): ContactCardMessage => {
  const key = LiftDataError.is(error) ? `reason.${error.code}` : '';
  return key in contactCardMessages.nl ? (key as ContactCardMessage) : 'reason.other';
};

/**
 * The contact person card of LIFT: a header with the name composed the Dutch way, the button
 * bar, main tabs (Overview, Projects, Correspondence, Checklist) and a pane of detail tabs at
 * the bottom. Personal details are edited in place, saved with the version they were loaded
 * at, merged field by field when someone else saved meanwhile, and kept as a local draft until
 * saved — a reload, a failed save or a conflict never loses an edit.
 *
 * Keyboard: Tab reaches the name (Enter edits), the function, the links, the button bar, the
 * main tabs (Arrow Left / Right, Home, End), the open panel and the detail tabs. Ctrl+S (⌘S)
 * saves, Alt+Page Up / Alt+Page Down go to the previous / next contact of `selection`.
 *
 * @summary The whole contact card: header, actions, main tabs, detail tabs, editing.
 *
 * @event {LiftContactSavedEvent} lift-contact-saved - A save landed; `detail.contact` is the stored record, `detail.fields` what changed.
 * @event {LiftDirtyChangeEvent} lift-dirty-change - The card gained or lost unsaved edits (`detail.dirty`, `detail.fields`).
 * @event {LiftConflictEvent} lift-conflict - A save met a newer version; `detail.fields` need the user's choice, `detail.merged` merged by themselves.
 * @event {LiftErrorEvent} lift-error - Loading or an action failed; `detail.operation`, `detail.code`, `detail.error`. The card shows it in words too.
 * @event {LiftOpenProjectEvent} lift-open-project - Enter or double-click on a project (`detail.workItem`). Cancelable: cancelled, the card does not open its detail.
 * @event {LiftContactOpenEvent} lift-contact-open - The user chose another contact in the search, or the copy just made (`detail.contactId`, `detail.from`). Cancelable: cancelled, the card stays and the host navigates.
 * @event {LiftWorkCreatedEvent} lift-work-created - A lead, request or project was created (`detail.workItem`). Cancelable: cancelled, the card does not show it. (To use your own form instead, cancel the `lift-action` with `action: 'create'`.)
 * @event {LiftContactCopiedEvent} lift-contact-copied - The contact was copied (`detail.originalId`, `detail.copyId`).
 * @event {LiftActionEvent} lift-action - From the button bar, bubbling out. Cancel it to stop the card performing the action.
 *
 * @attr lang - `nl` or `en`; without it the nearest `lang` above the card, else Dutch.
 * @attr {boolean} dirty - Read-only, reflected: the card has unsaved edits.
 *
 * @csspart card - The card's box.
 * @csspart header - Name, function, relation and links.
 * @csspart name - The name (a button: click shows the personal details, double-click or Enter edits).
 * @csspart badge - The "archived" badge.
 * @csspart banner - Notices across the card (archived, changed elsewhere, draft restored, errors).
 * @csspart tabs - The main tab list.
 * @csspart tab - A main or detail tab.
 * @csspart panel - The open main tab's panel.
 * @csspart detail - The detail pane at the bottom.
 * @csspart detail-tabs - The detail tab list.
 * @csspart detail-panel - The open detail tab's panel.
 * @csspart field - A field of the personal details form.
 * @csspart error - An error message.
 * @csspart skeleton - The placeholder shapes while loading.
 * @csspart dialog - The confirmation and conflict dialogs.
 * @csspart bar-toolbar - The button bar's row (exported from `<lift-button-bar>`); also `bar-button`, `bar-menu`, `bar-menu-item`.
 * @csspart timeline-entry - An overview entry (exported from `<lift-contact-timeline>`); also `timeline-filters`, `timeline-scroller`.
 * @csspart checklist-item - A checklist item (exported from `<lift-checklist>`); also `checklist-group`.
 *
 * @cssproperty --lift-card-background - Background of the card; defaults to `--lift-color-background`.
 * @cssproperty --lift-card-padding - Padding inside the card.
 * @cssproperty --lift-card-gap - Space between the card's sections.
 * @cssproperty --lift-color-accent - Active tab marker, links and primary buttons.
 * @cssproperty --lift-color-warning-background - Background of the archived and "changed elsewhere" banners.
 * @cssproperty --lift-color-danger - Error messages and invalid fields.
 * @cssproperty --lift-color-border - Borders.
 * @cssproperty --lift-color-text-muted - Secondary text.
 */
export class LiftContactCard extends LiftElement {
  static override styles = [sharedStyles, contactCardStyles];

  static override properties: PropertyDeclarations = {
    contactId: { attribute: 'contact-id', reflect: true },
    buttons: { converter: tokenListConverter(BUTTON_TOKENS, '<lift-contact-card> buttons') },
    detailTabs: { attribute: 'detail-tabs', converter: tokenListConverter(DETAIL_TABS, '<lift-contact-card> detail-tabs') },
    selection: { converter: { fromAttribute: parseIds, toAttribute: (ids: string[] | undefined) => ids?.join(' ') ?? null } },
    tab: { reflect: true, converter: oneOf(MAIN_TABS, '<lift-contact-card> tab') },
    adapter: { attribute: false },
    loadState: { state: true },
    loadError: { state: true },
    record: { state: true },
    relation: { state: true },
    draft: { state: true },
    touched: { state: true },
    saving: { state: true },
    saveError: { state: true },
    actionError: { state: true },
    lifecycleError: { state: true },
    elsewhere: { state: true },
    restoredAt: { state: true },
    preferences: { state: true },
    checklistAvailable: { state: true },
    projects: { state: true },
    projectsError: { state: true },
    showArchived: { state: true },
    selectedProject: { state: true },
    selectedEntry: { state: true },
    detailTab: { state: true },
    checklistDetail: { state: true },
    announcement: { state: true },
    question: { state: true },
    conflict: { state: true },
    panel: { state: true },
    templates: { state: true },
    reportList: { state: true },
    draftUnavailable: { state: true },
  };

  /** The contact shown. */
  contactId: string | undefined;

  /**
   * Which buttons the bar may show, in order: tokens among `save undo refresh archive selection
   * search create copy document reports detail-tabs configure`. Default: all twelve.
   */
  buttons: ButtonToken[] | undefined;

  /** Which detail tabs exist, in order: tokens among `personal function project item checklist-item`. Default: all. */
  detailTabs: DetailTab[] | undefined;

  /** Ids of the contacts in the current selection, for previous / next. */
  selection: string[] | undefined;

  /** The open main tab: `overview projects correspondence checklist`. */
  tab: MainTab | undefined;

  /** Overrides the adapter from the nearest `<lift-data-provider>` (or the IndexedDB default). */
  adapter: LiftAdapter | undefined;

  private loadState: LoadState = 'idle';
  private loadError: unknown;
  private record: Contact | undefined;
  private relation: Relation | undefined;
  private draft: ContactDraft | undefined;
  private touched = new Set<ContactField>();
  private saving = false;
  private saveError: string | undefined;
  private actionError: string | undefined;
  private lifecycleError = false;
  private elsewhere: Contact | undefined;
  private restoredAt: string | undefined;
  private preferences: Preferences = {};
  private checklistAvailable = false;
  private projects: WorkItem[] | undefined;
  private projectsError: string | undefined;
  private showArchived = false;
  private selectedProject: WorkItem | undefined;
  private selectedEntry: TimelineEntry | undefined;
  private detailTab: DetailTab = 'personal';
  private checklistDetail: ChecklistDetail | undefined;
  private announcement = '';
  private question: Question | undefined;
  private conflict: Conflict | undefined;
  private panel: ActionPanel | undefined;
  private templates: DocumentTemplate[] = [];
  private reportList: ReportDefinition[] = [];
  /** The browser would not keep the draft (private mode, full storage): say so. */
  private draftUnavailable = false;

  private get askDialog(): HTMLDialogElement | null {
    return this.renderRoot?.querySelector('dialog.ask') ?? null;
  }
  private get conflictDialog(): HTMLDialogElement | null {
    return this.renderRoot?.querySelector('dialog.conflict') ?? null;
  }
  private get actionDialog(): HTMLDialogElement | null {
    return this.renderRoot?.querySelector('dialog.action') ?? null;
  }

  readonly #i18n = new LocalizeController(this, contactCardMessages);
  readonly #adapter = new AdapterController(this, (change) => void this.#onChange(change));
  #load: AbortController | undefined;
  #loadedFor: unknown[] = [];
  #loading: Promise<void> = Promise.resolve();
  #wasDirty = false;
  #missedWhileSaving = false;
  /** An archive or unarchive in flight: its own echo on the feed is not news from elsewhere. */
  #archiving = false;
  /** Fields this card edited (or restored), the ones it writes to and forgets from the draft store. */
  #owned = new Set<ContactField>();
  #context: { adapter: LiftAdapter; userId: string; value: Promise<UserContext> } | undefined;
  /** Counts project loads, so an older answer never replaces a newer one. */
  #projectsLoad = 0;
  #returnFocus: HTMLElement | undefined;

  constructor() {
    super();
    this.addEventListener('keydown', (event) => this.#onKeydown(event));
  }

  /** Whether the card has unsaved edits (reflected as the `dirty` attribute). */
  get dirty(): boolean {
    return Boolean(this.draft?.dirty);
  }

  /** Resolves once the contact (and a restored draft) has loaded. */
  get loaded(): Promise<void> {
    return latestLoad(() => this.#loading);
  }

  /** Saves the unsaved edits; resolves `true` when they landed (or there were none). */
  save(): Promise<boolean> {
    return this.#save();
  }

  // ------------------------------------------------------------------ lifecycle

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#load?.abort();
    // Re-attached, it loads afresh: the feed was not heard meanwhile. The draft is in storage.
    this.#loadedFor = [];
  }

  protected override willUpdate(changed: PropertyValues): void {
    const adapter = this.#adapter.value;
    if (this.#loadedFor[0] !== adapter || this.#loadedFor[1] !== this.contactId) {
      const sameContact = this.#loadedFor[1] === this.contactId && this.record?.id === this.contactId;
      this.#loadedFor = [adapter, this.contactId];
      void this.#reload(adapter, { restoreDraft: !sameContact || !this.dirty });
    }
    if ((changed.has('detailTab') || changed.has('checklistAvailable')) && this.#activeDetail() === 'checklist-item') void this.#loadChecklistDetail();
    // The attribute names the tab that shows, also when the asked-for one does not exist here.
    if (this.loadState === 'ready' && this.tab !== this.#activeTab()) this.tab = this.#activeTab();
  }

  protected override updated(changed: PropertyValues): void {
    this.toggleAttribute('dirty', this.dirty);
    if (this.dirty !== this.#wasDirty) {
      this.#wasDirty = this.dirty;
      /** @ignore documented on the class */
      this.dispatchEvent(new LiftDirtyChangeEvent(this.dirty, this.draft?.dirtyFields ?? []));
    }
    if (changed.has('question') && this.question && this.askDialog && !this.askDialog.open) {
      // Escape closes without a button: a stale returnValue must not read as the last answer.
      this.askDialog.returnValue = '';
      this.askDialog.showModal();
    }
    if (changed.has('conflict') && this.conflict && !this.conflictDialog?.open) this.conflictDialog?.showModal();
    if (changed.has('panel') && this.panel && !this.actionDialog?.open) {
      this.actionDialog?.showModal();
      const selector = this.panel.initialFocus ?? 'input, select, textarea, button';
      this.actionDialog?.querySelector<HTMLElement>(selector)?.focus();
    }
    // The timeline and checklist are loaded when a tab first needs them, so a host that only
    // shows the header and details never downloads the timeline's windowing code.
    const tab = this.#activeTab();
    if (tab === 'overview' || tab === 'correspondence') void import('../lift-contact-timeline.js');
    if (tab === 'checklist') void import('../lift-checklist.js');
  }

  // ------------------------------------------------------------------ data

  #draftStore(adapter: LiftAdapter): DraftStore {
    return new DraftStore(`${adapter.scope ?? 'adapter'}:${adapter.session.currentUser().id}`);
  }

  #reload(adapter: LiftAdapter, options: { restoreDraft: boolean; fresh?: boolean }): Promise<void> {
    return (this.#loading = this.#fetch(adapter, options));
  }

  /**
   * What depends on the adapter and the user but not on the contact: read once, not again for
   * every contact the user moves to. A refresh reads it anew; the feed drops it when it changes.
   */
  #userContext(adapter: LiftAdapter, fresh: boolean): Promise<UserContext> {
    const userId = adapter.session.currentUser().id;
    const cached = this.#context;
    if (!fresh && cached && cached.adapter === adapter && cached.userId === userId) return cached.value;
    const value = Promise.all([
      adapter.preferences?.get(CARD_TYPE).catch(() => ({})) ?? {},
      adapter.checklists
        ?.definitions(CARD_TYPE)
        .then((items) => items.some((item) => modeFor(item, undefined) !== 'hidden'))
        .catch(() => false) ?? false,
      // A role without the right gets none; a failure only hides the button.
      adapter.templates?.list().catch(() => []) ?? [],
      adapter.reports?.list().catch(() => []) ?? [],
    ]).then(([preferences, checklistAvailable, templates, reportList]) => ({ preferences, checklistAvailable, templates, reportList }));
    this.#context = { adapter, userId, value };
    return value;
  }

  async #fetch(adapter: LiftAdapter, { restoreDraft, fresh = false }: { restoreDraft: boolean; fresh?: boolean }): Promise<void> {
    this.#load?.abort();
    const controller = (this.#load = new AbortController());
    const { signal } = controller;
    const contactId = this.contactId;
    if (this.record?.id !== contactId) {
      // Another contact: nothing of the previous one may stay on screen or be saved onto this one.
      this.record = this.relation = this.draft = this.elsewhere = this.conflict = undefined;
      this.projects = this.selectedProject = this.selectedEntry = this.checklistDetail = undefined;
      this.saveError = this.actionError = this.restoredAt = undefined;
      this.touched = new Set();
      this.#owned = new Set();
      this.draftUnavailable = false;
      this.question?.resolve('cancel');
      this.question = undefined;
      this.askDialog?.close();
      this.conflictDialog?.close();
      this.actionDialog?.close();
    }
    if (!contactId) {
      this.loadState = 'idle';
      return;
    }
    if (!this.record) this.loadState = 'loading';
    void this.#loadProjects(adapter, contactId);
    try {
      const contact = checkContact(await adapter.contacts.get(contactId, { signal }), contactId);
      const [relation, { preferences, checklistAvailable, templates, reportList }] = await Promise.all([
        adapter.relations.get(contact.relationId, { signal }).catch(() => undefined),
        this.#userContext(adapter, fresh),
      ]);
      if (signal.aborted) return;
      this.templates = templates;
      this.reportList = reportList;
      this.record = contact;
      this.relation = relation;
      this.preferences = preferences;
      this.checklistAvailable = checklistAvailable;
      this.elsewhere = undefined;
      this.loadState = 'ready';
      const store = this.#draftStore(adapter);
      const stored = restoreDraft ? store.load(contactId) : undefined;
      if (stored) {
        const draft = draftFromStorage(contact, stored);
        if (draft.dirty) {
          this.draft = draft;
          this.restoredAt = stored.savedAt;
          this.touched = new Set(draft.dirtyFields);
          this.#owned = new Set(draft.dirtyFields);
          this.#announce('draftRestored', { time: this.#date(stored.savedAt, true) });
          return;
        }
        store.forget(contactId, Object.keys(stored.edits) as ContactField[], stored.edits);
      }
      if (this.draft?.dirty && this.draft.base.id === contactId) {
        // Reloaded under the user's edits (another adapter or user): keep them; a newer record
        // is one to compare with, and saving merges through the conflict path.
        if (contact.version !== this.draft.base.version) this.elsewhere = contact;
        return;
      }
      this.draft = ContactDraft.of(contact);
    } catch (error) {
      if (signal.aborted) return;
      this.loadError = error;
      this.loadState = LiftDataError.is(error, 'not-found') ? 'not-found' : 'error';
      if (this.loadState === 'error') this.#report('load', error);
    }
  }

  async #loadProjects(adapter: LiftAdapter, contactId: string): Promise<void> {
    if (!adapter.work) return;
    const load = ++this.#projectsLoad;
    this.projectsError = undefined;
    try {
      const items: WorkItem[] = [];
      let cursor: string | undefined;
      do {
        const page = await adapter.work.listForContact(contactId, { includeArchived: true, limit: 500, ...(cursor ? { cursor } : {}) });
        items.push(...page.items);
        cursor = page.next;
      } while (cursor);
      if (this.contactId !== contactId || load !== this.#projectsLoad) return;
      this.projects = items;
      if (this.selectedProject) this.selectedProject = items.find((item) => item.id === this.selectedProject!.id);
    } catch (error) {
      if (this.contactId !== contactId || load !== this.#projectsLoad) return;
      this.projectsError = this.#reason(error);
      this.#report('projects', error);
    }
  }

  async #loadChecklistDetail(): Promise<void> {
    const adapter = this.#adapter.value;
    const contactId = this.contactId;
    if (!adapter.checklists || !contactId) return;
    try {
      const [definitions, states] = await Promise.all([adapter.checklists.definitions(CARD_TYPE), adapter.checklists.states(contactId)]);
      if (this.contactId !== contactId) return;
      this.checklistDetail = {
        definitions: definitions.filter((item) => modeFor(item, undefined) !== 'hidden').sort((a, b) => a.order - b.order),
        states: new Map(states.map((s) => [s.itemId, s])),
      };
    } catch (error) {
      if (this.contactId === contactId) this.actionError = this.#i18n.t('actionFailed', { reason: this.#reason(error) });
    }
  }

  async #onChange(change: DataChange | LifecycleNotice): Promise<void> {
    if (!('resource' in change)) {
      if (change.type === 'version-change') this.lifecycleError = true;
      return;
    }
    const id = this.contactId;
    if (!id) return;
    if (change.resource === 'contact' && change.ids.includes(id)) await this.#checkOutside();
    else if (change.resource === 'work' && (!change.contactId || change.contactId === id)) void this.#loadProjects(this.#adapter.value, id);
    else if (change.resource === 'relation' && this.record && change.ids.includes(this.record.relationId)) {
      const relation = await this.#adapter.value.relations.get(this.record.relationId).catch(() => undefined);
      if (relation && this.record?.relationId === relation.id) this.relation = relation;
    } else if (change.resource === 'preferences' && change.origin === 'remote') {
      this.#context = undefined;
      this.preferences = (await this.#adapter.value.preferences?.get(CARD_TYPE).catch(() => undefined)) ?? this.preferences;
    } else if ((change.resource === 'checklist' && change.contactId === id) || change.resource === 'checklist-definition') {
      if (this.#activeDetail() === 'checklist-item') void this.#loadChecklistDetail();
      if (change.resource === 'checklist-definition') {
        const items = await this.#adapter.value.checklists?.definitions(CARD_TYPE).catch(() => undefined);
        this.#context = undefined;
        if (items) this.checklistAvailable = items.some((item) => modeFor(item, undefined) !== 'hidden');
      }
    }
  }

  /** The contact changed somewhere else: a clean card follows, a dirty one says so. */
  async #checkOutside(): Promise<void> {
    if (this.saving || this.#archiving) {
      this.#missedWhileSaving = true;
      return;
    }
    const id = this.contactId;
    const known = this.record;
    if (!id) return;
    // Shown as missing, and now stored (a host seeding an empty database, a colleague's import).
    if (!known) {
      if (this.loadState === 'not-found') await this.#reload(this.#adapter.value, { restoreDraft: true });
      return;
    }
    let current: Contact;
    try {
      current = checkContact(await this.#adapter.value.contacts.get(id), id);
    } catch {
      return;
    }
    // Our own save, an older echo, or another contact by now: nothing new to show.
    if (this.contactId !== id || current.version <= (this.record?.version ?? 0)) return;
    this.record = current;
    if (this.draft?.dirty) {
      this.elsewhere = current;
    } else {
      this.draft = ContactDraft.of(current);
      this.#announce('updatedElsewhere');
    }
  }

  // ------------------------------------------------------------------ editing

  #edit(field: ContactField, value: string): void {
    if (!this.draft || !this.contactId) return;
    this.draft = this.draft.with(field, value);
    this.saveError = undefined;
    this.#owned.add(field);
    this.#keepDraft();
  }

  /** Writes this card's fields of the draft to the browser; says so when it cannot. */
  #keepDraft(): void {
    if (!this.draft || this.draft.base.id !== this.contactId) return;
    this.draftUnavailable = !this.#draftStore(this.#adapter.value).save(this.draft.base.id, this.draft, this.#owned);
  }

  #touch(field: ContactField): void {
    if (!this.touched.has(field)) this.touched = new Set(this.touched).add(field);
  }

  #readOnly(): boolean {
    return !this.record || this.record.archived || !this.#adapter.value.session.can('edit');
  }

  async #save(attempt = 0): Promise<boolean> {
    const draft = this.draft;
    // The contact the edits belong to; never saved onto whichever contact shows now.
    const id = draft?.base.id;
    if (!draft || !id || id !== this.contactId || this.saving) return !draft?.dirty;
    if (!draft.dirty) return true;
    const problems = Object.keys(draft.problems) as ContactField[];
    if (problems.length) {
      this.touched = new Set([...this.touched, ...draft.dirtyFields]);
      this.saveError = this.#i18n.t('fixFirst', { count: problems.length });
      await this.#showField(problems[0]!);
      return false;
    }
    const adapter = this.#adapter.value;
    const changes = draft.changes;
    const fields = draft.dirtyFields;
    this.saving = true;
    this.saveError = undefined;
    this.#announce('saving');
    let result = false;
    let conflict: { current: Contact | undefined } | undefined;
    try {
      const saved = checkContact(await adapter.contacts.update(id, draft.base.version, changes), id);
      // Landed: forget what was saved and say so, even when the card has moved on meanwhile.
      this.#draftStore(adapter).forget(id, fields, changes);
      result = true;
      if (this.contactId === id) {
        this.record = saved;
        // Edits typed while the save was on its way stay, on top of the saved record.
        const later = Object.fromEntries(
          Object.entries(this.draft?.edits ?? {}).filter(([field, value]) => changes[field as ContactField] !== value),
        );
        this.draft = ContactDraft.of(saved).rebase(saved, later);
        for (const field of fields) if (!(field in later)) this.#owned.delete(field);
        this.elsewhere = this.restoredAt = undefined;
        this.touched = new Set(Object.keys(later) as ContactField[]);
        this.#announce('saved');
      }
      /** @ignore documented on the class */
      this.dispatchEvent(new LiftContactSavedEvent(saved, fields));
    } catch (error) {
      if (LiftDataError.is(error, 'conflict') && this.contactId === id) {
        conflict = { current: error.current as Contact | undefined };
      } else {
        // The edits stay, on screen and in the draft store.
        if (this.contactId === id) this.saveError = this.#i18n.t('saveFailed', { reason: this.#reason(error) });
        this.#report('save', error);
      }
    } finally {
      this.saving = false;
    }
    if (conflict) return this.#onConflict(draft, conflict.current, attempt);
    if (this.#missedWhileSaving) {
      this.#missedWhileSaving = false;
      if (this.contactId === id) void this.#checkOutside();
    }
    return result;
  }

  /** A save met a newer version: merge what does not overlap, ask about what does. */
  async #onConflict(draft: ContactDraft, current: Contact | undefined, attempt: number): Promise<boolean> {
    const id = draft.base.id;
    let theirs: Contact;
    try {
      theirs = checkContact(current ?? (await this.#adapter.value.contacts.get(id)), id);
    } catch (error) {
      if (this.contactId === id) this.saveError = this.#i18n.t('saveFailed', { reason: this.#reason(error) });
      return false;
    }
    // The user moved to another contact meanwhile: the edits wait in the draft store.
    if (this.contactId !== id || this.draft?.base.id !== id) return false;
    const { merged, conflicts } = draft.merge(theirs);
    this.record = theirs;
    /** @ignore documented on the class */
    this.dispatchEvent(new LiftConflictEvent(id, conflicts.map((c) => c.field), Object.keys(merged) as ContactField[], theirs));
    if (!conflicts.length && attempt < MAX_AUTO_MERGES) {
      this.draft = ContactDraft.of(theirs).rebase(theirs, merged);
      this.#keepDraft();
      return this.#save(attempt + 1);
    }
    this.conflict = { theirs, conflicts, merged: Object.keys(merged) as ContactField[], choices: {}, mode: 'save' };
    return false;
  }

  async #applyChoices(): Promise<void> {
    const conflict = this.conflict;
    const draft = this.draft;
    if (!conflict || !draft || !this.contactId) return;
    const edits: Partial<Record<ContactField, string>> = {};
    for (const field of conflict.merged) edits[field] = draft.value(field);
    for (const item of conflict.conflicts) if (conflict.choices[item.field] === 'mine') edits[item.field] = item.mine;
    this.draft = ContactDraft.of(conflict.theirs).rebase(conflict.theirs, edits);
    this.record = conflict.theirs;
    this.elsewhere = undefined;
    this.saveError = undefined;
    this.#keepDraft();
    this.conflict = undefined;
    this.conflictDialog?.close();
    if (conflict.mode === 'save') await this.#save();
  }

  #compare(): void {
    const theirs = this.elsewhere;
    if (!theirs || !this.draft) return;
    const { merged, conflicts } = this.draft.merge(theirs);
    if (!conflicts.length) {
      // Nothing overlaps: take their record with my edits on top, and say nothing more.
      this.draft = ContactDraft.of(theirs).rebase(theirs, merged);
      this.elsewhere = undefined;
      this.#keepDraft();
      this.#announce('updatedElsewhere');
      return;
    }
    this.#returnFocus = this.#focused();
    this.conflict = { theirs, conflicts, merged: Object.keys(merged) as ContactField[], choices: {}, mode: 'compare' };
  }

  #undo(): void {
    if (!this.record || !this.contactId) return;
    this.draft = ContactDraft.of(this.record);
    this.touched = new Set();
    this.saveError = this.restoredAt = this.elsewhere = undefined;
    this.#draftStore(this.#adapter.value).forget(this.contactId, this.#owned);
    this.#owned = new Set();
    this.draftUnavailable = false;
    this.#announce('undone');
  }

  /** With unsaved edits, asks save / discard / cancel; resolves whether to go on. */
  async #settleEdits(message: ContactCardMessage): Promise<boolean> {
    if (!this.dirty) return true;
    const t = this.#i18n.t.bind(this.#i18n);
    const answer = await this.#ask(t('unsavedTitle'), t(message), [
      { id: 'save', label: t('save'), primary: true },
      { id: 'discard', label: t('discard') },
      { id: 'cancel', label: t('cancel'), focus: true },
    ]);
    if (answer === 'save') return this.#save();
    if (answer === 'discard') {
      this.#undo();
      return true;
    }
    return false;
  }

  async #refresh(): Promise<void> {
    if (!(await this.#settleEdits('unsavedRefresh'))) return;
    await this.#reload(this.#adapter.value, { restoreDraft: false, fresh: true });
    if (this.loadState === 'ready') this.#announce('refreshed');
  }

  async #archive(archived: boolean): Promise<void> {
    const record = this.record;
    if (!record) return;
    const t = this.#i18n.t.bind(this.#i18n);
    const name = fullName(record);
    const answer = await this.#ask(t(archived ? 'archiveTitle' : 'unarchiveTitle'), t(archived ? 'archiveMessage' : 'unarchiveMessage', { name }), [
      { id: 'confirm', label: t(archived ? 'archiveConfirm' : 'unarchiveConfirm'), primary: true },
      { id: 'cancel', label: t('cancel'), focus: true },
    ]);
    // What changed while the question was open counts: archive the record as it is now.
    const latest = this.record;
    if (answer !== 'confirm' || latest?.id !== record.id) return;
    this.actionError = undefined;
    this.#archiving = true;
    try {
      const saved = checkContact(await this.#adapter.value.contacts.setArchived(latest.id, latest.version, archived), latest.id);
      if (this.contactId !== saved.id) return;
      this.record = saved;
      // Edits made from the version just archived follow it; older ones keep their own start.
      const draft = this.draft;
      this.draft = !draft?.dirty ? ContactDraft.of(saved) : draft.base.version === latest.version ? draft.rebase(saved) : draft;
      this.#announce(archived ? 'archivedDone' : 'unarchivedDone');
    } catch (error) {
      this.actionError = this.#i18n.t('actionFailed', { reason: this.#reason(error) });
      this.#report(archived ? 'archive' : 'unarchive', error);
      if (LiftDataError.is(error, 'conflict')) this.#missedWhileSaving = true;
    } finally {
      this.#archiving = false;
    }
    if (this.#missedWhileSaving) {
      this.#missedWhileSaving = false;
      void this.#checkOutside();
    }
  }

  async #go(step: -1 | 1): Promise<void> {
    const ids = this.selection ?? [];
    const index = this.contactId ? ids.indexOf(this.contactId) : -1;
    const target = index < 0 ? undefined : ids[index + step];
    if (!target || !(await this.#settleEdits('unsavedLeave'))) return;
    await this.#switchTo(target);
  }

  /** Shows another contact; focus that was in the card lands on the new contact's name. */
  async #switchTo(id: string): Promise<void> {
    const hadFocus = this.matches(':focus-within');
    this.contactId = id;
    await this.loaded;
    await this.updateComplete;
    if (hadFocus && this.contactId === id && !this.matches(':focus-within')) this.renderRoot.querySelector<HTMLElement>('[part~="name"]')?.focus();
  }

  async #savePreferences(next: Preferences): Promise<void> {
    this.preferences = next;
    this.#context = undefined;
    try {
      if (this.#adapter.value.preferences) this.preferences = await this.#adapter.value.preferences.set(CARD_TYPE, next);
    } catch (error) {
      this.actionError = this.#i18n.t('actionFailed', { reason: this.#reason(error) });
      this.#report('preferences', error);
    }
  }

  // ------------------------------------------------------------------ events from inside

  /**
   * The bar's events bubble on to the host first; the card acts afterwards (in a microtask,
   * once the dispatch is over) so a host that cancels one stops the card too.
   */
  #afterHost<E extends Event>(event: E, perform: (event: E) => void): void {
    queueMicrotask(() => {
      if (!event.defaultPrevented) perform(event);
    });
  }

  #onAction = (event: LiftActionEvent): void =>
    this.#afterHost(event, ({ detail }) => {
      switch (detail.action) {
        case 'save':
          void this.#save();
          break;
        case 'undo':
          this.#undo();
          break;
        case 'refresh':
          void this.#refresh();
          break;
        case 'archive':
        case 'unarchive':
          void this.#archive(detail.action === 'archive');
          break;
        case 'previous':
        case 'next':
          void this.#go(detail.action === 'previous' ? -1 : 1);
          break;
        case 'search':
          void this.#openPanel(async (host) => new (await import('./actions/contact-search.js')).ContactSearchPanel(host));
          break;
        case 'create':
          if (detail.kind) {
            const kind: WorkKind = detail.kind;
            void this.#openPanel(async (host) => new (await import('./actions/create-work.js')).CreateWorkPanel(host, kind));
          }
          break;
        case 'copy':
          void this.#settleEdits('unsavedCopy').then(async (go) => {
            if (go) await this.#openPanel(async (host) => new (await import('./actions/copy-contact.js')).CopyContactPanel(host));
          });
          break;
        case 'document': {
          const template = this.templates.find((item) => item.id === detail.id);
          // The document is merged from the stored details: unsaved edits are settled first.
          if (template) {
            void this.#settleEdits('unsavedDocument').then(async (go) => {
              if (go) await this.#openPanel(async (host) => new (await import('./actions/new-document.js')).NewDocumentPanel(host, template));
            });
          }
          break;
        }
        case 'reports': {
          const report = this.reportList.find((item) => item.id === detail.id);
          if (report) {
            const name = this.#reportName(report);
            void this.#openPanel(async (host) => new (await import('./actions/report.js')).ReportPanel(host, report.id, name));
          }
          break;
        }
        default:
          break;
      }
    });

  #onButtonsChange = (event: LiftButtonsChangeEvent): void =>
    this.#afterHost(event, ({ detail }) => {
      const { buttons: _old, ...rest } = this.preferences;
      void this.#savePreferences(detail.buttons ? { ...rest, buttons: detail.buttons } : rest);
    });

  #onDetailTabsChange = (event: LiftDetailTabsChangeEvent): void =>
    this.#afterHost(event, ({ detail }) => {
      const { detailTabs: _old, ...rest } = this.preferences;
      void this.#savePreferences(detail.detailTabs ? { ...rest, detailTabs: detail.detailTabs } : rest);
    });

  #onEntrySelect = (event: LiftTimelineSelectEvent): void =>
    this.#afterHost(event, ({ detail }) => {
      this.selectedEntry = detail.entry;
      this.#openDetail('item');
    });

  #onKeydown(event: KeyboardEvent): void {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
      event.preventDefault();
      if (this.dirty && !this.#readOnly()) void this.#save();
    } else if (event.altKey && (event.key === 'PageUp' || event.key === 'PageDown')) {
      event.preventDefault();
      void this.#go(event.key === 'PageUp' ? -1 : 1);
    }
  }

  #openProject(item: WorkItem, how: 'select' | 'open'): void {
    /** @ignore documented on the class */
    if (how === 'open' && !this.dispatchEvent(new LiftOpenProjectEvent(item))) return;
    this.selectedProject = item;
    this.#openDetail('project', how === 'open');
  }

  // ------------------------------------------------------------------ action dialogs (buttons 6–10)

  /**
   * Opens an action's dialog. Its code is imported on first use, so the card's own entry
   * carries none of it.
   */
  async #openPanel(create: (host: ActionHost) => Promise<ActionPanel>): Promise<void> {
    const record = this.record;
    if (!record) return;
    this.#returnFocus = this.#focused();
    try {
      const owner: { panel?: ActionPanel } = {};
      const panel = await create(this.#actionHost(record, owner));
      // The contact changed while the dialog's code loaded: it belongs to the old one.
      if (this.contactId !== record.id) return panel.dispose?.();
      owner.panel = panel;
      this.panel?.dispose?.();
      this.panel = panel;
    } catch (error) {
      // The chunk failed to load (offline host, say): say so rather than do nothing.
      this.actionError = this.#i18n.t('actionFailed', { reason: this.#reason(error) });
    }
  }

  #actionHost(record: Contact, owner: { panel?: ActionPanel }): ActionHost {
    const card = this;
    return {
      get adapter() {
        return card.#adapter.value;
      },
      get open() {
        return Boolean(owner.panel) && card.panel === owner.panel;
      },
      get record() {
        return card.record ?? record;
      },
      get relation() {
        return card.relation;
      },
      get lang() {
        return card.#i18n.lang;
      },
      t: (key, params) => this.#i18n.t(key, params),
      update: () => this.requestUpdate(),
      // Only the panel that is showing may close the dialog (a late answer must not close another).
      close: () => {
        if (owner.panel && this.panel === owner.panel) this.actionDialog?.close();
      },
      showError: (text) => {
        if (this.contactId === record.id) this.actionError = text;
      },
      /** @ignore the events of the action dialogs, documented on the class */
      dispatch: (event) => this.dispatchEvent(event),
      announce: (text) => {
        this.announcement = '';
        void this.updateComplete.then(() => (this.announcement = text));
      },
      report: (operation, error) => this.#report(operation, error),
      reason: (error) => this.#reason(error),
      openContact: async (id, event) => {
        if (!(await this.#settleEdits('unsavedLeave'))) return false;
        /** @ignore documented on the class */
        if (!this.dispatchEvent(event)) return false;
        await this.#switchTo(id);
        return true;
      },
      showWork: (item) => {
        if (this.contactId !== item.contactId) return;
        if (this.projects && !this.projects.some((known) => known.id === item.id)) this.projects = [item, ...this.projects];
        this.selectedProject = item;
        this.#selectTab('projects', false);
        this.#openDetail('project');
      },
      showEntry: (entry) => {
        if (this.contactId !== entry.contactId) return;
        this.selectedEntry = entry;
        this.#openDetail('item');
      },
      query: (selector) => this.actionDialog?.querySelector(selector) ?? null,
    };
  }

  #onPanelClosed(): void {
    this.panel?.dispose?.();
    this.panel = undefined;
    this.#restoreFocus();
  }

  #reportName(report: ReportDefinition): string {
    if (report.builtIn && report.id === 'activity') return this.#i18n.t('activityChart');
    if (report.builtIn && report.id === 'summary') return this.#i18n.t('summaryReport');
    return report.name;
  }

  // ------------------------------------------------------------------ tabs

  #mainTabs(): MainTab[] {
    return MAIN_TABS.filter((tab) => tab !== 'checklist' || this.checklistAvailable);
  }

  #activeTab(): MainTab {
    const tabs = this.#mainTabs();
    return this.tab && tabs.includes(this.tab) ? this.tab : 'overview';
  }

  #detailTabs(): DetailTab[] {
    const chosen = this.preferences.detailTabs;
    return (this.detailTabs ?? DETAIL_TABS).filter(
      (tab) => (!chosen || chosen.includes(tab)) && (tab !== 'checklist-item' || this.checklistAvailable),
    );
  }

  #activeDetail(): DetailTab | undefined {
    const tabs = this.#detailTabs();
    return tabs.includes(this.detailTab) ? this.detailTab : tabs[0];
  }

  /** Shows a detail tab when the card has it; `focus` moves focus into it (keyboard opens). */
  #openDetail(tab: DetailTab, focus = false): void {
    if (!this.#detailTabs().includes(tab)) return;
    this.detailTab = tab;
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#detail-tab-${tab}`)?.focus());
  }

  async #showField(field: ContactField): Promise<void> {
    this.#openDetail('personal');
    await this.updateComplete;
    const input = this.renderRoot.querySelector<HTMLElement>(`#field-${field}`);
    input?.focus();
  }

  #selectTab(tab: MainTab, focus: boolean): void {
    this.tab = tab;
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus());
  }

  // ------------------------------------------------------------------ dialogs, messages

  #ask(title: string, message: string, choices: Question['choices']): Promise<string> {
    this.question?.resolve('cancel');
    this.#returnFocus = this.#focused();
    return new Promise((resolve) => (this.question = { title, message, choices, resolve }));
  }

  #onAskClosed(): void {
    const question = this.question;
    if (!question) return;
    this.question = undefined;
    question.resolve(this.askDialog?.returnValue || 'cancel');
    this.#restoreFocus();
  }

  #onConflictClosed(): void {
    const conflict = this.conflict;
    if (conflict) {
      // Closed without choosing: not saved, and the user must be able to come back to it.
      this.conflict = undefined;
      this.elsewhere = conflict.theirs;
      if (conflict.mode === 'save') this.saveError = this.#i18n.t('conflictPending');
    }
    this.#restoreFocus();
  }

  /** The element that has focus, looking into nested shadow roots (the bar's buttons live in one). */
  #focused(): HTMLElement | undefined {
    let active = (this.shadowRoot?.activeElement ?? document.activeElement) as HTMLElement | null;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement as HTMLElement;
    return active ?? undefined;
  }

  #restoreFocus(): void {
    const target = this.#returnFocus;
    this.#returnFocus = undefined;
    if (target?.isConnected) requestAnimationFrame(() => target.focus());
  }

  #announce(key: ContactCardMessage, params?: Record<string, string | number>): void {
    // Cleared first, so the same words said twice are announced twice.
    this.announcement = '';
    void this.updateComplete.then(() => (this.announcement = this.#i18n.t(key, params)));
  }

  #reason(error: unknown): string {
    const key = describeCode(error);
    return this.#i18n.t(key, { message: error instanceof Error ? error.message : String(error) });
  }

  #report(operation: LiftOperation, error: unknown): void {
    /** @ignore documented on the class */
    this.dispatchEvent(new LiftErrorEvent(operation, error));
  }

  #date(iso: string | undefined, withTime = false): string {
    if (!iso) return '';
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    return date.toLocaleString(this.#i18n.lang, withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' });
  }

  // ------------------------------------------------------------------ rendering

  protected override render() {
    const t = this.#i18n.t.bind(this.#i18n);
    if (!this.contactId) return html`<div part="card"><p part="banner" class="notice">${t('noContact')}</p></div>`;
    switch (this.loadState) {
      case 'idle':
      case 'loading':
        return this.#renderSkeleton();
      case 'not-found':
        return html`<div part="card"><p part="banner" class="notice" role="alert">${t('notFound')}</p></div>`;
      case 'error':
        return html`<div part="card">
          <p part="banner error" class="notice" role="alert">
            ${LiftDataError.is(this.loadError, 'validation') ? t('damaged') : t('unavailable', { reason: this.#reason(this.loadError) })}
          </p>
          <button type="button" @click=${() => this.#reload(this.#adapter.value, { restoreDraft: true, fresh: true })}>${t('retry')}</button>
        </div>`;
      default:
        return this.record && this.draft ? this.#renderCard(this.record, this.draft) : this.#renderSkeleton();
    }
  }

  #renderSkeleton(): TemplateResult {
    return html`<div part="card" aria-busy="true">
      <p role="status" class="visually-hidden">${this.#i18n.t('loading')}</p>
      <div part="skeleton" aria-hidden="true">
        <span class="bone name"></span><span class="bone line"></span><span class="bone line short"></span>
        <span class="bone bar"></span><span class="bone block"></span>
      </div>
    </div>`;
  }

  #renderCard(record: Contact, draft: ContactDraft): TemplateResult {
    const t = this.#i18n.t.bind(this.#i18n);
    const name = fullName(record) || t('noValue');
    return html`<article part="card" aria-label=${t('card', { name })} aria-busy=${this.saving ? 'true' : 'false'}>
      ${this.#renderHeader(record, name)} ${this.#renderBanners(record)} ${this.#renderBar(record, draft)} ${this.#renderMainTabs()}
      ${this.#renderDetailPane(record, draft)}
      <p class="visually-hidden" role="status">${this.announcement}</p>
      ${this.#renderQuestion()} ${this.#renderConflict()} ${this.#renderActionDialog()}
    </article>`;
  }

  #renderHeader(record: Contact, name: string): TemplateResult {
    const t = this.#i18n.t.bind(this.#i18n);
    const link = (kind: 'email' | 'phone', label: string, value: string) => {
      if (!value) return nothing;
      const href = contactHref(kind, value);
      return html`<span class="link-item"><span class="label">${label}</span> ${href ? html`<a href=${href}>${value}</a>` : html`<span>${value}</span>`}</span>`;
    };
    return html`<header part="header">
      <h2>
        <button
          type="button"
          part="name"
          class="name"
          title=${t('editName')}
          @click=${() => this.#openDetail('personal')}
          @dblclick=${() => void this.#showField('firstName')}
          @keydown=${(event: KeyboardEvent) => {
            if (event.key !== 'Enter') return;
            event.preventDefault();
            void this.#showField('firstName');
          }}
        >${name}</button>
        ${record.archived ? html`<span part="badge">${t('archivedBadge')}</span>` : nothing}
      </h2>
      <p class="function">
        <button type="button" class="link" @click=${() => this.#openDetail('function', true)}>${record.jobTitle || t('field.jobTitle')}</button>
        ${record.department ? html`<span> · ${record.department}</span>` : nothing}
        ${this.relation
          ? html`<span> · <span class="label">${t('relation')}</span> ${this.relation.name} (${t(`kind.${this.relation.kind}` as ContactCardMessage)})</span>`
          : nothing}
      </p>
      <p class="links">${link('email', t('email'), record.email)} ${link('phone', t('phone'), record.phone)} ${link('phone', t('mobile'), record.mobile)}</p>
    </header>`;
  }

  #renderBanners(record: Contact): TemplateResult {
    const t = this.#i18n.t.bind(this.#i18n);
    return html`${this.lifecycleError ? html`<p part="banner error" class="notice" role="alert">${t('versionChange')}</p>` : nothing}
    ${record.archived ? html`<p part="banner" class="notice warning">${t('archivedBanner')}</p>` : !this.#adapter.value.session.can('edit') ? html`<p part="banner" class="notice">${t('readOnly')}</p>` : nothing}
    ${this.elsewhere
      ? html`<div part="banner" class="notice warning" role="alert">
          <span>${t('elsewhere')}</span>
          <button type="button" ?disabled=${this.saving} @click=${() => this.#compare()}>${t('compare')}</button>
          <button type="button" ?disabled=${this.saving} @click=${() => void this.#refresh()}>${t('refresh')}</button>
        </div>`
      : nothing}
    ${this.restoredAt && this.dirty
      ? html`<div part="banner" class="notice">
          <span>${t('draftRestored', { time: this.#date(this.restoredAt, true) })}</span>
          <button type="button" ?disabled=${this.saving} @click=${() => (this.restoredAt = undefined)}>${t('keepDraft')}</button>
          <button type="button" ?disabled=${this.saving} @click=${() => this.#undo()}>${t('discardDraft')}</button>
        </div>`
      : nothing}
    ${this.draftUnavailable && this.dirty ? html`<p part="banner" class="notice warning">${t('draftUnavailable')}</p>` : nothing}
    ${this.saving ? html`<p part="banner" class="notice">${t('saving')}</p>` : nothing}
    ${this.saveError
      ? html`<div part="banner error" class="notice" role="alert">
          <span>${this.saveError}</span>
          ${Object.keys(this.draft?.problems ?? {}).length ? nothing : html`<button type="button" @click=${() => void this.#save()}>${t('retry')}</button>`}
        </div>`
      : nothing}
    ${this.actionError ? html`<p part="banner error" class="notice" role="alert">${this.actionError}</p>` : nothing}`;
  }

  /** The buttons this user may use on this contact with this adapter; the rest are hidden. */
  #allowedActions(): ButtonToken[] {
    const adapter = this.#adapter.value;
    const can = (right: Parameters<typeof adapter.session.can>[0]) => adapter.session.can(right);
    return BUTTON_TOKENS.filter((token) => {
      switch (token) {
        case 'save':
        case 'undo':
          return can('edit');
        case 'archive':
          return can('archive');
        case 'create':
          return Boolean(adapter.work) && can('create-work');
        case 'copy':
          return can('copy');
        case 'document':
          return Boolean(adapter.templates) && can('documents') && this.templates.length > 0;
        case 'reports':
          return Boolean(adapter.reports) && can('reports') && this.reportList.length > 0;
        default:
          return true;
      }
    });
  }

  #renderBar(record: Contact, draft: ContactDraft): TemplateResult {
    const ids = this.selection ?? [];
    const position = ids.indexOf(record.id);
    const disabled: ButtonAction[] = [
      ...(this.saving ? (['save', 'undo', 'refresh'] as const) : []),
      // Archiving waits for the edits; unarchiving is how edits on an archived contact get saved.
      ...((draft.dirty && !record.archived) || this.saving ? (['archive'] as const) : []),
      // An archived contact is read-only: nothing new is written onto it (Undo still discards).
      ...(record.archived ? (['save', 'create', 'document'] as const) : []),
    ];
    const labels = DETAIL_TABS.map((id) => ({ id, label: this.#i18n.t(`detail.${id}`) }));
    const offered = this.detailTabs ?? DETAIL_TABS;
    const buttons = this.buttons ?? [...BUTTON_TOKENS];
    return html`<lift-button-bar
      exportparts="toolbar: bar-toolbar, button: bar-button, menu: bar-menu, menu-item: bar-menu-item"
      .buttons=${buttons}
      .visibleButtons=${this.preferences.buttons?.filter((b) => (buttons as string[]).includes(b)) as ButtonToken[] | undefined}
      .allowedActions=${this.#allowedActions()}
      .documents=${this.templates.map((template) => ({ id: template.id, label: template.name }))}
      .reports=${this.reportList.map((report) => ({ id: report.id, label: this.#reportName(report) }))}
      .dirty=${draft.dirty}
      .archived=${record.archived}
      .disabledActions=${disabled}
      .selectionPosition=${position < 0 ? undefined : position + 1}
      .selectionSize=${position < 0 ? undefined : ids.length}
      .detailTabOptions=${labels.filter((option) => offered.includes(option.id))}
      .visibleDetailTabs=${this.preferences.detailTabs}
      @lift-action=${this.#onAction}
      @lift-buttons-change=${this.#onButtonsChange}
      @lift-detail-tabs-change=${this.#onDetailTabsChange}
    ></lift-button-bar>`;
  }

  /**
   * A WAI-ARIA tablist (main or detail): one tab stop, Arrow Left / Right, Home and End move and
   * activate; `select(tab, focus)` shows a tab and, from the keyboard, focuses it.
   */
  #renderTablist<T extends string>(
    part: string,
    label: string,
    idPrefix: string,
    tabs: readonly T[],
    active: T,
    select: (tab: T, focus: boolean) => void,
    text: (tab: T) => TemplateResult | string,
  ): TemplateResult {
    const panelPrefix = idPrefix.replace('tab-', 'panel-');
    return html`<div
      role="tablist"
      part=${part}
      class="tabs"
      aria-label=${label}
      @keydown=${(event: KeyboardEvent) => {
        const target = tabKeyTarget(event, tabs, active);
        if (target) select(target, true);
      }}
    >
      ${tabs.map(
        (tab) => html`<button
          type="button"
          role="tab"
          part="tab"
          id=${`${idPrefix}${tab}`}
          aria-selected=${tab === active ? 'true' : 'false'}
          aria-controls=${`${panelPrefix}${tab}`}
          tabindex=${tab === active ? 0 : -1}
          @click=${() => select(tab, false)}
        >${text(tab)}</button>`,
      )}
    </div>`;
  }

  #renderMainTabs(): TemplateResult {
    const t = this.#i18n.t.bind(this.#i18n);
    const tabs = this.#mainTabs();
    const active = this.#activeTab();
    return html`${this.#renderTablist('tabs', t('tabs'), 'tab-', tabs, active, (tab, focus) => this.#selectTab(tab, focus), (tab) => t(`tab.${tab}`))}
      <div role="tabpanel" part="panel" class="panel" id=${`panel-${active}`} aria-labelledby=${`tab-${active}`}>${this.#renderPanel(active)}</div>`;
  }

  #renderPanel(tab: MainTab): TemplateResult {
    const adapter = this.#adapter.value;
    switch (tab) {
      case 'overview':
      case 'correspondence':
        return html`<lift-contact-timeline
          exportparts="entry: timeline-entry, filters: timeline-filters, scroller: timeline-scroller"
          .adapter=${adapter}
          contact-id=${this.contactId!}
          ?read-only=${Boolean(this.record?.archived)}
          .kinds=${tab === 'correspondence' ? CORRESPONDENCE : undefined}
          @lift-timeline-select=${this.#onEntrySelect}
        ></lift-contact-timeline>`;
      case 'projects':
        return this.#renderProjects();
      case 'checklist':
        return html`<lift-checklist
          exportparts="item: checklist-item, group: checklist-group"
          .adapter=${adapter}
          contact-id=${this.contactId!}
          card-type=${CARD_TYPE}
          @lift-checklist-availability=${(event: LiftChecklistAvailabilityEvent) => {
            this.#context = undefined;
            this.checklistAvailable = event.detail.available;
          }}
        ></lift-checklist>`;
    }
  }

  #renderProjects(): TemplateResult {
    const t = this.#i18n.t.bind(this.#i18n);
    const toggle = html`<label class="toggle"
      ><input type="checkbox" .checked=${this.showArchived} @change=${(e: Event) => (this.showArchived = (e.target as HTMLInputElement).checked)} />${t('showArchived')}</label
    >`;
    if (this.projectsError)
      return html`<p part="error" role="alert">${t('projectsError', { reason: this.projectsError })}</p>
        <button type="button" @click=${() => void this.#loadProjects(this.#adapter.value, this.contactId!)}>${t('retry')}</button>`;
    if (!this.projects) return html`<p role="status">${t('projectsLoading')}</p>`;
    const shown = this.projects
      .filter((item) => this.showArchived || !item.archived)
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
    if (!shown.length) return html`${toggle}<p class="empty">${t(this.projects.length ? 'noActiveProjects' : 'noProjects')}</p>`;
    const period = (item: WorkItem) => [this.#date(item.startDate), this.#date(item.endDate)].filter(Boolean).join(' – ') || t('noValue');
    return html`${toggle}
      <p class="hint" id="open-hint">${t('openProjectHint')}</p>
      <table class="projects">
        <thead>
          <tr>
            <th scope="col">${t('col.number')}</th>
            <th scope="col">${t('col.title')}</th>
            <th scope="col">${t('col.kind')}</th>
            <th scope="col">${t('col.status')}</th>
            <th scope="col">${t('col.dates')}</th>
          </tr>
        </thead>
        <tbody>
          ${shown.map(
            (item) => html`<tr data-work-id=${item.id} class=${item.id === this.selectedProject?.id ? 'current' : ''}>
              <td>${item.number}</td>
              <td>
                <button
                  type="button"
                  class="link"
                  aria-describedby="open-hint"
                  aria-current=${ifDefined(item.id === this.selectedProject?.id ? 'true' : undefined)}
                  @click=${() => this.#openProject(item, 'select')}
                  @dblclick=${() => this.#openProject(item, 'open')}
                  @keydown=${(event: KeyboardEvent) => {
                    if (event.key !== 'Enter') return;
                    event.preventDefault();
                    this.#openProject(item, 'open');
                  }}
                >${item.title}</button>
                ${item.archived ? html`<span part="badge">${t('archivedBadge')}</span>` : nothing}
              </td>
              <td>${t(`work.${item.kind}`)}</td>
              <td>${item.status}</td>
              <td>${period(item)}</td>
            </tr>`,
          )}
        </tbody>
      </table>`;
  }

  #renderDetailPane(record: Contact, draft: ContactDraft): TemplateResult {
    const t = this.#i18n.t.bind(this.#i18n);
    const tabs = this.#detailTabs();
    const active = this.#activeDetail();
    if (!active) return html`<section part="detail" aria-label=${t('details')}><p class="empty">${t('noDetailTabs')}</p></section>`;
    return html`<section part="detail" aria-label=${t('details')}>
      ${this.#renderTablist('detail-tabs', t('details'), 'detail-tab-', tabs, active, (tab, focus) => this.#openDetail(tab, focus), (tab) =>
        tab === 'personal' && draft.dirty ? html`${t(`detail.${tab}`)}<span aria-hidden="true"> •</span>` : t(`detail.${tab}`),
      )}
      <div role="tabpanel" part="detail-panel" class="panel" id=${`detail-panel-${active}`} aria-labelledby=${`detail-tab-${active}`} tabindex="0">
        ${this.#renderDetail(active, record, draft)}
      </div>
    </section>`;
  }

  #renderDetail(tab: DetailTab, record: Contact, draft: ContactDraft): TemplateResult {
    const t = this.#i18n.t.bind(this.#i18n);
    const row = (label: string, value: string | TemplateResult | undefined) =>
      html`<div><dt>${label}</dt><dd>${value || t('noValue')}</dd></div>`;
    switch (tab) {
      case 'personal':
        return this.#renderForm(draft);
      case 'function':
        return html`<dl>
          ${row(t('field.jobTitle'), record.jobTitle)} ${row(t('field.department'), record.department)}
          ${row(t('relation'), this.relation?.name)} ${row(t('col.kind'), this.relation ? t(`kind.${this.relation.kind}` as ContactCardMessage) : undefined)}
          ${this.relation?.archived ? row(t('field.archived'), t('archivedBadge')) : nothing}
        </dl>`;
      case 'project': {
        const item = this.selectedProject;
        if (!item) return html`<p class="empty">${t('chooseProject')}</p>`;
        return html`<h3>${item.number} · ${item.title}</h3>
          <dl>
            ${row(t('col.kind'), t(`work.${item.kind}`))} ${row(t('col.status'), item.status)}
            ${row(t('col.dates'), [this.#date(item.startDate), this.#date(item.endDate)].filter(Boolean).join(' – '))}
            ${row(t('description'), item.description)} ${item.archived ? row(t('field.archived'), t('archivedBadge')) : nothing}
          </dl>`;
      }
      case 'item': {
        const entry = this.selectedEntry;
        if (!entry) return html`<p class="empty">${t('chooseItem')}</p>`;
        const change = entry.change;
        return html`<h3>${entry.subject}</h3>
          <dl>
            ${row(t('entry.kind'), t(`entryKind.${entry.kind}`))} ${row(t('entry.date'), this.#date(entry.occurredAt, true))} ${row(t('entry.author'), entry.author)}
            ${entry.direction ? row(t('entry.direction'), t(`direction.${entry.direction}`)) : nothing}
          </dl>
          ${change
            ? html`<p>${t('entry.change', { field: this.#fieldLabel(change.field), old: change.old, new: change.new })}</p>`
            : nothing}
          ${entry.body ? html`<p class="body">${entry.body}</p>` : nothing}`;
      }
      case 'checklist-item': {
        const detail = this.checklistDetail;
        if (!detail) return html`<p role="status">${t('checklistLoading')}</p>`;
        if (!detail.definitions.length) return html`<p class="empty">${t('checklistNone')}</p>`;
        const done = detail.definitions.filter((d) => detail.states.get(d.id)?.done).length;
        return html`<p>${t('checklistProgress', { done: this.#i18n.number(done), total: this.#i18n.number(detail.definitions.length) })}</p>
          <ul class="checklist">
            ${detail.definitions.map((item) => {
              const state = detail.states.get(item.id);
              return html`<li>
                <strong>${item.text}</strong>
                <span>${state?.done ? t('doneBy', { name: state.doneBy ?? '', date: this.#date(state.doneAt, true) }) : t('notDone')}</span>
                ${state?.note ? html`<p class="body">${state.note}</p>` : nothing}
              </li>`;
            })}
          </ul>`;
      }
    }
  }

  #fieldLabel(field: string): string {
    return (CONTACT_FIELDS as readonly string[]).includes(field) || ['archived', 'copiedTo', 'copiedFrom'].includes(field)
      ? this.#i18n.t(`field.${field}` as ContactCardMessage)
      : field;
  }

  #renderForm(draft: ContactDraft): TemplateResult {
    const t = this.#i18n.t.bind(this.#i18n);
    const readOnly = this.#readOnly() || this.saving;
    const problems = draft.problems;
    return html`<form
      class="personal"
      novalidate
      @submit=${(event: Event) => {
        event.preventDefault();
        void this.#save();
      }}
    >
      ${CONTACT_FIELDS.map((field) => {
        const value = draft.value(field);
        const problem = this.touched.has(field) ? problems[field] : undefined;
        const dirty = field in draft.edits;
        const attrs = {
          id: `field-${field}`,
          describedby: problem ? `error-${field}` : undefined,
        };
        const onInput = (event: Event) => this.#edit(field, (event.target as HTMLInputElement).value);
        return html`<div part="field" class=${`field ${field}${dirty ? ' dirty' : ''}`}>
          <label for=${attrs.id}
            >${t(`field.${field}`)}${field === 'lastName' ? html`<span class="hint">${t('required')}</span>` : nothing}${dirty
              ? html`<span class="changed">(${t('changed')})</span>`
              : nothing}</label
          >
          ${field === 'notes'
            ? html`<textarea
                id=${attrs.id}
                .value=${live(value)}
                ?readonly=${readOnly}
                aria-invalid=${problem ? 'true' : 'false'}
                aria-describedby=${ifDefined(attrs.describedby)}
                @input=${onInput}
                @change=${() => this.#touch(field)}
              ></textarea>`
            : html`<input
                id=${attrs.id}
                type=${field === 'email' ? 'email' : field === 'phone' || field === 'mobile' ? 'tel' : 'text'}
                autocomplete="off"
                .value=${live(value)}
                ?readonly=${readOnly}
                ?required=${field === 'lastName'}
                aria-invalid=${problem ? 'true' : 'false'}
                aria-describedby=${ifDefined(attrs.describedby)}
                @input=${onInput}
                @change=${() => this.#touch(field)}
              />`}
          ${problem
            ? html`<p part="error" id=${`error-${field}`}>
                ${t(`invalid.${problem}` as ContactCardMessage, { max: CONTACT_LIMITS[field], count: value.length })}
              </p>`
            : nothing}
        </div>`;
      })}
      <button type="submit" class="visually-hidden" tabindex="-1" ?disabled=${readOnly}>${t('save')}</button>
    </form>`;
  }

  #renderActionDialog(): TemplateResult {
    const panel = this.panel;
    return html`<dialog
      class="action"
      part="dialog"
      aria-labelledby="action-title"
      @cancel=${(event: Event) => panel?.busy && event.preventDefault()}
      @close=${() => this.#onPanelClosed()}
    >
      ${panel ? html`<h2 id="action-title">${panel.title}</h2>${panel.render()}` : nothing}
    </dialog>`;
  }

  #renderQuestion(): TemplateResult {
    const question = this.question;
    return html`<dialog class="ask" part="dialog" role="alertdialog" aria-labelledby="ask-title" aria-describedby="ask-message" @close=${() => this.#onAskClosed()}>
      ${question
        ? html`<form method="dialog">
            <h2 id="ask-title">${question.title}</h2>
            <p id="ask-message">${question.message}</p>
            <div class="actions">
              ${question.choices.map(
                (choice) => html`<button value=${choice.id} class=${choice.primary ? 'primary' : ''} ?autofocus=${choice.focus}>${choice.label}</button>`,
              )}
            </div>
          </form>`
        : nothing}
    </dialog>`;
  }

  #renderConflict(): TemplateResult {
    const t = this.#i18n.t.bind(this.#i18n);
    const conflict = this.conflict;
    const shown = (value: string) => value || t('empty');
    const complete = conflict?.conflicts.every((c) => conflict.choices[c.field]);
    return html`<dialog class="conflict" part="dialog" aria-labelledby="conflict-title" @close=${() => this.#onConflictClosed()}>
      ${conflict
        ? html`<form
            @submit=${(event: Event) => {
              event.preventDefault();
              if (complete) void this.#applyChoices();
            }}
          >
            <h2 id="conflict-title">${t(conflict.mode === 'save' ? 'conflictTitle' : 'compareTitle')}</h2>
            <p>${t('conflictIntro')}</p>
            ${conflict.merged.length
              ? html`<p>${t('autoMerged', { fields: conflict.merged.map((f) => this.#fieldLabel(f)).join(', ') })}</p>`
              : nothing}
            ${conflict.conflicts.map(
              (item) => html`<fieldset data-field=${item.field}>
                <legend>${this.#fieldLabel(item.field)}</legend>
                <p class="original"><span class="label">${t('original')}:</span> ${shown(item.original)}</p>
                ${(['mine', 'theirs'] as const).map(
                  (side) => html`<label class="choice">
                    <input
                      type="radio"
                      name=${`choice-${item.field}`}
                      value=${side}
                      .checked=${conflict.choices[item.field] === side}
                      @change=${() => (this.conflict = { ...conflict, choices: { ...conflict.choices, [item.field]: side } })}
                    />
                    <span class="label">${t(side)}:</span> <span class="value">${shown(item[side])}</span>
                  </label>`,
                )}
              </fieldset>`,
            )}
            ${complete ? nothing : html`<p class="hint">${t('chooseAll')}</p>`}
            <div class="actions">
              <button type="submit" class="primary" ?disabled=${!complete}>${t(conflict.mode === 'save' ? 'saveChoices' : 'applyChoices')}</button>
              <button type="button" @click=${() => this.conflictDialog?.close()}>${t('cancel')}</button>
            </div>
          </form>`
        : nothing}
    </dialog>`;
  }
}

