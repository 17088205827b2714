/**
 * The adapter conformance kit (`@lift/elements/conformance`). A partner runs it with their own
 * test runner and a factory for their adapter:
 *
 * ```ts
 * import { runAdapterConformance } from '@lift/elements/conformance';
 * runAdapterConformance({ describe, it, factory: async (fixtures) => new MyAdapter(fixtures) });
 * ```
 *
 * It asserts on error `code`s, never on messages. Pass `capabilities` with the optional groups
 * your adapter implements; the others are skipped (the default expects all of them).
 *
 * An adapter that keeps a copy on the device (`adapter.sync`) also passes `offline`: a device
 * the kit opens, reopens, and takes off the network, beside a colleague on the same backend.
 * `runOfflineConformance` runs those cases alone:
 *
 * ```ts
 * runOfflineConformance({ describe, it, offline: async (fixtures) => ({
 *   open: () => MySyncAdapter.open({ user: fixtures.user, fetch: cuttable }),
 *   network: { down: () => (cut = true), up: () => (cut = false) },
 *   colleague: async () => adminAdapter,
 *   cleanup: () => deleteTheCopy(),
 * }) });
 * ```
 */
import { CAPABILITIES, type Capability, type LiftAdapter } from '../data/contract/adapter.js';
import type { User } from '../data/contract/model.js';
import {
  ADMIN, check, CONFORMANCE_ROLES, CONFORMANCE_TEMPLATES, type ConformanceOptions, type TestFn, World,
} from './support.js';
import { capabilityTests } from './capabilities.js';
import { contactTests } from './contacts.js';
import { overviewTests } from './overview.js';
import { offlineTests, type OfflineFactory } from './offline.js';
import { rightsTests } from './rights.js';
import { timelineTests } from './timeline.js';

export type { OfflineDevice, OfflineFactory } from './offline.js';
export { CONFORMANCE_ROLES, CONFORMANCE_TEMPLATES, CONFORMANCE_USERS, type ConformanceFixtures, type ConformanceOptions } from './support.js';

// ------------------------------------------------------------------ the suite

export function runAdapterConformance(options: ConformanceOptions): void {
  const { describe, it, factory, cleanup } = options;
  const prefix = options.name ? `${options.name}: ` : '';

  /**
   * Runs a test body on a fresh adapter acting for `user`; then the cleanup hook (which may remove
   * the test's data through the adapter itself), then closes the adapter: its change feed and
   * connections do not outlive the test.
   */
  const withAdapter = (body: (adapter: LiftAdapter, world: World) => Promise<void>, user: User = ADMIN) => async () => {
    const adapter = await factory({ user, roles: CONFORMANCE_ROLES, templates: CONFORMANCE_TEMPLATES });
    try {
      await body(adapter, new World(adapter));
    } finally {
      try {
        await cleanup?.(adapter);
      } finally {
        adapter.close?.();
      }
    }
  };

  const expected = new Set<Capability>(options.capabilities ?? CAPABILITIES);
  let test: (name: string, body: TestFn) => void = it;

  /**
   * A describe block; a group of an optional capability the adapter does not have is skipped
   * (through the runner's `it.skip` when it has one), and one it claims must be declared.
   */
  const group = (name: string, capability: Capability | undefined, body: () => void) =>
    describe(`${prefix}${name}`, () => {
      if (!capability) return body();
      const notRun: string[] = [];
      if (!expected.has(capability)) {
        // Skipped through the runner where it can say so; otherwise listed in one test below,
        // so a partner sees what was not run rather than nothing at all.
        test = (title, fn) => (it.skip ? it.skip(title, fn) : notRun.push(title));
      } else {
        it(`declares the ${capability} capability`, withAdapter(async (adapter) => {
          check(adapter.capabilities.has(capability) && adapter[capability], `capabilities should include ${capability} with its API`);
        }));
      }
      try {
        body();
      } finally {
        test = it;
      }
      if (notRun.length) {
        it(`does not offer ${capability}, so ${notRun.length} of its tests were not run: ${notRun.join('; ')}`, withAdapter(async (adapter) => {
          check(!adapter.capabilities.has(capability), `the adapter offers ${capability}: list it in the kit's capabilities so its tests run`);
        }));
      }
    });

  contactTests(group, (name, body) => test(name, body), withAdapter);
  group('overview query', undefined, () => overviewTests((name, body) => test(name, body), withAdapter));
  timelineTests(group, (name, body) => test(name, body), withAdapter);
  rightsTests(group, (name, body) => test(name, body), withAdapter);
  capabilityTests(group, (name, body) => test(name, body), withAdapter);
  if (options.offline) runOfflineConformance({ describe, it, offline: options.offline, ...(options.name ? { name: options.name } : {}) });
}

/** The offline cases alone, for an adapter that keeps a copy on the device (`adapter.sync`). */
export function runOfflineConformance(options: Pick<ConformanceOptions, 'describe' | 'it' | 'name'> & { offline: OfflineFactory }): void {
  const prefix = options.name ? `${options.name}: ` : '';
  options.describe(`${prefix}offline, with a copy on the device`, () =>
    offlineTests(options.it, options.offline, { roles: CONFORMANCE_ROLES, templates: CONFORMANCE_TEMPLATES }),
  );
}
