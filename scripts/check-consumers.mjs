// Checks the package the way a company meets it, in Node only (no browser):
//   1. the metadata a real `npm publish` would refuse, or publish unusable;
//   2. `npm pack`, and everything package.json points at is in the tarball;
//   3. the tarball installed into a scratch app under tmp/consumers, and type-checked there with
//      strict settings and `skipLibCheck: false` as a React 19 app (tsc), a Vue 3 app (vue-tsc)
//      and plain JavaScript (tsc --checkJs), with the README's snippets among the files (taken
//      from README.md by their `compiled by scripts/check-consumers.mjs as …` markers);
//   4. wrong attribute values and wrong event handlers fail, each with its expected error on its
//      own line (and nothing else fails).
// The scratch app lives inside the repository, so the types it needs besides the package (React,
// Vue) resolve from the project's node_modules as Node's lookup walks up: after `npm ci` nothing
// else is needed. The package's own dependencies come from `npm install` (cache first).
//
//   node scripts/check-consumers.mjs             build, then check
//   node scripts/check-consumers.mjs --no-build  check the dist/ already built
//   --verbose                                    also print the errors the wrong usages got
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve('.');
const WORK = path.join(ROOT, 'tmp', 'consumers');
const APP = path.join(WORK, 'app');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const VUE_TSC = path.join(ROOT, 'node_modules', 'vue-tsc', 'bin', 'vue-tsc.js');
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*)?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?$/;
const SCOPED = /^@[a-z0-9][a-z0-9._~-]*\/[a-z0-9][a-z0-9._~-]*$/;
const MARKER = /<!-- compiled by scripts\/check-consumers\.mjs as (\S+)[^>]*-->\s*\n```(\w+)\n([\s\S]*?)\n```/g;

/** Compiler settings every scratch project shares: strict, and the libraries' .d.ts checked too. */
const STRICT = {
  target: 'ES2022',
  module: 'ESNext',
  moduleResolution: 'Bundler',
  lib: ['ES2022', 'DOM', 'DOM.Iterable'],
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  skipLibCheck: false,
  noEmit: true,
  // Only what a file asks for: the project's own @types (node, mocha, …) are not a host's.
  types: [],
};

/**
 * The README snippets the check compiles, by the file name their marker gives. Each must be
 * there: a snippet that loses its marker would otherwise stop being checked unnoticed.
 */
/** What the Angular snippet compiles against, installed into the scratch app with the tarball. */
const ANGULAR = ['@angular/core@^21', 'rxjs@^7'];

const README_SNIPPETS = [
  'angular/contact.component.ts',
  'plain/from-npm.js',
  'plain/demo-data.js',
  'plain/languages.js',
  'plain/provider.js',
  'react/readme-page.tsx',
  'react/readme-events.tsx',
  'vue/ReadmeCard.vue',
  'ts/conformance.test.ts',
  'ts/team.ts',
  'ts/offline.ts',
];

/**
 * The host's own modules the TypeScript snippets import (`./my-adapter.js`, `./auth.js`): small
 * stand-ins with the shapes the snippets use, so the snippets compile as printed.
 */
const HOST_MODULES = {
  'ts/my-adapter.ts': `import { MemoryAdapter } from '@lift/elements';
import type { ConformanceFixtures } from '@lift/elements/conformance';

export class MyHttpAdapter extends MemoryAdapter {
  static async forTests(fixtures: ConformanceFixtures): Promise<MyHttpAdapter> {
    return new MyHttpAdapter({ user: fixtures.user, roles: fixtures.roles });
  }
  async dropTestData(): Promise<void> {}
}
`,
  'ts/auth.ts': `import type { User } from '@lift/elements';

export const signedInUser: User = { id: 'u-1', name: 'Sanne de Vries', role: 'admin' };
export const tokenFor = (user: User): string => \`token-for-\${user.id}\`;
`,
};

// ----------------------------------------------------------------------------------- the apps

