import { expect } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import type { LiftButtonBar } from '../src/button-bar/button-bar.js';
import type { LiftChecklist } from '../src/checklist/checklist.js';
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import type { LiftContactTimeline } from '../src/contact-timeline/timeline.js';
import * as barStories from '../stories/button-bar.stories.js';
import * as cardStories from '../stories/contact-card.stories.js';
import * as checklistStories from '../stories/checklist.stories.js';
import * as timelineStories from '../stories/timeline.stories.js';
import { waitUntil } from './helpers.js';

// The stories' controls and play functions, run as Storybook runs them: the controls a story
// offers reach its element, and a play function finds what it presses in any language.

type Args = Record<string, unknown>;
type Loader = () => Promise<Record<string, unknown>> | Record<string, unknown>;
interface StoryLike {
  args?: Args;
  loaders?: Loader | Loader[];
  render?: (args: never, context: never) => unknown;
  play?: (context: never) => Promise<void> | void;
}

const listOf = (loaders: Loader | Loader[] | undefined) => (Array.isArray(loaders) ? loaders : loaders ? [loaders] : []);

let canvas: HTMLElement | undefined;

/**
 * Renders `story` of `meta` into a canvas of its own, as Storybook does: the meta's args under the
 * story's and `extra` (a designer's controls), the loaders' results merged, then its play.
 */
async function show(meta: StoryLike, story: StoryLike, extra: Args = {}, lang = 'nl'): Promise<HTMLElement> {
  const args = { ...meta.args, ...story.args, ...extra };
  const loaded = {};
  for (const loader of [...listOf(meta.loaders), ...listOf(story.loaders)]) Object.assign(loaded, await loader());
  canvas = document.createElement('div');
  canvas.lang = lang;
  document.body.append(canvas);
  const renderStory = (story.render ?? meta.render)!;
  render(renderStory(args as never, { loaded, parameters: {}, args } as never) as TemplateResult, canvas);
  await story.play?.({ canvasElement: canvas, loaded, args } as never);
  return canvas;
}

afterEach(() => {
  if (canvas) render(null, canvas);
  canvas?.remove();
  canvas = undefined;
  localStorage.clear();
});

describe('stories: every control reaches the element', () => {
  it('the timeline takes contact-id, from, to, read-only and scope', async () => {
    const el = (await show(timelineStories.default as StoryLike, timelineStories.TwentyEntries as StoryLike, {
      'contact-id': 'c-typed-in',
      from: '2024-01-01',
      to: '2024-12-31',
      'read-only': true,
      scope: 'correspondence',
    })).querySelector<LiftContactTimeline>('lift-contact-timeline')!;
    expect({ contactId: el.contactId, from: el.from, to: el.to, readOnly: el.readOnly, scope: el.scope }).to.deep.equal({
      contactId: 'c-typed-in',
      from: '2024-01-01',
      to: '2024-12-31',
      readOnly: true,
      scope: 'correspondence',
    });
  });

  it("the timeline's Correspondence story shows the correspondence scope", async () => {
    const el = (await show(timelineStories.default as StoryLike, timelineStories.Correspondence as StoryLike)).querySelector<LiftContactTimeline>('lift-contact-timeline')!;
    expect(el.scope).to.equal('correspondence');
    expect(el.kinds ?? []).to.deep.equal([]);
    // No contact id typed in: the loader's contact.
    expect(el.contactId).to.match(/^c-\d+$/);
  });

  it('the checklist takes contact-id, and offers the status the demo list sets modes for', async () => {
    const el = (await show(checklistStories.default as StoryLike, checklistStories.Items as StoryLike, { 'contact-id': 'c-typed-in' })).querySelector<LiftChecklist>('lift-checklist')!;
    expect(el.contactId).to.equal('c-typed-in');
    expect(el.statuses).to.deep.equal(['archived']);
  });

  it("the bar takes the detail tabs offered and the user's choice among them", async () => {
    const el = (await show(barStories.default as StoryLike, barStories.Clean as StoryLike, { visibleDetailTabs: ['personal', 'project'] })).querySelector<LiftButtonBar>('lift-button-bar')!;
    expect(el.detailTabOptions.map((option) => option.id)).to.deep.equal(['personal', 'function', 'project', 'item']);
    expect(el.visibleDetailTabs).to.deep.equal(['personal', 'project']);
  });
});

