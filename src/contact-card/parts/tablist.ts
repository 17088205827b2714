import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { RovingFocus } from '../../internal/roving-focus.js';

const keys = new RovingFocus({ orientation: 'horizontal' });

export interface Tablist<T extends string> {
  /** `tabs` (main) or `detail-tabs`: the part, and the prefix of the tab (`tab-…`) and panel ids. */
  part: 'tabs' | 'detail-tabs';
  label: string;
  tabs: readonly T[];
  active: T;
  /** Shows a tab; `focus` (from the keyboard) also moves focus onto it. */
  select(tab: T, focus: boolean): void;
  text(tab: T): TemplateResult | string;
  /** The tab's name where its text alone does not say all (a mark seen but not read out). */
  name?(tab: T): string | undefined;
}

/**
 * A WAI-ARIA tablist with automatic activation: one tab stop; Arrow Left / Right (swapped
 * right to left), Home and End move and show the tab at once.
 */
export function renderTablist<T extends string>({ part, label, tabs, active, select, text, name }: Tablist<T>): TemplateResult {
  const prefix = part === 'tabs' ? '' : 'detail-';
  return html`<div
    role="tablist"
    part=${part}
    class="tabs"
    aria-label=${label}
    @keydown=${(event: KeyboardEvent) => {
      const items = [...(event.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('[role="tab"]')];
      keys.handle(event, items, (index) => select(tabs[index]!, true));
    }}
  >
    ${tabs.map(
      (tab) => html`<button
        type="button"
        role="tab"
        part="tab"
        id=${`${prefix}tab-${tab}`}
        aria-selected=${tab === active ? 'true' : 'false'}
        aria-label=${ifDefined(name?.(tab))}
        aria-controls=${`${prefix}panel-${tab}`}
        tabindex=${tab === active ? 0 : -1}
        @click=${() => select(tab, false)}
      >${text(tab)}</button>`,
    )}
  </div>`;
}
