// A dynamic import of a chunk fetches that chunk first and only then, once it has been read,
// the shared chunks it imports: one round trip each, in a row. On a cold page of the one-script
// bundle that made the card's name wait for five of them (the entry; the card's chunk; Lit and
// the data contract; the storage code; idb). This plugin makes every `import()` of a chunk also
// start the chunks it will import, beside it, so each lazy step costs one round trip.
//
// Each added import only starts a fetch whose module the target imports anyway (the browser
// fetches and evaluates a module once), and its failure is left to the target's import, which
// fails too and is the one the calling code handles. A chunk started this way runs once its own
// imports have arrived, even when the target fails for want of another: a tag's chunk the card's
// imports (the bar's) can define its tag while the card's own code is missing, as it would if
// the tag stood alone on the page. Chunks the importing file has already loaded, statically, are
// not asked for again.
import path from 'node:path';

/** The chunks `fileName` loads before it runs: its static imports, and theirs. */
function staticClosure(bundle, fileName, seen = new Set()) {
  for (const dependency of bundle[fileName]?.imports ?? []) {
    if (seen.has(dependency) || !bundle[dependency]) continue;
    seen.add(dependency);
    staticClosure(bundle, dependency, seen);
  }
  return seen;
}

/** How `from` (a chunk's file) names `to` in an import. */
function specifier(from, to) {
  const relative = path.posix.relative(path.posix.dirname(from), to);
  return relative.startsWith('.') ? relative : `./${relative}`;
}

export function parallelImports() {
  return {
    name: 'parallel-imports',
    // After the minifier: the code's dynamic imports are in their final form, `import("./x.js")`.
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.dynamicImports.length) continue;
        const loaded = staticClosure(bundle, chunk.fileName);
        loaded.add(chunk.fileName);
        chunk.code = chunk.code.replace(/\bimport\("(\.{1,2}\/[^"]+\.js)"\)/g, (call, spec) => {
          const target = path.posix.join(path.posix.dirname(chunk.fileName), spec);
          if (!bundle[target]) return call;
          const alongside = [...staticClosure(bundle, target)].filter((file) => !loaded.has(file)).sort();
          if (!alongside.length) return call;
          const starts = alongside.map((file) => `import("${specifier(chunk.fileName, file)}").catch(()=>{})`);
          return `(${starts.join(',')},${call})`;
        });
      }
    },
  };
}
