// The licences of the code the self-contained bundle carries. Lit (BSD-3-Clause) and idb (ISC)
// may be redistributed on condition that their copyright and licence notices come along; the
// minifier drops comments, so each of the bundle's files that carries their code gets one short
// banner naming them instead, and the full texts go into a file beside the bundle's entries
// (dist/THIRD-PARTY-NOTICES.txt, published with the package).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const NOTICES_FILE = 'THIRD-PARTY-NOTICES.txt';

/** The package a module file belongs to: the nearest package.json with a name, under node_modules. */
function packageOf(id) {
  if (!/[\\/]node_modules[\\/]/.test(id)) return undefined;
  for (let dir = path.dirname(id); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    if (pkg.name) return { dir, name: pkg.name, version: pkg.version, license: pkg.license };
  }
  return undefined;
}

/** The licence text a package ships (LICENSE, LICENCE, COPYING, with or without an extension). */
export function licenseText(dir) {
  const file = readdirSync(dir).find((name) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(name));
  return file ? readFileSync(path.join(dir, file), 'utf8').trim() : undefined;
}

/** Third-party packages among module ids, sorted by name. */
export function packagesIn(ids) {
  const found = new Map();
  for (const id of ids) {
    const pkg = packageOf(id);
    if (pkg && !found.has(pkg.name)) found.set(pkg.name, pkg);
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The notices file: each licence text once, under the packages that share it. */
export function noticesText(packages, { product }) {
  const groups = new Map();
  for (const pkg of packages) {
    const text = licenseText(pkg.dir);
    if (!text) throw new Error(`${pkg.name} ships no licence file; its notice cannot be kept`);
    groups.set(text, [...(groups.get(text) ?? []), pkg]);
  }
  const sections = [...groups].map(([text, list]) => `${list.map((pkg) => `${pkg.name} ${pkg.version} (${pkg.license})`).join('\n')}\n\n${text}\n`);
  const rule = `\n${'-'.repeat(78)}\n\n`;
  return `${product} includes the following third-party software in dist/lift-elements.bundle.js and\nthe files of dist/chunks/ it loads, each under its own licence, reproduced here as its licence asks.\n${rule}${sections.join(rule)}`;
}

/**
 * The first line of a file of the bundle: who is inside, under which licence, and where the full
 * texts are (`notices`: the notices file's path from that file).
 */
export function bannerText(packages, notices = NOTICES_FILE) {
  const list = packages.map((pkg) => `${pkg.name} ${pkg.version} (${pkg.license})`).join(', ');
  return `/*! Includes ${list}. Their copyright and licence notices: ${notices}. */`;
}

/**
 * Rollup plugin for the bundle: after minification, put the banner on top of each file that
 * carries third-party code, and emit the notices file beside the entries, for the third-party
 * packages actually bundled.
 */
export function thirdPartyNotices({ product }) {
  const packages = new Map();
  return {
    name: 'third-party-notices',
    renderStart() {
      packages.clear();
    },
    renderChunk(code, chunk) {
      // Modules tree-shaking emptied carry nothing to give notice of.
      const inside = packagesIn(Object.entries(chunk.modules).filter(([, module]) => module.renderedLength > 0).map(([id]) => id));
      if (!inside.length) return null;
      for (const pkg of inside) packages.set(pkg.name, pkg);
      const notices = path.posix.relative(path.posix.dirname(chunk.fileName), NOTICES_FILE);
      return { code: `${bannerText(inside, notices)}\n${code}`, map: null };
    },
    generateBundle() {
      const all = [...packages.values()].sort((a, b) => a.name.localeCompare(b.name));
      this.emitFile({ type: 'asset', fileName: NOTICES_FILE, source: noticesText(all, { product }) });
    },
  };
}
