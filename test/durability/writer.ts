/**
 * Child process of the crash durability test (test/db/crash-durability.test.ts): opens the core on
 * the data folder it is given and answers checklist items through the router in a loop, printing one
 * `ack` line per write only after the router returned ok. The parent kills it with SIGKILL at random
 * moments, so every printed line is a write the app told the consultant was saved.
 *
 * Usage: tsx test/durability/writer.ts <dataDir> <engagementId> <templateId> <run> <itemId>...
 */
import { writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { startTestCore } from '../fixtures/core';

const [dataDir, engagementId, templateId, runArg, ...itemIds] = process.argv.slice(2);
if (!dataDir || !engagementId || !templateId || !runArg || itemIds.length === 0) {
  throw new Error('usage: writer.ts <dataDir> <engagementId> <templateId> <run> <itemId>...');
}

// The parent runs this bundled outside the source tree, so paths come from the working directory
// (the repo root) rather than from the fixture's own location.
const core = startTestCore({
  dataDir,
  migrationsDir: resolve('electron', 'core', 'db', 'migrations'),
  resourcesDir: resolve('resources'),
});
// Synchronous writes to fd 1 so an acknowledged line is in the pipe before the next write starts;
// a buffered console.log could still hold it when SIGKILL arrives, which would hide acks, not lose data.
writeSync(1, 'ready\n');

const yesNo = ['yes', 'no', 'na'] as const;
for (let seq = 0; ; seq++) {
  const itemId = itemIds[seq % itemIds.length] ?? '';
  const value = { kind: 'yesNo', value: yesNo[seq % yesNo.length] ?? 'yes' } as const;
  // The note makes every write unique, so the parent can find each acknowledged one in the history.
  const note = `${runArg}:${seq}`;
  const result = core.router.invoke('checklist.answer', { engagementId, templateId, itemId, value, note });
  if (!result.ok) throw new Error(`checklist.answer failed: ${result.error.code} ${result.error.message}`);
  writeSync(1, `ack ${JSON.stringify({ itemId, note, value })}\n`);
}
