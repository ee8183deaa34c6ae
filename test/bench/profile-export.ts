/**
 * `npx tsx test/bench/profile-export.ts [seed|pdf|docx] [en|zh-CN]`: where the export of fixture L
 * spends its time. `seed` stores L with its photos under $VIGIL_PROFILE_DIR (default /tmp/vigil-L)
 * and writes the document model and image paths beside it; the other modes render on this thread,
 * timed per phase, for `node --cpu-prof`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeImagePool } from '../../electron/core/evidence/pool';
import { buildDocument, type DocumentSource } from '../../electron/core/export/build';
import { fileAssets, type ImageFiles, renderDocument } from '../../electron/core/export/render';
import { startCore } from '../../electron/core/index';
import { sourceImages } from '../../electron/core/services/deliverable-export';
import { deliverableSource } from '../../electron/core/services/deliverables';
import { documentPath } from '../../electron/core/services/evidence';
import { MIGRATIONS_DIR, RESOURCES_DIR } from '../fixtures/core';
import { seedLargeEngagementWithPhotos } from '../fixtures/large-engagement';

const dir = process.env.VIGIL_PROFILE_DIR ?? '/tmp/vigil-L';
const [mode = 'pdf', language = 'en'] = process.argv.slice(2);

if (mode === 'seed') {
  mkdirSync(dir, { recursive: true });
  const core = startCore({
    dataDir: join(dir, 'data'),
    migrationsDir: MIGRATIONS_DIR,
    resourcesDir: RESOURCES_DIR,
    version: 'profile',
    transport: 'harness',
  });
  const large = await seedLargeEngagementWithPhotos(core, { fields: { catalogId: 'huawei-key-event-on-duty' } });
  for (const lang of ['en', 'zh-CN'] as const) {
    core.router.invoke('engagement.update', { id: large.engagementId, patch: { language: lang } });
    const started = performance.now();
    const source = deliverableSource(core.context, large.engagementId, 'assurance-solution');
    console.log(`gather ${lang}: ${(performance.now() - started).toFixed(1)} ms`);
    const images = Object.fromEntries(sourceImages(source).map((sha) => [sha, documentPath(join(dir, 'data'), sha)]));
    writeFileSync(join(dir, `L-${lang}.json`), JSON.stringify({ source, images, engagementId: large.engagementId }));
  }
  core.close();
  await closeImagePool();
} else {
  const file = join(dir, `L-${language}.json`);
  if (!existsSync(file)) throw new Error(`run "seed" first: ${file} is missing`);
  const { source, images } = JSON.parse(readFileSync(file, 'utf8')) as { source: DocumentSource; images: ImageFiles };
  for (let run = 0; run < 3; run += 1) {
    const started = performance.now();
    const bytes = await renderDocument(
      buildDocument(source),
      mode === 'docx' ? 'docx' : 'pdf',
      fileAssets(images, () => {}),
    );
    console.log(
      `${mode} ${language} run ${run + 1}: ${(performance.now() - started).toFixed(0)} ms, ${(bytes.byteLength / 1e6).toFixed(1)} MB`,
    );
  }
}
