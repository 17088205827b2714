import { validateContactField } from '../data/contract/validation.js';

/**
 * A link for an e-mail address or phone number, built by us from a value that passed the same
 * validation the editor applies, so user text can never become a `javascript:` or other URL.
 * `undefined` when the value is not a plain address or number: show it as text.
 */
export function contactHref(kind: 'email' | 'phone', value: string | undefined): string | undefined {
  const text = value?.trim();
  if (!text || validateContactField(kind, text)) return undefined;
  if (kind === 'email') {
    // Each part encoded, so a `?` or `#` in an address cannot add headers such as cc or body.
    const at = text.lastIndexOf('@');
    return `mailto:${encodeURIComponent(text.slice(0, at))}@${encodeURIComponent(text.slice(at + 1))}`;
  }
  // Keep what a dialler understands: digits and a leading plus. In an international number
  // "(0)" is the trunk prefix, dialled only from inside the country: `+31 (0)20` is +3120.
  const international = text.startsWith('+');
  return `tel:${international ? '+' : ''}${(international ? text.replace(/\(\s*0\s*\)/g, '') : text).replace(/\D/g, '')}`;
}
