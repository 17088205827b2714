import { readFileSync } from 'node:fs';

// The planted bugs of `npm run mutants` (scripts/mutants.mjs), in a module of their own so the
// quick checks of `npm test` can tell when a change to src/ has moved a mutant's text away.

/**
 * Each mutant: the file, the exact text to change (it must occur exactly once) and its
 * replacement, what the bug would do to a user, and the test files that should catch it.
 */
export const MUTANTS = [
  // The five a mutation study found uncaught.
  { id: 'M01', file: 'src/data/engine/idb-backend.ts', find: "    if (mode === 'readwrite') await tx.done;\n", replace: '\n',
    breaks: 'a write resolves before its transaction committed: a failed commit reported as saved', tests: ['commit-failures'] },
  { id: 'M02', file: 'src/contact-card/edit-session.ts', find: 'store.forget(id, fields, changes);', replace: 'store.forget(id, fields);',
    breaks: "a save forgets another card's newer draft of the same field", tests: ['contact-card'] },
  { id: 'M03', file: 'src/data/adapters/http-transport.ts', find: "412: 'conflict'", replace: "412: 'unavailable'",
    breaks: 'a 412 without a code in its body is taken for an outage, not a conflict', tests: ['http-adapter'] },
  { id: 'M04', file: 'src/internal/contact-links.ts', find: '@${encodeURIComponent(text.slice(at + 1))}', replace: '@${text.slice(at + 1)}',
    breaks: "an e-mail link carries the domain unencoded", tests: ['contact-draft'] },
  { id: 'M05', file: 'src/contact-timeline/window.ts', find: 'last + overscan + 1)', replace: 'last + overscan)',
    breaks: 'the overview window leaves out the last row the viewport touches', tests: ['timeline-search'] },
  // Storage errors.
  { id: 'M06', file: 'src/data/engine/idb-backend.ts', find: "  return name === 'InvalidStateError' || name === 'UnknownError';", replace: '  return true;',
    breaks: 'any failed write is retried, so an aborted commit is written after all', tests: ['commit-failures'] },
  { id: 'M07', file: 'src/data/engine/idb-backend.ts', find: "  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {", replace: "  if (name === 'QuotaExceededError') {",
    breaks: 'a full disk reported inside an AbortError reads as "unavailable", not "quota"', tests: ['indexeddb-adapter'] },
  { id: 'M08', file: 'src/data/adapters/indexeddb-adapter.ts', find: 'if (changes.length) this.#channel?.postMessage(', replace: 'if (!changes.length) this.#channel?.postMessage(',
    breaks: 'other tabs never hear of a change', tests: ['indexeddb-adapter'] },
  { id: 'M09', file: 'src/data/engine/idb-backend.ts', find: '        tx.abort();\n      } catch {\n        // already finished', replace: '        void tx;\n      } catch {\n        // already finished',
    breaks: 'a write whose code fails after a put is left to commit half of it', tests: ['commit-failures'] },
  // Conflicts and the edit session.
  { id: 'M10', file: 'src/data/engine/rules.ts', find: '  if (expected !== undefined && version !== expected) {', replace: '  if (expected !== undefined && version < expected) {',
    breaks: 'a write based on an old version overwrites a newer one', tests: ['conformance', 'indexeddb-adapter'] },
  { id: 'M11', file: 'src/data/engine/rules.ts', find: "fail('conflict', `Someone else changed this ${what} after you opened it.`, { current: current && strip(current) });", replace: "fail('conflict', `Someone else changed this ${what} after you opened it.`);",
    breaks: 'a conflict does not carry the current record, so the card cannot show theirs', tests: ['conformance', 'contact-card'] },
  { id: 'M12', file: 'src/contact-card/contact-draft.ts', find: '      if (now === original) merged[field] = mine;', replace: '      if (now === original || mine) merged[field] = mine;',
    breaks: "the merge overwrites a colleague's change to the same field instead of asking", tests: ['contact-draft'] },
  { id: 'M13', file: 'src/contact-card/contact-draft.ts', find: '      if (values && edits[field] !== values[field]) continue;', replace: '      if (values && edits[field] === values[field]) continue;',
    breaks: 'forgetting a saved field keeps it and drops the others', tests: ['contact-draft'] },
  { id: 'M14', file: 'src/contact-card/contact-draft.ts', find: 'return `${DRAFT_PREFIX}${this.scope}:${contactId}`;', replace: 'return `${DRAFT_PREFIX}${contactId}`;',
    breaks: "one user's or database's drafts show up for another", tests: ['contact-draft'] },
  { id: 'M15', file: 'src/contact-card/edit-session.ts', find: "this.saveError = () => voice.t('saveFailed', { reason: voice.reason(error) });\n        else this.#failedAway", replace: "void 0;\n        else this.#failedAway",
    breaks: 'a failed save is not said on the card', tests: ['card-faults', 'contact-card'] },
  { id: 'M52', file: 'src/contact-card/edit-session.ts', find: '    return id !== undefined && this.#saving.has(id);', replace: '    return id !== undefined && this.#saving.size > 0;',
    breaks: "a save still on its way holds the next contact's form and buttons after the card moved on", tests: ['contact-card'] },
  { id: 'M53', file: 'src/contact-card/edit-session.ts', find: "        else this.#failedAway(draft, LiftDataError.is(error, 'conflict')", replace: "        else if (false) this.#failedAway(draft, LiftDataError.is(error, 'conflict')",
    breaks: 'a save that fails after the card moved on is not said at all', tests: ['contact-card'] },
  { id: 'M54', file: 'src/contact-card/edit-session.ts', find: "        voice.announce(kept ? 'keptAway' : 'savedAway',", replace: "        void (kept ? 'keptAway' : 'savedAway',",
    breaks: 'a save that lands after the card moved on is not said, so nothing tells whose changes were saved', tests: ['edit-session', 'contact-card'] },
  { id: 'M55', file: 'src/contact-card/edit-session.ts', find: "(message === 'unsavedLeave' && this.saving)", replace: "(message === 'unsavedLeave' && false)",
    breaks: "Save then Next asks about the changes already on their way, offering a Save that cannot start", tests: ['contact-card'] },
  { id: 'M57', file: 'src/contact-card/edit-session.ts', find: 'if (this.#missed.delete(id) && this.options.contactId() === id)', replace: 'if (this.#missed.size > 0 && (this.#missed.clear(), true) && this.options.contactId() === id)',
    breaks: "another contact's save landing first drops the mark of a colleague's change, so the card never shows it", tests: ['edit-session'] },
  { id: 'M58', file: 'src/contact-card/edit-session.ts', find: ' || record.id !== contactId || this.conflict) return;', replace: ' || this.conflict) return;',
    breaks: "discarding a kept save after the card moved on resets the same fields of the contact shown now", tests: ['edit-session'] },
  // HTTP transport and the change feed.
  { id: 'M56', file: 'src/data/adapters/http-transport.ts', find: '    if (late) throw late;', replace: '    void late;',
    breaks: 'a read cancelled while the host\'s token callback runs is sent anyway, and waits up to the request timeout', tests: ['http-adapter'] },
  { id: 'M16', file: 'src/data/adapters/http-transport.ts', find: 'if (read && attempt < t.retries && timeouts', replace: 'if (attempt < t.retries && timeouts',
    breaks: 'a write is sent again after a 503 or a network error, and may be applied twice', tests: ['http-adapter'] },
  { id: 'M17', file: 'src/data/adapters/http-transport.ts', find: 'if (!response || response.status >= 500) t.publish(t.writes.inDoubt(writeId));', replace: 'if (!response || response.status >= 500) t.writes.answered(writeId);',
    breaks: 'an own change whose answer was lost never reaches subscribers', tests: ['http-adapter'] },
  { id: 'M18', file: 'src/data/adapters/http-transport.ts', find: "    return state === undefined || state === 'in-doubt';", replace: '    return true;',
    breaks: 'an own change is told twice: once by the answer, once by the feed', tests: ['http-adapter'] },
  { id: 'M19', file: 'src/data/adapters/http-adapter.ts', find: "...(this.#lastEventId === undefined ? {} : { 'Last-Event-ID': this.#lastEventId }),", replace: '...{},',
    breaks: 'a feed that reconnects misses what happened during the gap', tests: ['http-adapter'] },
  // Rights.
  { id: 'M20', file: 'src/data/engine/store-adapter.ts', find: '    if (!this.session.can(right)) {', replace: "    if (!this.session.can(right) && right !== 'archive') {",
    breaks: 'a user without the archive right can archive', tests: ['rights', 'conformance'] },
  { id: 'M21', file: 'src/data/engine/checklists.ts', find: "        if (storedCardMode(item!, contact) !== 'editable') fail('permission', 'This checklist item cannot be changed here.');\n", replace: '\n',
    breaks: 'a read-only or hidden checklist item can be ticked through the adapter', tests: ['conformance', 'checklist'] },
  { id: 'M22', file: 'src/checklist/mode.ts', find: '  return item.modeByStatus[status] || item.mode;', replace: '  return item.mode;',
    breaks: "the checklist ignores the mode for the card's status", tests: ['checklist'] },
  { id: 'M23', file: 'src/data/engine/rules.ts', find: "  if (contact.archived) fail('validation', 'An archived contact is read-only; unarchive it first.', { fields: { archived: 'archived' } });\n", replace: '\n',
    breaks: 'an archived contact can be edited, and take notes, work and documents', tests: ['conformance', 'indexeddb-adapter'] },
  // Bounds and validation.
  { id: 'M24', file: 'src/data/engine/rules.ts', find: '  if (value.length > max) return fail(', replace: '  if (value.length > max + 1) return fail(',
    breaks: 'text one character over its limit is stored', tests: ['conformance', 'adapter-model'] },
  { id: 'M25', file: 'src/data/contract/validation.ts', find: "  if (value.length > CONTACT_LIMITS[field]) return 'too-long';", replace: "  if (value.length > CONTACT_LIMITS[field] + 1) return 'too-long';",
    breaks: 'a contact field one character over its limit passes', tests: ['conformance', 'adapter-model', 'contact-draft'] },
  { id: 'M26', file: 'src/data/engine/rules.ts', find: '  return Math.min(limit, MAX_PAGE);', replace: '  return limit;',
    breaks: 'a page is as large as the caller asks', tests: ['indexeddb-adapter'] },
  { id: 'M27', file: 'src/data/engine/rules.ts', find: '  if (cursor === undefined) return undefined;', replace: '  if (cursor === undefined || !decodeCursor(cursor)) return undefined;',
    breaks: 'a forged page cursor silently restarts at the first page', tests: ['conformance'] },
  { id: 'M28', file: 'src/data/contract/validation.ts', find: "  if (field === 'lastName' && !trimmed) return 'required';", replace: "  if (field === 'lastName' && !value) return 'required';",
    breaks: 'a last name of only spaces passes', tests: ['conformance', 'adapter-model', 'contact-card'] },
  { id: 'M29', file: 'src/data/contract/validation.ts', find: "'').length < 6)) return 'phone';", replace: "'').length < 5)) return 'phone';",
    breaks: 'a phone number of five digits passes', tests: ['contact-card', 'contact-draft', 'conformance'] },
  { id: 'M33', file: 'src/data/engine/timeline.ts', find: '        if (time < EARLIEST_ENTRY || time > yearAfter(engine.now())) {', replace: '        if (time < EARLIEST_ENTRY) {',
    breaks: 'a note dated years ahead is stored (and stretches the activity report to match)', tests: ['conformance'] },
  { id: 'M34', file: 'src/data/engine/rules.ts', find: '  if (fits > 0) items = items.slice(0, fits);', replace: '',
    breaks: 'a page of long notes grows to any size', tests: ['conformance'] },
  { id: 'M35', file: 'src/data/engine/rules.ts', find: "  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;", replace: '  return `${year}-${month}`;',
    breaks: 'report months read 1900-1 instead of 1900-01', tests: ['conformance'] },
  { id: 'M36', file: 'src/internal/browser-drafts.ts', find: '    if (Date.now() - new Date(record.savedAt as number | string).getTime() <= DRAFT_DAYS * 86_400_000) return record;', replace: '    if (!Number.isNaN(new Date(record.savedAt as number | string).getTime())) return record;',
    breaks: 'a draft with personal data is kept and offered back forever', tests: ['contact-draft'] },
  { id: 'M37', file: 'src/contact-timeline/timeline.ts', find: "    return this.#adapter.value.session.can('edit') && !this.readOnly && this.scope !== 'correspondence';", replace: "    return this.#adapter.value.session.can('edit') && this.scope !== 'correspondence';",
    breaks: 'the overview of an archived contact offers a note the adapter refuses', tests: ['contact-card'] },
  // A long overview, the change feed's reader, Record activity loaded later, moving between contacts.
  { id: 'M38', file: 'src/contact-timeline/window.ts', find: 'for (let i = this.rows.length ? (this.rows.at(-1) as { position: number }).position : 0; i < indices.length; i++) {', replace: 'for (let i = 0; i < indices.length; i++) {',
    breaks: 'a page read at the end of the overview repeats every row read before it', tests: ['timeline-search'] },
  { id: 'M39', file: 'src/contact-timeline/overview-pages.ts', find: '      unshown = this.entries.length + NEXT_PAGE < count;', replace: '      unshown = false;',
    breaks: 'a jump far into a long overview renders once for every page read on the way', tests: ['timeline.chromium'] },
  { id: 'M40', file: 'src/contact-timeline/overview-pages.ts', find: 'if (onTop.length !== fresh.length || page.total !== this.total + onTop.length) {', replace: 'if (onTop.length !== fresh.length) {',
    breaks: 'an entry that arrives dated below the first page is never counted or shown', tests: ['timeline'] },
  { id: 'M41', file: 'src/data/adapters/event-stream.ts', find: "    const end = !done && buffer.endsWith('\\r') ? buffer.length - 1 : buffer.length;", replace: '    const end = buffer.length;',
    breaks: 'a CRLF split across two chunks of the change feed reads as two line ends, ending an event early', tests: ['event-stream'] },
  { id: 'M42', file: 'src/contact-timeline/composer-part.ts', find: '    if (this.code.failed && this.#tried) this.code.retry();', replace: '    if (this.code.failed) this.code.retry();',
    breaks: "Record activity's code that failed to load in the background is fetched again on the first press instead of the failure being said", tests: ['chunk-faults-composer'] },
  { id: 'M43', file: 'src/contact-card/navigation.ts', find: "  if (target && (await session.settle('unsavedLeave'))) await switchTo(card, target);", replace: '  if (target) await switchTo(card, target);',
    breaks: 'Next in the selection leaves unsaved edits without asking', tests: ['contact-card'] },
  // Offline writes (SyncAdapter's outbox).
  { id: 'M44', file: 'src/data/sync/outbox.ts', find: '    (field) => theirs[field] !== base[field] && theirs[field] !== mine[field],', replace: '    () => false,',
    breaks: "an offline edit overwrites a colleague's change to the same field without asking", tests: ['sync-outbox', 'sync-model.chromium'] },
  { id: 'M45', file: 'src/data/sync/outbox.ts', find: "    if (error.code === 'unavailable' || error.code === 'aborted') return { done: false, offline: true };\n    if (error.code !== 'conflict') return failed(entry, error);\n    return settle", replace: "    if (error.code === 'aborted') return { done: false, offline: true };\n    if (error.code !== 'conflict') return failed(entry, error);\n    return settle",
    breaks: 'a change sent while the server cannot be reached is shown as refused instead of waiting', tests: ['sync-model.chromium', 'team-sync'] },
  { id: 'M46', file: 'src/data/sync/outbox.ts', find: '  return remote.withRequestId<unknown>(entry.id, (): Promise<unknown> => {', replace: '  return remote.withRequestId<unknown>(crypto.randomUUID(), (): Promise<unknown> => {',
    breaks: 'a change whose answer was lost is applied twice when it is sent again', tests: ['sync-outbox', 'sync-model.chromium', 'sync-conformance'] },
  // A user's choices (the provider's user changes while the card stays).
  { id: 'M47', file: 'src/contact-card/user-context.ts', find: ' && cached.adapter === adapter && cached.userId === userId) return cached.value;', replace: ' && cached.adapter === adapter) return cached.value;',
    breaks: "after the user changes, the card shows the previous user's detail tabs and buttons", tests: ['user-switch'] },
  { id: 'M48', file: 'src/contact-card/user-context.ts', find: '    if (userId !== this.#shownFor) {', replace: '    if (false) {',
    breaks: "a choice made right after the user changed is stored on top of the previous user's", tests: ['user-switch'] },
  // What the card says in documents and views.
  { id: 'M49', file: 'src/data/contract/document-values.ts', find: "...(sources.timeZone ? { timeZone: sources.timeZone } : {})", replace: "timeZone: 'UTC'",
    breaks: "{{today}} in a document is yesterday's date between midnight and 01:00 or 02:00 in the Netherlands", tests: ['action-dialogs'] },
  { id: 'M50', file: 'src/contact-timeline/timeline.ts', find: "    const kinds = chosen.length || this.scope !== 'correspondence' ? chosen : [...CORRESPONDENCE_KINDS];", replace: '    const kinds = chosen;',
    breaks: '"Clear filters" turns the correspondence tab into the whole overview', tests: ['timeline'] },
  { id: 'M51', file: 'src/contact-card/contact-card.styles.ts', find: '    box-sizing: border-box;\n    width: 100%;\n    container-type: inline-size;', replace: '    box-sizing: border-box;\n    container-type: inline-size;',
    breaks: 'the card shrinks to a strip in a host\'s flex column that does not stretch its children', tests: ['narrow-hosts'] },
  { id: 'M59', file: 'src/contact-card/parts/glance-data.ts', find: 'this.#nextPassed = setTimeout(() => void this.loadSummary(), ', replace: 'this.#nextPassed = setTimeout(() => undefined, ',
    breaks: 'a meeting that has begun, or a call logged on a store whose clock runs ahead, stays the next activity at a glance', tests: ['card-glance'] },
  { id: 'M60', file: 'src/contact-card/sync-status.ts', find: "this.#sending.delete(user) && !state.failed.length", replace: "(this.#sending.clear(), true) && !state.failed.length",
    breaks: "the next user to sign in on a device hears \"Every change has been sent.\" while the previous user's changes still wait", tests: ['team-sync-card'] },
  { id: 'M61', file: 'src/data/sync/sync-adapter.ts', find: '    if (this.#countedFor !== this.#user()) return;\n', replace: '',
    breaks: "right after another user signs in, the sync state counts the previous user's waiting changes as theirs", tests: ['sync-outbox'] },
  { id: 'M62', file: 'src/contact-card/parts/bar.ts', find: "['save', 'undo', 'refresh', 'copy', 'document']", replace: "['save', 'undo', 'refresh']",
    breaks: 'Copy or a document pressed during a save asks about unsaved changes, and that question\'s Save does nothing', tests: ['contact-card'] },
  { id: 'M63', file: 'src/contact-card/contact-card.ts', find: 'retry, awayNotice(this.#session))', replace: 'retry, awayNotice({ awayErrors: [] }))',
    breaks: 'a save that fails after the card moved on is not said while the next contact cannot be loaded', tests: ['contact-card'] },
  { id: 'M64', file: 'src/data/adapters/http-transport.ts', find: 'attempt < t.retries && timeouts < 2 && ', replace: 'attempt < t.retries && ',
    breaks: 'a read from a server that answers nothing is sent four times, and the card says so after two minutes instead of one', tests: ['http-adapter'] },
  { id: 'M65', file: 'src/contact-card/edit-session.ts', find: 'this.awayErrors = [...this.awayErrors, () =>', replace: 'this.awayErrors = [() =>',
    breaks: 'of two saves that failed after the card moved on, only the last is said', tests: ['contact-card'] },
  { id: 'M66', file: 'src/contact-card/sync-status.ts', find: "announce(signInRefused ? 'syncStillRefused' : 'syncStillOffline')", replace: "announce('syncStillOffline')",
    breaks: '"Connect now" while the server refuses the sign-in says there is still no connection', tests: ['team-sync-card'] },
  { id: 'M67', file: 'src/contact-card/edit-session.ts', find: 'if (SHOWN.every((key) => current[key] === shown[key])) {', replace: 'if (false) {',
    breaks: "the user's own change kept on the device is announced as \"Updated with a change made elsewhere\" once it reaches the server", tests: ['edit-session', 'team-sync-card'] },
  { id: 'M68', file: 'src/contact-card/edit-session.ts', find: "const handedOn = () => this.options.adapter().session.currentUser().id !== user;", replace: 'const handedOn = () => false;',
    breaks: "a save that lands after the user changed shows on the next user's screen, asks him about her conflict, and leaves her saved edits to come back as unsaved", tests: ['user-switch'] },
  // Search.
  { id: 'M30', file: 'src/data/contract/text.ts', find: "  return text.normalize('NFD').replace(/\\p{M}+/gu, '').toLowerCase();", replace: '  return text.toLowerCase();',
    breaks: 'search is no longer accent-insensitive ("cafe" misses "Café")', tests: ['timeline-search', 'conformance'] },
  { id: 'M31', file: 'src/data/engine/store.ts', find: "    for (const word of where.words.words) if (!(text as string).includes(word)) return false;", replace: "    if (!where.words.words.some((word) => (text as string).includes(word)) && where.words.words.length) return false;",
    breaks: 'contact search shows contacts that match only one of the words', tests: ['conformance'] },
  { id: 'M32', file: 'src/data/engine/timeline.ts', find: "if (!subject.trim() && !body.trim()) fail('validation', 'An entry needs a subject or a text.'", replace: "if (!subject && !body) fail('validation', 'An entry needs a subject or a text.'",
    breaks: 'a note of only spaces is stored', tests: ['conformance', 'timeline'] },
];

/** The mutants whose text is not in their file exactly once (a refactoring moved it). */
export function misplacedMutants(mutants = MUTANTS) {
  // Several mutants share a file: each file is read once.
  const texts = new Map();
  const text = (file) => texts.get(file) ?? texts.set(file, readFileSync(file, 'utf8')).get(file);
  return mutants.flatMap((m) => {
    const count = text(m.file).split(m.find).length - 1;
    return count === 1 ? [] : [`${m.id}: expected its text once in ${m.file}, found it ${count} times; update the mutant in scripts/mutants-list.mjs.`];
  });
}
