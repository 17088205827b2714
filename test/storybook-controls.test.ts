import { expect } from '@open-wc/testing';
import { attributesOf, controlFor, liftControls, readOnlyMembersOf, TOKEN_OPTIONS, type LiftArgType } from '../.storybook/controls.js';
import { BUTTON_TOKENS, DETAIL_TABS, MAIN_TABS } from '../src/vocabulary.js';

// What a designer gets in Storybook's controls, from the published manifest: only public API,
// a text field for a string, a select for one token, checkboxes for a token list.

interface Declaration {
  tagName?: string;
  members?: { kind: string; name: string; type?: { text: string }; static?: boolean; privacy?: string; readonly?: boolean }[];
  attributes?: { name: string; fieldName?: string; type?: { text: string } }[];
  events?: { name: string }[];
}
type Manifest = { modules: { declarations?: Declaration[] }[] };

let manifest: Manifest;
before(async () => {
  manifest = (await (await fetch('/custom-elements.json')).json()) as Manifest;
});

const declarationOf = (tagName: string) => manifest.modules.flatMap((mod) => mod.declarations ?? []).find((d) => d.tagName === tagName)!;

/** The members the manifest marks read-only, found here without the code under test. */
const readOnlyOf = (tagName: string) => (declarationOf(tagName).members ?? []).filter((m) => m.kind === 'field' && m.readonly).map((m) => m.name);

/** The arg types Storybook's web-components support derives from one element's manifest entry. */
function storybookArgTypes(tagName: string): Record<string, LiftArgType> {
  const declaration = declarationOf(tagName);
  const argTypes: Record<string, LiftArgType> = {};
  for (const member of declaration.members ?? []) {
    if (member.kind === 'method') continue;
    argTypes[member.name] = { name: member.name, type: { name: member.type?.text }, control: { type: 'object' }, table: { category: 'properties' } };
  }
  for (const attribute of declaration.attributes ?? []) {
    argTypes[attribute.name] = { name: attribute.name, type: { name: attribute.type?.text }, control: { type: 'object' }, table: { category: 'attributes' } };
  }
  for (const event of declaration.events ?? []) argTypes[event.name] = { name: event.name, control: { type: 'object' }, table: { category: 'events' } };
  // Storybook keys rows by name: a shadow part named like an attribute replaces its row.
  for (const part of ['tab', 'detail-tabs']) if (argTypes[part]) argTypes[part] = { name: part, control: { type: 'object' }, table: { category: 'css shadow parts' } };
  return argTypes;
}

/** The controls shown (not hidden) for an element, by name. */
function shown(tagName: string): Record<string, LiftArgType> {
  const controls = liftControls(storybookArgTypes(tagName), attributesOf(manifest, tagName));
  return Object.fromEntries(Object.entries(controls).filter(([, argType]) => !argType.table?.disable && argType.control !== false));
}

