/**
 * Contract fuzz (issue 10, point 5): fast-check drives every method of the contract through the
 * router with arbitrary values and with inputs shaped by the method's own input schema (edges of
 * every bound, ids that exist and ids that do not). Every reply must be a valid result — a value
 * the output schema accepts, or an expected error (never INTERNAL, which is an unhandled
 * exception) — no promise may be left rejected, nothing may reach Object.prototype, and the
 * database must pass integrity_check and foreign_key_check afterwards.
 *
 * Then runs of up to ten calls to any synchronous methods in any order, where one method meets
 * the state another left.
 *
 * Runs per method: VIGIL_FUZZ_RUNS (default 32; asynchronous methods, which render or decode in
 * workers, get a quarter; sequences one and a half times as many). Seed: VIGIL_FUZZ_SEED. A
 * failure prints the method, the breach (with the logged stack for INTERNAL) and fast-check's
 * seed, path and counterexample. VIGIL_FUZZ_REPORT=1 prints the outcomes per method.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appErrorSchema, contract, isAsyncMethod, type Method, type Result } from '@shared/contract';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Core } from '../../electron/core/index';
import { closeTestCores, startTestCore } from '../fixtures/core';
import { removeTempDataDirs } from '../fixtures/dataDir';
import { arbitraryFromJsonSchema, harvest, idNameFor, wildValue } from '../fixtures/fuzz-arbitraries';
import { type FuzzState, recorder, seedEngagement, seedFuzzState } from '../fixtures/fuzz-seed';

const RUNS = Math.max(1, Number(process.env.VIGIL_FUZZ_RUNS ?? 32));
const ASYNC_RUNS = Math.max(2, Math.ceil(RUNS / 4));
const SEED = Number(process.env.VIGIL_FUZZ_SEED ?? 20_261_202);
/** A long run by hand meets slow calls more often (deliverable.list builds every document). */
const METHOD_TIMEOUT_MS = Math.max(60_000, RUNS * 2_000);

const METHODS = Object.keys(contract).filter((name): name is Method => Object.hasOwn(contract, name));

let core: Core;
let state: FuzzState;
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
const fuzzed = new Set<string>();
let calls = 0;
/** Replies per method by outcome (`ok` or the error code), printed with VIGIL_FUZZ_REPORT=1 to see how deep the fuzz gets. */
const outcomes = new Map<string, Map<string, number>>();

function count(method: string, result: Result<unknown>): void {
  const byOutcome = outcomes.get(method) ?? new Map<string, number>();
  outcomes.set(method, byOutcome);
  const outcome = result.ok ? 'ok' : `${result.error.code}${result.error.field ? ` ${result.error.field}` : ''}`;
  byOutcome.set(outcome, (byOutcome.get(outcome) ?? 0) + 1);
}

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  core = startTestCore();
  state = await seedFuzzState(core);
}, 60_000);

afterAll(() => {
  process.off('unhandledRejection', onRejection);
  closeTestCores();
  removeTempDataDirs();
});

