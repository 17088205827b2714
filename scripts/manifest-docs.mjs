// What the manifest documents, turned into the README's reference tables and the typed
// declarations for React 19 and Vue 3 (so the docs and the types can never drift from the code).
//
//   node scripts/manifest-docs.mjs               rewrite README.md's generated sections and dist/*.d.ts
//   node scripts/manifest-docs.mjs --types-only  only dist/react.d.ts and dist/vue.d.ts (npm run build)
//   node scripts/manifest-docs.mjs --check       fail when README.md's generated sections are stale
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const START = (name) => `<!-- generated:${name} (npm run docs) -->`;
const END = (name) => `<!-- /generated:${name} -->`;

function elements(manifest) {
  return manifest.modules
    .flatMap((mod) => (mod.declarations ?? []).map((declaration) => ({ ...declaration, module: mod.path })))
    .filter((declaration) => declaration.customElement && declaration.tagName)
    .sort((a, b) => a.tagName.localeCompare(b.tagName));
}

const cell = (text = '') => text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();

/** Markdown: every event of every element, with its class and what it carries. */
export function eventsTable(manifest) {
  const rows = elements(manifest).flatMap((element) =>
    (element.events ?? []).map((event) => `| \`${event.name}\` | \`<${element.tagName}>\` | \`${event.type?.text ?? 'Event'}\` | ${cell(event.description)} |`),
  );
  return ['| event | from | class | what it means |', '|---|---|---|---|', ...rows].join('\n');
}

/** Markdown: attributes of every element. */
export function attributesTable(manifest) {
  const rows = elements(manifest).flatMap((element) =>
    (element.attributes ?? []).map((attribute) => `| \`<${element.tagName}>\` | \`${attribute.name}\` | ${cell(attribute.description)} |`),
  );
  return ['| element | attribute | meaning |', '|---|---|---|', ...rows].join('\n');
}

/** Markdown: the CSS custom properties and parts of every element. */
export function themingTable(manifest) {
  const rows = elements(manifest).flatMap((element) => [
    ...(element.cssProperties ?? []).map((p) => `| \`<${element.tagName}>\` | \`${p.name}\` | ${cell(p.description)} |`),
    ...(element.cssParts ?? []).map((p) => `| \`<${element.tagName}>\` | \`::part(${p.name})\` | ${cell(p.description)} |`),
  ]);
  return ['| element | property or part | what it styles |', '|---|---|---|', ...rows].join('\n');
}

const typeOf = (text) => {
  if (!text) return 'unknown';
  // Manifest types name our own classes; the declarations import them from the package.
  return text.replace(/\s+/g, ' ');
};

/** Names our declarations use, to import from the package root. */
function importedNames(manifest) {
  const names = new Set();
  for (const element of elements(manifest)) {
    names.add(element.name);
    for (const event of element.events ?? []) if (event.type?.text) names.add(event.type.text);
  }
  return [...names].sort();
}

/**
 * Tokens a list attribute may hold in its written form, where that differs from the default
 * (four): every detail tab fits. Each more multiplies the union by the vocabulary's size.
 */
const LIST_LENGTH = { DetailTab: 5 };

/**
 * The type of a property that also has an attribute, widened by the text a template writes for
 * that attribute. vue-tsc checks `detail-tabs="personal item"` against the camel-case property
 * (Vue treats the two names as one prop), so the property's type must take the attribute's text
 * too: a space-separated token list, a number as digits, ids as one string.
 */
function withAttributeText(type) {
  const list = /^(\w+)\[\]( \| undefined)?$/.exec(type);
  if (list) {
    const [, item, optional = ''] = list;
    if (item === 'string') return `string[] | string${optional}`;
    return `${item}[] | TokenText<${item}, ${LIST_LENGTH[item] ?? 4}>${optional}`;
  }
  if (/^number( \| undefined)?$/.test(type)) return `${type} | \`\${number}\``;
  return type;
}

function props(element, eventProp, indent, { attributeText = false } = {}) {
  const lines = [];
  const fields = (element.members ?? []).filter(
    (member) => member.kind === 'field' && (!member.privacy || member.privacy === 'public') && !member.static && !member.readonly && !member.name.startsWith('#'),
  );
  const names = new Set(fields.map((member) => member.name));
  for (const attribute of element.attributes ?? []) {
    // A same-named property wins (React sets properties), `lang` is in HTMLAttributes already,
    // and a read-only reflection is nothing to set.
    if (names.has(attribute.name) || attribute.name === 'lang' || /^read-only/i.test(attribute.description ?? '')) continue;
    lines.push(`${indent}'${attribute.name}'?: string;`);
  }
  const withAttribute = new Set((element.attributes ?? []).map((attribute) => attribute.fieldName));
  for (const member of fields) {
    const type = typeOf(member.type?.text);
    lines.push(`${indent}${member.name}?: ${attributeText && withAttribute.has(member.name) ? withAttributeText(type) : type};`);
  }
  for (const event of element.events ?? []) lines.push(`${indent}'${eventProp(event.name)}'?: (event: ${event.type?.text ?? 'Event'}) => void;`);
  return lines.join('\n');
}

