import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { readdirSync } from 'node:fs';
import { thirdPartyNotices } from './scripts/third-party-notices.mjs';

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

const external = (id) => /^(lit|@lit\/|idb|tslib)(\/|$)/.test(id);

export default [
  // The npm package: one module per source file, dependencies left as imports so a host app
  // shares one Lit with everything else it uses.
  {
    input: { index: 'src/index.ts', 'conformance/index': 'src/conformance/index.ts', ...tagEntries },
    external,
    output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src' },
    // Templates and styles are minified in dist too, so every host bundle gets the smaller text.
    plugins: [literals(), typescript({ tsconfig: './tsconfig.json', outDir: 'dist', declaration: true })],
  },
  // One file a plain page loads with a single <script type="module">: Lit (production build,
  // since the "development" export condition is not asked for) and idb inside.
  {
    input: 'src/bundle.ts',
    // The card imports its tabs and action dialogs on first use; the bundle carries them inline.
    output: { file: 'dist/lift-elements.bundle.js', format: 'es', sourcemap: false, inlineDynamicImports: true },
    plugins: [
      literals(),
      nodeResolve({ exportConditions: ['browser', 'production'] }),
      typescript({ tsconfig: './tsconfig.json', declaration: false, outDir: 'dist' }),
      terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
      // After the minifier: the licence notices of Lit and idb, as a banner and a file beside.
      thirdPartyNotices({ product: '@lift/elements' }),
    ],
  },
];