const REACT_USAGE = `/// <reference types="@lift/elements/react" />
// Every element and every event, with the handlers' detail read (so an untyped event fails).
import '@lift/elements/lift-button-bar.js';
import '@lift/elements/lift-checklist.js';
import '@lift/elements/lift-contact-card.js';
import '@lift/elements/lift-contact-timeline.js';
import '@lift/elements/lift-data-provider.js';
import { MemoryAdapter, type LiftContactCopiedEvent, type LiftContactOpenEvent, type LiftWorkCreatedEvent } from '@lift/elements';
import { runAdapterConformance } from '@lift/elements/conformance';
import { VERSION } from '@lift/elements/library';
import { discover } from '@lift/elements/bundle';

export const kit: typeof runAdapterConformance = runAdapterConformance;
export const version: string = VERSION;
export const defineInShadowRoot: (root: ShadowRoot) => Promise<void> = discover;
const adapter = new MemoryAdapter();
const log = (...values: unknown[]) => console.log(...values);

export function Page({ id }: { id: string }) {
  return (
    <lift-data-provider adapter={adapter}>
      <lift-contact-card
        contactId={id}
        lang="nl"
        buttons={['save', 'undo']}
        detailTabs={['personal', 'item']}
        selection={[id]}
        tab="projects"
        onlift-contact-saved={(event) => log(event.detail.contact.lastName, event.detail.fields)}
        onlift-dirty-change={(event) => log(event.detail.dirty)}
        onlift-conflict={(event) => log(event.detail.fields)}
        onlift-error={(event) => log(event.detail.operation, event.detail.code)}
        onlift-open-project={(event) => log(event.detail.workItem.title)}
        onlift-contact-open={(event: LiftContactOpenEvent) => log(event.detail.contactId, event.detail.from)}
        onlift-work-created={(event: LiftWorkCreatedEvent) => log(event.detail.workItem.kind)}
        onlift-contact-copied={(event: LiftContactCopiedEvent) => log(event.detail.originalId, event.detail.copyId)}
        onlift-action={(event) => log(event.detail.action)}
      />
      <lift-button-bar buttons={['save', 'refresh']} dirty onlift-action={(event) => log(event.detail.kind)} onlift-buttons-change={(event) => log(event.detail.buttons)} />
      <lift-contact-timeline contactId={id} kinds={['email', 'note']} query="offerte" onlift-timeline-select={(event) => log(event.detail.entry.subject)} />
      <lift-checklist contactId={id} cardType="contact" onlift-checklist-availability={(event) => log(event.detail.available)} />
    </lift-data-provider>
  );
}
`;

const REACT_UNCHECKED = `/// <reference types="@lift/elements/react" />
// What the README says TypeScript does not catch: a misspelled dashed name compiles. Should this
// file ever fail, TypeScript has started checking dashed names: update the README's React section.
import '@lift/elements/lift-contact-card.js';

export const typoInEvent = <lift-contact-card onlift-contact-saveed={() => {}} />;
export const typoInAttribute = <lift-contact-card contact-idd="c-1" />;
`;