describe('stories: play functions', () => {
  for (const lang of ['nl', 'en']) {
    it(`RecordingActivity opens "Record activity" in ${lang}`, async () => {
      const el = (await show(timelineStories.default as StoryLike, timelineStories.RecordingActivity as StoryLike, {}, lang)).querySelector<LiftContactTimeline>('lift-contact-timeline')!;
      await waitUntil(() => el.shadowRoot!.querySelector('form[part~="note-form"]'), 'the record-activity form');
    });
  }

  /** The card's question dialog, once open: its title and its buttons. */
  async function question(shown: HTMLElement) {
    const card = shown.querySelector<LiftContactCard>('lift-contact-card')!;
    await waitUntil(() => card.shadowRoot!.querySelector<HTMLDialogElement>('dialog.ask')?.open, 'the question dialog');
    const dialog = card.shadowRoot!.querySelector<HTMLDialogElement>('dialog.ask')!;
    return { title: dialog.querySelector('h2')!.textContent!.trim(), buttons: [...dialog.querySelectorAll('button')].map((button) => button.value) };
  }

  for (const lang of ['nl', 'en']) {
    it(`OfflineFailingChange lists the note the server kept failing, with Send again and Discard, in ${lang}`, async () => {
      const shown = await show(cardStories.default as StoryLike, cardStories.OfflineFailingChange as StoryLike, {}, lang);
      const listed = shown.querySelector<LiftContactCard>('lift-contact-card')!.shadowRoot!.querySelectorAll('.sync-failed li');
      expect(listed, 'one change listed').to.have.length(1);
      expect(listed[0]!.textContent).to.include(lang === 'en' ? 'the server failed on this change every time' : 'de server gaf bij deze wijziging elke keer een fout');
      expect(listed[0]!.querySelectorAll('button'), 'Send again and Discard').to.have.length(2);
    });

    it(`ArchivedElsewhere refuses the contact a colleague archived, in ${lang}`, async () => {
      const shown = await show(cardStories.default as StoryLike, cardStories.ArchivedElsewhere as StoryLike, {}, lang);
      const root = shown.querySelector<LiftContactCard>('lift-contact-card')!.shadowRoot!;
      expect(root.querySelector('#field-jobTitle'), 'nothing left to edit').to.equal(null);
      expect(root.textContent).to.include(lang === 'en' ? 'You do not have the right to see this contact' : 'Je hebt geen recht om deze contactpersoon te zien');
    });

    it(`ManageRefused says the refusal with Try again, in ${lang}`, async () => {
      const shown = await show(checklistStories.default as StoryLike, checklistStories.ManageRefused as StoryLike, {}, lang);
      const manage = shown.querySelector<LiftChecklist>('lift-checklist')!.shadowRoot!.querySelector('[part~="manage"]')!;
      expect(manage.querySelector('tbody tr:first-child input')!.getAttribute('aria-invalid'), 'the renamed item marked').to.equal('true');
      expect(manage.querySelector('[part~="error"] ~ button')!.textContent!.trim()).to.equal(lang === 'en' ? 'Try again' : 'Opnieuw proberen');
    });
  }

  it('ArchiveConfirm asks before archiving', async () => {
    const shown = await show(cardStories.default as StoryLike, cardStories.ArchiveConfirm as StoryLike, {}, 'en');
    expect(await question(shown)).to.deep.equal({ title: 'Archive this contact?', buttons: ['confirm', 'cancel'] });
  });

  it('UnsavedQuestion asks about the unsaved edit before going to the next card', async () => {
    const shown = await show(cardStories.default as StoryLike, cardStories.UnsavedQuestion as StoryLike, {}, 'en');
    expect(await question(shown)).to.deep.equal({ title: 'Unsaved changes', buttons: ['save', 'discard', 'cancel'] });
    expect(shown.querySelector<LiftContactCard>('lift-contact-card')!.dirty).to.equal(true);
  });
});
