import path from 'node:path';

/**
 * Our tag files register with `SomeElement.define('lift-…')` (idempotent, version-aware) rather
 * than `customElements.define`, which the analyzer would recognise on its own. This plugin
 * reads those calls and records the same custom-element definition the analyzer would.
 */
function liftDefinePlugin() {
  return {
    name: 'lift-define-calls',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node)) return;
      const callee = node.expression;
      const [tagArg] = node.arguments;
      if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'define') return;
      if (!ts.isIdentifier(callee.expression) || !tagArg || !ts.isStringLiteral(tagArg)) return;
      const className = callee.expression.text;
      if (!tagArg.text.startsWith('lift-')) return;
      const imported = node
        .getSourceFile()
        .statements.filter(ts.isImportDeclaration)
        .find((statement) =>
          statement.importClause?.namedBindings?.elements?.some((element) => element.name.text === className),
        );
      const modulePath = imported
        ? path.posix.join(path.posix.dirname(moduleDoc.path), imported.moduleSpecifier.text.replace(/\.js$/, '.ts'))
        : moduleDoc.path;
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        { kind: 'custom-element-definition', name: tagArg.text, declaration: { name: className, module: modulePath } },
      ];
    },
  };
}

/**
 * The analyzer reads files in whatever order the file system walk returns them, so the same
 * sources could give a manifest with modules in another order — and a flaky staleness check in
 * CI. Sort the modules by path.
 */
function stableOrderPlugin() {
  return {
    name: 'lift-stable-order',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
  };
}

/**
 * Every event of ours is named `lift-…` and documented with `@event` on its class. The analyzer
 * also guesses events from `dispatchEvent(new SomeEvent(arg))`, naming them after the argument
 * (`item`, or nothing); drop those guesses so the manifest lists only the documented events.
 */
function documentedEventsPlugin() {
  return {
    name: 'lift-documented-events',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          if (declaration.events) declaration.events = declaration.events.filter((event) => event.name?.startsWith('lift-'));
        }
      }
    },
  };
}

/**
 * Reactive state declared in `static properties` (`{ state: true }`) has no attribute, but the
 * analyzer's Lit support only knows that of the `@state()` decorator and lists each such field
 * as an attribute named after it. Remove those attributes again.
 */
function staticStatePlugin() {
  const states = new Map();
  return {
    name: 'lift-static-state',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const names = new Set();
      for (const member of node.members) {
        if (!ts.isPropertyDeclaration(member) || member.name.getText() !== 'properties') continue;
        if (!member.initializer || !ts.isObjectLiteralExpression(member.initializer)) continue;
        for (const entry of member.initializer.properties) {
          if (!ts.isPropertyAssignment(entry) || !ts.isObjectLiteralExpression(entry.initializer)) continue;
          const isState = entry.initializer.properties.some(
            (option) => option.name?.getText() === 'state' && option.initializer?.kind === ts.SyntaxKind.TrueKeyword,
          );
          if (isState) names.add(entry.name.getText());
        }
      }
      if (names.size) states.set(`${moduleDoc.path}#${node.name.text}`, names);
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          const names = states.get(`${mod.path}#${declaration.name}`);
          if (!names) continue;
          for (const member of declaration.members ?? []) if (names.has(member.name)) delete member.attribute;
          declaration.attributes = declaration.attributes?.filter((attribute) => !names.has(attribute.fieldName));
        }
      }
    },
  };
}

/** The modules a host can import: the package root, its tag entries and the conformance kit. */
const ENTRY_MODULES = /^src\/(index|library|lift-[a-z-]+|conformance\/index)\.ts$/;
/** Static members every Lit element has, which are its machinery rather than its API. */
const LIT_MACHINERY = new Set(['styles', 'properties', 'shadowRootOptions', 'elementStyles']);

/**
 * The manifest is published for tools (Storybook, editors, the README's tables): it holds the
 * public API only. Members that are private, protected, `#`-named, nameless (the analyzer's trace of a private
 * one) or Lit's machinery go, and so
 * do long defaults (whole implementations); so do modules and declarations no entry exports
 * (translations, styles, internals), following the entries' re-exports (`export *` included)
 * to the declarations they name.
 */
function publicApiPlugin() {
  const resolve = (from, specifier) =>
    specifier.startsWith('.') ? path.posix.join(path.posix.dirname(from), specifier).replace(/\.js$/, '.ts') : specifier.replace(/\.js$/, '.ts');
  return {
    name: 'lift-public-api',
    packageLinkPhase({ customElementsManifest }) {
      const modules = new Map(customElementsManifest.modules.map((mod) => [mod.path, mod]));
      const wanted = new Map(); // module path → Set of declaration names ('*' for all)
      const want = (modulePath, name) => {
        const names = wanted.get(modulePath) ?? new Set();
        if (names.has(name) || names.has('*')) return;
        names.add(name);
        wanted.set(modulePath, names);
        const mod = modules.get(modulePath);
        // Follow what this module passes on: all of its exports for `*`, else the named one.
        for (const entry of mod?.exports ?? []) {
          if (entry.kind !== 'js' || !entry.declaration?.module) continue;
          if (name !== '*' && entry.name !== name) continue;
          const target = resolve(modulePath, entry.declaration.module);
          if (target !== modulePath) want(target, entry.declaration.name);
        }
      };
      for (const mod of customElementsManifest.modules) {
        if (ENTRY_MODULES.test(mod.path)) want(mod.path, '*');
        for (const declaration of mod.declarations ?? []) if (declaration.customElement) want(mod.path, declaration.name);
      }
      customElementsManifest.modules = customElementsManifest.modules.filter((mod) => wanted.has(mod.path));
      for (const mod of customElementsManifest.modules) {
        const names = wanted.get(mod.path);
        if (!names.has('*')) {
          mod.declarations = (mod.declarations ?? []).filter((declaration) => names.has(declaration.name));
          mod.exports = (mod.exports ?? []).filter((entry) => names.has(entry.name) || entry.kind === 'custom-element-definition');
        }
        for (const declaration of mod.declarations ?? []) {
          if (!declaration.members) continue;
          declaration.members = declaration.members.filter(
            (member) =>
              typeof member.name === 'string' &&
              (!member.privacy || member.privacy === 'public') &&
              !member.name.startsWith('#') &&
              !member.name.startsWith('_') &&
              !(member.static && LIT_MACHINERY.has(member.name)),
          );
          // A long default is an implementation (an API object's methods, collapsed to one line), not a value.
          for (const member of declaration.members) if (typeof member.default === 'string' && member.default.length > 120) delete member.default;
        }
      }
    },
  };
}

/** Settings for `cem analyze` (npm run analyze): our sources, read as Lit elements. */
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/bundle.ts'],
  litelement: true,
  dependencies: false,
  packagejson: false,
  plugins: [liftDefinePlugin(), staticStatePlugin(), documentedEventsPlugin(), publicApiPlugin(), stableOrderPlugin()],
};