/** Wrong React usages: each `line` must fail to compile with `code`. */
const REACT_WRONG = {
  file: 'react/wrong.tsx',
  preamble: `/// <reference types="@lift/elements/react" />
import { useRef } from 'react';
import '@lift/elements/lift-contact-card.js';
import type { LiftContactCard, LiftContactOpenEvent } from '@lift/elements';
import { useLiftEvent } from './readme-events.js';
`,
  cases: [
    { why: '`tab` takes a main tab only', code: 'TS2322', line: `export const tab = <lift-contact-card tab="kaart" />;` },
    { why: '`buttons` takes button tokens only', code: 'TS2322', line: `export const buttons = <lift-contact-card buttons={['opslaan']} />;` },
    { why: '`selectionPosition` is a number', code: 'TS2322', line: `export const position = <lift-button-bar selectionPosition="2" />;` },
    { why: '`adapter` must be a LiftAdapter', code: 'TS2740', line: `export const adapter = <lift-contact-card adapter={{}} />;` },
    { why: 'a misspelled property', code: 'TS2322', line: `export const property = <lift-contact-card contactID="c-1" />;` },
    { why: 'a field the saved event does not carry', code: 'TS2339', line: `export const saved = <lift-contact-card onlift-contact-saved={(event) => event.detail.noSuchField} />;` },
    { why: 'a handler for another event', code: 'TS2322', line: `export const other = <lift-contact-card onlift-contact-saved={(event: LiftContactOpenEvent) => event.detail.contactId} />;` },
    { why: 'a field the contact-open event does not carry', code: 'TS2339', line: `export const open = <lift-contact-card onlift-contact-open={(event) => event.detail.noSuchField} />;` },
    { why: 'a field the work-created event does not carry', code: 'TS2339', line: `export const created = <lift-contact-card onlift-work-created={(event) => event.detail.noSuchField} />;` },
    { why: 'a misspelled field of the copied event', code: 'TS2551', line: `export const copied = <lift-contact-card onlift-contact-copied={(event) => event.detail.copyID} />;` },
    { why: 'a misspelled event name through the typed helper', code: 'TS2345', line: `export const useTypo = () => useLiftEvent(useRef<LiftContactCard>(null), 'lift-contact-saveed', () => {});` },
  ],
};

const VUE_USAGE = `<script setup lang="ts">
// Every element and event of a Vue template, the handlers' detail read (so an untyped one fails).
import '@lift/elements/lift-button-bar.js';
import '@lift/elements/lift-contact-card.js';
import '@lift/elements/lift-contact-timeline.js';
import '@lift/elements/lift-checklist.js';
import { MemoryAdapter, type LiftWorkCreatedEvent } from '@lift/elements';
defineProps<{ id: string }>();
const adapter = new MemoryAdapter();
const log = (...values: unknown[]) => console.log(...values);
const onCreated = (event: LiftWorkCreatedEvent) => log(event.detail.workItem.title);
</script>
<template>
  <lift-contact-card
    id="card"
    class="card"
    :contact-id="id"
    lang="en"
    :detailTabs="['personal', 'item']"
    :buttons="['save', 'undo']"
    :adapter="adapter"
    tab="overview"
    @lift-contact-saved="(event) => log(event.detail.fields)"
    @lift-contact-open="(event) => log(event.detail.contactId)"
    @lift-work-created="onCreated"
    @lift-contact-copied="(event) => log(event.detail.copyId)"
    @lift-error="(event) => log(event.detail.code)"
  />
  <lift-button-bar :buttons="['save']" @lift-action="(event) => log(event.detail.action)" />
  <!-- Attributes as a template writes them: vue-tsc checks them against the property's type. -->
  <lift-contact-card detail-tabs="personal item" buttons="save undo refresh archive" selection="c-1 c-2" />
  <lift-contact-card detail-tabs="personal function project item checklist-item" />
  <lift-button-bar visible-buttons="save" disabled-actions="save" selection-position="2" selection-size="10" />
  <lift-contact-timeline kinds="email note call" />
  <lift-contact-timeline :contact-id="id" :kinds="['email']" @lift-timeline-select="(event) => log(event.detail.entry.id)" />
  <lift-checklist :contact-id="id" @lift-checklist-availability="(event) => log(event.detail.available)" />
</template>
`;

