/**
 * The export worker: renders deliverables off the main thread so the window stays responsive while
 * a 100-photo PDF is laid out. Long-lived: fonts and modules load once, later exports are warm.
 * Built by electron-vite into out/main/export-worker.js; from source it starts through
 * export-worker.mjs, which registers tsx first.
 */
import { parentPort } from 'node:worker_threads';
import { type Document, text } from '../../../shared/report/model';
import type { ExportAssets } from './assets';
import { buildDocument } from './build';
import { fileAssets, renderDocument } from './render';
import type { ImageWarning, RenderReply, RenderRequest, WarmRequest } from './worker-protocol';

function reply(message: RenderReply): void {
  if (message.kind === 'done') parentPort?.postMessage(message, [message.bytes.buffer as ArrayBuffer]);
  else parentPort?.postMessage(message);
}

/** Counts images as they are read, so the progress bar moves during the slowest part. */
function countingAssets(assets: ExportAssets, total: number, onImage: (done: number) => void): ExportAssets {
  let done = 0;
  return {
    async image(ref) {
      const image = await assets.image(ref);
      done += 1;
      onImage(Math.min(done, total));
      return image;
    },
  };
}

async function render(request: RenderRequest): Promise<void> {
  const started = performance.now();
  const warnings: ImageWarning[] = [];
  const warn = (sha256: string, problem: ImageWarning['problem']) => {
    if (!warnings.some((w) => w.sha256 === sha256)) warnings.push({ sha256, problem });
  };
  const total = Object.keys(request.images).length;
  const assets = countingAssets(
    fileAssets(request.images, (sha256, problem) =>
      warnings.push({ sha256, problem: problem as ImageWarning['problem'] }),
    ),
    total,
    (done) => {
      if (done === total || done % 10 === 0)
        reply({ id: request.id, kind: 'progress', stage: 'images', fraction: total === 0 ? 1 : done / total });
    },
  );
  reply({ id: request.id, kind: 'progress', stage: 'images', fraction: 0 });
  const document = buildDocument(request.source);
  const pending = renderDocument(document, request.format, assets, {
    ...(request.theme ? { theme: request.theme } : {}),
    // The renderers decode every image; one that fails there prints as a placeholder too.
    onWarning: ({ code, sha256 }) => warn(sha256, code === 'imageMissing' ? 'missing' : 'undecodable'),
  });
  // Images resolve first; the layout itself gives no progress of its own.
  const bytes = await pending;
  // Transferred, not copied: only a view that fills its whole buffer can move (a Buffer may share one).
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
  reply({ id: request.id, kind: 'done', bytes: whole, warnings, millis: performance.now() - started });
}

/**
 * One render at a time: pdfmake keeps its fonts and access policies in module state, so two
 * renders interleaved at their awaits could disturb each other (an export and a signing, or the
 * preview and an export, can be asked for together).
 */
let queue: Promise<void> = Promise.resolve();

/** A page in Chinese and English, so pdfmake loads and subsets both fonts once. */
const WARM_DOCUMENT: Document = {
  id: 'warm-up',
  title: 'Vigil 预热',
  number: 'W-1',
  version: '0.1',
  date: '2026-01-01',
  language: 'zh-CN',
  confidentiality: 'Internal',
  draft: true,
  cover: { customer: '客户 Customer', event: '活动 Event' },
  control: [{ key: '文档 Document', value: 'W-1' }],
  frontMatter: [],
  sections: [{ id: 'warm', number: '1', title: '预热 Warm-up', blocks: [text('预热 warm-up')], subsections: [] }],
};

async function warm(id: number): Promise<void> {
  const started = performance.now();
  const none: ExportAssets = { image: async () => null };
  await renderDocument(WARM_DOCUMENT, 'pdf', none);
  await renderDocument(WARM_DOCUMENT, 'docx', none);
  reply({ id, kind: 'done', bytes: new Uint8Array(0), warnings: [], millis: performance.now() - started });
}

parentPort?.on('message', (request: RenderRequest | WarmRequest) => {
  queue = queue.then(() =>
    ('warm' in request ? warm(request.id) : render(request)).catch((error: unknown) => {
      reply({ id: request.id, kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }),
  );
});
