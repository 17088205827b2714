import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DataChange, LiftAdapter, LifecycleNotice, Page } from '../../data/contract/adapter.js';
import type { Contact, TimelineEntry, TimelineKind, WorkItem } from '../../data/contract/model.js';
import { heardPerUser } from '../../context/adapter-controller.js';
import { focusFell } from '../../internal/latest-load.js';

/** The kinds that count as having been in contact: a message or a conversation. */
const CONTACT_KINDS: readonly TimelineKind[] = ['email', 'call', 'meeting', 'letter'];
/** The kinds that can be planned ahead: dated in the future, they are what comes next. */
const PLANNED_KINDS: readonly TimelineKind[] = ['call', 'meeting', 'task'];
/** How many other contacts at the relation show before "show more". */
const COLLEAGUES_PAGE = 10;
/** Every kind the summary counts, read together. */
const SUMMARY_KINDS: readonly TimelineKind[] = ['email', 'call', 'meeting', 'letter', 'task'];
/** Pages read at most past what is planned and past tasks for the last contact (rarely more than one). */
const SUMMARY_PAGES = 10;
/** The longest delay a browser's timer keeps (about 24.8 days); a later activity is looked at again then. */
const LONGEST_TIMER = 2 ** 31 - 1;

export interface Summary {
  /** The newest e-mail, call, meeting or letter up to now. */
  last: TimelineEntry | undefined;
  /** The nearest call, meeting or task planned after now. */
  next: TimelineEntry | undefined;
}

export interface Colleagues {
  items: Contact[];
  /** The cursor of the next page when the relation has more. */
  next: string | undefined;
  /** Read, and not shown yet: "show more" shows them before it reads the next page. */
  held: Contact[];
}

export type Slot<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; error: unknown };

/**
 * What the card's "at a glance" part reads, after the card itself has painted: the last contact
 * and the next planned activity from the overview query, and the other contacts at the same
 * relation from the contact list. Read again when the feed says the contact's overview or the
 * contacts changed, and when the time of the nearest activity read after now has passed (it may
 * be the last contact or no longer the next one now); a newer read cancels an older one.
 */
