/**
 * Defines custom elements when they first appear in a page: the one-script bundle starts with
 * this and nothing else, so a page that shows only a button bar fetches only the bar's code.
 * Kept free of Lit and of every element, so the bundle's entry stays about a kilobyte.
 */

/** How one tag is defined. */
export interface AutoloadedElement {
  /** Imports the module that defines the tag as it is evaluated (the tag's own entry). */
  load(): Promise<unknown>;
  /**
   * Imports the tag's code without defining it (its class module), started beside `load`: the
   * code downloads while a tag it waits for (`after`) is still loading.
   */
  prefetch?(): Promise<unknown>;
  /**
   * Tags this one is defined after when they load at the same time: a context provider, whose
   * consumers ask for it once, as they connect, and otherwise fall back to a default.
   */
  after?: readonly string[];
  /**
   * Shows nothing of its own (a context provider, which only passes its children through): when
   * its code does not load, the elements inside it that wait for it (not defined yet) say so, not
   * it. With none such inside it (those in it already defined wait without a word), it says so.
   */
  quiet?: boolean;
}

/**
 * What an element whose code did not load says in its place, in Dutch and in English: the
 * sentence, its button, and what it says while the button's attempt runs. The element's own
 * strings never arrived, so these are all it has, with what a host registered for them under
 * `lift-elements` (`NOTICE_KEYS`, in that order).
 */
const NOTICE = {
  nl: ['Dit onderdeel kon niet worden geladen. Probeer het opnieuw of herlaad de pagina.', 'Opnieuw proberen', 'Opnieuw laden…'],
  en: ['This part could not load. Try again or reload the page.', 'Try again', 'Loading again…'],
};
const NOTICE_KEYS = ['unloaded', 'retry', 'retrying'];

/** A host's strings by language, element tag and key, where `registerStrings` keeps them. */
type Registered = Map<string, Map<string, Record<string, string>>>;

/**
 * The notice's words for `element`, in the language the elements would show there: the nearest
 * `lang` at or above it (across shadow roots) that names a language they know, passing over one
 * that names none on the element itself or on another element of ours (`lift-…`); a page's
 * `lang` that names none, or no `lang` at all, is Dutch. A language is known when it is built in (by
 * its base, `en-GB`, `en_US`) or a host registered it (the whole tag first, `de-at` also as
 * `de_AT`, then its base). A host's words under `lift-elements` come first, for the language,
 * else its base, else its table language; what they leave out is said in Dutch for Dutch
 * (`nl-BE` too) and in English for any other language, as the elements do (`tableLanguage`).
 */
function noticeWords(element: Element): string[] {
  // The same lookup as the elements' own (`toLanguage`, `closest` and `registry` in
  // i18n/localize.ts), written here again because that module comes with Lit in the shared
  // `core` chunk: importing it would make every page of the bundle fetch that chunk before the
  // entry could run. Written for few bytes: every page of the bundle fetches this code first.
  const registry = (globalThis as Record<symbol, Registered | undefined>)[Symbol.for('lift-elements.strings')];
  let lang: string | undefined;
  // Up through parents, and from a shadow root (which has none) to its host.
  for (let node: Node | null | undefined = element; node && !lang; node = node.parentNode ?? (node as ShadowRoot).host) {
    // Only an element has `getAttribute`, and it says null when there is no `lang`; `_` is read
    // as `-`, as `registerStrings` keeps `de_AT` (`de-at`).
    const tag = (node as Partial<Element>).getAttribute?.('lang')?.trim().toLowerCase().replace(/_/g, '-');
    const base = tag?.split('-')[0];
    // Known by its base alone, the whole tag still stands: looked up below, it finds nothing of
    // its own and goes on to the base, as `registered` does.
    if (tag != null) lang = base === 'nl' || base === 'en' || registry?.has(tag) || registry?.has(base!) ? tag : node === element || /^lift-/.test((node as Element).localName) ? undefined : 'nl';
  }
  lang ??= 'nl';
  const [first] = lang.split('-');
  const table = first === 'nl' ? first : 'en';
  // A host's words for the language, else for its base, else for its table language (`registered`).
  return NOTICE_KEYS.map((key, i) => [lang, first, table].map((from) => registry?.get(from!)?.get('lift-elements')?.[key]).find((text) => text != null) ?? NOTICE[table][i]!);
}

export interface AutoloaderOptions {
  /** The tree watched for new elements; default the document. */
  root?: Document | Element | DocumentFragment;
  registry?: CustomElementRegistry;
  /** Where a load that failed is reported; default the console. */
  log?: Pick<Console, 'error'>;
}

export interface Autoloader {
  /**
   * Defines the known tags found in `root` (a subtree, or a shadow root the document-wide watch
   * cannot see) and not yet defined. Resolves once each has been defined or has failed.
   */
  discover(root: Document | Element | DocumentFragment): Promise<void>;
  /** Stops watching for new elements. */
  disconnect(): void;
}