/** Wrong Vue template lines: each must fail under vue-tsc with `code`. */
const VUE_WRONG = {
  file: 'vue/Wrong.vue',
  preamble: `<script setup lang="ts">
import '@lift/elements/lift-contact-card.js';
import type { LiftContactOpenEvent } from '@lift/elements';
const onOpen = (event: LiftContactOpenEvent) => event.detail.contactId;
</script>
<template>
`,
  after: '</template>\n',
  cases: [
    { why: '`tab` takes a main tab only', code: 'TS2322', line: `<lift-contact-card tab="kaart" />` },
    { why: '`buttons` takes button tokens only', code: 'TS2322', line: `<lift-contact-card :buttons="['opslaan']" />` },
    { why: '`kinds` takes entry kinds only', code: 'TS2820', line: `<lift-contact-timeline :kinds="['mail']" />` },
    { why: 'a misspelled property', code: 'TS2561', line: `<lift-contact-card contactID="c-1" />` },
    { why: 'a field the saved event does not carry', code: 'TS2339', line: `<lift-contact-card @lift-contact-saved="(event) => event.detail.noSuchField" />` },
    { why: 'a handler for another event', code: 'TS2322', line: `<lift-contact-card @lift-contact-saved="onOpen" />` },
    { why: 'a field the work-created event does not carry', code: 'TS2339', line: `<lift-contact-card @lift-work-created="(event) => event.detail.noSuchField" />` },
    { why: 'a misspelled event name', code: 'TS2561', line: `<lift-contact-card @lift-contact-saveed="() => {}" />` },
    { why: 'a wrong token in a written detail-tabs list', code: 'TS2820', line: `<lift-contact-card detail-tabs="personal itemx" />` },
    { why: 'a wrong token in a written buttons list', code: 'TS2322', line: `<lift-contact-card buttons="save opslaan" />` },
    { why: 'a wrong token in a written kinds list', code: 'TS2820', line: `<lift-contact-timeline kinds="email mail" />` },
    { why: 'a written selection-position that is no number', code: 'TS2322', line: `<lift-button-bar selection-position="twee" />` },
  ],
};

/** Wrong plain JavaScript: each line must fail under tsc --checkJs with `code`. */
const PLAIN_WRONG = {
  file: 'plain/wrong.js',
  preamble: `import '@lift/elements/lift-data-provider.js';
import { IndexedDbAdapter } from '@lift/elements';
const provider = document.querySelector('lift-data-provider');
`,
  cases: [
    { why: 'a misspelled property', code: 'TS2551', line: `provider.adaptor = new IndexedDbAdapter();` },
    { why: 'a misspelled option', code: 'TS2561', line: `provider.adapter = new IndexedDbAdapter({ databseName: 'crm' });` },
    { why: 'a user without a role', code: 'TS2741', line: `provider.user = { id: 'u-1', name: 'Sanne' };` },
    { why: 'a misspelled export', code: 'TS2724', line: `export { IndexedDBAdapter } from '@lift/elements';` },
  ],
};

// ----------------------------------------------------------------------------------- helpers

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  return { status: result.status ?? 1, output: `${result.stdout ?? ''}${result.stderr ?? ''}`, stdout: result.stdout ?? '' };
}

function write(file, text) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** Writes a wrong-usage file and returns which case sits on which line (1-based). */
function writeWrong({ file, preamble, after = '', cases }) {
  write(path.join(APP, file), `${preamble}${cases.map((c) => c.line).join('\n')}\n${after}`);
  const first = preamble.split('\n').length;
  return new Map(cases.map((c, i) => [first + i, c]));
}

