import { expect } from '@open-wc/testing';
import { attributesOf, controlFor, liftControls, readOnlyMembersOf, type LiftArgType } from '../.storybook/controls.js';

// Two kinds of control that did nothing useful in Storybook: a union of string literals
// (`'all' | 'correspondence'`) got a JSON editor, and a read-only member (`resultCount`, the
// bar's `actions`) got a control whose value the element never takes.

interface Member {
  kind: string;
  name: string;
  type?: { text: string };
  readonly?: boolean;
}
interface Declaration {
  tagName?: string;
  members?: Member[];
  attributes?: { name: string; fieldName?: string; type?: { text: string } }[];
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
  return argTypes;
}

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
