// Loaded before every test file (web-test-runner.config.mjs injects the import). A failed
// assertion keeps `actual` and `expected` on its error, and web-test-runner sends both to Node
// through `structuredClone`, which throws on a DOM node, a function or a Lit element: the
// file's report is then never sent, and the run waits out its whole time limit without naming
// the failing test. After each failed test, anything that cannot be cloned becomes a short
// description, so the failure is reported at once and by name.

/** A short, readable stand-in for a value `structuredClone` refuses. */
export function describeValue(value: unknown): string {
  if (typeof Node !== 'undefined' && value instanceof Node) {
    if (value instanceof Element) {
      const id = value.id ? `#${value.id}` : '';
      const classes = value.classList.length ? `.${[...value.classList].join('.')}` : '';
      const text = (value.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
      return `<${value.localName}${id}${classes}>${text ? ` "${text}"` : ''}`;
    }
    return `[${value.nodeName}]`;
  }
  if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`;
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function cloneable(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}

/** Makes a failed test's error safe to send: its `actual` and `expected` become text when needed. */
export function makeReportable(error: unknown): void {
  if (!error || typeof error !== 'object') return;
  const record = error as Record<string, unknown>;
  for (const key of ['actual', 'expected'] as const) {
    if (key in record && !cloneable(record[key])) record[key] = describeValue(record[key]);
  }
}

afterEach(function () {
  makeReportable((this.currentTest as (Mocha.Test & { err?: unknown }) | undefined)?.err);
});
