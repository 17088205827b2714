/**
 * The demo page as a host of the card: demo/index.html with demo/demo.js, in a same-origin
 * iframe of the test page. The test server sends it with the library's source in place of the
 * built files (scripts/wtr-demo.mjs), so it runs in every engine without a build.
 *
 * The demo keeps its data in the IndexedDB database named `lift` (fixed in demo.js): each test
 * deletes it before and after itself (`closeDemo`), and seeds a small set of its own first (the
 * demo seeds only an empty database).
 */
import type { LiftContactCard } from '../src/contact-card/contact-card.js';
import { IndexedDbAdapter } from '../src/data/adapters/indexeddb-adapter.js';
import type { Contact } from '../src/data/contract/model.js';
import { seedDemoData } from '../src/data/demo/demo-data.js';
import { waitUntil } from './helpers.js';

export const DEMO_DATABASE = 'lift';

export interface Seeded {
  /** The contacts the demo lists at first: not archived, newest modified first. */
  listed: Contact[];
  /** A listed contact other than the first, with a project shown on its Projects tab. */
  withProject: Contact;
}

/** Deletes the demo's database and seeds a small demo data set into it. */
export async function seedDemo(): Promise<Seeded> {
  await IndexedDbAdapter.deleteDatabase(DEMO_DATABASE);
  const adapter = new IndexedDbAdapter({ databaseName: DEMO_DATABASE });
  try {
    const { contactIds } = await seedDemoData(adapter, { contacts: 6, entriesPerContact: 3 });
    const contacts = await Promise.all(contactIds.map((id) => adapter.contacts.get(id)));
    const listed = contacts.filter((contact) => !contact.archived);
    let withProject: Contact | undefined;
    for (const contact of listed.slice(1)) {
      const work = await adapter.work!.listForContact(contact.id);
      if (work.items.some((item) => !item.archived)) {
        withProject = contact;
        break;
      }
    }
    if (!withProject) throw new Error('the seeded data has no listed contact after the first with a current project');
    return { listed, withProject };
  } finally {
    adapter.close();
  }
}

export interface Demo {
  frame: HTMLIFrameElement;
  win: Window & typeof globalThis;
  doc: Document;
  card: LiftContactCard;
}

let shown: HTMLIFrameElement | undefined;

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
export const listButtons = (doc: Document) => [...doc.querySelectorAll<HTMLButtonElement>('#contacts li button')];

/** The demo page at `/demo/index.html?<query>` in a frame of the test page, as it starts. */
export function demoFrame(query: string): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.title = 'lift-elements demo';
  frame.style.cssText = 'width: 1100px; height: 800px; border: 0';
  frame.src = `/demo/index.html?${query}`;
  document.body.append(frame);
  shown = frame;
  return frame;
}

/** The demo at `/demo/index.html?<query>`, once its card shows a contact and its list is filled. */
export async function openDemo(query: string, seeded: Pick<Seeded, 'listed'>): Promise<Demo> {
  const frame = demoFrame(query);
  const cardOf = () => frame.contentDocument?.getElementById('card') as LiftContactCard | null;
  // The whole page and the library's modules load here: more than a lazy part of the card.
  await waitUntil(() => text(cardOf()?.shadowRoot?.querySelector('[part~="name"]')), "the demo's card to show a contact", { timeout: 20_000 });
  await waitUntil(() => listButtons(frame.contentDocument!).length === seeded.listed.length, "the demo's contact list");
  return { frame, win: frame.contentWindow as Window & typeof globalThis, doc: frame.contentDocument!, card: cardOf()! };
}

/** Resolves with `promise`, or fails naming `what` after `ms`. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`Timeout: ${what}`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Removes the demo's frame (which closes its connections), what it kept in the browser, and its database (`ms` at most). */
export async function closeDemo(ms: number): Promise<void> {
  shown?.remove();
  shown = undefined;
  localStorage.clear();
  await within(IndexedDbAdapter.deleteDatabase(DEMO_DATABASE), ms, "the demo's database to be deleted");
}
