import { ContextConsumer, createContext } from '@lit/context';
import { adoptStyles, css, html, supportsAdoptingStyleSheets, type CSSResult, type TemplateResult } from 'lit';
import type { LiftAdapter } from '../../data/contract/adapter.js';
import type { Contact, Relation, TimelineEntry, WorkItem } from '../../data/contract/model.js';
import type { LiftOperation } from '../../events.js';
import { LiftElement } from '../../internal/lift-element.js';
import { ModalController } from '../../internal/modal.js';
import type { ContactCardMessage } from '../messages.js';
import type { ActionHost } from './panel.js';

/**
 * What a card gives the dialogs of its actions, through context: the adapter and the open
 * contact, its words, and the few things only the card can do (open another contact, show a
 * work item or an entry, say something). Nothing else of the card reaches a dialog.
 */
export interface CardActions {
  readonly adapter: LiftAdapter;
  /** The contact the card shows now (undefined while it loads another). */
  readonly contactId: string | undefined;
  /** The card's record of that contact, with the version a write must name. */
  readonly record: Contact | undefined;
  readonly relation: Relation | undefined;
  readonly lang: string;
  t(key: ContactCardMessage, params?: Record<string, string | number>): string;
  /** Dispatches an event from the card; `false` when a listener cancelled it. */
  dispatch(event: Event): boolean;
  /** Says `text` through the card's live region. */
  announce(text: string): void;
  /**
   * Reports a failure as a `lift-error` for `operation`. A refusal for an older version of the
   * contact settles once the card has the newer version in place, with the failure of reading it if any.
   */
  report(operation: LiftOperation, error: unknown): Promise<unknown> | void;
  /** An error in words for the reader. */
  reason(error: unknown): string;
  /**
   * Opens another contact: asks about unsaved edits first (save / discard / cancel), then
   * dispatches `event` (a host may cancel it and navigate itself), then switches. False when
   * the user chose to stay (the dialog stays open then) or the Save she chose failed (the dialog
   * closes then, for the card to say why and show the field to correct). With `replaces`, the contact takes that one's place in the
   * card's `selection` (a copy opened for its original).
   */
  openContact(id: string, event: Event, replaces?: string): Promise<boolean>;
  /** Shows a failure in the card (its dialog closed meanwhile). */
  showError(words: () => string): void;
  /** Shows a work item on the Projects tab with its detail. */
  showWork(item: WorkItem): void;
  /** Shows an overview entry in the item detail. */
  showEntry(entry: TimelineEntry): void;
}

/** What every action dialog shares, added to the card's shadow root with the first one opened. */
const actionStyles = css`
  dialog.action {
    width: min(40rem, 92vw);
  }
`;

/** The dialogs' styles each card's shadow root has been given. */
const addedStyles = new WeakMap<ShadowRoot, Set<CSSResult>>();

/**
 * Adds `styles` to the card's shadow root beside the styles it has, each once however often a
 * dialog connects; without adoptable sheets through Lit's `<style>` fallback, as the menus and the
 * glance part do.
 */
function addStylesOnce(root: ShadowRoot, styles: readonly CSSResult[]): void {
  const added = addedStyles.get(root) ?? new Set<CSSResult>();
  addedStyles.set(root, added);
  const missing = styles.filter((style) => !added.has(style));
  if (!missing.length) return;
  for (const style of missing) added.add(style);
  if (supportsAdoptingStyleSheets) root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...missing.map((style) => style.styleSheet!)];
  else adoptStyles(root, missing);
}

/** Keyed globally, so two copies of the library on one page still find each other's card. */
export const cardActionsContext = createContext<CardActions | undefined>(Symbol.for('lift-elements.card-actions'));

/**
 * One action dialog of the card (search, create, copy, document, report): an element of its own,
 * defined when its action first opens, that reads what it needs from the card through
 * {@link cardActionsContext} and re-renders alone, so typing in it never renders the card. It
 * renders into the card's shadow root (no shadow root of its own), so the card's styles and
 * parts reach it. Closing the `<dialog>` says `close`; the card then removes the element, which
 * stops what it still had running.
 *
 * @ignore internal to `<lift-contact-card>`
 */
export abstract class ActionDialog extends LiftElement {
  /** The contact the dialog was opened for; set before it is connected. */
  contact!: Contact;

  /** Selector of what gets focus when the dialog opens (default: its first field). */
  readonly initialFocus: string | undefined;

