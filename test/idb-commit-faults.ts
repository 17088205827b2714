// Real commit failures in IndexedDB, for the tests that check nothing is reported saved that
// was not. These patch the browser's own IndexedDB classes for one database name, so the code
// under test runs unchanged against a real transaction that really fails.

type Method = (this: unknown, ...args: unknown[]) => unknown;
interface Tracked {
  /** Requests the code under test has placed on the transaction so far. */
  placed: number;
  probing: boolean;
}

const REQUEST_METHODS: [object, string[]][] = [
  [IDBObjectStore.prototype, ['add', 'put', 'delete', 'clear', 'get', 'getKey', 'getAll', 'getAllKeys', 'count', 'openCursor', 'openKeyCursor']],
  [IDBIndex.prototype, ['get', 'getKey', 'getAll', 'getAllKeys', 'count', 'openCursor', 'openKeyCursor']],
  [IDBCursor.prototype, ['continue', 'continuePrimaryKey', 'advance', 'update', 'delete']],
];

function transactionOf(target: unknown): IDBTransaction | undefined {
  if (target instanceof IDBObjectStore) return target.transaction;
  if (target instanceof IDBIndex) return target.objectStore.transaction;
  if (target instanceof IDBCursor) return transactionOf(target.source);
  return undefined;
}

export interface CommitFault {
  /** Transactions this fault has made fail so far. */
  readonly failed: number;
  /** Puts IndexedDB back as it was. */
  restore(): void;
}

/**
 * Makes the next `times` read-write transactions on `databaseName` abort after every request
 * the code placed on them has succeeded, just before they would commit — as a commit that
 * fails on a full disk or a crash does. A write that resolves before its transaction's
 * completion would report success here while nothing was stored.
 *
 * How it finds "after the last request": a probe request queued behind the code's requests
 * succeeds only once they have, and their handlers have run; if the code placed more requests
 * meanwhile, another probe goes behind those; when a probe finds nothing new, the transaction
 * is aborted.
 */
export function abortBeforeCommit(databaseName: string, { times = Infinity } = {}): CommitFault {
  const tracked = new WeakMap<IDBTransaction, Tracked>();
  const originals: [object, string, Method][] = [];
  let remaining = times;
  let failed = 0;
  const count = IDBObjectStore.prototype.count as Method;

  const probe = (tx: IDBTransaction, state: Tracked) => {
    const placedBefore = state.placed;
    const request = count.call(tx.objectStore(tx.objectStoreNames[0]!)) as IDBRequest;
    request.addEventListener('success', () => {
      if (state.placed !== placedBefore) {
        probe(tx, state);
        return;
      }
      failed++;
      tx.abort();
    });
  };

  const transaction = IDBDatabase.prototype.transaction as Method;
  originals.push([IDBDatabase.prototype, 'transaction', transaction]);
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: unknown[]) {
    const tx = transaction.apply(this, args) as IDBTransaction;
    if (this.name === databaseName && tx.mode === 'readwrite' && remaining > 0) {
      remaining--;
      tracked.set(tx, { placed: 0, probing: false });
    }
    return tx;
  } as typeof IDBDatabase.prototype.transaction;

  for (const [prototype, names] of REQUEST_METHODS) {
    for (const name of names) {
      const original = (prototype as Record<string, Method>)[name]!;
      originals.push([prototype, name, original]);
      (prototype as Record<string, Method>)[name] = function (this: unknown, ...args: unknown[]) {
        const result = original.apply(this, args);
        const tx = transactionOf(this);
        const state = tx && tracked.get(tx);
        if (tx && state) {
          state.placed++;
          if (!state.probing) {
            state.probing = true;
            probe(tx, state);
          }
        }
        return result;
      };
    }
  }

  return {
    get failed() {
      return failed;
    },
    restore() {
      for (const [prototype, name, original] of originals) (prototype as Record<string, Method>)[name] = original;
    },
  };
}

/**
 * Closes the connection to `databaseName` just before each of the next `times` read-write
 * transactions is started on it, so the browser itself refuses the transaction
 * (InvalidStateError), as it does when a connection was closed under the code.
 */
export function closeConnectionBeforeWrite(databaseName: string, { times = 1 } = {}): CommitFault {
  const transaction = IDBDatabase.prototype.transaction as Method;
  let remaining = times;
  let failed = 0;
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: unknown[]) {
    if (this.name === databaseName && args[1] === 'readwrite' && remaining > 0) {
      remaining--;
      failed++;
      this.close();
    }
    return transaction.apply(this, args);
  } as typeof IDBDatabase.prototype.transaction;
  return {
    get failed() {
      return failed;
    },
    restore() {
      IDBDatabase.prototype.transaction = transaction as typeof IDBDatabase.prototype.transaction;
    },
  };
}

/** Every record of every object store in `databaseName`, read through a connection of its own. */
export async function snapshot(databaseName: string): Promise<Record<string, unknown[]>> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(databaseName);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    const names = [...db.objectStoreNames];
    const tx = db.transaction(names, 'readonly');
    const all = await Promise.all(
      names.map(
        (name) =>
          new Promise<unknown[]>((resolve, reject) => {
            const request = tx.objectStore(name).getAll();
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          }),
      ),
    );
    return Object.fromEntries(names.map((name, i) => [name, all[i]!]));
  } finally {
    db.close();
  }
}
