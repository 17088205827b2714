import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import fc from 'fast-check';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { LiftAdapter } from '../src/data/contract/adapter.js';
import type { StoredRecord } from '../src/data/engine/store.js';
import { LiftActionEvent } from '../src/events.js';
import '../src/lift-button-bar.js';
import '../src/lift-checklist.js';
import '../src/lift-contact-card.js';
import '../src/lift-contact-timeline.js';
import '../src/lift-data-provider.js';
import { dropDatabases, freshIndexedDbAdapter } from './db.js';
import { captureWarnings, waitUntil } from './helpers.js';
import { oneContact } from './worlds.js';

/** Text that would run script or inject elements if it were ever treated as markup or code. */
const PAYLOADS = [
  '<img src=x onerror="globalThis.__liftXss = 1">',
  '"><svg onload="globalThis.__liftXss = 2"></svg>',
  'javascript:globalThis.__liftXss = 3',
  '${globalThis.__liftXss = 4}',
  '{{contact.firstName}}<script>globalThis.__liftXss = 5</script>',
  "'><iframe srcdoc=\"<script>parent.__liftXss = 6</script>\">",
];
const payload = (i: number) => PAYLOADS[i % PAYLOADS.length]!;

/** Every element under `root`, shadow roots included. */
/** Waits until every element under `container` is defined, rendered and done loading its data. */
async function settled(container: Element) {
  for (const element of deepElements(container)) {
    if (!element.localName.includes('-')) continue;
    await customElements.whenDefined(element.localName);
    const lit = element as Element & { updateComplete?: Promise<unknown>; loaded?: Promise<unknown> };
    await lit.loaded;
    await lit.updateComplete;
  }
}

function deepElements(root: Element | ShadowRoot | Document): Element[] {
  const out: Element[] = [];
  for (const el of root.querySelectorAll('*')) {
    out.push(el);
    if (el.shadowRoot) out.push(...deepElements(el.shadowRoot));
  }
  return out;
}

/** Whether any payload became markup: an element it names, a handler attribute, a script URL. */
function injected(host: Element): string[] {
  return deepElements(host.shadowRoot ?? host)
    .filter(
      (el) =>
        (el.localName === 'img' && el.getAttribute('src') === 'x') ||
        el.localName === 'script' ||
        el.localName === 'iframe' ||
        [...el.attributes].some((a) => a.name.startsWith('on') || /^\s*javascript:/i.test(a.value)),
    )
    .map((el) => el.outerHTML.slice(0, 80));
}

