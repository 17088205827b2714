// The one-script bundle's autoloader, on the source: elements are defined as they appear, the
// provider before the elements that ask it for their adapter, and a tag whose code did not load
// is named on the console and tried again. Nothing in this file imports an element's entry, so
// every tag starts undefined here (a tag, once defined, stays so for the page's life).
import { expect } from '@open-wc/testing';
import { html, LitElement, type TemplateResult } from 'lit';
import { waitUntil } from './helpers.js';
import { BUNDLE_ELEMENTS } from '../src/bundle-elements.js';
import { autoload, type Autoloader } from '../src/internal/autoloader.js';
import { MemoryAdapter } from '../src/data/adapters/memory-adapter.js';
import type { LiftDataProvider } from '../src/data-provider/data-provider.js';
import { alertButton, refuse } from './chunk-faults-helpers.js';
import { oneContact } from './worlds.js';
import { registerStrings } from '../src/i18n/localize.js';

const defined = (tag: string) => Boolean(customElements.get(tag));
const added: Element[] = [];
const add = <T extends Element>(element: T, parent: ParentNode = document.body): T => {
  parent.append(element);
  added.push(element);
  return element;
};

/** The module that defines the tag its URL names; the tests refuse it while a load must fail. */
const PROBE = '/test/autoload-probe.ts';

/** A tag nothing has defined. */
const probeTag = () => `test-probe-${Math.random().toString(36).slice(2, 10)}`;

/**
 * An autoloader for `tags`, each loaded from the probe module; errors it reports are kept. A
 * browser may keep a failed module fetch as failed for the page's life (Firefox here): each
 * attempt asks with a query of its own, so what is tested is that the autoloader tries again,
 * not the engine's module cache.
 */
function probeAutoloader(tags: string[], lit = false) {
  const errors: string[] = [];
  let attempt = 0;
  const elements = Object.fromEntries(tags.map((tag) => [tag, { load: () => import(/* @vite-ignore */ `${PROBE}?tag=${tag}&attempt=${attempt++}${lit ? '&lit' : ''}`) }]));
  const autoloader = autoload(elements, { log: { error: (message: string, error?: unknown) => errors.push(`${message} ${String(error)}`) } });
  return { autoloader, errors };
}

/**
 * Runs `body` while the test server refuses the probe module (a test lets it through when it
 * must), then lets it through and stops `autoloader`, whatever the outcome.
 */
async function refusing(autoloader: Autoloader, body: () => Promise<void>): Promise<void> {
  refuse(PROBE);
  try {
    await body();
  } finally {
    refuse(PROBE, false);
    autoloader.disconnect();
  }
}

// The bundle's own map, on the whole document, as the bundle's entry starts it. The provider's
// code is made to arrive after the card's, as a slow network might deliver it: the card must
// still be defined after it.
const provider = BUNDLE_ELEMENTS['lift-data-provider']!;
const card = BUNDLE_ELEMENTS['lift-contact-card']!;
const bundle = autoload({
  ...BUNDLE_ELEMENTS,
  'lift-data-provider': { ...provider, load: () => card.prefetch!().then(() => provider.load()) },
});

afterEach(() => {
  for (const element of added.splice(0)) element.remove();
});

after(() => bundle.disconnect());

