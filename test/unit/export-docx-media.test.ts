import { BUILDERS } from '@shared/report/builders';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../electron/core/export/docx';
import { mediaStandIn, withMedia } from '../../electron/core/export/docx-media';
import { reportInput } from '../fixtures/report-input';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

async function photo(seed: number): Promise<Uint8Array> {
  const noise = Buffer.alloc(64 * 48 * 3);
  for (let i = 0; i < noise.length; i += 1) noise[i] = (i * 31 + seed * 97) % 251;
  return new Uint8Array(
    await sharp(noise, { raw: { width: 64, height: 48, channels: 3 } })
      .jpeg()
      .toBuffer(),
  );
}

describe('DOCX media stored as they are', () => {
  it('replaces each stand-in with its image, stored verbatim, and keeps the XML parts deflated', async () => {
    const [a, b] = [await photo(1), await photo(2)];
    const xml = strToU8(`<w:document>${'<w:p/>'.repeat(2000)}</w:document>`);
    const packed = zipSync({
      'word/document.xml': xml,
      'word/media/one.jpg': mediaStandIn(SHA_A),
      'word/media/two.jpg': mediaStandIn(SHA_B),
    });
    const out = withMedia(
      packed,
      new Map([
        [SHA_A, a],
        [SHA_B, b],
      ]),
    );
    const parts = unzipSync(out);
    expect(parts['word/media/one.jpg']).toEqual(a);
    expect(parts['word/media/two.jpg']).toEqual(b);
    expect(strFromU8(parts['word/document.xml'] ?? new Uint8Array())).toContain('<w:p/>');
    // Stored: the JPEG's bytes appear as they are in the package; the XML does not (deflated).
    expect(Buffer.from(out).indexOf(Buffer.from(a))).toBeGreaterThan(0);
    expect(Buffer.from(out).indexOf(Buffer.from(xml))).toBe(-1);
  });

  it('refuses a stand-in whose image was not given rather than ship a broken picture', () => {
    const packed = zipSync({ 'word/media/one.jpg': mediaStandIn(SHA_A) });
    expect(() => withMedia(packed, new Map())).toThrow(/stands in for image aaaaaaaaaaaa/);
  });

  it('puts every evidence photo of a deliverable into the DOCX byte for byte', async () => {
    const build = BUILDERS['assurance-solution'];
    if (!build) throw new Error('no builder');
    const input = reportInput('huawei');
    const document = build(input);
    const shas = [
      ...new Set((input.evidence ?? []).filter((e) => e.mediaType.startsWith('image/')).map((e) => e.sha256)),
    ];
    expect(shas.length).toBeGreaterThan(0);
    const images = new Map(await Promise.all(shas.map(async (sha, i) => [sha, await photo(i + 3)] as const)));
    const docx = await renderDocx(document, {
      image: async ({ sha256 }) => ({ data: images.get(sha256) ?? new Uint8Array() }),
    });
    const media = Object.entries(unzipSync(docx)).filter(([path]) => path.startsWith('word/media/'));
    for (const image of images.values()) {
      expect(media.some(([, bytes]) => Buffer.from(bytes).equals(Buffer.from(image)))).toBe(true);
      expect(Buffer.from(docx).indexOf(Buffer.from(image))).toBeGreaterThan(0);
    }
  });
});
