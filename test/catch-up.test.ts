import { expect } from '@open-wc/testing';
import { CatchUp } from '../src/data/sync/catch-up.js';
import type { Remote } from '../src/data/sync/outbox.js';
import { Replica } from '../src/data/sync/replica.js';

// Reading again what the feed named, on a copy that closed with its adapter meanwhile (a page
// that closes, a user who signs out): the round ends quietly, and what was named waits.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('CatchUp on a copy that closed', () => {
  it('leaves no rejection unhandled, keeps what was named for a later round, and stops when told', async () => {
    const name = `lift-catch-up-test-${Date.now()}`;
    const replica = await Replica.open(name);
    replica.close();
    const unhandled: unknown[] = [];
    const onRejection = (event: PromiseRejectionEvent) => {
      unhandled.push(event.reason);
      event.preventDefault();
    };
    window.addEventListener('unhandledrejection', onRejection);
    // The server is never asked: the copy fails first.
    const catchUp = new CatchUp(async () => replica, {} as Remote, () => true, () => undefined);
    try {
      catchUp.heard({ type: 'updated', resource: 'contact', ids: ['c-1'], origin: 'remote', at: new Date().toISOString() }, '7');
      // Its round, started now rather than after the quarter of a second it waits, fails at once;
      // a rejection nobody handled is reported in a task after it.
      await catchUp.idle();
      await sleep(50);
      expect(unhandled.map(String)).to.deep.equal([]);
      expect(catchUp.waiting, 'what was named waits for a later round').to.equal(true);
      catchUp.stop();
      await sleep(100);
      expect(catchUp.waiting, 'nothing left after stop').to.equal(false);
    } finally {
      catchUp.stop();
      window.removeEventListener('unhandledrejection', onRejection);
      indexedDB.deleteDatabase(name);
    }
  });
});