export function autoload(elements: Readonly<Record<string, AutoloadedElement>>, options: AutoloaderOptions = {}): Autoloader {
  const { root = document, registry = customElements, log = console } = options;
  const tags = Object.keys(elements);
  // A tag is here from its first load until that load fails, so a failed tag is tried again
  // when it next appears. Each promise resolves to whether the tag was defined; none rejects.
  const loads = new Map<string, Promise<boolean>>();
  /** Tags whose last load failed: one that others wait for is tried again before them. */
  const failed = new Set<string>();
  /** Says each notice shown again, in the words of now, by the shadow root it is in. */
  const told = new Map<ShadowRoot, () => void>();
  /**
   * Tries the failed tags again once back online: in `root`, and where each notice is, which may
   * be in a shadow root handed to `discover` that `root` does not see into. Added as each load
   * fails; being the same listener, it is there once however many fail.
   */
  const online = (): void => {
    void discover(root);
    told.forEach((_, shadow) => discover(shadow.host));
  };

  const define = (tag: string): Promise<boolean> => {
    const known = loads.get(tag);
    if (known) return known;
    const element = elements[tag]!;
    const first = (element.after ?? [])
      .filter((other) => !registry.get(other) && (loads.has(other) || failed.has(other)))
      .map((other) => [other, define(other)] as const);
    // Evaluating the class module defines nothing; a failure shows again in `load`.
    element.prefetch?.().catch(() => undefined);
    const load = (async () => {
      for (const [other, loaded] of first) if (!(await loaded)) throw new Error(`it is defined after <${other}>, which could not be loaded`);
      await element.load();
      if (!registry.get(tag)) throw new Error('its module did not define it');
      return true;
    })().catch((error: unknown) => {
      loads.delete(tag);
      failed.add(tag);
      log.error(`lift-elements: <${tag}> could not be loaded; it is tried again from its notice, when another is added, or when back online.`, error);
      addEventListener('online', online, { once: true });
      return false;
    });
    loads.set(tag, load);
    return load;
  };

  /**
   * Says in each element of `tag` at or under `subtree` that its code did not load, with a
   * retry, in a shadow root of the element's own; its light children still show beneath,
   * through a slot. A notice already shown gets its words back after a retry that failed.
   */
  const tell = (tag: string, subtree: Document | Element | DocumentFragment): void => {
    // Defined meanwhile, by another attempt: nothing to say.
    if (registry.get(tag)) return;
    // A quiet element says so only when none of the elements waiting for it is inside it, still
    // undefined (those say so themselves).
    const waiting = tags.filter((other) => elements[other]!.after?.includes(tag)).map((other) => other + ':not(:defined)').join() || 'x:not(*)';
    for (const element of [subtree as Element, ...subtree.querySelectorAll(tag)].filter((node) => node.localName === tag && !(elements[tag]!.quiet && node.querySelector(waiting)))) {
      const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
      let say = told.get(shadow);
      if (!say) {
        const said = document.createTextNode('');
        const notice = document.createElement('p');
        const button = document.createElement('button');
        const slot = document.createElement('slot');
        let busy = '';
        // No `type`: the root holds no form for the button to submit.
        notice.setAttribute('role', 'alert');
        button.onclick = () => {
          said.data = busy;
          void discover(element.getRootNode() as Document | ShadowRoot);
        };
        notice.append(said, ' ', button);
        // The element's code renders before the first node of this root (Lit's `renderBefore`):
        // an anchor that stays, so the notice after it can go whenever the tag is defined, by
        // this loader or any other way, without taking the place the element renders at.
        shadow.replaceChildren(document.createComment(''), notice, slot);
        // Its words are read again each time it is said: the page's language, or a host's words
        // for it, may have changed since.
        say = () => void ([said.data, button.textContent, busy] = noticeWords(element) as [string, string, string]);
        told.set(shadow, say);
        void registry.whenDefined(tag).then(async () => {
          const focused = shadow.activeElement === button;
          notice.remove();
          slot.remove();
          told.delete(shadow);
          // A retry pressed from the keyboard took its button away: focus goes to the element's
          // first control once it has rendered (Lit's `updateComplete`), else to the element,
          // instead of to the top of the page. Only microtasks pass meanwhile: no user moved it.
          if (focused) {
            await (element as Partial<{ updateComplete: unknown }>).updateComplete;
            // A quiet element (shown as its children only) cannot take focus: its first child does.
            const to = (elements[tag]!.quiet && element.firstElementChild) || element;
            (shadow.querySelector<HTMLElement>('button,input,select,textarea') ?? (((to as HTMLElement).tabIndex = -1), to as HTMLElement)).focus();
          }
        });
      }
      say();
    }
  };

  const wanted = (found: Set<string>, node: Node): void => {
    // A tag still loading is found too: if that load fails, the elements found here say so.
    const open = tags.filter((tag) => !registry.get(tag) && !found.has(tag));
    // A text or comment node has no name and nothing under it (no `querySelectorAll`).
    if (open.length) for (const element of [node as Element, ...((node as Partial<ParentNode>).querySelectorAll?.(open.join(',')) ?? [])]) if (open.includes(element.localName)) found.add(element.localName);
  };

  /** Starts the loads of the tags found; the tags others wait for go first. */
  const defineAll = (found: Set<string>, subtree: Document | Element | DocumentFragment): Promise<void> => {
    const waits = (tag: string) => (elements[tag]!.after?.length ? 1 : 0);
    return Promise.all([...found].sort((a, b) => waits(a) - waits(b)).map((tag) => define(tag).then((defined) => defined || tell(tag, subtree)))).then(() => undefined);
  };

  const discover = (subtree: Document | Element | DocumentFragment): Promise<void> => {
    const found = new Set<string>();
    wanted(found, subtree);
    return defineAll(found, subtree);
  };

  const observer = new MutationObserver((records) => {
    const found = new Set<string>();
    for (const record of records) {
      for (const node of record.addedNodes) wanted(found, node);
      // A `lang` changed: each notice is said again, in the language the elements would now show there.
      if (record.attributeName) told.forEach((say) => say());
    }
    if (found.size) void defineAll(found, root);
  });
  observer.observe(root, { childList: true, subtree: true, attributeFilter: ['lang'] });
  void discover(root);
  return { discover, disconnect: () => observer.disconnect() };
}
