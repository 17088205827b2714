import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { waitUntil } from './helpers.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import '../src/lift-contact-card.js';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import '../src/lift-contact-timeline.js';
import type { LiftChecklist } from '../src/checklist/checklist.js';
import '../src/lift-checklist.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import { LiftDataError } from '../src/data/contract/errors.js';
import { withFaults } from './faults.js';
import { oneContact } from './worlds.js';
import { dropDatabases } from './db.js';
import { demoWorld } from './worlds.js';
import './layout-probe.js';
import { longTitleProjects } from './harness.js';

// The card in the boxes hosts give it: a phone, a tablet, a desktop column and a narrow flex
// column. It must take the width it is given (not shrink to its content) and none of its text
// may run out of its box or lose a title to an ellipsis.

/** The layout probe the stories check runs on each width's story too. */
const { overflows } = (globalThis as unknown as { liftLayout: { overflows(element: HTMLElement): string[] } }).liftLayout;

/** The bar decides between labels, icons and "more" in the frame after it renders. */
async function barSettled(card: LiftContactCard): Promise<void> {
  const bar = card.shadowRoot!.querySelector<HTMLElement & { updateComplete: Promise<unknown> }>('lift-button-bar')!;
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await bar.updateComplete;
  }
}

async function timelineOf(card: LiftContactCard): Promise<LiftContactTimeline> {
  await customElements.whenDefined('lift-contact-timeline');
  await waitUntil(() => card.shadowRoot!.querySelector('lift-contact-timeline'), 'the overview');
  const timeline = card.shadowRoot!.querySelector<LiftContactTimeline>('lift-contact-timeline')!;
  await timeline.loaded;
  await waitUntil(() => timeline.shadowRoot!.querySelector('[part~="entry"]'), 'overview rows');
  await timeline.updateComplete;
  return timeline;
}

