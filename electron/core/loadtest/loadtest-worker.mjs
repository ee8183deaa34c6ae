// @ts-check
/**
 * Starts the load-test worker from source (tests, bench, browser harness): registers tsx so the
 * TypeScript parsers load, then runs loadtest-worker.ts. The built app runs out/main/loadtest-worker.js.
 */
import { register } from 'tsx/esm/api';

register();
await import('./loadtest-worker.ts');
