import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { BUTTON_TOKENS, DETAIL_TABS, MAIN_TABS, type ButtonToken, type DetailTab, type MainTab } from '../vocabulary.js';
import { AdapterController } from '../context/adapter-controller.js';
import type { LiftAdapter } from '../data/contract/adapter.js';
import type { TimelineEntry, WorkItem } from '../data/contract/model.js';
import { fullName } from '../data/contract/text.js';
import { LiftActionEvent, LiftDirtyChangeEvent, LiftOpenProjectEvent, type LiftTimelineSelectEvent } from '../events.js';
import type { LiftButtonsChangeEvent, LiftDetailTabsChangeEvent } from '../bar-choice-events.js';
import { LocalizeController, retryStrings } from '../i18n/localize.js';
import { Announcer } from '../internal/announcer.js';
import { LazyModule, preloadWhenIdle, settleParts } from '../internal/lazy-module.js';
import { LiftElement } from '../internal/lift-element.js';
import { ModalController } from '../internal/modal.js';
import { sharedStyles } from '../internal/shared-styles.js';
import { oneOf, tokenListConverter } from '../internal/token-list.js';
import type { ActionDialogs } from './actions/action-dialogs.js';
import { contactCardStyles } from './contact-card.styles.js';
import { CardTabs } from './card-tabs.js';
import { ContactLoader } from './contact-loader.js';
import { EditSession } from './edit-session.js';
import { contactCardMessages, type CardMessage, type ContactCardMessage } from './messages.js';
import { openOther, step, switchTo } from './navigation.js';
import { shortcutAction } from './shortcuts.js';
import { renderBar } from './parts/bar.js';
import { renderDetailPane, renderFunction } from './parts/details.js';
import { QuestionDialog } from './parts/dialogs.js';
import { renderBanners, renderHeader } from './parts/header.js';
import { awayNotice, bannerFocus, refreshPanel, renderChecklist, renderConflictPart, renderLazy, renderLoadState, renderTimeline } from './parts/panels.js';
import { renderPersonalForm } from './parts/personal-form.js';
import { PartFailures } from './parts/part-failures.js';
import { ProjectsController } from './parts/projects.js';
import { renderTablist } from './parts/tablist.js';
import { parseIds } from './tabs.js';
import { UserContext } from './user-context.js';
import { cardVoice, type CardVoice } from './voice.js';