describe('security: user text is always text', () => {
  afterEach(async () => {
    delete (globalThis as { __liftXss?: unknown }).__liftXss;
    localStorage.clear();
    await dropDatabases();
  });

  it('renders payloads in every field and template of the card inert', async () => {
    const adapter = freshIndexedDbAdapter();
    const { relation, contact } = await oneContact(adapter, 'Basis', { lastName: 'Basis' });
    const work = await adapter.work!.create({ kind: 'project', contactId: contact.id, title: 'Basis' });
    const item = await adapter.checklists!.saveDefinition({ cardType: 'contact', text: 'Basis', category: 'Basis', order: 1, mode: 'editable', modeByStatus: {} });
    // Written past validation, as any backend could: every text field holds a payload.
    const evil = Object.fromEntries(['salutation', 'firstName', 'infix', 'lastName', 'jobTitle', 'department', 'email', 'phone', 'mobile', 'notes'].map((f, i) => [f, payload(i)]));
    await adapter.importRecords({
      relations: [{ ...relation, name: payload(1) } as unknown as StoredRecord],
      contacts: [{ ...contact, ...evil } as unknown as StoredRecord],
      work: [{ ...work, title: payload(2), description: payload(3), status: payload(4), number: payload(5) } as unknown as StoredRecord],
      checklistItems: [{ ...item, text: payload(0), category: payload(1) } as unknown as StoredRecord],
      checklistStates: [{ contactId: contact.id, itemId: item.id, done: true, doneAt: new Date().toISOString(), doneBy: payload(2), note: payload(3), version: 1 }],
      templates: [{ id: 'tpl-evil', name: payload(4), kind: 'letter', subject: payload(5), body: `${payload(0)} {{contact.lastName}} {{relation.name}}`, roles: [] }],
      timeline: PAYLOADS.map((text, i) => ({
        id: `evil-${i}`, contactId: contact.id, kind: 'note', subject: text, body: payload(i + 1), author: payload(i + 2), occurredAt: new Date(Date.UTC(2026, 0, i + 1)).toISOString(),
      })) as unknown as StoredRecord[],
    });
    const el = await fixture<LiftContactCard>(html`<lift-contact-card lang="en" contact-id=${contact.id} .adapter=${adapter}></lift-contact-card>`);
    await el.loaded;
    await el.updateComplete;
    const root = el.shadowRoot!;
    // Walk every tab, every detail tab, an entry in full, and the document preview.
    for (const tab of ['projects', 'correspondence', 'checklist', 'overview'] as const) {
      el.tab = tab;
      await el.updateComplete;
      await settled(root.querySelector('[part~="panel"]')!);
    }
    const timeline = root.querySelector('lift-contact-timeline')!;
    await waitUntil(() => timeline.shadowRoot?.querySelector('[part~="entry"]'), 'entries');
    (timeline.shadowRoot!.querySelector('[part~="entry"]') as HTMLElement).click();
    for (const detail of root.querySelectorAll<HTMLElement>('[part~="detail-tabs"] [role="tab"]')) {
      detail.click();
      await el.updateComplete;
      await settled(root.querySelector('[part~="detail-panel"]')!);
    }
    root.querySelector('lift-button-bar')!.dispatchEvent(new LiftActionEvent({ action: 'document', id: 'tpl-evil' }));
    // The merged letter is editable text now: the payloads are its value, never markup.
    await waitUntil(() => root.querySelector<HTMLTextAreaElement>('dialog.action textarea.document-body')?.value, 'the document text');
    root.querySelector('lift-button-bar')!.dispatchEvent(new LiftActionEvent({ action: 'reports', id: 'summary' }));
    // The summary shows the payloads of the record and its projects: it must have rendered.
    await waitUntil(() => root.querySelector('dialog.action .summary li'), 'the summary report');
    expect(root.querySelector('dialog.action .summary')!.textContent).to.include(payload(2));

    expect(injected(el), 'no element or handler injected').to.deep.equal([]);
    expect((globalThis as { __liftXss?: unknown }).__liftXss, 'no payload ran').to.equal(undefined);
    // The payloads are on screen, as text.
    const text = deepElements(el.shadowRoot!).map((e) => e.textContent).join(' ');
    expect(text).to.include('<img src=x onerror=').and.include('${globalThis.__liftXss = 4}');
    // No link but the allowed schemes, and none at all for values that are not addresses.
    const elements = deepElements(el.shadowRoot!);
    expect(elements.length, 'the walk saw the rendered card').to.be.above(100);
    // Every value here is a payload, so there is no link at all.
    expect(elements.filter((e) => e.localName === 'a').map((a) => a.getAttribute('href'))).to.deep.equal([]);
    // Real addresses beside payloads do become links, and only through mailto: and tel:.
    const stored = await adapter.contacts.get(contact.id);
    await adapter.importRecords({ contacts: [{ ...stored, email: 'a?cc=x@evil.nl', phone: '+31 20 123 4567', mobile: '06 1234 5678' } as unknown as StoredRecord] });
    const again = await fixture<LiftContactCard>(html`<lift-contact-card lang="en" contact-id=${contact.id} .adapter=${adapter}></lift-contact-card>`);
    await again.loaded;
    const links = () => deepElements(again.shadowRoot!).filter((e) => e.localName === 'a').map((a) => a.getAttribute('href') ?? '');
    await waitUntil(() => links().includes('mailto:a%3Fcc%3Dx@evil.nl') && links().some((href) => href.startsWith('tel:')), 'the links of the real addresses');
    expect(links().filter((href) => !/^(mailto|tel):/.test(href)), links().join(' ')).to.deep.equal([]);
  });

  it('a damaged record from an adapter shows an error state instead of throwing', async () => {
    const adapter = freshIndexedDbAdapter();
    const { contact } = await oneContact(adapter, 'Basis', { lastName: 'Basis' });
    const broken = (get: (id: string) => unknown): LiftAdapter =>
      new Proxy(adapter, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver);
          if (key === 'contacts') return { ...(value as object), get: async (id: string) => get(id) };
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.error);
    window.addEventListener('error', onError);
    try {
      for (const damaged of [null, 42, { id: contact.id }, { ...contact, firstName: 7 }, { ...contact, version: 'x' }]) {
        const el = await fixture<LiftContactCard>(html`<lift-contact-card lang="en" contact-id=${contact.id} .adapter=${broken(() => damaged)}></lift-contact-card>`);
        await el.loaded;
        await el.updateComplete;
        expect(el.shadowRoot!.textContent, JSON.stringify(damaged)).to.include('damaged');
      }
      // And damaged overview entries: the overview says so, the card stays up.
      const entries = new Proxy(adapter, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver);
          if (key === 'timeline') return { ...(value as object), query: async () => ({ items: [{ id: 'x', kind: 'note', subject: 5 }], total: 1, counts: {} }) };
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const card = await fixture<LiftContactCard>(html`<lift-contact-card lang="en" contact-id=${contact.id} .adapter=${entries}></lift-contact-card>`);
      await card.loaded;
      await customElements.whenDefined('lift-contact-timeline');
      const timeline = card.shadowRoot!.querySelector('lift-contact-timeline') as HTMLElement & { loaded: Promise<void> };
      await timeline.loaded;
      await waitUntil(() => timeline.shadowRoot?.querySelector('[role="alert"]'), 'the overview error');
      // Said in the reader's words: the stored data is not valid.
      expect(timeline.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.include('the data is not valid');
    } finally {
      window.removeEventListener('error', onError);
    }
    expect(errors).to.deep.equal([]);
  });

  it('keeps 100 000-character fields as they are and refuses them with a message', async () => {
    const adapter = freshIndexedDbAdapter();
    const { contact } = await oneContact(adapter, 'Basis', { lastName: 'Basis' });
    const el = await fixture<LiftContactCard>(html`<lift-contact-card lang="en" contact-id=${contact.id} .adapter=${adapter}></lift-contact-card>`);
    await el.loaded;
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('#field-jobTitle')!;
    input.value = 'x'.repeat(100_000);
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('#error-jobTitle')!.textContent).to.include('At most 100 characters (100,000 now)');
    expect(await el.save()).to.equal(false);
    expect(input.value.length, 'nothing cut off').to.equal(100_000);
    expect((await adapter.contacts.get(contact.id)).jobTitle).to.equal('');
  });
});

