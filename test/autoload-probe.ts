// A module only test/autoloader.test.ts imports, standing for an element's entry: it defines the
// tag its URL names (`?tag=…`) as it is evaluated; with `&lit`, as a Lit element that renders
// "ready" in its styles, as the library's elements render. The tests refuse it through the test
// server's `lift-refuse` cookie to see a load fail, then let it through to see the autoloader
// try again.
import { css, html, LitElement } from 'lit';

class Ready extends LitElement {
  static override styles = css`
    p {
      font-style: italic;
    }
  `;

  protected override render() {
    return html`<p>ready</p>`;
  }
}

const params = new URL(import.meta.url).searchParams;
const tag = params.get('tag');
if (tag && !customElements.get(tag)) customElements.define(tag, params.has('lit') ? class extends Ready {} : class extends HTMLElement {});

export {};