/** A seed per method, so one method's failure replays without running the others. */
function seedFor(method: string): number {
  let hash = SEED;
  for (const char of method) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

/** The router's last log line for the method's failure: the stack behind an INTERNAL reply. */
function lastLoggedFailure(method: Method): string {
  const file = join(core.context.dataDir, 'logs', 'vigil.log');
  if (!existsSync(file)) return '(no log)';
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const last = lines.reverse().find((line) => line.includes(`"${method} failed"`));
  return last?.slice(0, 2000) ?? '(no failure logged)';
}

/** Why a reply breaks the contract, or undefined when it keeps it. */
function contractBreach(method: Method, result: Result<unknown>): string | undefined {
  if (Object.hasOwn(Object.prototype, 'polluted')) return 'Object.prototype was polluted';
  if (result.ok) {
    const parsed = contract[method].output.safeParse(result.value);
    return parsed.success ? undefined : `value breaks the output schema:\n${z.prettifyError(parsed.error)}`;
  }
  const error = appErrorSchema.safeParse(result.error);
  if (!error.success) return `error breaks appErrorSchema:\n${z.prettifyError(error.error)}`;
  if (result.error.code === 'INTERNAL') return `INTERNAL (an unhandled exception): ${lastLoggedFailure(method)}`;
  return undefined;
}

/**
 * Puts the seeded engagement back in play before each method, so a method fuzzed after
 * engagement.trash or warroom.close still reaches its service's work: restored, unarchived,
 * war room reopened, or made anew when the trash was emptied.
 */
async function keepEngagementLive(): Promise<void> {
  const { call } = recorder(core, state);
  const id = state.engagementId;
  const found = core.router.invoke('engagement.get', { id });
  if (!found.ok) {
    await seedEngagement(core, state);
    return;
  }
  call('engagement.restore', { id });
  call('engagement.unarchive', { id });
  const warRoom = core.router.invoke('warroom.state', { engagementId: id });
  if (warRoom.ok && typeof Reflect.get(Object(warRoom.value), 'closedAt') === 'string') {
    call('warroom.reopen', { engagementId: id, reason: 'Fuzz: back on duty' });
  }
  // Expected refusals of this upkeep (not archived, not trashed) are no seeding problem.
  state.refused.length = 0;
}

const inputArbitraries = new Map<Method, fc.Arbitrary<unknown>>();

/** A method's inputs, built once: the known ids are those seen by the time it is first fuzzed. */
function cachedInputsFor(method: Method): fc.Arbitrary<unknown> {
  const cached = inputArbitraries.get(method) ?? inputsFor(method);
  inputArbitraries.set(method, cached);
  return cached;
}

/** One call to the router, checked against the contract; the reply's values join the known ones. */
async function callChecked(method: Method, input: unknown): Promise<void> {
  calls += 1;
  const result = await core.router.invokeAsync(method, input);
  count(method, result);
  const breach = contractBreach(method, result);
  if (breach !== undefined) throw new Error(`${method}: ${breach}`);
  if (result.ok) harvest(state.known, result.value, idNameFor(method));
}

function inputsFor(method: Method): fc.Arbitrary<unknown> {
  const schema = z.toJSONSchema(contract[method].input, { io: 'input', unrepresentable: 'any' });
  return fc.oneof(
    { arbitrary: wildValue, weight: 1 },
    { arbitrary: arbitraryFromJsonSchema(method, schema, state.known, { valid: false, noise: 8 }), weight: 2 },
    { arbitrary: arbitraryFromJsonSchema(method, schema, state.known, { valid: true }), weight: 4 },
  );
}

describe('contract fuzz', () => {
  it('seeds a busy engagement through the router', () => {
    expect(state.refused).toEqual([]);
    expect(state.known.uuids.length).toBeGreaterThan(20);
  });

  it.each(METHODS)(
    '%s answers arbitrary and boundary inputs with a valid result',
    async (method) => {
      await keepEngagementLive();
      fuzzed.add(method);
      const numRuns = isAsyncMethod(method) ? ASYNC_RUNS : RUNS;
      await fc.assert(
        fc.asyncProperty(cachedInputsFor(method), (input) => callChecked(method, input)),
        { seed: seedFor(method), numRuns, verbose: 1 },
      );
    },
    METHOD_TIMEOUT_MS,
  );

  it(
    'answers runs of calls to methods in any order with valid results',
    async () => {
      await keepEngagementLive();
      // Synchronous methods only: the state one call leaves is what the next finds, which is where
      // methods meet (a window one method stores, a plan another reads); the slow ones had their turn.
      const quick = METHODS.filter((method) => !isAsyncMethod(method));
      const call = fc
        .constantFrom(...quick)
        .chain((method) => cachedInputsFor(method).map((input): [Method, unknown] => [method, input]));
      await fc.assert(
        fc.asyncProperty(fc.array(call, { minLength: 1, maxLength: 10 }), async (sequence) => {
          for (const [method, input] of sequence) await callChecked(method, input);
        }),
        { seed: seedFor('sequences'), numRuns: Math.ceil(RUNS * 1.5), verbose: 1 },
      );
    },
    METHOD_TIMEOUT_MS,
  );

  it('fuzzed every method of the contract, each with its full number of calls', () => {
    expect([...fuzzed].sort()).toEqual(Object.keys(contract).sort());
    const short = METHODS.filter((method) => {
      const made = [...(outcomes.get(method)?.values() ?? [])].reduce((sum, n) => sum + n, 0);
      return made < (isAsyncMethod(method) ? ASYNC_RUNS : RUNS);
    });
    expect(short).toEqual([]);
    if (process.env.VIGIL_FUZZ_REPORT) {
      for (const [method, byOutcome] of outcomes) console.info(method, JSON.stringify(Object.fromEntries(byOutcome)));
    }
    console.info(`contract fuzz: ${calls} calls over ${fuzzed.size} methods (seed ${SEED}, ${RUNS} runs a method)`);
  });

  it('left no rejected promise unhandled and a sound database', () => {
    expect(rejections).toEqual([]);
    const sqlite = core.context.store.sqlite;
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
  });
});