/** React 19: custom elements in JSX, their attributes, properties and `on<event>` listeners. */
export function reactTypes(manifest) {
  const body = elements(manifest)
    .map((element) => `      '${element.tagName}': React.DetailedHTMLProps<React.HTMLAttributes<${element.name}>, ${element.name}> & {\n${props(element, (name) => `on${name}`, '        ')}\n      };`)
    .join('\n');
  return `// Generated from custom-elements.json by scripts/manifest-docs.mjs. Do not edit.
// React 19 passes properties to custom elements and listens to \`on<event-name>\` props.
import type * as React from 'react';
import type { ${importedNames(manifest).join(', ')} } from './index.js';
import type { ButtonToken, ButtonAction, LiftAdapter, MenuOption, TimelineKind, User, MainTab, DetailTab } from './index.js';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
${body}
    }
  }
}
`;
}

/**
 * The listener prop vue-tsc looks up for `@event-name` on a component: `on` and the event name
 * in camel case (`@lift-contact-saved` → `onLiftContactSaved`). A dashed key is never consulted,
 * and the handler would be left untyped.
 */
export const vueListenerProp = (name) => `on${name.replace(/(^|-)([a-z])/g, (_, __, letter) => letter.toUpperCase())}`;

/**
 * Vue 3: the elements as global components for template type checking. Their props are Vue's
 * own HTML attributes (`lang`, `id`, …, which strict templates would otherwise refuse on a
 * component) and the element's attributes, properties and listeners.
 */
export function vueTypes(manifest) {
  const body = elements(manifest)
    .map((element) => `    '${element.tagName}': DefineComponent<HTMLAttributes & {\n${props(element, vueListenerProp, '      ', { attributeText: true })}\n    }>;`)
    .join('\n');
  return `// Generated from custom-elements.json by scripts/manifest-docs.mjs. Do not edit.
// Tell Vue the lift-* tags are custom elements (compilerOptions.isCustomElement) and include
// this file for typed templates.
import type { DefineComponent, HTMLAttributes } from 'vue';
import type { ${importedNames(manifest).join(', ')} } from './index.js';
import type { ButtonToken, ButtonAction, LiftAdapter, MenuOption, TimelineKind, User, MainTab, DetailTab } from './index.js';

/**
 * A token list as an attribute writes it: \`Max\` tokens at most, separated by single spaces
 * (\`detail-tabs="personal item"\`). Longer lists: bind the array by the property's name.
 */
type TokenText<T extends string, Max extends number, Count extends unknown[] = [unknown]> =
  | T
  | (Count['length'] extends Max ? never : \`\${T} \${TokenText<T, Max, [...Count, unknown]>}\`);

declare module 'vue' {
  interface GlobalComponents {
${body}
  }
}
`;
}

/** README with its generated sections replaced. */
export function readmeWithTables(readme, manifest) {
  const tables = { events: eventsTable(manifest), attributes: attributesTable(manifest), theming: themingTable(manifest) };
  let text = readme;
  for (const [name, table] of Object.entries(tables)) {
    const start = text.indexOf(START(name));
    const end = text.indexOf(END(name));
    if (start < 0 || end < 0) throw new Error(`README.md lacks the markers ${START(name)} … ${END(name)}`);
    text = `${text.slice(0, start)}${START(name)}\n${table}\n${text.slice(end)}`;
  }
  return text;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
  const writeTypes = () => {
    if (!existsSync('dist')) mkdirSync('dist');
    writeFileSync('dist/react.d.ts', reactTypes(manifest));
    writeFileSync('dist/vue.d.ts', vueTypes(manifest));
  };
  const readme = readFileSync('README.md', 'utf8');
  const fresh = process.argv.includes('--types-only') ? readme : readmeWithTables(readme, manifest);
  if (process.argv.includes('--types-only')) {
    writeTypes();
  } else if (process.argv.includes('--check')) {
    if (fresh !== readme) {
      console.error('README.md reference tables are stale: run `npm run docs` and commit the result.');
      process.exit(1);
    }
    console.log('README.md reference tables are current.');
  } else {
    writeFileSync('README.md', fresh);
    writeTypes();
    console.log('README.md tables, dist/react.d.ts and dist/vue.d.ts written.');
  }
}