describe('<lift-contact-card> in narrow hosts', () => {
  afterEach(() => dropDatabases());

  it('fills a narrow flex column that does not stretch its children', async () => {
    const { adapter, seeded } = await demoWorld();
    const column = await fixture<HTMLElement>(html`<div style="display: flex; flex-direction: column; align-items: flex-start; width: 358px">
      <lift-contact-card lang="en" contact-id=${seeded.contactIds[0]!} .adapter=${adapter}></lift-contact-card>
    </div>`);
    const card = column.querySelector<LiftContactCard>('lift-contact-card')!;
    await card.loaded;
    await card.updateComplete;
    expect(card.getBoundingClientRect().width).to.equal(358);
  });

  for (const width of [390, 768, 1280]) {
    for (const lang of ['nl', 'en']) {
      it(`takes the host's ${width} px and keeps its text inside (${lang})`, async () => {
        const { adapter, seeded } = await demoWorld();
        const host = await fixture<HTMLElement>(html`<div style=${`width: ${width}px`}>
          <lift-contact-card lang=${lang} contact-id=${seeded.contactIds[0]!} tab="overview" .adapter=${adapter}></lift-contact-card>
        </div>`);
        const card = host.querySelector<LiftContactCard>('lift-contact-card')!;
        await card.loaded;
        await card.updateComplete;
        await timelineOf(card);
        await barSettled(card);
        expect(card.getBoundingClientRect().width, 'the card is as wide as its host').to.equal(width);
        expect(overflows(card)).to.deep.equal([]);
      });
    }
  }

  it('breaks a long word (a pasted link) in a note waiting to be saved and in a checklist item rather than running out of a phone', async () => {
    const adapter = new MemoryAdapter();
    const { contact } = await oneContact(adapter, 'Studio Noord', { firstName: 'Mila', lastName: 'Kok' });
    await adapter.checklists!.saveDefinition({ cardType: 'contact', text: `Zie ${'b'.repeat(150)}`, category: 'Privacy', order: 1, mode: 'editable', modeByStatus: {} });
    const faults = withFaults(adapter);
    const host = await fixture<HTMLElement>(html`<div lang="en" style="width: 390px">
      <lift-contact-timeline contact-id=${contact.id} .adapter=${faults.adapter}></lift-contact-timeline>
      <lift-checklist contact-id=${contact.id} card-type="contact" .adapter=${adapter}></lift-checklist>
    </div>`);
    const [timeline, checklist] = [host.querySelector<LiftContactTimeline>('lift-contact-timeline')!, host.querySelector<LiftChecklist>('lift-checklist')!];
    await Promise.all([timeline.loaded, checklist.loaded]);
    // The note's save fails: it waits in the overview with its text and a retry.
    faults.fail('timeline.add', new LiftDataError('unavailable', 'The server is away.'));
    [...timeline.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === 'Record activity')!.click();
    await waitUntil(() => timeline.shadowRoot!.querySelector('[part~="note-form"] textarea'), 'the form');
    timeline.shadowRoot!.querySelector('textarea')!.value = `https://example.com/${'a'.repeat(300)}`;
    timeline.shadowRoot!.querySelector<HTMLFormElement>('[part~="note-form"]')!.requestSubmit();
    await waitUntil(() => timeline.shadowRoot!.querySelector('[part~="pending"][data-state="failed"]'), 'the failed note');
    await checklist.updateComplete;
    expect(overflows(timeline), 'the overview').to.deep.equal([]);
    expect(overflows(checklist), 'the checklist').to.deep.equal([]);
  });

  it('breaks a long project title (a pasted link) rather than growing wider than a phone, and keeps the words of its other columns whole', async () => {
    const card = await longTitleProjects(new MemoryAdapter());
    await barSettled(card);
    expect(overflows(card)).to.deep.equal([]);
    // Every header and every cell but the title's shows its words on one line each ("Number",
    // "Kind", "request"): none is broken inside a word to make room.
    const lines = (cell: Element) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    };
    const cells = [...card.shadowRoot!.querySelectorAll('table.projects tr')].flatMap((row) => [...row.children].filter((_, column) => column !== 1));
    const broken = cells.filter((cell) => cell.checkVisibility() && cell.textContent!.trim() && !cell.textContent!.trim().includes(' ') && lines(cell) > 1);
    expect(broken.map((cell) => cell.textContent!.trim()), 'words broken').to.deep.equal([]);
  });

  it('wraps a long e-mail address, name and job title in its header rather than growing wider than a phone', async () => {
    const { adapter, seeded } = await demoWorld();
    const contact = await adapter.contacts.get(seeded.contactIds[0]!);
    await adapter.contacts.update(contact.id, contact.version, {
      email: 'customer.relations.department@rijksdienstvoorondernemendnederland.nl',
      lastName: 'Vanderwaalsbergenhuizenkampstraatveldhovenmolenaars',
      jobTitle: 'Projectleider-informatiebeveiligingsbeleidscoördinator',
    });
    const host = await fixture<HTMLElement>(html`<div style="width: 390px">
      <lift-contact-card lang="en" contact-id=${contact.id} .adapter=${adapter}></lift-contact-card>
    </div>`);
    const card = host.querySelector<LiftContactCard>('lift-contact-card')!;
    await card.loaded;
    await card.updateComplete;
    await barSettled(card);
    const header = card.shadowRoot!.querySelector<HTMLElement>('[part~="header"]')!;
    expect(header.textContent).to.include('rijksdienstvoorondernemendnederland.nl');
    expect(header.scrollWidth, 'nothing in the header is wider than it').to.be.at.most(header.clientWidth);
    expect(card.getBoundingClientRect().width, 'the card is as wide as its host').to.equal(390);
    expect(overflows(card)).to.deep.equal([]);
  });

  it('puts an overview row’s meta line under its title when narrow, and truncates the meta, not the title', async () => {
    const { adapter, seeded } = await demoWorld();
    const host = await fixture<HTMLElement>(html`<div style="width: 358px">
      <lift-contact-card lang="nl" contact-id=${seeded.contactIds[0]!} tab="overview" .adapter=${adapter}></lift-contact-card>
    </div>`);
    const card = host.querySelector<LiftContactCard>('lift-contact-card')!;
    await card.loaded;
    const timeline = await timelineOf(card);
    for (const row of timeline.shadowRoot!.querySelectorAll<HTMLElement>('[part~="entry"]')) {
      const subject = row.querySelector<HTMLElement>('.subject')!.getBoundingClientRect();
      const meta = row.querySelector<HTMLElement>('.meta')!.getBoundingClientRect();
      expect(meta.top, `the meta line sits below the title in "${row.textContent}"`).to.be.at.least(subject.bottom - 1);
      expect(subject.width, 'the title has the row’s width').to.be.above(180);
      expect(row.getBoundingClientRect().bottom, 'the row holds its lines').to.be.at.least(row.querySelector<HTMLElement>('.body')!.getBoundingClientRect().bottom - 1);
    }
  });

  it('at 320 px keeps each row’s date in view', async () => {
    const { adapter, seeded } = await demoWorld();
    const host = await fixture<HTMLElement>(html`<div style="width: 320px">
      <lift-contact-card lang="nl" contact-id=${seeded.contactIds[0]!} tab="overview" .adapter=${adapter}></lift-contact-card>
    </div>`);
    const card = host.querySelector<LiftContactCard>('lift-contact-card')!;
    await card.loaded;
    const timeline = await timelineOf(card);
    const rows = [...timeline.shadowRoot!.querySelectorAll<HTMLElement>('[part~="entry"]')];
    expect(rows.length).to.be.at.least(2);
    for (const row of rows) {
      const meta = row.querySelector<HTMLElement>('.meta')!;
      const text = [...meta.childNodes].find((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim())!;
      // The date is the part with digits (the direction and the author have none).
      const date = text.textContent!.split(' · ').find((part) => /\d/.test(part))!;
      const range = document.createRange();
      range.setStart(text, text.textContent!.indexOf(date));
      range.setEnd(text, text.textContent!.indexOf(date) + date.length);
      expect(range.getBoundingClientRect().right, `"${date}" is in view in "${meta.textContent}"`).to.be.at.most(meta.getBoundingClientRect().right + 1);
    }
  });
});