describe('Storybook controls from the manifest', () => {
  it('the manifest holds only public members: no private, protected or #-named ones, no Lit machinery', () => {
    const members = manifest.modules.flatMap((mod) => mod.declarations ?? []).flatMap((d) => d.members ?? []);
    expect(members.length).to.be.above(20);
    expect(members.filter((m) => (m.privacy && m.privacy !== 'public') || m.name.startsWith('#') || (m.static && m.name === 'styles')).map((m) => m.name)).to.deep.equal([]);
  });

  it('the card: text for its contact, selects for tab and language, checkboxes for buttons and detail tabs', () => {
    const card = shown('lift-contact-card');
    expect(card['contact-id']).to.include({ control: 'text' });
    expect(card.tab).to.deep.include({ control: 'select', options: MAIN_TABS });
    expect(card.lang).to.deep.include({ control: 'select', options: ['nl', 'en'] });
    expect(card.buttons).to.deep.include({ control: 'check', options: BUTTON_TOKENS });
    expect(card['detail-tabs']).to.deep.include({ control: 'check', options: DETAIL_TABS });
    // Read-only `dirty`, the adapter, events and parts take no input; a property twin is not listed twice.
    expect(Object.keys(card).sort()).to.deep.equal(['buttons', 'contact-id', 'detail-tabs', 'lang', 'selection', 'tab']);
  });

  it('the bar, the timeline and the checklist get the same kinds of control', () => {
    const bar = shown('lift-button-bar');
    expect(bar['disabled-actions']).to.deep.include({ control: 'check', options: TOKEN_OPTIONS.ButtonAction });
    expect(bar['selection-size']).to.include({ control: 'number' });
    expect(bar.documents, 'plain data is edited as JSON').to.include({ control: 'object' });
    expect(shown('lift-contact-timeline').kinds).to.deep.include({ control: 'check', options: TOKEN_OPTIONS.TimelineKind });
    expect(shown('lift-contact-timeline').query).to.include({ control: 'text' });
    expect(shown('lift-checklist').manage).to.include({ control: 'boolean' });
  });

  it('keeps a control a story chose itself', () => {
    const controls = liftControls(
      { width: { name: 'width', control: 'text', table: { category: 'properties' } }, tab: { name: 'tab', control: 'radio', options: ['overview'], table: { category: 'attributes' } } },
      [{ name: 'tab', fieldName: 'tab', type: { text: 'MainTab' } }],
    );
    expect(controls.width).to.include({ control: 'text' });
    expect(controls.tab).to.deep.include({ control: 'radio', options: ['overview'] });
  });
});

// Two kinds of control that did nothing useful: a union of string literals (`'all' |
// 'correspondence'`) got a JSON editor, and a read-only member (`resultCount`, the bar's
// `actions`) got a control whose value the element never takes.

/** The controls of an element, as the preview fits them. */
function controlsOf(tagName: string): Record<string, LiftArgType> {
  return liftControls(storybookArgTypes(tagName), attributesOf(manifest, tagName), readOnlyOf(tagName));
}

describe('Storybook controls: literal unions and read-only members', () => {
  it('a union of quoted string literals is a select of those strings', () => {
    expect(controlFor('scope', "'all' | 'correspondence' | undefined")).to.deep.equal({ control: 'select', options: ['all', 'correspondence'] });
    expect(controlFor('mode', '"editable" | "read-only" | "hidden"')).to.deep.equal({ control: 'select', options: ['editable', 'read-only', 'hidden'] });
    // One literal among other types is not a choice among strings.
    expect(controlFor('mixed', "'all' | number")).to.deep.equal({ control: 'object' });
  });

  it("the timeline's scope is a select of all and correspondence", () => {
    expect(controlsOf('lift-contact-timeline').scope).to.deep.include({ control: 'select', options: ['all', 'correspondence'] });
  });

  it('every member the manifest marks read-only has no control', () => {
    const tags = ['lift-button-bar', 'lift-checklist', 'lift-contact-card', 'lift-contact-timeline'];
    const readOnly = tags.flatMap((tag) => readOnlyOf(tag).map((name) => `${tag}.${name}`));
    // The manifest marks them: the bar's actions, the checklist's available, the timeline's resultCount.
    expect(readOnly).to.include.members(['lift-button-bar.actions', 'lift-checklist.available', 'lift-contact-timeline.resultCount']);
    const controlled = tags.flatMap((tag) => {
      const controls = controlsOf(tag);
      return readOnlyOf(tag)
        .filter((name) => controls[name] && controls[name]!.control !== false)
        .map((name) => `${tag}.${name}: ${JSON.stringify(controls[name]!.control)}`);
    });
    expect(controlled).to.deep.equal([]);
  });

  it('the preview finds the read-only members in the manifest', () => {
    for (const tag of ['lift-button-bar', 'lift-checklist', 'lift-contact-card', 'lift-contact-timeline', 'lift-data-provider']) {
      expect(readOnlyMembersOf(manifest, tag), tag).to.deep.equal(readOnlyOf(tag));
    }
    expect(readOnlyMembersOf(manifest, 'lift-no-such-element')).to.deep.equal([]);
  });

  it('a member that can be set keeps its control', () => {
    expect(controlsOf('lift-button-bar').documents).to.include({ control: 'object' });
    expect(controlsOf('lift-contact-timeline').query).to.include({ control: 'text' });
  });
});
