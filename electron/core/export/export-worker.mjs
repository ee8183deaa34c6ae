// @ts-check
/**
 * Starts the export worker from source (tests, bench, browser harness): registers tsx so the
 * TypeScript renderers load, then runs export-worker.ts. The built app runs out/main/export-worker.js.
 */
import { register } from 'tsx/esm/api';

register();
await import('./export-worker.ts');