describe('<lift-contact-card> personal details on a phone', () => {
  afterEach(() => dropDatabases());

  it('never lets the row with Save cover the field that has focus, going down the form by Tab', async () => {
    const { adapter, seeded } = await demoWorld();
    const host = await fixture<HTMLElement>(html`<div style="width: 320px">
      <lift-contact-card lang="nl" contact-id=${seeded.contactIds[0]!} .adapter=${adapter}></lift-contact-card>
    </div>`);
    const card = host.querySelector<LiftContactCard>('lift-contact-card')!;
    await card.loaded;
    await card.updateComplete;
    const root = card.shadowRoot!;
    window.scrollTo(0, 0);
    root.querySelector<HTMLInputElement>('#field-firstName')!.focus();
    const actions = root.querySelector('.form-actions')!;
    const seen: string[] = [];
    for (let i = 0; i < 20; i++) {
      const active = root.activeElement as HTMLElement | null;
      if (!active?.closest('[part~="field"]')) break;
      // The field is brought clear in the frames after it took focus.
      seen.push(active.id);
      await waitUntil(
        () => active.getBoundingClientRect().bottom <= actions.getBoundingClientRect().top + 0.5,
        `${active.id} clear of the row with Save (its bottom at ${active.getBoundingClientRect().bottom}, the row's top at ${actions.getBoundingClientRect().top})`,
        { timeout: 2000 },
      );
      await sendKeys({ press: 'Tab' });
    }
    expect(seen.length, seen.join(' ')).to.be.above(8);
  });
});