describe('the bundle autoloader', () => {
  it('defines a bar added to the page, and no other element', async () => {
    expect(defined('lift-button-bar')).to.equal(false);
    const bar = add(Object.assign(document.createElement('lift-button-bar'), { buttons: ['save'] }));
    await waitUntil(() => bar.shadowRoot?.querySelector('[role="toolbar"] button'), 'the bar to render its button');
    expect(['lift-data-provider', 'lift-checklist', 'lift-contact-timeline', 'lift-contact-card'].filter(defined)).to.deep.equal([]);
  });

  it('defines the provider before a card found with it, so the card shows the provider’s contact', async () => {
    expect(defined('lift-data-provider') || defined('lift-contact-card')).to.equal(false);
    const adapter = new MemoryAdapter();
    const { contact } = await oneContact(adapter, 'Autoload BV', { firstName: 'Ilse', lastName: 'Voorlader' });
    // Both in one insertion, as a page's HTML would have them.
    const wrapper = document.createElement('div');
    const providerElement = wrapper.appendChild(document.createElement('lift-data-provider')) as LiftDataProvider;
    providerElement.adapter = adapter;
    const cardElement = providerElement.appendChild(document.createElement('lift-contact-card'));
    cardElement.setAttribute('lang', 'en');
    cardElement.setAttribute('contact-id', contact.id);
    add(wrapper);
    const name = () => cardElement.shadowRoot?.querySelector('[part~="name"]')?.textContent ?? '';
    const said = () => cardElement.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';
    await waitUntil(() => name().includes('Voorlader') || /does not exist/.test(said()), 'the card to show a contact or say it is missing', { timeout: 10_000 });
    expect(said()).not.to.match(/does not exist/);
    expect(name()).to.contain('Voorlader');
  });

  it('defines the elements of a shadow root it is given, which the document-wide watch does not see', async () => {
    const host = add(document.createElement('div'));
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.append(document.createElement('lift-checklist'));
    // Time for the watch to react if it saw the element; it must not.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    expect(defined('lift-checklist')).to.equal(false);
    await bundle.discover(shadow);
    expect(defined('lift-checklist')).to.equal(true);
  });

  /**
   * A tag's element added under its own autoloader while the server refuses its module; once the
   * failure has been reported the module is let through, `retry` starts another attempt, and the
   * tag must then be defined.
   */
  async function failedOnce(retry: (tag: string) => void) {
    const tag = probeTag();
    const { autoloader, errors } = probeAutoloader([tag]);
    await refusing(autoloader, async () => {
      const first = add(document.createElement(tag));
      await waitUntil(() => errors.length > 0, 'the failure to be reported');
      expect(errors[0]).to.contain(`<${tag}>`);
      expect(defined(tag)).to.equal(false);
      refuse(PROBE, false);
      retry(tag);
      await waitUntil(() => defined(tag) || errors.length > 1, 'the tag to be defined');
      expect(errors.slice(1), 'errors of the second attempt').to.deep.equal([]);
      expect(first.matches(':defined')).to.equal(true);
    });
  }

  it('names a tag whose code failed to load, and defines it when another of it appears', async () => {
    await failedOnce((tag) => add(document.createElement(tag)));
  });

  it('tries a failed tag again when the browser is back online', async () => {
    await failedOnce(() => window.dispatchEvent(new Event('online')));
  });

  /** The notice an undefined element shows in its place, if any. */
  const noticeIn = (element: Element) => element.shadowRoot?.querySelector<HTMLElement>('[role="alert"]') ?? undefined;

  it("says in the element's place, in the page's language, that its code did not load; its retry brings the element's own rendering instead", async () => {
    const tag = probeTag();
    const { autoloader, errors } = probeAutoloader([tag], true);
    await refusing(autoloader, async () => {
      const wrapper = document.createElement('div');
      wrapper.lang = 'en-GB';
      const element = wrapper.appendChild(document.createElement(tag));
      element.append('light content');
      add(wrapper);
      await waitUntil(() => noticeIn(element), 'the notice');
      expect(noticeIn(element)!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('This part could not load. Try again or reload the page. Try again');
      // The element's light children still show under the notice.
      expect(element.shadowRoot!.querySelector('slot')!.assignedNodes().map((node) => node.textContent)).to.deep.equal(['light content']);
      await expect(wrapper).to.be.accessible();
      refuse(PROBE, false);
      alertButton(element.shadowRoot!, 'Try again')!.click();
      expect(noticeIn(element)!.textContent, 'while the retry runs').to.contain('Loading again…');
      await waitUntil(() => element.shadowRoot!.querySelector('p:not([role])'), "the element's own rendering");
      expect(errors.length, 'failures reported').to.equal(1);
      expect(noticeIn(element), 'the notice, once the element is defined').to.equal(undefined);
      expect(element.shadowRoot!.textContent!.trim()).to.equal('ready');
      // The element's styles are adopted into the root the notice was in.
      expect(getComputedStyle(element.shadowRoot!.querySelector('p')!).fontStyle).to.equal('italic');
    });
  });

  it('says it in Dutch without a lang; a retry that fails too says it again and keeps focus on its button', async () => {
    const tag = probeTag();
    const { autoloader, errors } = probeAutoloader([tag]);
    await refusing(autoloader, async () => {
      const element = add(document.createElement(tag));
      await waitUntil(() => noticeIn(element), 'the notice');
      expect(noticeIn(element)!.textContent).to.contain('Dit onderdeel kon niet worden geladen.');
      const button = alertButton(element.shadowRoot!, 'Opnieuw proberen')!;
      button.focus();
      button.click();
      expect(noticeIn(element)!.textContent, 'while the retry runs').to.contain('Opnieuw laden…');
      await waitUntil(() => errors.length > 1, 'the retry to fail');
      await waitUntil(() => noticeIn(element)!.textContent!.includes('Dit onderdeel kon niet worden geladen.'), 'the notice to say it again');
      expect(element.shadowRoot!.activeElement, 'focus, kept on the button').to.equal(button);
      expect(element.shadowRoot!.querySelectorAll('[role="alert"]').length, 'notices').to.equal(1);
    });
  });

  it('says it in the language the elements would show there: words a host registered under lift-elements, else Dutch or English', async () => {
    // Registered for the base language: a page in Austrian German finds it too.
    registerStrings('de', { 'lift-elements': { unloaded: 'Dieser Teil konnte nicht geladen werden.', retry: 'Erneut versuchen' } });
    const tag = probeTag();
    const { autoloader, errors } = probeAutoloader([tag]);
    await refusing(autoloader, async () => {
      const german = document.createElement('div');
      german.lang = 'de-AT';
      const element = german.appendChild(document.createElement(tag));
      // A language of its own that nobody registered is passed over, as the elements do.
      const own = german.appendChild(document.createElement(tag));
      own.lang = 'fr';
      // A page in a language nobody registered shows the elements in Dutch, their default.
      const french = document.createElement('div');
      french.lang = 'fr';
      const dutch = french.appendChild(document.createElement(tag));
      add(german);
      add(french);
      await waitUntil(() => noticeIn(element) && noticeIn(own) && noticeIn(dutch), 'the notices');
      const words = (el: Element) => noticeIn(el)!.textContent!.replace(/\s+/g, ' ').trim();
      expect(words(element)).to.equal('Dieser Teil konnte nicht geladen werden. Erneut versuchen');
      expect(words(own), "beside its own unknown lang").to.equal(words(element));
      expect(words(dutch)).to.equal('Dit onderdeel kon niet worden geladen. Probeer het opnieuw of herlaad de pagina. Opnieuw proberen');
      alertButton(element.shadowRoot!, 'Erneut versuchen')!.click();
      expect(words(element), 'while the retry runs: not registered, so English').to.contain('Loading again…');
      // Words registered meanwhile are said when it is said again.
      registerStrings('de', { 'lift-elements': { unloaded: 'Nicht geladen.', retry: 'Nochmal' } });
      await waitUntil(() => errors.length > 1, 'the retry to fail');
      await waitUntil(() => words(element) === 'Nicht geladen. Nochmal', 'the notice in the words registered since');
    });
  });

  it('keeps the notice of an element in a shadow root it was given when another attempt fails, and removes every notice once the tag is defined, however that happens', async () => {
    const tag = probeTag();
    const { autoloader, errors } = probeAutoloader([tag], true);
    await refusing(autoloader, async () => {
      const host = add(document.createElement('div'));
      const shadow = host.attachShadow({ mode: 'open' });
      const inShadow = shadow.appendChild(document.createElement(tag));
      const inPage = add(document.createElement(tag));
      await autoloader.discover(shadow);
      await waitUntil(() => noticeIn(inShadow) && noticeIn(inPage), 'both notices');
      // Another attempt, started by another element in the page, fails too.
      add(document.createElement(tag));
      await waitUntil(() => errors.length > 1, 'the next attempt to fail');
      await new Promise((resolve) => setTimeout(resolve));
      expect(noticeIn(inShadow), 'the notice in the shadow root').not.to.equal(undefined);
      expect(noticeIn(inPage), 'the notice in the page').not.to.equal(undefined);
      // The host defines the tag itself (its own import of the element's code, say).
      refuse(PROBE, false);
      await import(/* @vite-ignore */ `${PROBE}?tag=${tag}&lit&by=host`);
      await waitUntil(() => inShadow.shadowRoot!.querySelector('p:not([role])') && inPage.shadowRoot!.querySelector('p:not([role])'), "the elements' own rendering");
      for (const element of [inShadow, inPage]) {
        expect(noticeIn(element), 'a notice beside the element').to.equal(undefined);
        expect(element.shadowRoot!.textContent!.trim()).to.equal('ready');
      }
    });
  });

  it('loads a provider that failed again before an element that waits for it, and leaves its notice to that element', async () => {
    const providerTag = probeTag();
    const cardTag = probeTag();
    const errors: string[] = [];
    let attempt = 0;
    const autoloader = autoload(
      {
        [providerTag]: { load: () => import(/* @vite-ignore */ `${PROBE}?tag=${providerTag}&attempt=${attempt++}`), quiet: true },
        // Defined at once, unless it must wait for the provider.
        [cardTag]: { load: async () => customElements.define(cardTag, class extends HTMLElement {}), after: [providerTag] },
      },
      { log: { error: (message: string) => errors.push(message) } },
    );
    await refusing(autoloader, async () => {
      const provider = add(document.createElement(providerTag));
      const card = provider.appendChild(document.createElement(cardTag));
      await waitUntil(() => noticeIn(card), "the card's notice");
      expect(provider.shadowRoot, "the provider's own notice").to.equal(null);
      expect(defined(cardTag), 'the card, defined without its provider').to.equal(false);
      refuse(PROBE, false);
      // Another card, as a page adds one: it must not be defined without the provider, or it
      // would read the built-in database instead of the provider's adapter.
      provider.append(document.createElement(cardTag));
      await waitUntil(() => defined(cardTag), 'the card to be defined');
      expect(defined(providerTag), 'the provider, when the card was defined').to.equal(true);
      expect(noticeIn(card), "the card's notice").to.equal(undefined);
    });
  });

  it('tries a failed tag in a shadow root it was given again when the browser is back online', async () => {
    const tag = probeTag();
    const { autoloader, errors } = probeAutoloader([tag], true);
    await refusing(autoloader, async () => {
      const host = add(document.createElement('div'));
      const shadow = host.attachShadow({ mode: 'open' });
      const element = shadow.appendChild(document.createElement(tag));
      await autoloader.discover(shadow);
      expect(noticeIn(element), 'the notice').not.to.equal(undefined);
      refuse(PROBE, false);
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => element.shadowRoot!.querySelector('p:not([role])') || errors.length > 1, "the element's own rendering once back online");
      expect(errors.length, 'failures reported').to.equal(1);
      expect(noticeIn(element), 'the notice, once the element is defined').to.equal(undefined);
      expect(element.shadowRoot!.textContent!.trim()).to.equal('ready');
    });
  });

  /**
   * An element whose code fails until `state.fail` is cleared, then defines it as a Lit element
   * that renders `content`; errors it reports are counted.
   */
  function flaky(content: () => TemplateResult) {
    const tag = probeTag();
    const state = { fail: true, errors: 0 };
    const autoloader = autoload(
      {
        [tag]: {
          load: async () => {
            if (state.fail) throw new TypeError('Failed to fetch dynamically imported module');
            customElements.define(
              tag,
              class extends LitElement {
                protected override render() {
                  return content();
                }
              },
            );
          },
        },
      },
      { log: { error: () => void state.errors++ } },
    );
    return { tag, state, autoloader };
  }

  /** Presses the notice's retry from the keyboard with the code let through; resolves once the element rendered. */
  async function retriedFromKeyboard(element: HTMLElement, state: { fail: boolean; errors: number }) {
    await waitUntil(() => noticeIn(element), 'the notice');
    const button = alertButton(element.shadowRoot!, 'Opnieuw proberen')!;
    button.focus();
    expect(element.shadowRoot!.activeElement, 'focus, on the retry').to.equal(button);
    state.fail = false;
    button.click();
    await waitUntil(() => (!noticeIn(element) && element.shadowRoot!.querySelector('[data-own]')) || state.errors > 1, "the element's own rendering");
    expect(state.errors, 'failures reported').to.equal(1);
  }

  it("moves focus to the element's first control when a retry pressed from the keyboard brings its rendering", async () => {
    const { tag, state, autoloader } = flaky(() => html`<p data-own>Loaded</p><button type="button">inside</button>`);
    try {
      const element = add(document.createElement(tag));
      await retriedFromKeyboard(element, state);
      await waitUntil(() => element.shadowRoot!.activeElement, 'focus in the element');
      expect(element.shadowRoot!.activeElement, 'focus after the retry').to.equal(element.shadowRoot!.querySelector('button'));
    } finally {
      autoloader.disconnect();
    }
  });

  it('moves focus to the element itself when its rendering after a keyboard retry has no control', async () => {
    const { tag, state, autoloader } = flaky(() => html`<p data-own>Loaded</p>`);
    try {
      const element = add(document.createElement(tag));
      await retriedFromKeyboard(element, state);
      await waitUntil(() => document.activeElement !== document.body, 'focus to leave the top of the page');
      expect(document.activeElement, 'focus after the retry').to.equal(element);
    } finally {
      autoloader.disconnect();
    }
  });

  it('says it again in the language the page switches to, in the sentence and its button', async () => {
    const tag = probeTag();
    const { autoloader } = probeAutoloader([tag]);
    await refusing(autoloader, async () => {
      const page = document.createElement('div');
      page.lang = 'en';
      const element = page.appendChild(document.createElement(tag));
      add(page);
      await waitUntil(() => noticeIn(element), 'the notice');
      const words = () => noticeIn(element)!.textContent!.replace(/\s+/g, ' ').trim();
      expect(words()).to.equal('This part could not load. Try again or reload the page. Try again');
      page.lang = 'nl';
      await waitUntil(() => words() === 'Dit onderdeel kon niet worden geladen. Probeer het opnieuw of herlaad de pagina. Opnieuw proberen', 'the notice in Dutch');
      // Its retry says in Dutch too that it is loading again.
      alertButton(element.shadowRoot!, 'Opnieuw proberen')!.click();
      expect(words()).to.contain('Opnieuw laden…');
    });
  });
});
