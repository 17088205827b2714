import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { readdirSync, rmSync } from 'node:fs';
import { thirdPartyNotices } from './scripts/third-party-notices.mjs';
import { parallelImports } from './scripts/parallel-imports.mjs';

/** Every `src/lift-*.ts` registers one tag: each is an entry of its own. */
const tagEntries = Object.fromEntries(
  readdirSync('src')
    .filter((file) => /^lift-.*\.ts$/.test(file))
    .map((file) => [file.replace(/\.ts$/, ''), `src/${file}`]),
);

// Minify templates, but keep what the browser needs: SVG shapes are self-closing (without the
// slash they nest inside each other) and an empty value is a value (\`<option value="">\`).
const literals = () =>
  minifyLiterals({ failOnError: true, options: { minifyOptions: { keepClosingSlash: true, removeEmptyAttributes: false } } });

/**
 * The bundle's shared code in a few files instead of the dozen small ones that rollup's default
 * split would make (each file compressed alone loses gzip's shared context): what every element
 * needs (Lit, the base element, strings, the bar's events, shared styles), and what every element bound to
 * data needs before it first paints (the context consumer, the data contract, the built-in
 * adapter's stand-in, error words, the dialog controller that the card and the checklist share,
 * and the keeping of drafts in the browser that the card, the overview and the checklist share;
 * each a file of its own otherwise). What only some of them use later stays with its users:
 * the context provider with `<lift-data-provider>` (the action dialogs, which also provide,
 * import it from there), `repeat` with the timeline and the checklist's management, ids with the
 * storage code (beside idb), the rule for an entry's text with the offline adapter, document
 * values with the document dialog. In `data` they cost every
 * card page about 1.5 KB before it painted, for less than 1 KB more over the whole library.
 * Lit's directive classes, the card's, timeline's and checklist's events (the bar's are in
 * `bar-events`) and the date formats are in `data` too: the bar uses none of them, and every page
 * that does loads `data` (a page with only the bar fetches 0.9 KB less, a card page about 0.05
 * more, as they compress apart from the rest). The bar's choice events stay in `core`
 * although only its menus send them: alone they were a 0.2 KB file of their own, and in `data`
 * the menus would load that. The fields' styles stay in `core` although the
 * bar does not use them: in `data` they compressed apart from the other styles and cost each card
 * page more than they saved a bar-only page.
 */
const SHARED_CHUNKS = [
  ['core', /node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element)\/(?!.*directive(?!s\/if-defined))|src\/(internal\/(lift-element|version|token-list|button-styles|shared-styles|roving-focus|number-attribute)|i18n\/localize|bar-(choice-)?events|vocabulary)\.ts$/],
  ['data', /node_modules\/(@lit\/context\/lib\/(controllers\/context-consumer|context-request-event|create-context)|lit-html\/(directive|directive-helpers|directives\/live)\.js)|src\/(context\/|data\/contract\/(?!ids|document-values|entry-text)|data\/engine\/roles|data\/adapters\/deferred-adapter|i18n\/(error-words|field-labels|dates)|internal\/(latest-load|lazy-module|modal|browser-drafts)|checklist\/mode|events\.ts$)/],
  ['data-provider', /node_modules\/@lit\/context\/lib\/(controllers\/context-provider|value-notifier)|src\/data-provider\//],
];
const sharedChunk = (id) => SHARED_CHUNKS.find(([, pattern]) => pattern.test(id))?.[0];

const external = (id) => /^(lit|@lit\/|idb|tslib)(\/|$)/.test(id);

export default [
  // The npm package: one module per source file, dependencies left as imports so a host app
  // shares one Lit with everything else it uses.
  {
    input: { index: 'src/index.ts', 'conformance/index': 'src/conformance/index.ts', team: 'src/team.ts', ...tagEntries },
    external,
    output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src' },
    // Templates and styles are minified in dist too, so every host bundle gets the smaller text.
    plugins: [literals(), typescript({ tsconfig: './tsconfig.json', outDir: 'dist', declaration: true })],
  },
  // The one-script bundle, for a plain page: a small entry that defines each tag when it first
  // appears (src/bundle.ts), the library's exports as a second entry and the team server's
  // adapters as a third (src/team.ts); the code of all three is
  // split into chunks in dist/chunks/, shared between them and fetched relative to the file that
  // imports them, so the folder works from any path or CDN. Lit (production build, since the
  // "development" export condition is not asked for) and idb are inside.
  {
    input: { 'lift-elements.bundle': 'src/bundle.ts', 'lift-elements.library': 'src/library.ts', 'lift-elements.team': 'src/team.ts' },
    output: { dir: 'dist', format: 'es', sourcemap: false, entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', manualChunks: sharedChunk },
    plugins: [
      // Chunk names change with their content: the previous build's would pile up beside them.
      { name: 'clean-chunks', buildStart: () => rmSync('dist/chunks', { recursive: true, force: true }) },
      literals(),
      nodeResolve({ exportConditions: ['browser', 'production'] }),
      typescript({ tsconfig: './tsconfig.json', declaration: false, outDir: 'dist' }),
      terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
      // After the minifier: the licence notices of Lit and idb, as a banner on each file that
      // carries their code and a file beside the entries.
      thirdPartyNotices({ product: '@lift/elements' }),
      // Each chunk's import() also starts the chunks that chunk imports: one round trip a step.
      parallelImports(),
    ],
  },
];