export class GlanceData implements ReactiveController {
  summary: Slot<Summary> = { state: 'loading' };
  colleagues: Slot<Colleagues> = { state: 'loading' };
  #for: { adapter: LiftAdapter; user: string; contact: Contact } | undefined;
  #summaryRead: AbortController | undefined;
  #colleaguesRead: AbortController | undefined;
  /** The read of the list that is out, and whether it is the page "show more" asked for (or a read again). */
  #out: [Promise<void>, boolean] | undefined;
  /** Reads the summary again once the nearest activity after now is past. */
  #aheadPassed: ReturnType<typeof setTimeout> | undefined;
  #unsubscribe: (() => void) | undefined;
  /**
   * The relation's first page of contacts as last read, and for whom: the same read for every
   * contact at the relation, so a move to a colleague lists the others from it. Forgotten with
   * any contact change, since the one left may show in it now.
   */
  #firstPage: [LiftAdapter, string, string, Page<Contact>] | undefined;
  /** Contact changes heard so far: a read one overtook is shown, not kept. */
  #heard = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#stop();
    this.#for = undefined;
    // Nothing is heard while away.
    this.#firstPage = undefined;
  }

  #stop(): void {
    this.#summaryRead?.abort();
    this.#colleaguesRead?.abort();
    this.#out = undefined;
    clearTimeout(this.#aheadPassed);
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  /**
   * Reads for this adapter, user and contact, unless it already has (or is reading) them. Another
   * user may read another copy on the device: nothing read for the previous one stays.
   */
  sync(adapter: LiftAdapter, contact: Contact): void {
    const shown = this.#for;
    const user = adapter.session.currentUser().id;
    if (shown?.adapter === adapter && shown.user === user && shown.contact.id === contact.id && shown.contact.relationId === contact.relationId) {
      shown.contact = contact;
      return;
    }
    this.#stop();
    this.#for = { adapter, user, contact };
    this.summary = { state: 'loading' };
    this.colleagues = { state: 'loading' };
    // A change heard after another user signed in is left to the read the next render makes for them.
    this.#unsubscribe = adapter.subscribe(heardPerUser(adapter, this.host, () => this.#for?.user, (change) => this.#changed(change)));
    void this.loadSummary();
    void this.loadColleagues();
  }

  #changed(change: DataChange | LifecycleNotice): void {
    const shown = this.#for;
    if (!shown || !('resource' in change)) return;
    if (change.resource === 'contact') {
      this.#heard++;
      this.#firstPage = undefined;
    }
    if (change.resource === 'timeline' && (!change.contactId || change.contactId === shown.contact.id)) void this.loadSummary();
    // A contact created, archived, renamed or moved may join or leave the list.
    if (change.resource === 'contact' && !(change.ids.length === 1 && change.ids[0] === shown.contact.id)) void this.loadColleagues();
  }

  /**
   * The card's refresh: the summary and the other contacts read again from the store (not from
   * the first page kept, nor from a read already out), what shows staying until they are there.
   * Resolves once both have settled.
   */
  async reload(): Promise<void> {
    this.#heard++;
    this.#firstPage = undefined;
    await Promise.all([this.loadSummary(), this.loadColleagues()]);
  }

  async loadSummary(): Promise<void> {
    const shown = this.#for;
    if (!shown) return;
    this.#summaryRead?.abort();
    clearTimeout(this.#aheadPassed);
    const { signal } = (this.#summaryRead = new AbortController());
    // Read again after a change, the summary shown stays until the new one is there: the part
    // neither flashes "loading" after each save nor moves what is under it.
    if (this.summary.state !== 'ready') {
      this.summary = { state: 'loading' };
      this.host.requestUpdate();
    }
    try {
      const { value, ahead } = await summaryOf(shown.adapter, shown.contact.id, Date.now(), signal);
      if (!signal.aborted) {
        this.summary = { state: 'ready', value };
        // What lies after now becomes the past at its time: a meeting that has begun, or a call,
        // e-mail or letter a store with a clock ahead of this browser's logged "now", is then the
        // last contact. A timer's negative delay counts as none.
        if (ahead !== undefined) this.#aheadPassed = setTimeout(() => void this.loadSummary(), Math.min(ahead - Date.now() + 1, LONGEST_TIMER));
      }
    } catch (error) {
      if (!signal.aborted) this.summary = { state: 'error', error };
    }
    if (!signal.aborted) this.host.requestUpdate();
  }

  /** "Show more": the next page; focus that fell to the page with the button (gone with the last page) goes to the first contact it brought. */
  async showMore(list: Element | null): Promise<void> {
    // With nothing held, a read again that is out comes first: it may hold what shows next.
    if (!(this.colleagues.state === 'ready' && this.colleagues.value.held.length) && !(await this.#turn(true))) return;
    const colleagues = this.colleagues.state === 'ready' ? this.colleagues.value : undefined;
    const shown = colleagues?.items.length ?? 0;
    if (colleagues?.held.length) {
      const { items, next, held } = colleagues;
      this.colleagues = { state: 'ready', value: { items: [...items, ...held.slice(0, COLLEAGUES_PAGE)], next, held: held.slice(COLLEAGUES_PAGE) } };
      this.host.requestUpdate();
    } else await this.loadColleagues(true);
    await this.host.updateComplete;
    if (list && focusFell(list.getRootNode() as ShadowRoot)) list.querySelectorAll<HTMLElement>('button[data-contact-id]')[shown]?.focus();
  }

  /**
   * The first page of the other contacts at the relation, or (`more`) the next one added to it.
   * Read again after a change, a page past what shows: every contact shown that is still there
   * stays (a list opened further with "show more" stays so), with those that came among them;
   * the rest is held for "show more".
   */
  async loadColleagues(more = false): Promise<void> {
    const shown = this.#for;
    if (!shown || !(await this.#turn(more))) return;
    const out = (this.#out = [this.#readColleagues(shown, more), more]);
    await out[0];
    if (this.#out === out) this.#out = undefined;
  }

  /**
   * Waits while a read of the list of the other kind is out, so that neither a read again nor
   * "show more" cancels the other: each goes on from what the other showed, and the newcomer and
   * the page asked for both show. False when the card has gone to another contact meanwhile.
   */
  async #turn(more: boolean): Promise<boolean> {
    const shown = this.#for;
    while (this.#out && this.#out[1] !== more) {
      await this.#out[0];
      if (this.#for !== shown) return false;
    }
    return true;
  }

  async #readColleagues(shown: { adapter: LiftAdapter; user: string; contact: Contact }, more: boolean): Promise<void> {
    const listed = this.colleagues.state === 'ready' ? this.colleagues.value : undefined;
    const before = more ? listed : undefined;
    this.#colleaguesRead?.abort();
    const { signal } = (this.#colleaguesRead = new AbortController());
    if (this.colleagues.state !== 'ready') {
      this.colleagues = { state: 'loading' };
      this.host.requestUpdate();
    }
    try {
      const { adapter, contact } = shown;
      // One more than a page, since the contact itself is among them.
      // A list that showed none is read as at first: a newcomer shows, not held behind "show more".
      const again = more || !listed?.items.length ? undefined : listed.items.map((c) => c.id);
      const limit = COLLEAGUES_PAGE + (again?.length ?? 0) + 1;
      const first = !more && !again;
      const [readBy, readFor, relation, kept] = this.#firstPage ?? [];
      const heard = this.#heard;
      const page =
        first && kept && readBy === adapter && readFor === shown.user && relation === contact.relationId
          ? kept
          : await adapter.contacts.list({ relationId: contact.relationId, limit, signal, ...(before?.next ? { cursor: before.next } : {}) });
      if (first && !signal.aborted && heard === this.#heard) this.#firstPage = [adapter, shown.user, contact.relationId, page];
      const known = new Set([contact.id, ...(before?.items ?? []).map((c) => c.id)]);
      const read = page.items.filter((c) => !known.has(c.id));
      // What shows now stays: "show more" may have shown some of what was held meanwhile.
      const now = again && this.colleagues.state === 'ready' ? this.colleagues.value.items.map((c) => c.id) : again;
      const last = now ? read.findLastIndex((c) => now.includes(c.id)) : -1;
      const count = now ? Math.max(last + 1, Math.min(now.length, read.length)) : read.length;
      const items = [...(before?.items ?? []), ...read.slice(0, count)];
      if (!signal.aborted) this.colleagues = { state: 'ready', value: { items, next: page.next, held: read.slice(count) } };
    } catch (error) {
      if (!signal.aborted) this.colleagues = { state: 'error', error };
    }
    if (!signal.aborted) this.host.requestUpdate();
  }
}

/**
 * The last contact and the next planned activity, reckoned from `now`, in one read of the kinds
 * both count: newest first, the planned entries after now come first, the last of them the
 * nearest, and the first contact before now follows. The read names no instant, so it is the same
 * read at every open: a device that keeps what it read answers it again while offline. With it,
 * `ahead`: the time of the nearest entry read after now, when the summary may change.
 */
async function summaryOf(adapter: LiftAdapter, contactId: string, now: number, signal: AbortSignal): Promise<{ value: Summary; ahead: number | undefined }> {
  let cursor: string | undefined;
  let next: TimelineEntry | undefined;
  let ahead: number | undefined;
  for (let page = 0; page < SUMMARY_PAGES; page++) {
    const answer = await adapter.timeline.query(contactId, { kinds: SUMMARY_KINDS, limit: 50, signal, ...(cursor ? { cursor } : {}) });
    for (const entry of answer.items) {
      const at = Date.parse(entry.occurredAt);
      if (at >= now) {
        if (PLANNED_KINDS.includes(entry.kind)) next = entry;
        // An e-mail or letter after now (logged on a store whose clock runs ahead) is neither the
        // next activity nor the last contact until its time, when it may be the last contact.
        ahead = Math.min(at, ahead ?? at);
      } else if (CONTACT_KINDS.includes(entry.kind)) {
        return { value: { last: entry, next }, ahead };
      }
    }
    cursor = answer.next;
    if (!cursor) break;
  }
  return { value: { last: undefined, next }, ahead };
}

/**
 * The contact's open work (not archived, not ended before the reader's today at `now`), and of
 * it the one due soonest.
 */
export function openWork(items: readonly WorkItem[] | undefined, now: Date): { count: number; due: WorkItem | undefined } | undefined {
  if (!items) return undefined;
  // Work ends on a calendar day: compared with the reader's own date, not the one in UTC (the
  // instant moved by the reader's offset from UTC reads, in UTC, as the reader's wall clock).
  const today = new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
  const open = items.filter((item) => !item.archived && (!item.endDate || item.endDate >= today));
  const due = open.filter((item) => item.endDate).sort((a, b) => (a.endDate! < b.endDate! ? -1 : a.endDate! > b.endDate! ? 1 : 0))[0];
  return { count: open.length, due };
}
