import { nothing } from 'lit';

/** A token-list control's value as an attribute: the chosen tokens, space-separated; none → no attribute. */
export function tokens(value: readonly string[] | string | undefined): string | typeof nothing {
  const list = typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : (value ?? []);
  return list.length ? list.join(' ') : nothing;
}
