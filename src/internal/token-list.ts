import type { ComplexAttributeConverter } from 'lit';

/**
 * Parses a space-separated token attribute against the tokens it allows. Unknown tokens are
 * dropped and named in one `console.warn` per distinct attribute value, so a typo is visible
 * without flooding the console when the element re-renders. Duplicates keep their first place.
 */
export function parseTokenList<T extends string>(
  value: string | null | undefined,
  allowed: readonly T[],
  context: string,
): T[] | undefined {
  if (value == null) return undefined;
  const known = new Set<string>(allowed);
  const result: T[] = [];
  const unknown: string[] = [];
  for (const token of value.split(/\s+/)) {
    if (!token) continue;
    if (known.has(token)) {
      if (!result.includes(token as T)) result.push(token as T);
    } else if (!unknown.includes(token)) {
      unknown.push(token);
    }
  }
  if (unknown.length) warnOnce(`${context}|${unknown.join(' ')}`, () =>
    console.warn(
      `${context}: ignoring unknown token${unknown.length > 1 ? 's' : ''} ${unknown.map((t) => JSON.stringify(t.length > 40 ? `${t.slice(0, 40)}…` : t)).join(', ')}; allowed: ${allowed.join(' ')}.`,
    ),
  );
  return result;
}

/**
 * A list property as an element reads it: a list as it is; text (what a framework sets when a
 * binding gives the property the attribute's words, `'personal item'`) read by `parse` as the
 * attribute is; anything else warned of once and read as unset, so the element shows its
 * defaults instead of failing on every update.
 */
export function listProperty<T>(value: unknown, parse: (text: string) => readonly T[] | undefined, context: string): readonly T[] | undefined {
  if (value == null || Array.isArray(value)) return value as readonly T[] | undefined;
  if (typeof value === 'string') return parse(value);
  warnOnce(`${context}|${typeof value}`, () => console.warn(`${context}: ignoring a value that is neither a list nor a string of words (a ${typeof value}).`));
  return undefined;
}

/** A token-list property as an element reads it (see `listProperty`): text as the attribute's tokens, an unknown one warned of as there. */
export const tokenListProperty = <T extends string>(value: unknown, allowed: readonly T[], context: string): readonly T[] | undefined =>
  listProperty(value, (text) => parseTokenList(text, allowed, context), context);

/**
 * A Lit attribute converter for a token list. `undefined` (attribute absent) lets the element
 * fall back to its default; use it instead of Lit's `type: Array`, which accepts anything.
 */
export function tokenListConverter<T extends string>(
  allowed: readonly T[],
  context: string,
): ComplexAttributeConverter<T[] | undefined> {
  return {
    fromAttribute: (value) => parseTokenList(value, allowed, context),
    toAttribute: (value) => (value ? value.join(' ') : null),
  };
}

const warned = new Set<string>();
/** Runs `warn` the first time `key` is seen in this page. */
export function warnOnce(key: string, warn: () => void): void {
  if (warned.has(key)) return;
  if (warned.size > 500) warned.clear();
  warned.add(key);
  warn();
}

/** Attribute converter for one token of `allowed`; anything else warns once and reads as absent. */
export function oneOf<T extends string>(allowed: readonly T[], context: string) {
  return {
    fromAttribute(value: string | null): T | undefined {
      if (value === null || value === '') return undefined;
      if ((allowed as readonly string[]).includes(value)) return value as T;
      warnOnce(`${context}|${value}`, () =>
        console.warn(`${context}: ignoring unknown value ${JSON.stringify(value.slice(0, 40))}; allowed: ${allowed.join(' ')}.`),
      );
      return undefined;
    },
    toAttribute: (value: T | undefined) => value ?? null,
  };
}
