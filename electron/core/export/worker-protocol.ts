/** Messages between the main thread and the export worker (see export-worker.ts and worker-client.ts). */
import type { DocumentSource } from './build';
import type { Theme } from './common';
import type { ExportFormat, ImageFiles } from './render';

/** Loads the modules and both fonts with a one-page document, so the first real export is warm. */
export type WarmRequest = { id: number; warm: true };

export type RenderRequest = {
  id: number;
  /** The document is built (and redacted) in the worker, off the main thread. */
  source: DocumentSource;
  format: ExportFormat;
  images: ImageFiles;
  theme?: Theme;
};

/** Rendering stages, in order; the client turns them into one fraction for the progress bar. */
export const RENDER_STAGES = ['images', 'layout', 'done'] as const;
export type RenderStage = (typeof RENDER_STAGES)[number];

export type RenderReply =
  | { id: number; kind: 'progress'; stage: RenderStage; fraction: number }
  | { id: number; kind: 'done'; bytes: Uint8Array; warnings: ImageWarning[]; millis: number }
  | { id: number; kind: 'failed'; message: string };

export type ImageWarning = { sha256: string; problem: 'missing' | 'unreadable' | 'undecodable' };