/**
 * The contact person card of LIFT: a header with the name composed the Dutch way, the button
 * bar, main tabs (Overview, Projects, Correspondence, Checklist) and a pane of detail tabs at
 * the bottom. Personal details are edited in place, saved with the version they were loaded
 * at, merged field by field when someone else saved meanwhile, and kept as a local draft until
 * saved — a reload, a failed save or a conflict never loses an edit.
 *
 * Keyboard: Tab reaches the name (Enter edits), the function, the links, the button bar, the
 * main tabs (Arrow Left / Right, Home, End), the open panel and the detail tabs. Ctrl+S (⌘S)
 * saves (in a part's own form, such as recording an activity, that form), Alt+Page Up /
 * Alt+Page Down go to the previous / next contact of `selection`.
 *
 * @summary The whole contact card: header, actions, main tabs, detail tabs, editing.
 *
 * @event {LiftContactSavedEvent} lift-contact-saved - A save landed; `detail.contact` is the stored record, `detail.fields` what changed.
 * @event {LiftDirtyChangeEvent} lift-dirty-change - The card gained or lost unsaved edits (`detail.dirty`, `detail.fields`).
 * @event {LiftConflictEvent} lift-conflict - A save met a newer version; `detail.fields` need the user's choice, `detail.merged` the fields only one side changed, combined without asking.
 * @event {LiftErrorEvent} lift-error - Loading or an action failed; `detail.operation`, `detail.code`, `detail.error`. The card shows it in words too.
 * @event {LiftOpenProjectEvent} lift-open-project - Enter or double-click on a project (`detail.workItem`). Cancelable: cancelled, the card does not open its detail.
 * @event {LiftOpenRelationEvent} lift-open-relation - Click or Enter on the relation's name in the header (`detail.relation`). Cancelable: cancelled, the card does not open its function and relation detail, and the host shows the relation.
 * @event {LiftContactOpenEvent} lift-contact-open - The user chose another contact in the search or among the relation's other contacts, the copy just made, or one whose change kept on the device is in conflict (`detail.contactId`, `detail.from`: `search`, `relation`, `copy` or `sync`). Cancelable: cancelled, the card stays and the host navigates.
 * @event {LiftWorkCreatedEvent} lift-work-created - A lead, request or project was created (`detail.workItem`). Cancelable: cancelled, the card does not show it. (To use your own form instead, cancel the `lift-action` with `action: 'create'`.)
 * @event {LiftContactCopiedEvent} lift-contact-copied - The contact was copied (`detail.originalId`, `detail.copyId`).
 * @event {LiftActionEvent} lift-action - From the button bar, bubbling out, and from the card for its shortcuts (Ctrl+S for save, Alt+Page Up / Down for previous / next). Cancel it to stop the card performing the action.
 * @event {LiftSyncStateEvent} lift-sync-state - On an adapter that works offline (`adapter.sync`): the connection, the changes waiting on the device and those that could not be saved (`detail`).
 *
 * @attr lang - `nl` or `en`; without it the nearest `lang` above the card, else Dutch.
 * @attr {boolean} dirty - Read-only, reflected: the card has unsaved edits.
 *
 * @csspart card - The card's box.
 * @csspart header - Name, function, relation and links.
 * @csspart relation - The relation's name in the header (a button: opens the relation through `lift-open-relation`).
 * @csspart glance - Beside the header (under it when narrow): last contact, next activity, open work, the relation's other contacts.
 * @csspart name - The name: a button when the card offers the personal tab (click shows the personal details, double-click or Enter edits), else text.
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
    actionError: { state: true },
    selectedEntry: { state: true },
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

  /** Ids of the contacts in the current selection, for previous / next (a copy opened from the card takes its original's place); text is read as the attribute's ids. */
  selection: string[] | undefined;

  /** The open main tab: `overview projects correspondence checklist`. */
  tab: MainTab | undefined;

  /** Overrides the adapter from the nearest `<lift-data-provider>` (or the IndexedDB default). */
  adapter: LiftAdapter | undefined;

  private actionError: (() => string) | undefined;
  private selectedEntry: TimelineEntry | undefined;

  readonly #i18n = new LocalizeController<ContactCardMessage, CardMessage>(this, contactCardMessages, () => this.#parts.failed('language', retryStrings, true), (arrived) => this.#parts.recovered('language', arrived));
  readonly #adapter = new AdapterController(this, (change) => void this.#loader.changed(this.#adapter.value, change), () => this.#loader.readsFor);
  readonly #announcer = new Announcer();
  readonly #voice: CardVoice = cardVoice(this, this.#i18n, this.#announcer);
  readonly #question = new QuestionDialog(this);
  readonly #conflictModal = new ModalController(this, () => this.renderRoot?.querySelector<HTMLDialogElement>('dialog.conflict'), () => Boolean(this.#session.conflict));
  readonly #session = new EditSession(this, {
    adapter: () => this.#adapter.value,
    contactId: () => this.contactId,
    voice: this.#voice,
    ask: this.#question.ask,
    showField: (field) => this.#tabs.showField(field),
    keepFocus: () => this.#conflictModal.rememberFocus(),
    refused: () => this.#loader.refused(this.#adapter.value, this.#actions?.dialog),
  });
  readonly #user = new UserContext(this, this.#voice);
  readonly #tabs = new CardTabs(this, this.#user);
  readonly #projects = new ProjectsController(this, this.#voice);
  readonly #parts = new PartFailures(this);
  /** The card's side of working offline, with its words: loaded for an adapter that can (`adapter.sync`). */
  readonly #sync = new LazyModule(this, async () => {
    const status = new (await this.#said('sync', import('./sync-status.js'), () => this.#sync.retry())).SyncStatus(this, { adapter: () => this.#adapter.value, contactId: () => this.contactId, session: this.#session, voice: this.#voice, open: (id) => openOther(this, this.#session, id, 'sync'), extend: (tables) => this.#i18n.extend(tables) });
    return status.ready.then(() => status);
  });
  /** The action dialogs, with their code, arrive on the first action that opens one. */
  #actions: ActionDialogs | undefined;
  readonly #loader: ContactLoader = new ContactLoader(this, {
    contactId: () => this.contactId,
    session: this.#session,
    user: this.#user,
    projects: this.#projects,
    voice: this.#voice,
    cleared: () => {
      this.selectedEntry = this.actionError = undefined;
      this.#question.cancel();
      this.#actions?.close();
      this.#parts.clear(false);
    },
    checklistDetailShown: () => this.#tabs.activeDetail === 'checklist-item',
  });
  /** A part the card loads by itself (not on an action): code that does not arrive is said in its banner, with a retry. */
  readonly #said = <M>(part: string, loading: Promise<M>, retry: () => void): Promise<M> =>
    loading.catch((error: unknown) => {
      this.#parts.failed(part, retry, true);
      throw error;
    });
  /** Parts only some states show, imported when first shown, with the words only they show (their own chunk). */
  readonly #withWords = async <M>(part: Promise<M>) => (await Promise.all([part, import('./messages-parts.js').then((w) => this.#i18n.extend(w.cardPartMessages))]))[0];
  readonly #projectsTable = new LazyModule(this, () => this.#withWords(import('./parts/projects-table.js')));
  readonly #detailViews = new LazyModule(this, () => this.#withWords(import('./parts/detail-views.js')));
  readonly #conflictView = new LazyModule(this, () => this.#withWords(import('./parts/conflict.js')));
  // The summary arrives by itself (in idle time): when its code does not, the card says so.
  readonly #glance = new LazyModule(this, () => this.#said('glance', this.#withWords(import('./parts/glance.js')), () => this.#glance.retry()));
  #wasDirty = false;
  #bannerFocus = false; // see bannerFocus
  #checklistShown: LiftAdapter | undefined;
  #preloaded = false;

  constructor() {
    super();
    this.addEventListener('keydown', (event) => this.#onKeydown(event));
  }

  /** Whether the card has unsaved edits (reflected as the `dirty` attribute). */
  get dirty(): boolean {
    return this.#session.dirty;
  }

  /** Resolves once the contact (and a restored draft) has loaded and the card shows it. */
  get loaded(): Promise<void> {
    // The first render (which starts the first load) may still wait for the language's strings;
    // the render after the load may wait for a tab's element to arrive.
    return this.updateComplete.then(() => this.#loader.loaded).then(async () => void (await this.updateComplete));
  }

  /** Saves the unsaved edits; resolves `true` when they landed (or there were none). Called while a save is on its way, it waits for that one, then saves what was typed meanwhile. */
  save(): Promise<boolean> {
    return this.#session.save();
  }

  /** Also waits for the open action dialog, which renders on its own. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await settleParts(() => super.getUpdateComplete(), [this.#projectsTable, this.#detailViews, this.#conflictView, this.#tabs.timelineCode, this.#tabs.checklistCode, this.#glance, this.#sync]);
    await this.#actions?.updateComplete;
    return done;
  }

  protected override willUpdate(): void {
    this.#bannerFocus ||= bannerFocus.before(this.renderRoot as ShadowRoot);
    const adapter = this.#adapter.value;
    this.#loader.sync(adapter);
    if (adapter.sync) this.#sync.get();
    const ready = this.#loader.state === 'ready';
    // The checklist detail is read when its tab comes to show (opened, or the contact loaded), and
    // through the adapter a host swaps in while it shows.
    const checklistShown = ready && this.#tabs.activeDetail === 'checklist-item' ? adapter : undefined;
    if (checklistShown && checklistShown !== this.#checklistShown) void this.#loader.loadChecklist(adapter);
    this.#checklistShown = checklistShown;
    // The attribute names the tab that shows, also when the asked-for one does not exist here.
    if (ready && this.tab !== this.#tabs.activeMain) this.tab = this.#tabs.activeMain;
    // The glance beside the header comes after the first paint, with the idle time's imports.
    if (ready) this.#preloaded ||= preloadWhenIdle([this.#projectsTable, this.#detailViews], [this.#glance]);
  }

  protected override updated(): void {
    this.#bannerFocus = bannerFocus.after(this.renderRoot, this.#bannerFocus);
    this.toggleAttribute('dirty', this.dirty);
    if (this.dirty !== this.#wasDirty) {
      this.#wasDirty = this.dirty;
      /** @ignore documented on the class */
      this.dispatchEvent(new LiftDirtyChangeEvent(this.dirty, this.#session.draft?.dirtyFields ?? []));
    }
  }

  async #refresh(): Promise<void> {
    if (!(await this.#session.settle('unsavedRefresh'))) return;
    // Alongside, the glance (once it shows) reads its summary and the other contacts again, the open tab its list.
    const [failed] = await Promise.all([this.#loader.reload(this.#adapter.value, { restoreDraft: false, fresh: true }), this.#glance.current?.reloadGlance(this), refreshPanel(this.renderRoot)]);
    if (!failed && this.#loader.state === 'ready') this.#voice.announce(this.#adapter.value.sync?.state().connection === 'offline' ? 'refreshedKept' : 'refreshed');
  }

  /** Opens an action's dialog; the dialogs' code arrives with the first (a failure is said, with a retry). */
  async #perform(detail: LiftActionEvent['detail']): Promise<void> {
    const code = await this.#withWords(import('./actions/action-dialogs.js')).catch(() => undefined);
    if (!code) return this.#parts.failed('actions', () => void this.#perform(detail));
    this.#parts.recovered('actions', true);
    this.#actions ??= new code.ActionDialogs(this, {
      adapter: () => this.#adapter.value,
      contactId: () => this.contactId,
      session: this.#session,
      user: this.#user,
      relation: () => this.#loader.relation,
      lang: () => this.#i18n.locale,
      voice: this.#voice,
      say: (text) => this.#announcer.say(text),
      switchTo: (id) => switchTo(this, id),
      showError: (words) => (this.actionError = words),
      parts: this.#parts,
      showWork: (item) => {
        this.#projects.add(item);
        this.#tabs.selectMain('projects', false);
        this.#tabs.openDetail('project');
      },
      showEntry: (entry) => {
        this.selectedEntry = entry;
        this.#tabs.openDetail('item');
      },
    });
    await this.#actions.perform(detail);
  }

  /**
   * The bar's events bubble on to the host first; the card acts afterwards (in a microtask,
   * once the dispatch is over) so a host that cancels one stops the card too.
   */
  #afterHost<E extends Event>(event: E, perform: (event: E) => void): void {
    queueMicrotask(() => void (event.defaultPrevented || perform(event)));
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
          void session.archive(detail.action === 'archive', (words) => (this.actionError = words));
          break;
        case 'previous':
        case 'next':
          void step(this, session, detail.action === 'previous' ? -1 : 1);
          break;
        case 'search':
        case 'create':
        case 'copy':
        case 'document':
        case 'reports':
          void this.#perform(detail);
          break;
        default:
          break;
      }
    });

  /** The user chose buttons or detail tabs (`undefined`: back to the defaults): stored for this user. */
  #onChoice = (event: LiftButtonsChangeEvent | LiftDetailTabsChangeEvent): void =>
    this.#afterHost(event, ({ detail }) => void this.#user.choose(this.#adapter.value, detail, (words) => (this.actionError = words)));

  #onEntrySelect = (event: LiftTimelineSelectEvent): void =>
    this.#afterHost(event, ({ detail }) => {
      this.selectedEntry = detail.entry;
      this.#tabs.openDetail('item', false, true);
    });

  #onKeydown(event: KeyboardEvent): void {
    const action = shortcutAction(this, event, this.dirty && !this.#session.readOnly);
    // Told to the host first, as a press of the button it stands for is: cancelled there (a host that moves between contacts itself), it does nothing.
    const told = action && new LiftActionEvent({ action });
    if (told && this.dispatchEvent(told)) this.#onAction(told);
  }

  #openProject(item: WorkItem, how: 'select' | 'open'): void {
    /** @ignore documented on the class */
    if (how === 'open' && !this.dispatchEvent(new LiftOpenProjectEvent(item))) return this.#tabs.cancelAfterClick();
    this.#projects.select(item);
    if (how === 'open') this.#tabs.openDetail('project', true, true);
    else this.#tabs.openDetailAfterClick('project');
  }

  protected override render() {
    const { record, draft } = this.#session;
    const loader = this.#loader;
    if (this.contactId && loader.state === 'ready' && record && draft) return this.#renderCard(record, draft);
    const retry = () => loader.reload(this.#adapter.value, { restoreDraft: true, fresh: true });
    // The card's own code that did not arrive (its language) is said whatever it shows.
    return renderLoadState(this.#voice, this.contactId ? loader.state : 'none', loader.error, retry, [...awayNotice(this.#session), this.#parts.banner(this.#voice)]);
  }

  #renderCard(record: NonNullable<EditSession['record']>, draft: NonNullable<EditSession['draft']>): TemplateResult {
    const voice = this.#voice;
    const name = fullName(record) || voice.t('noValue');
    const session = this.#session;
    return html`<article part="card" aria-label=${voice.t('card', { name })} aria-busy=${session.saving ? 'true' : 'false'}>
      ${renderHeader(voice, record, name, this.#loader.relation, {
        showPersonal: () => this.#tabs.openDetail('personal'),
        editName: () => void this.#tabs.showField('firstName'),
        showFunction: () => this.#tabs.openDetail('function', true),
        editable: !session.readOnly,
        personal: this.#tabs.details.includes('personal'),
        function: this.#tabs.details.includes('function'),
      })}
      ${this.#glance.current?.renderGlance(this, { adapter: this.#adapter.value, voice, contact: record, relation: this.#loader.relation, work: this.#projects.items, open: (id) => openOther(this, this.#session, id, 'relation') }) ??
      (this.#glance.failed ? nothing : html`<div class="glance-space"></div>`)}
      ${renderBanners(voice, record, session, {
        lifecycleError: this.#loader.lifecycleError,
        canEdit: this.#adapter.value.session.can('edit'),
        actionError: this.actionError ?? this.#loader.refreshFailure(record),
        partFailure: this.#parts.banner(voice),
        refresh: () => void this.#refresh(),
      })}
      ${this.#sync.current?.render() ?? nothing}
      ${renderBar(voice, {
        adapter: this.#adapter.value,
        record,
        draft,
        saving: session.saving,
        buttons: this.buttons,
        detailTabs: this.detailTabs,
        selection: this.selection,
        user: this.#user,
        onAction: this.#onAction,
        onChoice: this.#onChoice,
      })}
      ${this.#renderMainTabs()}
      ${renderDetailPane(voice, name, {
        tabs: this.#tabs.details,
        active: this.#tabs.activeDetail,
        dirty: draft.dirty,
        select: (tab, focus) => this.#tabs.openDetail(tab, focus),
        render: (tab) => this.#renderDetail(tab),
      })}
      ${this.#announcer.render()}
      ${this.#question.render()}
      ${renderConflictPart(voice, this.#conflictView, session, this.#conflictModal)}
      ${this.#actions?.render()}
    </article>`;
  }

  #renderMainTabs(): TemplateResult {
    const t = this.#voice.t;
    const active = this.#tabs.activeMain;
    return html`${renderTablist({ part: 'tabs', label: t('tabs'), tabs: this.#tabs.main, active, select: (tab, focus) => this.#tabs.selectMain(tab, focus), text: (tab) => t(`tab.${tab}`) })}
      <div role="tabpanel" part="panel" class="panel" id=${`panel-${active}`} aria-labelledby=${`tab-${active}`}>${this.#renderPanel(active)}</div>`;
  }

  #renderPanel(tab: MainTab): TemplateResult {
    const adapter = this.#adapter.value;
    const contactId = this.contactId!;
    if (tab === 'projects') {
      return renderLazy(this.#voice, this.#projectsTable, (part) =>
        part.renderProjects(this.#voice, this.#projects, {
          retry: () => void this.#projects.load(adapter, contactId),
          open: (item, how) => this.#openProject(item, how),
        }),
      );
    }
    if (tab === 'checklist') return renderLazy(this.#voice, this.#tabs.checklistCode, () => renderChecklist(adapter, contactId, (available) => this.#user.setChecklistAvailable(available)));
    return renderLazy(this.#voice, this.#tabs.timelineCode, () =>
      renderTimeline(adapter, contactId, { correspondence: tab === 'correspondence', readOnly: Boolean(this.#session.record?.archived), select: this.#onEntrySelect }),
    );
  }

  #renderDetail(tab: DetailTab): TemplateResult {
    const voice = this.#voice;
    const { record, draft } = this.#session;
    switch (tab) {
      case 'personal':
        return renderPersonalForm(voice, this.#session, draft!);
      case 'function':
        return renderFunction(voice, record!, this.#loader, () => void this.#loader.retryRelation(this.#adapter.value));
      case 'project':
        return renderLazy(this.#voice, this.#detailViews, (part) => part.renderProject(voice, this.#projects.selected));
      case 'item': // The author may correct or delete what they recorded by hand.
        return renderLazy(voice, this.#detailViews, (part) => part.renderEntry(voice, this.selectedEntry, { loader: this.#loader, adapter: this.#adapter.value, readOnly: this.#session.readOnly, ask: this.#question.ask }));
      case 'checklist-item':
        return renderLazy(this.#voice, this.#detailViews, (part) => part.renderChecklistDetail(voice, this.#loader.checklist, Boolean(record?.archived)));
    }
  }
}
