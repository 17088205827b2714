// Controls a designer can use, from the types the manifest gives each attribute and property.
// Storybook knows only a few type names by heart; anything else ("string | undefined",
// "MainTab", "ButtonToken[] | undefined") became an object editor. Here strings get a text
// field, one token or a union of string literals a select, a token list a set of checkboxes,
// numbers and booleans their own controls, plain data a JSON editor, and what cannot be typed in
// (an adapter, a promise) or cannot be set (a read-only member) no control at all. A property
// that mirrors an attribute is shown once, as the attribute.
import { BUTTON_TOKENS, DETAIL_TABS, MAIN_TABS } from '../src/vocabulary.js';
import { TIMELINE_KINDS } from '../src/data/contract/model.js';

/** The token types of our attributes and the values each allows. */
export const TOKEN_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  ButtonToken: BUTTON_TOKENS,
  ButtonAction: [...BUTTON_TOKENS.filter((token) => token !== 'selection'), 'previous', 'next', 'unarchive'],
  MainTab: MAIN_TABS,
  DetailTab: DETAIL_TABS,
  TimelineKind: TIMELINE_KINDS,
};

/** The part of a Storybook arg type this reads and writes. */
export interface LiftArgType {
  name: string;
  type?: { name?: string };
  control?: unknown;
  options?: readonly string[];
  table?: { category?: string; disable?: boolean; [key: string]: unknown };
  [key: string]: unknown;
}

/** The strings of a union of quoted string literals (`'all' | 'correspondence'`), else undefined. */
function literalsOf(type: string): string[] | undefined {
  const members = type.split('|').map((member) => member.trim());
  const literals = members.map((member) => /^'([^']*)'$|^"([^"]*)"$/.exec(member)).map((match) => match && (match[1] ?? match[2]));
  return literals.every((literal): literal is string => typeof literal === 'string') ? literals : undefined;
}

/** The control for a manifest type, or `false` for values that cannot be typed in. */
export function controlFor(name: string, typeText: string | undefined): Pick<LiftArgType, 'control' | 'options'> {
  if (name === 'lang') return { control: 'select', options: ['nl', 'en'] };
  const type = (typeText ?? '').replace(/\s*\|\s*undefined\b/g, '').trim();
  const list = /^(\w+)\[\]$/.exec(type);
  if (list && TOKEN_OPTIONS[list[1]!]) return { control: 'check', options: TOKEN_OPTIONS[list[1]!] };
  if (TOKEN_OPTIONS[type]) return { control: 'select', options: TOKEN_OPTIONS[type] };
  const literals = literalsOf(type);
  if (literals) return { control: 'select', options: literals };
  if (type === 'string' || type === 'string[]') return { control: 'text' };
  if (type === 'boolean') return { control: 'boolean' };
  if (type === 'number') return { control: 'number' };
  // Plain data (menu options, a user) can be edited as JSON; an adapter, a promise, a function
  // or a value of no known type cannot be typed in at all.
  if (!type || /Adapter|Promise|=>|Function/.test(type)) return { control: false };
  return { control: 'object' };
}

/** An attribute as the manifest lists it. */
export interface ManifestAttribute {
  name: string;
  fieldName?: string;
  type?: { text?: string };
  description?: string;
}

const INPUT_CATEGORIES = new Set(['attributes', 'properties']);

/**
 * Fits the arg types Storybook derived for one element to what a designer can use:
 * - a member the manifest marks read-only (`readOnly`, by name) gets no control: the element
 *   does not take a value set there;
 * - every attribute gets the control its type calls for (a read-only one none); its row is
 *   rebuilt from the manifest, because Storybook keys rows by name and a shadow part of the
 *   same name (`tab`, `detail-tabs`) would otherwise replace it (the part moves to `::part(…)`);
 * - a property that mirrors an attribute is hidden, so it is listed once, as the attribute;
 * - other properties get a control only when their type can be typed in;
 * - events, parts and custom properties are documented, with no control that would do nothing;
 * - a control a story set itself (anything but Storybook's object fallback) is kept.
 */
export function liftControls(
  argTypes: Record<string, LiftArgType>,
  attributes: readonly ManifestAttribute[],
  readOnly: readonly string[] = [],
): Record<string, LiftArgType> {
  const result: Record<string, LiftArgType> = {};
  const fields = new Set(attributes.map((attribute) => attribute.fieldName).filter(Boolean));
  const readOnlyMembers = new Set(readOnly);
  const chosenByStory = (argType: LiftArgType) =>
    argType.control !== undefined && argType.control !== 'object' && (argType.control as { type?: string } | undefined)?.type !== 'object';
  for (const [key, argType] of Object.entries(argTypes)) {
    const category = argType.table?.category ?? '';
    if (category === 'properties' && fields.has(argType.name)) {
      result[key] = { ...argType, table: { ...argType.table, disable: true } };
    } else if (INPUT_CATEGORIES.has(category) && readOnlyMembers.has(argType.name)) {
      result[key] = { ...argType, control: false };
    } else if (INPUT_CATEGORIES.has(category)) {
      result[key] = chosenByStory(argType) ? argType : { ...argType, ...controlFor(argType.name, argType.type?.name) };
    } else if (category) {
      result[category === 'css shadow parts' ? `::part(${key})` : key] = { ...argType, control: false };
    } else {
      result[key] = argType;
    }
  }
  for (const attribute of attributes) {
    const story = argTypes[attribute.name];
    const own = story && story.table?.category === 'attributes' && chosenByStory(story) ? story : undefined;
    const readOnly =
      /^read-only/i.test(attribute.description ?? '') || readOnlyMembers.has(attribute.name) || readOnlyMembers.has(attribute.fieldName ?? '');
    result[attribute.name] = {
      ...(own ?? {}),
      name: attribute.name,
      ...(attribute.description ? { description: attribute.description } : {}),
      ...(own?.description ? { description: own.description } : {}),
      type: { name: attribute.type?.text ?? 'string' },
      table: { ...(story?.table?.category === 'attributes' ? story.table : {}), category: 'attributes', type: { summary: attribute.type?.text ?? 'string' } },
      ...(own ? {} : readOnly ? { control: false } : controlFor(attribute.name, attribute.type?.text)),
    };
  }
  return result;
}

interface ManifestDeclaration {
  tagName?: string;
  attributes?: ManifestAttribute[];
  members?: { kind?: string; name: string; readonly?: boolean }[];
}

/** The declaration of the element `tagName` in the manifest. */
function declarationOf(manifest: { modules: readonly object[] }, tagName: string): ManifestDeclaration | undefined {
  const declarations = (manifest.modules as { declarations?: ManifestDeclaration[] }[]).flatMap((mod) => mod.declarations ?? []);
  return declarations.find((d) => d.tagName === tagName);
}

/** The attributes of the element `tagName`, as the manifest lists them. */
export function attributesOf(manifest: { modules: readonly object[] }, tagName: string): ManifestAttribute[] {
  return declarationOf(manifest, tagName)?.attributes ?? [];
}

/**
 * The names of the members of `tagName` the manifest marks `readonly` (getters without a setter,
 * `readonly` fields). Storybook's arg types do not carry that mark, so the preview passes these
 * to `liftControls`.
 */
export function readOnlyMembersOf(manifest: { modules: readonly object[] }, tagName: string): string[] {
  return (declarationOf(manifest, tagName)?.members ?? []).filter((member) => member.kind === 'field' && member.readonly).map((member) => member.name);
}
