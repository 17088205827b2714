import { ContextProvider } from '@lit/context';
import { html, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { BUTTON_TOKENS, type ButtonAction, type ButtonToken } from '../button-bar/actions.js';
import { AdapterController } from '../context/adapter-controller.js';
import { SharedReads, sharedReadsContext } from '../context/shared-reads.js';
import type { DataChange, LiftAdapter, LifecycleNotice } from '../data/adapter.js';
import { LiftDataError } from '../data/errors.js';
import { CORRESPONDENCE_KINDS, type ContactField, type Relation, type ReportDefinition, type TimelineEntry, type WorkItem } from '../data/model.js';
import { checkContact } from '../data/shape.js';
import { fullName } from '../data/text.js';
import {
  LiftDirtyChangeEvent,
  LiftErrorEvent,
  LiftOpenProjectEvent,
  type LiftActionEvent,
  type LiftButtonsChangeEvent,
  type LiftChecklistAvailabilityEvent,
  type LiftDetailTabsChangeEvent,
  type LiftTimelineSelectEvent,
} from '../events.js';
import { LocalizeController } from '../i18n/localize.js';
import { Announcer } from '../internal/announcer.js';
import { latestLoad } from '../internal/latest-load.js';
import { LiftElement } from '../internal/lift-element.js';
import { ModalController } from '../internal/modal.js';
import { RovingFocus } from '../internal/roving-focus.js';
import { sharedStyles } from '../internal/shared-styles.js';
import { tokenListConverter } from '../internal/token-list.js';
import { ActionDialogs } from './actions/action-dialogs.js';
import { contactCardStyles } from './contact-card.styles.js';
import { EditSession } from './edit-session.js';
import { contactCardMessages, type ContactCardMessage } from './messages.js';
import { checklistDetail, renderChecklistDetail, renderEntry, renderFunction, renderProject, type ChecklistDetail } from './parts/details.js';
import { renderConflict, renderQuestion, type Question } from './parts/dialogs.js';
import { renderBanners, renderHeader } from './parts/header.js';
import { renderPersonalForm } from './parts/personal-form.js';
import { ProjectsController, renderProjects } from './parts/projects.js';
import { DETAIL_TABS, MAIN_TABS, oneOf, parseIds, type DetailTab, type MainTab } from './tabs.js';
import { anyVisible, CARD_TYPE, UserContext } from './user-context.js';
import type { Ask, CardVoice } from './voice.js';

const CORRESPONDENCE = [...CORRESPONDENCE_KINDS];

type LoadState = 'idle' | 'loading' | 'ready' | 'not-found' | 'error';

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
    relation: { state: true },
    actionError: { state: true },
    lifecycleError: { state: true },
    selectedEntry: { state: true },
    detailTab: { state: true },
    checklistDetail: { state: true },
    question: { state: true },
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
  private relation: Relation | undefined;
  private actionError: string | undefined;
  private lifecycleError = false;
  private selectedEntry: TimelineEntry | undefined;
  private detailTab: DetailTab = 'personal';
  private checklistDetail: ChecklistDetail | undefined;
  private question: Question | undefined;

  readonly #i18n = new LocalizeController(this, contactCardMessages);
  readonly #adapter = new AdapterController(this, (change) => void this.#onChange(change));
  readonly #announcer = new Announcer(this);
  readonly #voice: CardVoice = {
    t: (key, params) => this.#i18n.t(key, params),
    reason: (error) => this.#i18n.t(describeCode(error), { message: error instanceof Error ? error.message : String(error) }),
    announce: (key, params) => this.#announcer.say(this.#i18n.t(key, params)),
    /** @ignore documented on the class */
    report: (operation, error) => this.dispatchEvent(new LiftErrorEvent(operation, error)),
    date: (iso, withTime = false) => this.#i18n.date(iso, withTime),
  };
  readonly #askModal = new ModalController(
    this,
    () => this.renderRoot?.querySelector<HTMLDialogElement>('dialog.ask'),
    () => Boolean(this.question),
    // Escape closes without a button: a stale returnValue must not read as the last answer.
    (dialog) => (dialog.returnValue = ''),
  );
  readonly #conflictModal = new ModalController(
    this,
    () => this.renderRoot?.querySelector<HTMLDialogElement>('dialog.conflict'),
    () => Boolean(this.#session.conflict),
  );
  readonly #ask: Ask = (title, message, choices) => {
    this.question?.resolve('cancel');
    this.#askModal.rememberFocus();
    return new Promise((resolve) => (this.question = { title, message, choices, resolve }));
  };
  readonly #session = new EditSession(this, {
    adapter: () => this.#adapter.value,
    contactId: () => this.contactId,
    voice: this.#voice,
    ask: this.#ask,
    showField: (field) => this.#showField(field),
    keepFocus: () => this.#conflictModal.rememberFocus(),
  });
  readonly #user = new UserContext(this, this.#voice);
  readonly #projects = new ProjectsController(this, this.#voice);
  readonly #actions = new ActionDialogs(this, {
    adapter: () => this.#adapter.value,
    contactId: () => this.contactId,
    record: () => this.#session.record,
    relation: () => this.relation,
    lang: () => this.#i18n.lang,
    voice: this.#voice,
    say: (text) => this.#announcer.say(text),
    settle: (message) => this.#session.settle(message),
    switchTo: (id) => this.#switchTo(id),
    showError: (text) => (this.actionError = text),
    showWork: (item) => {
      this.#projects.add(item);
      this.#selectTab('projects', false);
      this.#openDetail('project');
    },
    showEntry: (entry) => {
      this.selectedEntry = entry;
      this.#openDetail('item');
    },
  });
  /** What this contact's parts read, shared with the elements inside the card. */
  readonly #readsProvider = new ContextProvider(this, { context: sharedReadsContext, initialValue: undefined });
  #reads = new SharedReads();
  readonly #tabKeys = new RovingFocus({ orientation: 'horizontal' });
  #load: AbortController | undefined;
  #loadedFor: unknown[] = [];
  #loading: Promise<void> = Promise.resolve();
  #wasDirty = false;

  constructor() {
    super();
    this.addEventListener('keydown', (event) => this.#onKeydown(event));
  }

  /** Whether the card has unsaved edits (reflected as the `dirty` attribute). */
  get dirty(): boolean {
    return this.#session.dirty;
  }

  /** Resolves once the contact (and a restored draft) has loaded. */
  get loaded(): Promise<void> {
    return latestLoad(() => this.#loading);
  }

  /** Saves the unsaved edits; resolves `true` when they landed (or there were none). */
  save(): Promise<boolean> {
    return this.#session.save();
  }

  // ------------------------------------------------------------------ lifecycle

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#load?.abort();
    // Re-attached, it loads afresh: the feed was not heard meanwhile. The draft is in storage.
    this.#loadedFor = [];
  }

  /** Also waits for the open action dialog, which renders on its own. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    await this.#actions.updateComplete;
    return done;
  }

  protected override willUpdate(changed: PropertyValues): void {
    const adapter = this.#adapter.value;
    const userId = adapter.session.currentUser().id;
    const [lastAdapter, lastContact, lastUser] = this.#loadedFor;
    if (lastAdapter !== adapter || lastContact !== this.contactId || lastUser !== userId) {
      const sameContact = lastContact === this.contactId && this.#session.record?.id === this.contactId;
      this.#loadedFor = [adapter, this.contactId, userId];
      void this.#reload(adapter, { restoreDraft: !sameContact || !this.dirty });
    }
    if ((changed.has('detailTab') || changed.has('loadState')) && this.#activeDetail() === 'checklist-item') void this.#loadChecklistDetail();
    // The attribute names the tab that shows, also when the asked-for one does not exist here.
    if (this.loadState === 'ready' && this.tab !== this.#activeTab()) this.tab = this.#activeTab();
  }

  protected override updated(): void {
    this.toggleAttribute('dirty', this.dirty);
    if (this.dirty !== this.#wasDirty) {
      this.#wasDirty = this.dirty;
      /** @ignore documented on the class */
      this.dispatchEvent(new LiftDirtyChangeEvent(this.dirty, this.#session.draft?.dirtyFields ?? []));
    }
    // The timeline and checklist are loaded when a tab first needs them, so a host that only
    // shows the header and details never downloads the timeline's windowing code.
    const tab = this.#activeTab();
    if (tab === 'overview' || tab === 'correspondence') void import('../lift-contact-timeline.js');
    if (tab === 'checklist') void import('../lift-checklist.js');
  }

  // ------------------------------------------------------------------ data

  #reload(adapter: LiftAdapter, options: { restoreDraft: boolean; fresh?: boolean }): Promise<void> {
    return (this.#loading = this.#fetch(adapter, options));
  }

  async #fetch(adapter: LiftAdapter, { restoreDraft, fresh = false }: { restoreDraft: boolean; fresh?: boolean }): Promise<void> {
    this.#load?.abort();
    const { signal } = (this.#load = new AbortController());
    const contactId = this.contactId;
    if (this.#session.record?.id !== contactId) {
      // Another contact: nothing of the previous one may stay on screen or be saved onto this one.
      this.#session.clear();
      this.#projects.clear();
      this.relation = this.selectedEntry = this.checklistDetail = undefined;
      this.actionError = undefined;
      this.question?.resolve('cancel');
      this.question = undefined;
      this.#actions.close();
    }
    if (!contactId) {
      this.loadState = 'idle';
      return;
    }
    const reads = (this.#reads = new SharedReads());
    this.#readsProvider.setValue({ adapter, contactId, reads });
    if (!this.#session.record) this.loadState = 'loading';
    void this.#projects.load(adapter, contactId);
    try {
      // Not cancelled with this load: the checklist inside the card may share the answer.
      const contact = checkContact(await reads.get(`contact:${contactId}`, () => adapter.contacts.get(contactId)), contactId);
      const [relation, choices] = await Promise.all([
        signal.aborted ? undefined : adapter.relations.get(contact.relationId, { signal }).catch(() => undefined),
        this.#user.read(adapter, fresh, () => this.#definitions(adapter)),
      ]);
      if (signal.aborted) return;
      this.#user.apply(choices);
      this.relation = relation;
      this.loadState = 'ready';
      this.#session.open(contact, restoreDraft);
    } catch (error) {
      if (signal.aborted) return;
      this.loadError = error;
      this.loadState = LiftDataError.is(error, 'not-found') ? 'not-found' : 'error';
      if (this.loadState === 'error') this.#voice.report('load', error);
    }
  }

  #definitions(adapter: LiftAdapter, fresh = false) {
    return this.#reads.get(`definitions:${CARD_TYPE}`, () => adapter.checklists!.definitions(CARD_TYPE), fresh);
  }

  async #loadChecklistDetail(fresh = false): Promise<void> {
    const adapter = this.#adapter.value;
    const contactId = this.contactId;
    if (!adapter.checklists || !contactId || this.loadState !== 'ready') return;
    try {
      const [definitions, states] = await Promise.all([
        this.#definitions(adapter, fresh),
        this.#reads.get(`states:${contactId}`, () => adapter.checklists!.states(contactId), fresh),
      ]);
      if (this.contactId === contactId) this.checklistDetail = checklistDetail(definitions, states);
    } catch (error) {
      if (this.contactId === contactId) this.actionError = this.#voice.t('actionFailed', { reason: this.#voice.reason(error) });
    }
  }

  async #onChange(change: DataChange | LifecycleNotice): Promise<void> {
    if (!('resource' in change)) {
      if (change.type === 'version-change') this.lifecycleError = true;
      return;
    }
    const id = this.contactId;
    const adapter = this.#adapter.value;
    if (!id) return;
    if (change.resource === 'contact' && change.ids.includes(id)) {
      // Shown as missing, and now stored (a host seeding an empty database, a colleague's import).
      if (this.loadState === 'not-found') await this.#reload(adapter, { restoreDraft: true });
      else await this.#session.follow();
    } else if (change.resource === 'work' && (!change.contactId || change.contactId === id)) void this.#projects.load(adapter, id);
    else if (change.resource === 'relation' && this.#session.record && change.ids.includes(this.#session.record.relationId)) {
      const relation = await adapter.relations.get(this.#session.record.relationId).catch(() => undefined);
      if (relation && this.#session.record?.relationId === relation.id) this.relation = relation;
    } else if (change.resource === 'preferences' && change.origin === 'remote') {
      await this.#user.reloadPreferences(adapter);
    } else if ((change.resource === 'checklist' && change.contactId === id) || change.resource === 'checklist-definition') {
      if (this.#activeDetail() === 'checklist-item') void this.#loadChecklistDetail(true);
      if (change.resource === 'checklist-definition') {
        const items = await this.#definitions(adapter, true).catch(() => undefined);
        if (items) this.#user.setChecklistAvailable(anyVisible(items));
      }
    }
  }

  async #refresh(): Promise<void> {
    if (!(await this.#session.settle('unsavedRefresh'))) return;
    await this.#reload(this.#adapter.value, { restoreDraft: false, fresh: true });
    if (this.loadState === 'ready') this.#voice.announce('refreshed');
  }

  async #go(step: -1 | 1): Promise<void> {
    const ids = this.selection ?? [];
    const index = this.contactId ? ids.indexOf(this.contactId) : -1;
    const target = index < 0 ? undefined : ids[index + step];
    if (!target || !(await this.#session.settle('unsavedLeave'))) return;
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

  #savePreferences(next: Parameters<UserContext['savePreferences']>[1]): void {
    void this.#user.savePreferences(this.#adapter.value, next, (text) => (this.actionError = text));
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
      const session = this.#session;
      switch (detail.action) {
        case 'save':
          void session.save();
          break;
        case 'undo':
          session.undo();
          break;
        case 'refresh':
          void this.#refresh();
          break;
        case 'archive':
        case 'unarchive':
          void session.archive(detail.action === 'archive', (text) => (this.actionError = text));
          break;
        case 'previous':
        case 'next':
          void this.#go(detail.action === 'previous' ? -1 : 1);
          break;
        case 'document': {
          const template = this.#user.templates.find((item) => item.id === detail.id);
          if (template) void this.#actions.document(template);
          break;
        }
        case 'reports': {
          const report = this.#user.reportList.find((item) => item.id === detail.id);
          if (report) void this.#actions.report(report.id, this.#reportName(report));
          break;
        }
        default:
          void this.#actions.perform(detail);
      }
    });

  #onButtonsChange = (event: LiftButtonsChangeEvent): void =>
    this.#afterHost(event, ({ detail }) => {
      const { buttons: _old, ...rest } = this.#user.preferences;
      this.#savePreferences(detail.buttons ? { ...rest, buttons: detail.buttons } : rest);
    });

  #onDetailTabsChange = (event: LiftDetailTabsChangeEvent): void =>
    this.#afterHost(event, ({ detail }) => {
      const { detailTabs: _old, ...rest } = this.#user.preferences;
      this.#savePreferences(detail.detailTabs ? { ...rest, detailTabs: detail.detailTabs } : rest);
    });

  #onEntrySelect = (event: LiftTimelineSelectEvent): void =>
    this.#afterHost(event, ({ detail }) => {
      this.selectedEntry = detail.entry;
      this.#openDetail('item');
    });

  #onKeydown(event: KeyboardEvent): void {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
      event.preventDefault();
      if (this.dirty && !this.#session.readOnly) void this.#session.save();
    } else if (event.altKey && (event.key === 'PageUp' || event.key === 'PageDown')) {
      event.preventDefault();
      void this.#go(event.key === 'PageUp' ? -1 : 1);
    }
  }

  #openProject(item: WorkItem, how: 'select' | 'open'): void {
    /** @ignore documented on the class */
    if (how === 'open' && !this.dispatchEvent(new LiftOpenProjectEvent(item))) return;
    this.#projects.select(item);
    this.#openDetail('project', how === 'open');
  }

  #reportName(report: ReportDefinition): string {
    if (report.builtIn && report.id === 'activity') return this.#voice.t('activityChart');
    if (report.builtIn && report.id === 'summary') return this.#voice.t('summaryReport');
    return report.name;
  }

  // ------------------------------------------------------------------ tabs

  #mainTabs(): MainTab[] {
    return MAIN_TABS.filter((tab) => tab !== 'checklist' || this.#user.checklistAvailable);
  }

  #activeTab(): MainTab {
    const tabs = this.#mainTabs();
    return this.tab && tabs.includes(this.tab) ? this.tab : 'overview';
  }

  #detailTabs(): DetailTab[] {
    const chosen = this.#user.preferences.detailTabs;
    return (this.detailTabs ?? DETAIL_TABS).filter(
      (tab) => (!chosen || chosen.includes(tab)) && (tab !== 'checklist-item' || this.#user.checklistAvailable),
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
    this.renderRoot.querySelector<HTMLElement>(`#field-${field}`)?.focus();
  }

  #selectTab(tab: MainTab, focus: boolean): void {
    this.tab = tab;
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus());
  }

  // ------------------------------------------------------------------ dialogs

  #onAskClosed(): void {
    const question = this.question;
    if (!question) return;
    this.question = undefined;
    question.resolve(this.renderRoot.querySelector<HTMLDialogElement>('dialog.ask')?.returnValue || 'cancel');
    this.#askModal.focus.restore();
  }

  #onConflictClosed(): void {
    this.#session.dismissConflict();
    this.#conflictModal.focus.restore();
  }

  // ------------------------------------------------------------------ rendering

  protected override render() {
    const t = this.#voice.t;
    if (!this.contactId) return html`<div part="card"><p part="banner" class="notice">${t('noContact')}</p></div>`;
    const { record, draft } = this.#session;
    switch (this.loadState) {
      case 'not-found':
        return html`<div part="card"><p part="banner" class="notice" role="alert">${t('notFound')}</p></div>`;
      case 'error':
        return html`<div part="card">
          <p part="banner error" class="notice" role="alert">
            ${LiftDataError.is(this.loadError, 'validation') ? t('damaged') : t('unavailable', { reason: this.#voice.reason(this.loadError) })}
          </p>
          <button type="button" @click=${() => this.#reload(this.#adapter.value, { restoreDraft: true, fresh: true })}>${t('retry')}</button>
        </div>`;
      case 'ready':
        if (record && draft) return this.#renderCard(record, draft);
    }
    return html`<div part="card" aria-busy="true">
      <p role="status" class="visually-hidden">${t('loading')}</p>
      <div part="skeleton" aria-hidden="true">
        <span class="bone name"></span><span class="bone line"></span><span class="bone line short"></span>
        <span class="bone bar"></span><span class="bone block"></span>
      </div>
    </div>`;
  }

  #renderCard(record: NonNullable<EditSession['record']>, draft: NonNullable<EditSession['draft']>): TemplateResult {
    const voice = this.#voice;
    const name = fullName(record) || voice.t('noValue');
    const session = this.#session;
    return html`<article part="card" aria-label=${voice.t('card', { name })} aria-busy=${session.saving ? 'true' : 'false'}>
      ${renderHeader(voice, record, name, this.relation, {
        showPersonal: () => this.#openDetail('personal'),
        editName: () => void this.#showField('firstName'),
        showFunction: () => this.#openDetail('function', true),
      })}
      ${renderBanners(voice, record, session, {
        lifecycleError: this.lifecycleError,
        canEdit: this.#adapter.value.session.can('edit'),
        actionError: this.actionError,
        refresh: () => void this.#refresh(),
      })}
      ${this.#renderBar(record, draft)} ${this.#renderMainTabs()} ${this.#renderDetailPane(draft)} ${this.#announcer.render()}
      ${renderQuestion(this.question, () => this.#onAskClosed())}
      ${renderConflict(voice, session, () => this.#onConflictClosed(), () => this.#conflictModal.close())} ${this.#actions.render()}
    </article>`;
  }

  /** The buttons this user may use on this contact with this adapter; the rest are hidden. */
  #allowedActions(): ButtonToken[] {
    const adapter = this.#adapter.value;
    const can = (right: Parameters<typeof adapter.session.can>[0]) => adapter.session.can(right);
    const { templates, reportList } = this.#user;
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
          return Boolean(adapter.templates) && can('documents') && templates.length > 0;
        case 'reports':
          return Boolean(adapter.reports) && can('reports') && reportList.length > 0;
        default:
          return true;
      }
    });
  }

  #renderBar(record: NonNullable<EditSession['record']>, draft: NonNullable<EditSession['draft']>): TemplateResult {
    const ids = this.selection ?? [];
    const position = ids.indexOf(record.id);
    const saving = this.#session.saving;
    const disabled: ButtonAction[] = [
      ...(saving ? (['save', 'undo', 'refresh'] as const) : []),
      // Archiving waits for the edits; unarchiving is how edits on an archived contact get saved.
      ...((draft.dirty && !record.archived) || saving ? (['archive'] as const) : []),
      // An archived contact is read-only: nothing new is written onto it (Undo still discards).
      ...(record.archived ? (['save', 'create', 'document'] as const) : []),
    ];
    const labels = DETAIL_TABS.map((id) => ({ id, label: this.#voice.t(`detail.${id}`) }));
    const offered = this.detailTabs ?? DETAIL_TABS;
    const buttons = this.buttons ?? [...BUTTON_TOKENS];
    const { preferences, templates, reportList } = this.#user;
    return html`<lift-button-bar
      exportparts="toolbar: bar-toolbar, button: bar-button, menu: bar-menu, menu-item: bar-menu-item"
      .buttons=${buttons}
      .visibleButtons=${preferences.buttons?.filter((b) => (buttons as string[]).includes(b)) as ButtonToken[] | undefined}
      .allowedActions=${this.#allowedActions()}
      .documents=${templates.map((template) => ({ id: template.id, label: template.name }))}
      .reports=${reportList.map((report) => ({ id: report.id, label: this.#reportName(report) }))}
      .dirty=${draft.dirty}
      .archived=${record.archived}
      .disabledActions=${disabled}
      .selectionPosition=${position < 0 ? undefined : position + 1}
      .selectionSize=${position < 0 ? undefined : ids.length}
      .detailTabOptions=${labels.filter((option) => offered.includes(option.id))}
      .visibleDetailTabs=${preferences.detailTabs}
      @lift-action=${this.#onAction}
      @lift-buttons-change=${this.#onButtonsChange}
      @lift-detail-tabs-change=${this.#onDetailTabsChange}
    ></lift-button-bar>`;
  }

  /**
   * A WAI-ARIA tablist (main or detail): one tab stop; Arrow Left / Right (swapped right to
   * left), Home and End move and activate; `select(tab, focus)` shows a tab and, from the
   * keyboard, focuses it.
   */
  #renderTablist<T extends string>(
    part: string,
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
      aria-label=${this.#voice.t(part === 'tabs' ? 'tabs' : 'details')}
      @keydown=${(event: KeyboardEvent) => {
        const items = [...(event.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('[role="tab"]')];
        this.#tabKeys.handle(event, items, (index) => select(tabs[index]!, true));
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
    const t = this.#voice.t;
    const active = this.#activeTab();
    return html`${this.#renderTablist('tabs', 'tab-', this.#mainTabs(), active, (tab, focus) => this.#selectTab(tab, focus), (tab) => t(`tab.${tab}`))}
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
          ?read-only=${Boolean(this.#session.record?.archived)}
          .kinds=${tab === 'correspondence' ? CORRESPONDENCE : undefined}
          @lift-timeline-select=${this.#onEntrySelect}
        ></lift-contact-timeline>`;
      case 'projects':
        return renderProjects(this.#voice, this.#projects, {
          retry: () => void this.#projects.load(this.#adapter.value, this.contactId!),
          open: (item, how) => this.#openProject(item, how),
        });
      case 'checklist':
        return html`<lift-checklist
          exportparts="item: checklist-item, group: checklist-group"
          .adapter=${adapter}
          contact-id=${this.contactId!}
          card-type=${CARD_TYPE}
          @lift-checklist-availability=${(event: LiftChecklistAvailabilityEvent) => this.#user.setChecklistAvailable(event.detail.available)}
        ></lift-checklist>`;
    }
  }

  #renderDetailPane(draft: NonNullable<EditSession['draft']>): TemplateResult {
    const voice = this.#voice;
    const t = voice.t;
    const active = this.#activeDetail();
    if (!active) return html`<section part="detail" aria-label=${t('details')}><p class="empty">${t('noDetailTabs')}</p></section>`;
    const record = this.#session.record!;
    const detail =
      active === 'personal' ? renderPersonalForm(voice, this.#session, draft)
      : active === 'function' ? renderFunction(voice, record, this.relation)
      : active === 'project' ? renderProject(voice, this.#projects.selected)
      : active === 'item' ? renderEntry(voice, this.selectedEntry)
      : renderChecklistDetail(voice, this.checklistDetail, (n) => this.#i18n.number(n));
    return html`<section part="detail" aria-label=${t('details')}>
      ${this.#renderTablist('detail-tabs', 'detail-tab-', this.#detailTabs(), active, (tab, focus) => this.#openDetail(tab, focus), (tab) =>
        tab === 'personal' && draft.dirty ? html`${t(`detail.${tab}`)}<span aria-hidden="true"> •</span>` : t(`detail.${tab}`),
      )}
      <div role="tabpanel" part="detail-panel" class="panel" id=${`detail-panel-${active}`} aria-labelledby=${`detail-tab-${active}`} tabindex="0">
        ${detail}
      </div>
    </section>`;
  }
}
