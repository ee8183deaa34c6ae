/**
 * A small pool of image workers (two), started on first use, so that decoding and re-encoding a
 * 12-megapixel photo never blocks the main thread that answers the window.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

export type ProcessedImage = {
  full: Uint8Array;
  mediaType: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
  thumbnail: Uint8Array;
  /** The JPEG deliverables embed: longest side ≤ 1600 px, ≤ 180 KB. */
  document: Uint8Array;
};

export type DocumentImage = { document: Uint8Array; width: number; height: number };

/** The firm's logo as a PNG (≤ 1200 px), what sharp decoded, and whether any pixel shows. */
export type LogoImage = { logo: Uint8Array; width: number; height: number; format: string; visible: boolean };

type Task = 'ingest' | 'document' | 'logo';
type Reply = { id: number; ok: true } & Record<string, unknown>;
type Refusal = { id: number; ok: false; reason: string };
type Pending = { resolve: (reply: Record<string, unknown>) => void; reject: (error: Error) => void };
type Slot = { worker: Worker; busy: Map<number, Pending> };

export const POOL_SIZE = 2;

/** Thrown when sharp cannot read the image: the caller turns it into a message naming the file. */
export class ImageUnreadable extends Error {}

/**
 * The worker sits beside this code: out/main/image-worker.js once built (this module is bundled
 * into out/main/index.js), electron/core/evidence/image-worker.mjs when run from source.
 */
function workerPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, 'image-worker.js');
  return existsSync(built) ? built : join(here, 'image-worker.mjs');
}

const slots: (Slot | undefined)[] = [];
let nextId = 1;
let turn = 0;

function startSlot(index: number): Slot {
  const slot: Slot = { worker: new Worker(workerPath()), busy: new Map() };
  // Idle workers must not keep a test run or the harness alive.
  slot.worker.unref();
  slot.worker.on('message', (message: Reply | Refusal) => {
    const pending = slot.busy.get(message.id);
    if (!pending) return;
    slot.busy.delete(message.id);
    if (message.ok) {
      const { id: _id, ok: _ok, ...reply } = message;
      pending.resolve(reply);
    } else {
      pending.reject(new ImageUnreadable(message.reason));
    }
  });
  const fail = (error: Error) => {
    for (const pending of slot.busy.values()) pending.reject(error);
    slot.busy.clear();
    if (slots[index] === slot) slots[index] = undefined;
  };
  slot.worker.on('error', fail);
  slot.worker.on('exit', (code) => fail(new Error(`image worker stopped (exit code ${code})`)));
  return slot;
}

function pickSlot(): Slot {
  // The least busy worker, starting new ones up to the pool size.
  for (let i = 0; i < POOL_SIZE; i += 1) {
    if (!slots[i]) slots[i] = startSlot(i);
  }
  const live = slots.filter((slot): slot is Slot => slot !== undefined);
  turn = (turn + 1) % live.length;
  return live.reduce((best, slot) => (slot.busy.size < best.busy.size ? slot : best), live[turn] as Slot);
}

function runTask(task: Task, input: Uint8Array): Promise<Record<string, unknown>> {
  const slot = pickSlot();
  const id = nextId++;
  const copy = new Uint8Array(input);
  return new Promise<Record<string, unknown>>((resolve, reject) => {
    // While a task runs the worker holds the process open, so an add is never cut short.
    slot.worker.ref();
    const release = () => {
      if (slot.busy.size === 0) slot.worker.unref();
    };
    slot.busy.set(id, {
      resolve: (reply) => {
        release();
        resolve(reply);
      },
      reject: (error) => {
        release();
        reject(error);
      },
    });
    slot.worker.postMessage({ id, task, input: copy }, [copy.buffer]);
  });
}

/**
 * Re-encodes an image in a worker, with its thumbnail and document variant. Rejects with
 * ImageUnreadable when the bytes are not a readable image.
 */
export async function processImage(input: Uint8Array): Promise<ProcessedImage> {
  return (await runTask('ingest', input)) as ProcessedImage;
}

/** The document variant of an image already stored (older stores lack it), made in a worker. */
export async function documentImage(input: Uint8Array): Promise<DocumentImage> {
  return (await runTask('document', input)) as DocumentImage;
}

/** The firm's logo made document-ready in a worker (SVG drawn); rejects with ImageUnreadable. */
export async function logoImage(input: Uint8Array): Promise<LogoImage> {
  return (await runTask('logo', input)) as LogoImage;
}

/** Stops the workers (tests, shutdown); the next call starts fresh ones. */
export async function closeImagePool(): Promise<void> {
  const running = slots.splice(0).filter((slot): slot is Slot => slot !== undefined);
  await Promise.all(running.map((slot) => slot.worker.terminate()));
}
