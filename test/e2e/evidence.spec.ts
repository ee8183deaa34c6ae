import { engagementFields } from '../fixtures/engagement';
import { expect, test } from './fixtures';

/** An 8×8 PNG, made in the page by a canvas so the test needs no image files. */
async function pngBase64(app: import('@playwright/test').Page): Promise<string> {
  return app.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 8;
    canvas.height = 8;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.fillStyle = '#c0392b';
    context.fillRect(0, 0, 8, 8);
    return canvas.toDataURL('image/png').split(',')[1] ?? '';
  });
}

test('evidence added through window.api is listed, readable as a thumbnail and removable', async ({ app, harness }) => {
  const created = harness.core.router.invoke('engagement.create', engagementFields());
  if (!created.ok) throw new Error(created.error.message);
  const engagementId = (created.value as { id: string }).id;
  const dataBase64 = await pngBase64(app);

  const result = await app.evaluate(
    async ({ engagementId, dataBase64 }) => {
      const target = { engagementId, targetKind: 'finding' as const, targetId: 'finding-e2e' };
      const added = await window.api.invoke('evidence.add', {
        ...target,
        fileName: 'rack.png',
        mediaType: 'image/png',
        dataBase64,
        caption: 'Rack 3, east DC',
      });
      const list = await window.api.invoke('evidence.list', target);
      const sha = added.ok ? added.value.sha256 : '';
      const thumb = await window.api.invoke('evidence.read', { sha256: sha, variant: 'thumbnail' });
      const refused = await window.api.invoke('evidence.add', {
        ...target,
        fileName: 'setup.png',
        mediaType: 'image/png',
        dataBase64: btoa('MZ\x90\x00 not really a PNG'),
      });
      return { added, list, thumb, refused };
    },
    { engagementId, dataBase64 },
  );

  expect(result.added).toMatchObject({
    ok: true,
    value: { fileName: 'rack.png', caption: 'Rack 3, east DC', width: 8 },
  });
  expect(result.list).toMatchObject({ ok: true, value: [{ fileName: 'rack.png' }] });
  expect(result.thumb).toMatchObject({ ok: true, value: { mediaType: 'image/png' } });
  expect(result.refused).toMatchObject({
    ok: false,
    error: { code: 'INVALID_INPUT', messageKey: 'evidence.errors.type', message: expect.stringContaining('setup.png') },
  });

  const listed = harness.core.router.invoke('evidence.list', { engagementId });
  const linkId = listed.ok ? (listed.value as { id: string }[])[0]?.id : undefined;
  const removed = await app.evaluate(
    ({ engagementId, linkId }) => window.api.invoke('evidence.remove', { engagementId, linkId: linkId ?? '' }),
    { engagementId, linkId },
  );
  expect(removed).toEqual({ ok: true, value: { linkId, fileRemoved: true } });
});