/** Every path package.json points at: main, module, types, customElements and each export. */
function declaredTargets(pkg) {
  const targets = [pkg.main, pkg.module, pkg.types, pkg.customElements];
  const walk = (entry) => (typeof entry === 'string' ? targets.push(entry) : Object.values(entry ?? {}).forEach(walk));
  walk(pkg.exports);
  return [...new Set(targets.filter(Boolean).map((target) => target.replace(/^\.\//, '')))];
}

/** Packages a built module imports by bare name (static, re-exports and dynamic). */
function bareImports(code) {
  const found = new Set();
  // Comments may show imports (the conformance kit's usage example); they import nothing.
  const text = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|(?:^|[;\n])\s*import\s*)["'](@?[a-z0-9][\w.~-]*(?:\/[\w.~-]+)*)["']/g;
  for (const [, specifier] of text.matchAll(pattern)) found.add(specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/'));
  return found;
}

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

/**
 * Runs a type checker over one scratch project; every error must be an expected one, and every
 * expected one must appear on its line. Returns the refused cases' error lines.
 */
function typecheck(label, command, project, expected) {
  const result = run(process.execPath, [command, '-p', project, '--pretty', 'false'], { cwd: APP });
  const errors = [...result.stdout.matchAll(/^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/gm)].map(([text, file, line, , code]) => ({
    text,
    file: path.relative(APP, path.resolve(APP, file)).split(path.sep).join('/'),
    line: Number(line),
    code,
  }));
  if (result.status !== 0 && !errors.length) throw new Error(`${label} did not run:\n${result.output.trim()}`);
  // Errors without a place (a missing global type, a bad option) are never expected.
  const problems = [...result.stdout.matchAll(/^error (TS\d+): .*$/gm)].map(([text]) => `unexpected: ${text}`);
  const refused = [];
  const wrongFiles = new Map(expected.map(([file, lines]) => [file, lines]));
  for (const error of errors) {
    const c = wrongFiles.get(error.file)?.get(error.line);
    if (!c) problems.push(`unexpected: ${error.text}`);
    else if (error.code === c.code) refused.push(error.text);
  }
  for (const [file, lines] of wrongFiles) {
    for (const [line, c] of lines) {
      if (!errors.some((e) => e.file === file && e.line === line && e.code === c.code)) {
        const got = errors.filter((e) => e.file === file && e.line === line).map((e) => e.code);
        problems.push(`${file}:${line} must fail with ${c.code} (${c.why}) but ${got.length ? `got ${got.join(', ')}` : 'compiled'}: ${c.line.trim()}`);
      }
    }
  }
  if (problems.length) throw new Error(problems.join('\n      '));
  return refused;
}

// ----------------------------------------------------------------------------------- the check

/** @returns {Promise<{passed:number, failed:number, skipped:number}>} */
export async function checkConsumers({ build = true, verbose = false } = {}) {
  const started = Date.now();
  const totals = { passed: 0, failed: 0, skipped: 0 };
  let blocked = false;
  const check = async (name, fn) => {
    if (blocked) {
      totals.skipped++;
      console.log(`  - consumers: ${name} (skipped: an earlier step failed)`);
      return;
    }
    try {
      const note = await fn();
      totals.passed++;
      console.log(`  ✓ consumers: ${name}${note ? ` ${note}` : ''}`);
    } catch (error) {
      totals.failed++;
      console.log(`  ✗ consumers: ${name}\n      ${error.message}`);
    }
  };
  /** A step the rest depends on: when it fails, the rest is skipped instead of failing on. */
  const gate = async (name, fn) => {
    const before = totals.failed;
    await check(name, fn);
    if (totals.failed > before) blocked = true;
  };

  if (build) {
    const result = run('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
    if (result.status !== 0) return { passed: 0, failed: 1, skipped: 0 };
  }
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const licenseFile = /^SEE LICENSE IN (\S+)$/.exec(pkg.license ?? '')?.[1];

  await check('package.json is publishable (not private, scoped name, semver, license, publishConfig)', () => {
    const problems = [];
    if (pkg.private) problems.push('"private": true: npm publish refuses the package');
    if (!SCOPED.test(pkg.name ?? '')) problems.push(`name ${JSON.stringify(pkg.name)} is not a scoped npm name (@scope/name)`);
    if (!SEMVER.test(pkg.version ?? '')) problems.push(`version ${JSON.stringify(pkg.version)} is not valid semver`);
    if (!pkg.license) problems.push('no "license"');
    if (licenseFile && !existsSync(path.join(ROOT, licenseFile))) problems.push(`"license" points at ${licenseFile}, which does not exist`);
    if (!['restricted', 'public'].includes(pkg.publishConfig?.access)) problems.push('publishConfig.access must say "restricted" or "public"');
    for (const [name, range] of Object.entries({ ...pkg.dependencies, ...pkg.peerDependencies })) {
      // A local or workspace path works here and nowhere else.
      if (/^(file:|link:|workspace:|\.{0,2}\/)/.test(range)) problems.push(`dependency ${name}@${range} cannot be installed from a registry`);
    }
    // Where the source lives and where to report bugs: the repository has no address outside
    // this machine yet, so the fields stay out rather than point nowhere. Once it has one, they
    // are added to package.json (nowhere else), and from then on must be web addresses.
    const links = { repository: pkg.repository?.url ?? pkg.repository, homepage: pkg.homepage, bugs: pkg.bugs?.url ?? pkg.bugs };
    const absent = Object.keys(links).filter((key) => !links[key]);
    for (const [key, value] of Object.entries(links)) {
      if (value && !/^(git\+)?https:\/\/\S+$/.test(value)) problems.push(`${key} ${JSON.stringify(value)} is not an https address`);
    }
    if (problems.length) throw new Error(problems.join('; '));
    if (absent.length) return `(${absent.join(', ')} absent: the repository has no public address yet; add them to package.json when it has)`;
  });

  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(APP, { recursive: true });
  let tarball;
  let packed = [];
  await gate('npm pack, with everything package.json points at inside', () => {
    const result = run('npm', ['pack', '--json', '--pack-destination', WORK], { cwd: ROOT });
    if (result.status !== 0) throw new Error(result.output.trim());
    const [info] = JSON.parse(result.stdout.slice(result.stdout.indexOf('[')));
    tarball = path.join(WORK, info.filename);
    packed = info.files.map((file) => file.path);
    // A pattern export (`./themes/*.css`) must match at least one packed file.
    const glob = (target) => new RegExp(`^${target.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`);
    const inside = (target) => (target.includes('*') ? packed.some((file) => glob(target).test(file)) : packed.includes(target));
    // The bundle's third-party licence notices travel with it.
    const missing = [...declaredTargets(pkg), 'README.md', 'dist/THIRD-PARTY-NOTICES.txt', ...(licenseFile ? [licenseFile] : [])].filter((target) => !inside(target));
    if (missing.length) throw new Error(`not in the tarball: ${missing.join(', ')}`);
    return `(${packed.length} files, ${(info.size / 1024).toFixed(0)} KB packed)`;
  });

  const installed = path.join(APP, 'node_modules', ...pkg.name.split('/'));
  // Angular's types come from the registry beside the tarball (about 6 s and 19 MB, cache first).
  let withAngular = false;
  await gate('the tarball installs into a scratch app', () => {
    write(path.join(APP, 'package.json'), `${JSON.stringify({ name: 'lift-consumer-app', private: true, type: 'module' }, null, 2)}\n`);
    // Cache first; and without a registry, give up within seconds instead of npm's minutes of retries.
    const network = ['--fetch-retries=1', '--fetch-retry-mintimeout=1000', '--fetch-retry-maxtimeout=3000', '--fetch-timeout=30000'];
    const flags = ['--prefer-offline', ...network, '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts', '--no-progress'];
    const result = run('npm', ['install', ...flags, tarball, ...ANGULAR], { cwd: APP });
    if (result.status === 0) {
      withAngular = true;
      return '';
    }
    // Without a registry (an offline runner) the package's own dependencies cannot come: unpack
    // it as npm would, and let its imports resolve from the project's node_modules.
    if (!/\b(ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|ENOTCACHED|ENETUNREACH)\b/.test(result.output)) throw new Error(result.output.trim());
    mkdirSync(installed, { recursive: true });
    const untar = run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
    if (untar.status !== 0) throw new Error(untar.output.trim());
    totals.skipped++;
    return '(no registry: unpacked instead, its dependencies from the project; the registry install skipped)';
  });

  await check('the built modules import only declared dependencies', () => {
    const declared = new Set(Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }));
    const problems = [];
    for (const file of filesUnder(path.join(installed, 'dist')).filter((file) => file.endsWith('.js'))) {
      for (const name of bareImports(readFileSync(file, 'utf8'))) {
        if (!declared.has(name)) problems.push(`${path.relative(installed, file)} imports ${name}`);
      }
    }
    if (problems.length) throw new Error(problems.join('\n      '));
  });

  // The scratch projects.
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const snippets = new Map();
  for (const [, name, lang, body] of readme.matchAll(MARKER)) {
    // An HTML snippet is checked by its module script.
    const code = lang === 'html' ? /<script type="module">\n([\s\S]*?)<\/script>/.exec(body)?.[1] : body;
    if (code !== undefined) snippets.set(name, `${lang === 'html' ? code.replace(/^ {2}/gm, '') : code}\n`);
  }
  await gate("the README's React, Vue, TypeScript and plain snippets are found by their markers", () => {
    const missing = README_SNIPPETS.filter((name) => !snippets.has(name));
    if (missing.length) throw new Error(`README.md has no marked snippet for ${missing.join(', ')} (\`<!-- compiled by scripts/check-consumers.mjs as NAME -->\` right above its code fence)`);
    for (const [name, code] of snippets) write(path.join(APP, name), code);
  });

  const tsconfig = (dir, options, include, extra = {}) =>
    write(path.join(APP, dir, 'tsconfig.json'), `${JSON.stringify({ compilerOptions: { ...STRICT, ...options }, ...extra, include }, null, 2)}\n`);
  tsconfig('react', { jsx: 'react-jsx' }, ['*.tsx', '*.ts']);
  write(path.join(APP, 'react', 'usage.tsx'), REACT_USAGE);
  write(path.join(APP, 'react', 'unchecked.tsx'), REACT_UNCHECKED);
  const reactWrong = writeWrong(REACT_WRONG);
  // As the README says: the package's Vue declarations through compilerOptions.types.
  tsconfig('vue', { types: [`${pkg.name}/vue`] }, ['*.vue', '*.ts'], { vueCompilerOptions: { strictTemplates: true } });
  write(path.join(APP, 'vue', 'Usage.vue'), VUE_USAGE);
  const vueWrong = writeWrong(VUE_WRONG);
  // A plain page's script: checked as JavaScript, strict but for null checks (a page's own script
  // looks its elements up in markup it wrote), which exact optional types need.
  tsconfig('plain', { allowJs: true, checkJs: true, strictNullChecks: false, exactOptionalPropertyTypes: false }, ['*.js']);
  const plainWrong = writeWrong(PLAIN_WRONG);
  // A TypeScript host without a framework: the conformance kit under node:test, HttpAdapter.
  tsconfig('ts', { types: ['node'] }, ['*.ts']);
  for (const [file, text] of Object.entries(HOST_MODULES)) write(path.join(APP, file), text);
  // Angular: the component's TypeScript under tsc (its template is a string here; checking it
  // would take Angular's own compiler, @angular/compiler-cli).
  tsconfig('angular', {}, ['*.ts']);

  const projects = [
    ['a React 19 app (tsc)', TSC, 'react', [[REACT_WRONG.file, reactWrong]]],
    ['a Vue 3 app (vue-tsc, strictTemplates)', VUE_TSC, 'vue', [[VUE_WRONG.file, vueWrong]]],
    ['plain JavaScript (tsc --checkJs)', TSC, 'plain', [[PLAIN_WRONG.file, plainWrong]]],
    ['a TypeScript host: the conformance kit under node:test, HttpAdapter (tsc)', TSC, 'ts', []],
  ];
  const angular = ['an Angular 21 component (tsc)', TSC, 'angular', []];
  if (withAngular) projects.push(angular);
  else {
    totals.skipped++;
    console.log(`  - consumers: ${angular[0]} (skipped: @angular/core could not be installed without a registry)`);
  }
  for (const [label, command, dir, expected] of projects) {
    const count = expected.reduce((sum, [, lines]) => sum + lines.size, 0);
    await check(`${label} compiles strictly with skipLibCheck off${count ? `; its ${count} wrong usages fail` : ''}`, () => {
      const refused = typecheck(label, command, `${dir}/tsconfig.json`, expected);
      if (verbose) return `\n      ${refused.join('\n      ')}`;
      return '';
    });
  }
  console.log(`  consumers: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return totals;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const totals = await checkConsumers({ build: !process.argv.includes('--no-build'), verbose: process.argv.includes('--verbose') });
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(totals.failed ? 1 : 0);
}
