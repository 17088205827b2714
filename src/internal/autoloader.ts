/**
 * Defines custom elements when they first appear in a page: the one-script bundle starts with
 * this and nothing else, so a page that shows only a button bar fetches only the bar's code.
 * Kept free of Lit and of every element, so the bundle's entry stays a few hundred bytes.
 */

/** How one tag is defined. */
export interface AutoloadedElement {
  /** Imports the module that defines the tag as it is evaluated (the tag's own entry). */
  load(): Promise<unknown>;
  /**
   * Imports the tag's code without defining it (its class module), started beside `load`: the
   * code downloads while a tag it waits for (`after`) is still loading, and without waiting for
   * `load`'s small module to arrive and name it.
   */
  prefetch?(): Promise<unknown>;
  /**
   * Tags this one is defined after when they load at the same time: a context provider, whose
   * consumers ask for it once, as they connect, and otherwise fall back to a default.
   */
  after?: readonly string[];
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
  let retryWhenOnline = false;

  const define = (tag: string): Promise<boolean> => {
    const known = loads.get(tag);
    if (known) return known;
    const element = elements[tag]!;
    const first = (element.after ?? []).filter((other) => loads.has(other)).map((other) => [other, loads.get(other)!] as const);
    // Evaluating the class module defines nothing; a failure shows again in `load`.
    element.prefetch?.().catch(() => undefined);
    const load = (async () => {
      for (const [other, loaded] of first) if (!(await loaded)) throw new Error(`it is defined after <${other}>, which could not be loaded`);
      await element.load();
      if (!registry.get(tag)) throw new Error('its module did not define it');
      return true;
    })().catch((error: unknown) => {
      loads.delete(tag);
      log.error(`lift-elements: <${tag}> could not be loaded, so it is not defined yet; it is tried again when another <${tag}> is added to the page or the browser is back online.`, error);
      if (!retryWhenOnline && typeof window !== 'undefined') {
        retryWhenOnline = true;
        window.addEventListener('online', () => {
          retryWhenOnline = false;
          void discover(root);
        }, { once: true });
      }
      return false;
    });
    loads.set(tag, load);
    return load;
  };

  const wanted = (found: Set<string>, node: Node): void => {
    if (!(node instanceof Element || node instanceof Document || node instanceof DocumentFragment)) return;
    const open = tags.filter((tag) => !loads.has(tag) && !registry.get(tag) && !found.has(tag));
    if (!open.length) return;
    if (node instanceof Element && open.includes(node.localName)) found.add(node.localName);
    for (const element of node.querySelectorAll(open.join(','))) found.add(element.localName);
  };

  /** Starts the loads of the tags found; the tags others wait for go first. */
  const defineAll = (found: Set<string>): Promise<void> => {
    const waits = (tag: string) => (elements[tag]!.after?.length ? 1 : 0);
    return Promise.all([...found].sort((a, b) => waits(a) - waits(b)).map(define)).then(() => undefined);
  };

  const discover = (subtree: Document | Element | DocumentFragment): Promise<void> => {
    const found = new Set<string>();
    wanted(found, subtree);
    return defineAll(found);
  };

  const observer = new MutationObserver((records) => {
    const found = new Set<string>();
    for (const record of records) for (const node of record.addedNodes) wanted(found, node);
    if (found.size) void defineAll(found);
  });
  observer.observe(root, { childList: true, subtree: true });
  void discover(root);
  return { discover, disconnect: () => observer.disconnect() };
}
