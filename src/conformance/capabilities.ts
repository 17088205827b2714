import { LIMITS } from '../data/contract/validation.js';
// The kit's tests of the optional capabilities, run on every adapter by `runAdapterConformance`.
import { ADMIN, check, equal, rejectsWith, tick, VIEWER, WRITER, type Group, type Test, type WithAdapter } from './support.js';

/** The optional parts an adapter declares in `capabilities`: work, checklists, templates, reports and preferences. */
export function capabilityTests(group: Group, test: Test, withAdapter: WithAdapter): void {
  group('work', 'work', () => {
    test('creates leads, requests and projects linked to the contact and its relation, newest first', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const lead = await adapter.work!.create({ kind: 'lead', contactId: contact.id, title: 'Nieuwe website' });
      await tick();
      const project = await adapter.work!.create({ kind: 'project', contactId: contact.id, title: 'Campagne', description: 'Voorjaar' });
      equal([lead.contactId, lead.relationId, lead.kind], [contact.id, contact.relationId, 'lead'], 'links');
      check(lead.number && project.number && lead.number !== project.number, 'numbers are set and distinct');
      equal((await adapter.work!.listForContact(contact.id)).items.map((w) => w.id), [project.id, lead.id], 'newest first');
      await rejectsWith(adapter.work!.create({ kind: 'project', contactId: contact.id, title: ' ' }), 'validation', 'empty title');
    }));
  });

  group('checklists', 'checklists', () => {
    test('ticks with who and when, checks versions, and records every change in the overview', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const item = await adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'AVG-toestemming', category: 'Privacy', order: 1, mode: 'editable', modeByStatus: {} });
      const ticked = await adapter.checklists!.setState(contact.id, item.id, 0, { done: true });
      equal([ticked.done, ticked.doneBy, ticked.version], [true, ADMIN.name, 1], 'ticked');
      check(ticked.doneAt, 'doneAt set');
      await rejectsWith(adapter.checklists!.setState(contact.id, item.id, 0, { done: false }), 'conflict', 'stale tick');
      const noted = await adapter.checklists!.setState(contact.id, item.id, 1, { note: 'Per mail bevestigd' });
      equal([noted.note, noted.done, noted.version], ['Per mail bevestigd', true, 2], 'note kept with the tick');
      equal((await adapter.checklists!.states(contact.id)).map((s) => s.version), [2], 'stored state');
      const entries = (await adapter.timeline.all(contact.id)).filter((e) => e.kind === 'checklist');
      equal(entries.length, 2, 'two checklist entries');
      await rejectsWith(adapter.checklists!.setState(contact.id, item.id, 2, { note: 'x'.repeat(2001) }), 'validation', 'note too long');
      await rejectsWith(adapter.checklists!.setState(contact.id, item.id, 2, undefined as never), 'validation', 'no change given');
      await rejectsWith(adapter.checklists!.setState(contact.id, item.id, 2, 'done' as never), 'validation', 'a change that is not an object');
    }));

    test('hidden and read-only items cannot be changed; deleted items keep their history', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const readOnly = await adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'Alleen lezen', category: 'A', order: 1, mode: 'read-only', modeByStatus: {} });
      await rejectsWith(adapter.checklists!.setState(contact.id, readOnly.id, 0, { done: true }), 'permission', 'read-only item');
      const item = await adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'Weg', category: 'A', order: 2, mode: 'editable', modeByStatus: {} });
      await adapter.checklists!.setState(contact.id, item.id, 0, { done: true });
      await adapter.checklists!.deleteDefinition(item.id, item.version);
      equal((await adapter.checklists!.definitions('contact')).map((d) => d.text), ['Alleen lezen'], 'deleted item hidden');
      equal((await adapter.checklists!.definitions('contact', { includeDeleted: true })).length, 2, 'deleted item kept');
      check((await adapter.timeline.all(contact.id)).some((e) => e.kind === 'checklist' && e.subject === 'Weg'), 'history kept');
    }));

    test("an item's mode comes from the stored card, not from the status the caller names", withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      // A contact card stores no status beside archived, so the strictest mode of the statuses
      // it may be in applies: naming a status, or leaving it out, does not make an item editable.
      const item = await adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'Alleen actief', category: 'A', order: 1, mode: 'read-only', modeByStatus: { actief: 'editable' } });
      await rejectsWith(adapter.checklists!.setState(contact.id, item.id, 0, { done: true }), 'permission', 'no status: read-only');
      await rejectsWith(adapter.checklists!.setState(contact.id, item.id, 0, { done: true, status: 'actief' }), 'permission', 'a named status is not taken on trust');
      const strict = await adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'Niet bij inactief', category: 'A', order: 2, mode: 'editable', modeByStatus: { inactief: 'read-only' } });
      await rejectsWith(adapter.checklists!.setState(contact.id, strict.id, 0, { done: true }), 'permission', 'leaving the status out does not escape its read-only status');
      // A mode for archived cards does not apply to an active one.
      const open = await adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'Tot archivering', category: 'A', order: 3, mode: 'editable', modeByStatus: { archived: 'read-only' } });
      equal((await adapter.checklists!.setState(contact.id, open.id, 0, { done: true })).done, true, 'editable while the contact is active');
    }));

    test('hidden items and their states are not sent to those who only use the checklist', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const shown = await adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'Zichtbaar', category: 'A', order: 1, mode: 'editable', modeByStatus: {} });
      const secret = await adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'Geheim', category: 'A', order: 2, mode: 'editable', modeByStatus: {} });
      await adapter.checklists!.setState(contact.id, shown.id, 0, { done: true });
      await adapter.checklists!.setState(contact.id, secret.id, 0, { done: true, note: 'Vertrouwelijk' });
      await adapter.checklists!.saveDefinition({ ...secret, mode: 'hidden' });
      adapter.session.setUser(WRITER);
      equal((await adapter.checklists!.definitions('contact')).map((d) => d.text), ['Zichtbaar'], 'a hidden item is not sent');
      equal((await adapter.checklists!.states(contact.id)).map((s) => s.itemId), [shown.id], "a hidden item's state is not sent");
      adapter.session.setUser(ADMIN);
      equal((await adapter.checklists!.definitions('contact')).map((d) => d.text), ['Zichtbaar', 'Geheim'], 'a manager sees every item to manage it');
      equal((await adapter.checklists!.states(contact.id)).map((s) => s.itemId), [shown.id], 'no state of a hidden item, for anyone');
    }));

    test('lists the items by their order, whatever order they were made or changed in', withAdapter(async (adapter) => {
      const save = (text: string, order: number) => adapter.checklists!.saveDefinition({ cardType: 'contact', text, category: 'A', order, mode: 'editable', modeByStatus: {} });
      await save('Tweede', 2);
      const third = await save('Derde', 3);
      await save('Eerste', 1);
      equal((await adapter.checklists!.definitions('contact')).map((d) => d.text), ['Eerste', 'Tweede', 'Derde'], 'by order, not as made');
      await adapter.checklists!.saveDefinition({ ...third, order: 0 });
      equal((await adapter.checklists!.definitions('contact')).map((d) => d.text), ['Derde', 'Eerste', 'Tweede'], 'a changed order moves the item');
    }));

    test('managing the lookup list needs the manage right', withAdapter(async (adapter) => {
      adapter.session.setUser(WRITER);
      await rejectsWith(adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'x', category: '', order: 1, mode: 'editable', modeByStatus: {} }), 'permission', 'writer manages');
    }));
  });

  group('templates', 'templates', () => {
    test('lists the templates the role may use and fills merge fields, leaving unknown ones visible', withAdapter(async (adapter, world) => {
      const relation = await world.relation('Drukkerij Van Dam');
      const contact = await adapter.contacts.create({ relationId: relation.id, firstName: 'Eva', infix: 'van', lastName: 'Dam' });
      equal((await adapter.templates!.list()).map((t) => t.id).sort(), ['tpl-admin', 'tpl-mail', 'tpl-welcome'], 'admin sees all three');
      const entry = await adapter.templates!.createDocument(contact.id, 'tpl-welcome');
      equal(entry.subject, 'Welkom Eva', 'subject filled');
      check(entry.body.includes('Beste Eva van Dam,'), 'full name filled');
      check(entry.body.includes('Drukkerij Van Dam'), 'relation filled');
      check(entry.body.includes('{{contact.unknownField}}'), 'unknown field left visible');
      check((await adapter.timeline.all(contact.id)).some((e) => e.id === entry.id && e.kind === 'letter'), 'recorded in the overview');
      adapter.session.setUser(WRITER);
      equal((await adapter.templates!.list()).map((t) => t.id).sort(), ['tpl-mail', 'tpl-welcome'], 'writer sees only the open templates');
      await rejectsWith(adapter.templates!.createDocument(contact.id, 'tpl-admin'), 'permission', 'template of another role');
      // Made from a template, an e-mail stays as it was sent, though e-mails typed by hand may be corrected.
      const mail = await adapter.templates!.createDocument(contact.id, 'tpl-mail');
      equal([mail.kind, mail.templateId], ['email', 'tpl-mail'], 'the template it was made from');
      await rejectsWith(adapter.timeline.update(mail.id, { body: 'Anders' }), 'permission', 'correcting an e-mail made from a template');
      await rejectsWith(adapter.timeline.remove(mail.id), 'permission', 'removing an e-mail made from a template');
      const typed = await adapter.timeline.add({ contactId: contact.id, kind: 'email', subject: 'Zelf getypt', body: '' });
      equal((await adapter.timeline.update(typed.id, { body: 'Verbeterd' })).body, 'Verbeterd', 'an e-mail typed by hand is corrected');
    }));

    test('records the text the user edited when it is given, within the limits of an entry', withAdapter(async (adapter, world) => {
      const relation = await world.relation('Drukkerij Van Dam');
      const contact = await adapter.contacts.create({ relationId: relation.id, salutation: 'Mevr.', lastName: 'Dam' });
      const text = { subject: 'Welkom bij ons', body: 'Geachte mevrouw Dam,\n\nZelf geschreven.' };
      const entry = await adapter.templates!.createDocument(contact.id, 'tpl-welcome', text);
      equal([entry.subject, entry.body, entry.kind], [text.subject, text.body, 'letter'], 'the edited text, the template\'s kind');
      check((await adapter.timeline.all(contact.id)).some((e) => e.id === entry.id && e.body === text.body), 'recorded in the overview');
      await rejectsWith(adapter.templates!.createDocument(contact.id, 'tpl-welcome', { subject: ' ', body: 'x' }), 'validation', 'an empty subject');
      await rejectsWith(adapter.templates!.createDocument(contact.id, 'tpl-welcome', { subject: 'x'.repeat(LIMITS.subject + 1), body: '' }), 'validation', 'a subject over the limit');
    }));
  });

  group('reports', 'reports', () => {
    test('counts activity per kind per month and summarises a contact', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      const at = (m: number, d: number) => new Date(Date.UTC(2024, m, d)).toISOString();
      await adapter.timeline.add({ contactId: contact.id, kind: 'call', subject: 'a', body: '', occurredAt: at(0, 5) });
      await adapter.timeline.add({ contactId: contact.id, kind: 'call', subject: 'b', body: '', occurredAt: at(0, 9) });
      await adapter.timeline.add({ contactId: contact.id, kind: 'email', subject: 'c', body: '', occurredAt: at(2, 1) });
      const ids = (await adapter.reports!.list()).map((r) => r.id);
      check(ids.includes('activity') && ids.includes('summary'), 'both built-in reports listed');
      const activity = await adapter.reports!.run('activity', contact.id);
      equal(activity.months, ['2024-01', '2024-02', '2024-03'], 'months, gaps included');
      equal(activity.counts.call, [2, 0, 0], 'calls per month');
      equal(activity.counts.email, [0, 0, 1], 'e-mails per month');
      // A meeting planned for next month is no activity yet: the last is the newest that happened.
      await adapter.timeline.add({ contactId: contact.id, kind: 'meeting', subject: 'd', body: '', occurredAt: new Date(Date.now() + 30 * 86_400_000).toISOString() });
      const summary = await adapter.reports!.run('summary', contact.id);
      equal([summary.contact.id, summary.entryCount, summary.lastActivity], [contact.id, 4, at(2, 1)], 'summary');
      await rejectsWith(adapter.reports!.run('no-such-report', contact.id), 'not-found', 'unknown report');
    }));

    test('months of the activity report are YYYY-MM, gaps included, from the earliest date an entry may carry', withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Oud', body: '', occurredAt: '1900-01-15T12:00:00.000Z' });
      await adapter.timeline.add({ contactId: contact.id, kind: 'call', subject: 'Later', body: '', occurredAt: '1901-03-02T12:00:00.000Z' });
      const activity = await adapter.reports!.run('activity', contact.id);
      equal([activity.months[0], activity.months.at(-1), activity.months.length], ['1900-01', '1901-03', 15], 'fifteen months');
      check(activity.months.every((month) => /^\d{4}-(0[1-9]|1[0-2])$/.test(month)), 'every month as YYYY-MM');
      equal([activity.counts.note[0], activity.counts.call[14]], [1, 1], 'each entry in its month');
    }));

    test("counts the activity report's months in the time zone asked for, UTC without one", withAdapter(async (adapter, world) => {
      const [contact] = await world.contacts(1);
      // 00:30 on 1 April and on 1 January in Amsterdam (summer and winter time).
      await adapter.timeline.add({ contactId: contact.id, kind: 'call', subject: 'Laat', body: '', occurredAt: '2025-03-31T22:30:00.000Z' });
      await adapter.timeline.add({ contactId: contact.id, kind: 'note', subject: 'Oudjaar', body: '', occurredAt: '2024-12-31T23:30:00.000Z' });
      const utc = await adapter.reports!.run('activity', contact.id);
      equal([utc.months, utc.counts.call, utc.counts.note], [['2024-12', '2025-01', '2025-02', '2025-03'], [0, 0, 0, 1], [1, 0, 0, 0]], 'UTC months without a zone');
      const local = await adapter.reports!.run('activity', contact.id, { timeZone: 'Europe/Amsterdam' });
      equal([local.months, local.counts.call, local.counts.note], [['2025-01', '2025-02', '2025-03', '2025-04'], [0, 0, 0, 1], [1, 0, 0, 0]], "Amsterdam's months");
      const unknown = await rejectsWith(adapter.reports!.run('activity', contact.id, { timeZone: 'Europe/Atlantis' }), 'validation', 'an unknown time zone');
      check(unknown.fields?.timeZone, 'the error names timeZone');
      await rejectsWith(adapter.reports!.run('activity', contact.id, { timeZone: '+01:00' }), 'validation', 'an offset, not a zone name');
    }));
  });

  group('preferences', 'preferences', () => {
    test('stores choices per user and card type', withAdapter(async (adapter) => {
      equal(await adapter.preferences!.get('contact'), {}, 'nothing stored yet');
      await adapter.preferences!.set('contact', { buttons: ['save', 'undo'], detailTabs: ['personal'] });
      equal(await adapter.preferences!.get('contact'), { buttons: ['save', 'undo'], detailTabs: ['personal'] }, 'read back');
      adapter.session.setUser(WRITER);
      equal(await adapter.preferences!.get('contact'), {}, 'other user');
    }));

    test('needs the preferences right, a known card type, and stays small', withAdapter(async (adapter) => {
      await rejectsWith(adapter.preferences!.set('no-such-card', { buttons: ['save'] }), 'validation', 'an unknown card type');
      await rejectsWith(adapter.preferences!.get('no-such-card'), 'validation', 'reading an unknown card type');
      await rejectsWith(adapter.preferences!.set('contact', { buttons: Array.from({ length: 51 }, (_, i) => `b${i}`) }), 'validation', '51 buttons');
      await rejectsWith(adapter.preferences!.set('contact', { detailTabs: ['x'.repeat(101)] }), 'validation', 'a name of 101 characters');
      equal(await adapter.preferences!.set('contact', { buttons: Array.from({ length: 50 }, (_, i) => `b${i}`.padEnd(100, 'x')) }).then((p) => p.buttons?.length), 50, '50 names of 100 characters');
      adapter.session.setUser(VIEWER);
      equal(adapter.session.can('preferences'), false, 'can(preferences)');
      await rejectsWith(adapter.preferences!.set('contact', { buttons: ['save'] }), 'permission', 'without the right');
      equal(await adapter.preferences!.get('contact'), {}, 'reading its own (none) is allowed');
    }));
  });
}
