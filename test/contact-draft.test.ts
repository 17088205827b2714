import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { clearDrafts, ContactDraft, countDrafts, DRAFT_DAYS, draftFromStorage, DraftStore } from '../src/contact-card/contact-draft.js';
import { contactHref } from '../src/internal/contact-links.js';
import { validateContactField } from '../src/data/contract/validation.js';
import { CONTACT_FIELDS, type Contact, type ContactField } from '../src/data/contract/model.js';

const contact = (overrides: Partial<Contact> = {}): Contact => ({
  id: 'c1',
  relationId: 'r1',
  salutation: '',
  firstName: 'Anna',
  infix: '',
  lastName: 'Berg',
  jobTitle: 'Inkoper',
  department: 'Inkoop',
  email: '',
  phone: '',
  mobile: '',
  notes: '',
  archived: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 3,
  ...overrides,
});

describe('ContactDraft', () => {
  it('tracks dirty fields; an edit back to the loaded value is no edit', () => {
    let draft = ContactDraft.of(contact()).with('firstName', 'Anne').with('notes', 'x');
    expect(draft.dirtyFields).to.deep.equal(['firstName', 'notes']);
    expect(draft.changes).to.deep.equal({ firstName: 'Anne', notes: 'x' });
    draft = draft.with('firstName', 'Anna');
    expect(draft.dirtyFields).to.deep.equal(['notes']);
    expect(draft.with('notes', '').dirty).to.equal(false);
  });

  it('validates only what changed', () => {
    const draft = ContactDraft.of(contact({ email: 'not-an-address' })).with('lastName', '').with('phone', 'abc');
    expect(draft.problems).to.deep.equal({ lastName: 'required', phone: 'phone' });
  });

  it('merges without loss: every field ends as mine, theirs, or a question (property)', () => {
    const value = fc.constantFrom('', 'a', 'b', 'c');
    const fields = fc.constantFrom(...CONTACT_FIELDS);
    fc.assert(
      fc.property(fc.dictionary(fields, value), fc.dictionary(fields, value), fc.dictionary(fields, value), (base, mine, theirs) => {
        const original = contact(base);
        let draft = ContactDraft.of(original);
        for (const [field, text] of Object.entries(mine)) draft = draft.with(field as ContactField, text);
        const current = contact({ ...base, ...theirs, version: 4 });
        const { merged, conflicts } = draft.merge(current);
        for (const field of CONTACT_FIELDS) {
          const o = original[field];
          const m = draft.value(field);
          const t = current[field];
          const question = conflicts.find((c) => c.field === field);
          if (m !== o && t !== o && m !== t) {
            expect(question, field).to.deep.equal({ field, original: o, mine: m, theirs: t });
          } else {
            expect(question, field).to.equal(undefined);
            // The merged result: my change where only I changed it, theirs otherwise.
            const result = merged[field] ?? t;
            expect(result, field).to.equal(m !== o ? m : t);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('DraftStore', () => {
  afterEach(() => localStorage.clear());

  it('keeps and restores edits with the version they started from', () => {
    const store = new DraftStore('db:user');
    const draft = ContactDraft.of(contact()).with('jobTitle', 'Directeur');
    expect(store.save('c1', draft)).to.equal(true);
    const restored = store.load('c1')!;
    expect(restored.baseVersion).to.equal(3);
    expect(restored.edits).to.deep.equal({ jobTitle: 'Directeur' });
    expect(new DraftStore('db:other-user').load('c1')).to.equal(undefined);
    const same = draftFromStorage(contact(), restored);
    expect([same.base.version, same.value('jobTitle')]).to.deep.equal([3, 'Directeur']);
    // The record moved on: the draft keeps its own starting point, so a save must merge.
    const later = draftFromStorage(contact({ jobTitle: 'Eigenaar', version: 5 }), restored);
    expect([later.base.version, later.base.jobTitle, later.value('jobTitle')]).to.deep.equal([3, 'Inkoper', 'Directeur']);
    // Only other fields moved on: the draft simply sits on the newer record.
    const beside = draftFromStorage(contact({ department: 'Verkoop', version: 5 }), restored);
    expect([beside.base.version, beside.value('jobTitle'), beside.value('department')]).to.deep.equal([5, 'Directeur', 'Verkoop']);
    store.discard('c1');
    expect(store.load('c1')).to.equal(undefined);
  });

  it('keeps each card\'s fields: one card saving or discarding never drops another\'s edits', () => {
    const store = new DraftStore('db:user');
    const a = ContactDraft.of(contact()).with('notes', 'van A');
    const b = ContactDraft.of(contact()).with('phone', '020 123 4567');
    store.save('c1', a, ['notes']);
    store.save('c1', b, ['phone']);
    expect(store.load('c1')!.edits).to.deep.equal({ notes: 'van A', phone: '020 123 4567' });
    // B saved its phone: only that goes.
    store.forget('c1', ['phone'], { phone: '020 123 4567' });
    expect(store.load('c1')!.edits).to.deep.equal({ notes: 'van A' });
    // A stale forget (another value was saved) leaves the stored edit alone.
    store.forget('c1', ['notes'], { notes: 'iets anders' });
    expect(store.load('c1')!.edits).to.deep.equal({ notes: 'van A' });
    // A undoes its notes: the draft is empty, so the key goes.
    store.save('c1', a.with('notes', ''), ['notes']);
    expect(store.load('c1')).to.equal(undefined);
    expect(localStorage.length).to.equal(0);
  });

  it('drops a draft untouched for more than its days when it is next read, and keeps a younger one', () => {
    const store = new DraftStore('s');
    // Drafts are written with the time in milliseconds; those written before with an ISO date still count.
    for (const time of [(at: number) => at, (at: number) => new Date(at).toISOString()]) {
      const stored = (days: number) => JSON.stringify({ v: 1, contactId: 'c1', baseVersion: 1, base: { notes: '' }, edits: { notes: 'oud' }, savedAt: time(Date.now() - days * 86_400_000) });
      localStorage.setItem('lift-elements:draft:s:c1', stored(DRAFT_DAYS - 1));
      expect(store.load('c1')?.edits).to.deep.equal({ notes: 'oud' });
      expect(Date.parse(store.load('c1')!.savedAt), 'when it was kept').to.be.closeTo(Date.now() - (DRAFT_DAYS - 1) * 86_400_000, 60_000);
      localStorage.setItem('lift-elements:draft:s:c1', stored(DRAFT_DAYS + 1));
      expect(store.load('c1')).to.equal(undefined);
      expect(localStorage.getItem('lift-elements:draft:s:c1'), 'removed, not only ignored').to.equal(null);
    }
  });

  it('clearDrafts removes the drafts of one scope, or all, and nothing else', () => {
    const draft = ContactDraft.of(contact()).with('notes', 'concept');
    new DraftStore('db-a:u1').save('c1', draft);
    new DraftStore('db-a:u2').save('c2', draft);
    new DraftStore('https://crm.example.com/api:u1').save('c1', draft);
    localStorage.setItem('host-setting', 'blijft');
    expect(clearDrafts('db-a')).to.equal(2);
    expect(new DraftStore('db-a:u1').load('c1')).to.equal(undefined);
    expect(new DraftStore('https://crm.example.com/api:u1').load('c1')?.edits).to.deep.equal({ notes: 'concept' });
    expect(clearDrafts()).to.equal(1);
    expect(localStorage.getItem('host-setting')).to.equal('blijft');
    localStorage.removeItem('host-setting');
  });

  it('countDrafts counts the drafts of one scope, or all, that still hold unsaved work, and drops one too old', () => {
    const draft = ContactDraft.of(contact()).with('notes', 'concept');
    new DraftStore('db-a:u1').save('c1', draft);
    localStorage.setItem('lift-elements:draft:db-a:u1:note:c1', JSON.stringify({ subject: 'Half', body: 'geschreven', savedAt: Date.now() }));
    localStorage.setItem('lift-elements:draft:db-a:u1:note:c2', JSON.stringify({ subject: 'Oud', body: '', savedAt: Date.now() - (DRAFT_DAYS + 1) * 86_400_000 }));
    new DraftStore('db-b:u1').save('c1', draft);
    localStorage.setItem('host-setting', 'telt niet');
    expect(countDrafts('db-a'), 'a card draft and a note being written').to.equal(2);
    expect(localStorage.getItem('lift-elements:draft:db-a:u1:note:c2'), 'the one too old is gone').to.equal(null);
    expect(countDrafts()).to.equal(3);
    expect(countDrafts('db-c')).to.equal(0);
    clearDrafts();
    localStorage.removeItem('host-setting');
  });

  it('ignores junk in storage instead of failing', () => {
    const store = new DraftStore('s');
    for (const junk of ['{', 'null', '42', JSON.stringify({ v: 1, contactId: 'c1', baseVersion: 1, base: {}, edits: { evil: 'x' }, savedAt: '' }), JSON.stringify({ v: 2 })]) {
      localStorage.setItem('lift-elements:draft:s:c1', junk);
      expect(store.load('c1'), junk).to.equal(undefined);
    }
  });
});

describe('contact links', () => {
  it('link only plain addresses and numbers, through mailto: and tel:', () => {
    expect(contactHref('email', 'anna@devries.nl')).to.equal('mailto:anna@devries.nl');
    expect(contactHref('email', 'a?cc=x@evil.nl')).to.equal('mailto:a%3Fcc%3Dx@evil.nl');
    expect(contactHref('email', 'javascript:alert(1)')).to.equal(undefined);
    // "(0)" in an international number is the trunk prefix dialled only inside the country.
    expect(contactHref('phone', '+31 (0)20 123-4567')).to.equal('tel:+31201234567');
    expect(contactHref('phone', '+44(0) 20 7946 0018')).to.equal('tel:+442079460018');
    expect(contactHref('phone', '020 123 4567')).to.equal('tel:0201234567');
    expect(contactHref('phone', 'javascript:alert(1)')).to.equal(undefined);
    expect(contactHref('phone', '')).to.equal(undefined);
  });

  it('encode both parts of an address: the domain of an international address is percent-encoded UTF-8', () => {
    expect(contactHref('email', 'jan@müller.de')).to.equal('mailto:jan@m%C3%BCller.de');
    expect(contactHref('email', 'zoë#1@bücher.nl')).to.equal('mailto:zo%C3%AB%231@b%C3%BCcher.nl');
  });

  it('never link an address whose domain would add headers or a fragment', () => {
    for (const address of ['anna@devries.nl?cc=x.com', 'anna@devries.nl&bcc=x.com', 'anna@devries.nl#frag', 'anna@dev=ries.nl', 'anna@devries.nl/x', 'anna@devries.n%6C']) {
      expect(contactHref('email', address), address).to.equal(undefined);
    }
  });
});

describe('phone validation', () => {
  it('needs at least six digits, whatever the punctuation', () => {
    for (const number of ['12345', '+1 2345', '(0)12-34', '1 2 3 4 5']) expect(validateContactField('phone', number), number).to.equal('phone');
    for (const number of ['123456', '+31 (0)20 123-4567', '06 1234 5678']) expect(validateContactField('phone', number), number).to.equal(undefined);
    expect(validateContactField('mobile', '12345')).to.equal('phone');
  });
});

describe('e-mail validation', () => {
  it('refuses a domain that is not a host name', () => {
    for (const address of ['anna@devries.nl?cc=x.com', 'anna@devries.nl&bcc=x.com', 'anna@devries.nl#frag', 'anna@devries.nl/path', 'anna@-devries.nl', 'anna@devries-.nl', 'anna@devries..nl', 'anna@devries.n', 'anna@devries.123', 'anna@.nl', 'anna@devries']) {
      expect(validateContactField('email', address), address).to.equal('email');
    }
  });

  it('accepts ordinary and international addresses, and the local-part characters mail allows', () => {
    for (const address of ['anna@devries.nl', 'a.de-vries+crm@mail.devries-drukwerk.nl', 'jan@müller.de', 'info@xn--mller-kva.de', 'a?cc=x@evil.nl', 'o\'brien@example.co.uk', 'x@sub.domain.museum']) {
      expect(validateContactField('email', address), address).to.equal(undefined);
    }
  });
});