  readonly #card = new ContextConsumer(this, { context: cardActionsContext });
  #started = false;

  // Shown once it has rendered, for as long as the card keeps it; the card gives focus back.
  readonly #modal = new ModalController(
    this,
    () => this.dialog,
    () => this.isConnected,
    (dialog) => dialog.querySelector<HTMLElement>(this.initialFocus ?? 'input, select, textarea, button')?.focus(),
  );

  /** Styles of this dialog alone: added to the card's shadow root when it opens, so they load with it. */
  static readonly dialogStyles: readonly CSSResult[] = [];

  /** The dialog's title. */
  abstract get heading(): string;

  /** The dialog's content below its title. */
  protected abstract renderBody(): TemplateResult;

  /** A write is on its way: neither Escape nor Cancel closes the dialog until it answers. */
  get busy(): boolean {
    return false;
  }

  /** Runs once, when first connected and the card has answered: start loading here. */
  protected opened(): void {}

  /** Runs when the card removes the dialog: stop what is still running. */
  protected dispose(): void {}

  /**
   * Adds styles to the card's shadow root, each once: the dialog's own when it opens, and those
   * of a part of it loaded later. A dialog no longer in the card adds nothing (the next one will).
   */
  protected addStyles(styles: readonly CSSResult[]): void {
    const root = this.getRootNode();
    if (root instanceof ShadowRoot) addStylesOnce(root, styles);
  }

  /** What the dialog's content uses of the card and of the dialog itself. */
  readonly host: ActionHost = this.#hostOf();

  #hostOf(): ActionHost {
    const dialog = this;
    const card = (): CardActions => {
      const value = dialog.#card.value;
      if (!value) throw new Error('An action dialog works only inside <lift-contact-card>.');
      return value;
    };
    // A late answer for the contact the card has left is not shown on the next one.
    const here = (contactId: string) => card().contactId === contactId;
    return {
      get adapter() {
        return card().adapter;
      },
      get record() {
        return card().record ?? dialog.contact;
      },
      get relation() {
        return card().relation;
      },
      get lang() {
        return card().lang;
      },
      get open() {
        return dialog.isConnected && Boolean(dialog.dialog?.open);
      },
      t: (key, params) => card().t(key, params),
      update: () => dialog.requestUpdate(),
      get updated() {
        return dialog.updateComplete;
      },
      close: () => dialog.close(),
      cancel: () => dialog.busy || dialog.close(),
      dispatch: (event) => card().dispatch(event),
      announce: (text) => card().announce(text),
      report: (operation, error) => card().report(operation, error),
      reason: (error) => card().reason(error),
      openContact: (id, event, replaces) => card().openContact(id, event, replaces),
      showError: (words) => here(dialog.contact.id) && card().showError(words),
      showWork: (item) => here(item.contactId) && card().showWork(item),
      showEntry: (entry) => here(entry.contactId) && card().showEntry(entry),
      query: (selector) => dialog.dialog?.querySelector(selector) ?? null,
    };
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /**
   * Escape while a write is on its way, wherever focus is (the button pressed is disabled, and
   * focus may have left the dialog): Chromium and Firefox close a dialog on a second Escape even
   * when its cancel event was refused, so the key itself is refused.
   */
  readonly #escape = (event: KeyboardEvent): void => {
    if (this.busy && event.key === 'Escape') event.preventDefault();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('keydown', this.#escape, true);
    // What the card's print style keeps (the summary report prints alone).
    this.classList.add('action-dialog');
    this.addStyles([actionStyles, ...(this.constructor as typeof ActionDialog).dialogStyles]);
    if (this.#started) return;
    this.#started = true;
    this.opened();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.#escape, true);
    this.dispose();
  }

  get dialog(): HTMLDialogElement | null {
    return this.querySelector('dialog');
  }

  close(): void {
    this.#modal.close();
  }

  protected override render() {
    // The dialog's close does not bubble: the element says it, for the card to give focus back.
    return html`<dialog
      class="action"
      part="dialog"
      aria-labelledby="action-title"
      @cancel=${(event: Event) => this.busy && event.preventDefault()}
      @close=${() => this.dispatchEvent(new Event('close'))}
    >
      <h2 id="action-title" tabindex="-1">${this.heading}</h2>
      ${this.renderBody()}
    </dialog>`;
  }
}