/** Attribute values a fuzzer should try: junk, unicode, huge, empty, duplicated tokens. */
const attributeValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', ' ', 'save save save', 'overview', 'personal personal', 'nl', 'en', '-1', '1e309', 'NaN', '<b>', '\u0000', '🙂'.repeat(50)),
  fc.nat(30).map((n) => 'x'.repeat(n * 3000)),
);

const ATTRIBUTES: Record<string, string[]> = {
  'lift-contact-card': ['contact-id', 'buttons', 'detail-tabs', 'selection', 'tab', 'lang'],
  'lift-button-bar': ['buttons', 'visible-buttons', 'allowed-actions', 'disabled-actions', 'selection-position', 'selection-size', 'lang', 'dirty', 'archived'],
  'lift-contact-timeline': ['contact-id', 'kinds', 'query', 'from', 'to', 'lang'],
  'lift-checklist': ['contact-id', 'card-type', 'status', 'statuses', 'manage', 'lang'],
};

describe('robustness: attribute fuzzing', () => {
  afterEach(() => dropDatabases());

  for (const [tag, names] of Object.entries(ATTRIBUTES)) {
    it(`<${tag}>: random attribute values never throw, a warning at most`, async () => {
      const adapter = freshIndexedDbAdapter();
      const errors: unknown[] = [];
      const onError = (event: ErrorEvent) => errors.push(event.error ?? event.message);
      const onRejection = (event: PromiseRejectionEvent) => errors.push(event.reason);
      window.addEventListener('error', onError);
      window.addEventListener('unhandledrejection', onRejection);
      const el = document.createElement(tag) as HTMLElement & { adapter?: LiftAdapter; updateComplete: Promise<boolean> };
      el.adapter = adapter;
      document.body.append(el);
      try {
        await captureWarnings(() =>
          fc.assert(
            fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...names), attributeValue), { minLength: 1, maxLength: 6 }), async (changes) => {
              for (const [name, value] of changes) el.setAttribute(name, value);
              await el.updateComplete;
              await new Promise((resolve) => setTimeout(resolve));
              expect(el.shadowRoot, 'still rendered').not.to.equal(null);
            }),
            { numRuns: 25 },
          ),
        );
        // An error from the last change would surface in its render or the frame after it.
        await el.updateComplete;
        await nextFrame();
      } finally {
        window.removeEventListener('error', onError);
        window.removeEventListener('unhandledrejection', onRejection);
        el.remove();
      }
      expect(errors.map(String)).to.deep.equal([]);
    });
  }
});
