import { html, nothing, type TemplateResult } from 'lit';
import type { EditSession } from '../edit-session.js';
import type { ModalController } from '../../internal/modal.js';
import type { LiftAdapter } from '../../data/contract/adapter.js';
import type { LiftChecklist } from '../../checklist/checklist.js';
import type { LiftContactTimeline } from '../../contact-timeline/timeline.js';
import type { TimelineKind } from '../../data/contract/model.js';
import type { LiftChecklistAvailabilityEvent, LiftTimelineSelectEvent } from '../../events.js';
import { LiftDataError } from '../../data/contract/errors.js';
import type { LazyModule } from '../../internal/lazy-module.js';
import type { LoadState } from '../contact-loader.js';
import { CARD_TYPE } from '../../vocabulary.js';
import type { CardVoice } from '../voice.js';
import { renderPartFailure } from './part-failures.js';

// Moving between the two tabs starts each with no kind chosen (two lists, so the element sees
// a change); the correspondence view keeps itself to its own kinds.
const NO_KINDS_OVERVIEW: TimelineKind[] = [];
const NO_KINDS_CORRESPONDENCE: TimelineKind[] = [];

/** The overview (every kind) or the correspondence (letters, e-mails, documents) of a contact. */
export function renderTimeline(
  adapter: LiftAdapter,
  contactId: string,
  options: { correspondence: boolean; readOnly: boolean; select(event: LiftTimelineSelectEvent): void },
): TemplateResult {
  return html`<lift-contact-timeline
    exportparts="entry: timeline-entry, filters: timeline-filters, scroller: timeline-scroller"
    .adapter=${adapter}
    contact-id=${contactId}
    ?read-only=${options.readOnly}
    scope=${options.correspondence ? 'correspondence' : 'all'}
    .kinds=${options.correspondence ? NO_KINDS_CORRESPONDENCE : NO_KINDS_OVERVIEW}
    @lift-timeline-select=${options.select}
  ></lift-contact-timeline>`;
}

/** The contact's checklist; it tells the card whether any item applies. */
export function renderChecklist(adapter: LiftAdapter, contactId: string, available: (available: boolean) => void): TemplateResult {
  return html`<lift-checklist
    exportparts="item: checklist-item, group: checklist-group"
    .adapter=${adapter}
    contact-id=${contactId}
    card-type=${CARD_TYPE}
    @lift-checklist-availability=${(event: LiftChecklistAvailabilityEvent) => available(event.detail.available)}
  ></lift-checklist>`;
}

/**
 * The card's refresh of its open main tab: the overview's, the correspondence's or the
 * checklist's element reads its list again, keeping the reader's place; resolves once it shows
 * what it read. The projects are read again by the card itself; a tab not shown reads as it shows.
 */
export function refreshPanel(root: ParentNode): Promise<void> {
  const shown = root.querySelector<Element & Partial<Pick<LiftContactTimeline | LiftChecklist, 'refresh'>>>('.panel > lift-contact-timeline, .panel > lift-checklist');
  // The tag may be defined by another copy of the library on the page, one from before refresh().
  return shown?.refresh?.() ?? Promise.resolve();
}

/** Edits of contacts the card has left did not save: each said until the card moves on again. */
export function awayNotice(session: Pick<EditSession, 'awayErrors'>): TemplateResult[] {
  return session.awayErrors.map((words) => html`<p part="banner error" class="notice" role="alert">${words()}</p>`);
}

/**
 * The card before it can show a contact: none chosen, loading, missing, or failed (with a retry).
 * `notice` says what became of the edits of the contact shown before (its save may fail while
 * this one loads, or cannot), and which of the card's own code did not arrive (its language).
 */
export function renderLoadState(voice: CardVoice, state: LoadState | 'none', error: unknown, retry: () => void, notice: (TemplateResult | typeof nothing)[]): TemplateResult {
  const { t } = voice;
  switch (state) {
    case 'none':
      return html`<div part="card">${notice}<p part="banner" class="notice">${t('noContact')}</p></div>`;
    case 'not-found':
      return html`<div part="card">${notice}<p part="banner" class="notice" role="alert">${t('notFound')}</p></div>`;
    case 'error':
      // Without the right to read, trying again changes nothing: no retry is offered.
      // Focusable: focus that was in the card as it came to say so goes to it (see the loader's `refused`).
      if (LiftDataError.is(error, 'permission')) return html`<div part="card">${notice}<p part="banner" class="notice refused" role="alert" tabindex="-1">${t('noReadRight')}</p></div>`;
      return html`<div part="card">
        ${notice}
        <p part="banner error" class="notice" role="alert">
          ${LiftDataError.is(error, 'validation') ? t('damaged') : t('unavailable', { reason: voice.reason(error, true) })}
        </p>
        <button type="button" @click=${retry}>${t('retry')}</button>
      </div>`;
    default:
      return html`<div part="card" aria-busy="true">
        ${notice}
        <p role="status" class="visually-hidden">${t('loading')}</p>
        <div part="skeleton" aria-hidden="true">
          <span class="bone name"></span><span class="bone line"></span><span class="bone line short"></span>
          <span class="bone bar"></span><span class="bone block"></span>
        </div>
      </div>`;
  }
}

/** A part whose code loads on first use: a status while it comes, an error if it cannot. */
export function renderLazy<M>(voice: CardVoice, part: LazyModule<M>, render: (module: M) => TemplateResult): TemplateResult {
  const module = part.get();
  if (module) return render(module);
  return part.failed ? renderPartFailure(voice, part.failures, () => part.retry()) : html`<p role="status">${voice.t('loadingPart')}</p>`;
}

/** The conflict dialog while a save meets one (and until it has closed), its code loaded on first use. */
export function renderConflictPart(voice: CardVoice, part: LazyModule<typeof import('./conflict.js')>, session: EditSession, modal: ModalController): TemplateResult | typeof nothing {
  if (!session.conflict && !part.current) return nothing;
  return renderLazy(voice, part, (code) =>
    code.renderConflict(
      voice,
      session,
      // Closed without choosing: not saved, and the comparison stays one click away.
      () => {
        session.dismissConflict();
        // Opened by itself (a change kept on the device met a colleague's): to the banner that offers it again.
        modal.focus.restore('.sync-failed button', 'button.name');
      },
      () => modal.close(),
    ),
  );
}

/**
 * A banner's button goes with what it did (Keep, Discard, Try again, Compare, a load's retry, a
 * panel's retry of its code, the retry after a part's read failed: the summary's, the
 * projects'), as do the form's Save and Undo once the contact is read-only (archived by a
 * colleague, the user's role lowered). `before`, as an update begins: whether focus is in one. `after`,
 * once rendered: focus that fell to the page with it goes to the contact's name, once that
 * shows; whether that is still to do.
 */
export const bannerFocus = {
  // The focused element's own ancestors, not a search of the card: this runs on every render.
  before: (root: DocumentOrShadowRoot) => Boolean(root.activeElement?.closest('[part~="banner"], [part~="card"] > button, .notice, [part~="error"] + button, [part~="form-actions"]')),
  after(root: ParentNode, fell: boolean): boolean {
    if (fell && document.activeElement === document.body) root.querySelector<HTMLElement>('button.name')?.focus();
    return fell && document.activeElement === document.body;
  },
};
