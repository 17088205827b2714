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

/** Settings for `cem analyze` (npm run analyze): our sources, read as Lit elements. */
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/bundle.ts'],
  litelement: true,
  dependencies: false,
  packagejson: false,
  plugins: [liftDefinePlugin(), staticStatePlugin(), documentedEventsPlugin(), stableOrderPlugin()],
};
