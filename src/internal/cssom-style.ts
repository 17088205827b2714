import { noChange } from 'lit';
import { Directive, directive, PartType, type AttributePart, type PartInfo } from 'lit/directive.js';

/**
 * Sets inline styles through the CSSOM only. Lit's `styleMap` writes its first value as a
 * `style` attribute, which a strict Content Security Policy (`style-src 'self'` without
 * `'unsafe-inline'`) blocks; `element.style.setProperty` is allowed. Property names are CSS
 * names (`top`, `height`, `--custom`).
 */
class CssomStyleDirective extends Directive {
  #names = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ATTRIBUTE || part.name !== 'style') throw new Error('cssomStyle binds to the style attribute only.');
  }

  render(_styles: Readonly<Record<string, string>>): typeof noChange {
    return noChange;
  }

  override update(part: AttributePart, [styles]: [Readonly<Record<string, string>>]): typeof noChange {
    const style = (part.element as HTMLElement).style;
    for (const name of this.#names) if (!(name in styles)) style.removeProperty(name);
    for (const [name, value] of Object.entries(styles)) if (style.getPropertyValue(name) !== value) style.setProperty(name, value);
    this.#names = new Set(Object.keys(styles));
    return noChange;
  }
}

export const cssomStyle = directive(CssomStyleDirective);
