import {
  abbreviate,
  DEFAULT_DOCUMENT_NUMBER_PATTERN,
  DEFAULT_FILE_NAME_PATTERN,
  deliverableCode,
  documentNumberPatternProblem,
  FILE_NAME_MAX_BYTES,
  fileNamePatternProblem,
  formatDocumentNumber,
  formatFileName,
  sanitizeFileName,
} from '@shared/domain/branding';
import { validationMessagesEn } from '@shared/domain/messages';
import { DEFAULT_SETTINGS, settingsPatchSchema } from '@shared/domain/settings';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const bytes = (text: string) => new TextEncoder().encode(text).length;
const numberValues = {
  firm: 'Blue Harbor Assurance Partners Ltd',
  year: 2026,
  seq: 7,
  customer: 'Acme Retail Co.',
  event: "Singles' Day 2026",
  deliverable: 'work-plan',
};
const fileValues = {
  customer: 'Acme Retail Co.',
  event: "Singles' Day 2026",
  deliverable: 'Cloud Hypercare Service Work Plan',
  version: '0.1',
  date: '2026-06-01',
};

describe('pattern validation', () => {
  it('accepts the default patterns', () => {
    expect(documentNumberPatternProblem(DEFAULT_DOCUMENT_NUMBER_PATTERN)).toBeNull();
    expect(fileNamePatternProblem(DEFAULT_FILE_NAME_PATTERN)).toBeNull();
    expect(documentNumberPatternProblem('{firm}/{deliverable}/{customer}-{event}-{year}-{seq}')).toBeNull();
    expect(fileNamePatternProblem('{number} {firm} {language} {deliverable}')).toBeNull();
  });

  it.each([
    ['', 'validation.patternRequired'],
    ['   ', 'validation.patternRequired'],
    ['{firm}-{year}', 'validation.documentNumberSeq'],
    ['{firm}-{seq', 'validation.patternBraces'],
    ['firm}-{seq}', 'validation.patternBraces'],
    ['{firm}-{{seq}}', 'validation.patternBraces'],
    ['{firm}\n{seq}', 'validation.patternInvisible'],
    ['{firm}\u200b{seq}', 'validation.patternInvisible'],
    ['{seq}'.repeat(40), 'validation.tooLong'],
    ['{firm}-{version}-{seq}', 'validation.patternUnknownPlaceholder'],
  ])('refuses the document number pattern %j with %s', (pattern, messageKey) => {
    expect(documentNumberPatternProblem(pattern)?.messageKey).toBe(messageKey);
  });

  it.each([
    ['{customer}_{date}', 'validation.fileNameDistinct'],
    ['{customer}:{deliverable}', 'validation.fileNamePatternCharacters'],
    ['{customer}/{deliverable}', 'validation.fileNamePatternCharacters'],
    ['{deliverable}?', 'validation.fileNamePatternCharacters'],
    ['{deliverable}_{seq}', 'validation.patternUnknownPlaceholder'],
    ['{deliverable', 'validation.patternBraces'],
  ])('refuses the file name pattern %j with %s', (pattern, messageKey) => {
    expect(fileNamePatternProblem(pattern)?.messageKey).toBe(messageKey);
  });

  it('names the unknown placeholder as written', () => {
    expect(documentNumberPatternProblem('{firm}-{Year}-{seq}')).toEqual({
      messageKey: 'validation.patternUnknownPlaceholder',
      placeholder: '{Year}',
    });
  });

  it('has English text for every message key it can raise', () => {
    const keys = [
      'validation.patternRequired',
      'validation.patternBraces',
      'validation.patternInvisible',
      'validation.patternUnknownPlaceholder',
      'validation.documentNumberSeq',
      'validation.fileNamePatternCharacters',
      'validation.fileNameDistinct',
      'validation.primaryColor',
    ];
    expect(keys.filter((key) => !validationMessagesEn[key])).toEqual([]);
  });

  it('lets the settings schema refuse a bad pattern under the field it belongs to', () => {
    const result = settingsPatchSchema.safeParse({ fileNamePattern: '{customer}_{date}' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['fileNamePattern'],
      message: 'validation.fileNameDistinct',
    });
  });

  it('normalises a colour to capitals and refuses anything but #RRGGBB', () => {
    expect(settingsPatchSchema.parse({ primaryColor: ' #1f3a5f ' }).primaryColor).toBe('#1F3A5F');
    for (const bad of ['1F3A5F', '#1F3A5', '#1F3A5FF', 'navy', '#GGGGGG']) {
      expect(settingsPatchSchema.safeParse({ primaryColor: bad }).error?.issues[0]?.message).toBe(
        'validation.primaryColor',
      );
    }
  });

  it('does not let settings.update set the logo: only the validated upload may', () => {
    expect(settingsPatchSchema.parse({ firmLogo: 'a'.repeat(64) })).toEqual({});
    expect(DEFAULT_SETTINGS.firmLogo).toBeNull();
  });
});

describe('abbreviate', () => {
  it.each([
    ['KPMG Advisory', 'KPMG'],
    ['PwC China', 'PWC'],
    ['Blue Harbor Assurance Partners Ltd', 'BHAP'],
    ['Ernst & Young LLP', 'EY'],
    ['Deloitte', 'DELO'],
    ['Acme Retail Co.', 'AR'],
    ['3M Company', '3M'],
    ['上海云安咨询有限公司', '上海云安'],
    ['阿里巴巴（中国）有限公司', '阿里巴巴'],
    ['云安', '云安'],
    ['Ｂｌｕｅ Ｈａｒｂｏｒ', 'BH'],
  ])('shortens %j to %j', (name, short) => {
    expect(abbreviate(name)).toBe(short);
  });

  it('answers the fallback for a name with no letters or digits', () => {
    expect(abbreviate('', 'VGL')).toBe('VGL');
    expect(abbreviate(' — & — ', 'VGL')).toBe('VGL');
  });

  it('codes a deliverable by the initials of its id', () => {
    expect(deliverableCode('work-plan')).toBe('WP');
    expect(deliverableCode('pre-event-assessment-report')).toBe('PEAR');
  });
});

describe('formatDocumentNumber', () => {
  it('fills the default pattern with the firm abbreviated and the sequence padded to three digits', () => {
    expect(formatDocumentNumber(DEFAULT_DOCUMENT_NUMBER_PATTERN, numberValues)).toBe('BHAP-2026-007');
    expect(formatDocumentNumber('{firm}-{year}-{seq}', { ...numberValues, seq: 1234 })).toBe('BHAP-2026-1234');
  });

  it('abbreviates customer, event and deliverable too', () => {
    expect(formatDocumentNumber('{customer}/{event}/{deliverable}/{year}.{seq}', numberValues)).toBe(
      'AR/SD2026/WP/2026.007',
    );
  });

  it('numbers with VGL while the firm has no name', () => {
    expect(formatDocumentNumber(DEFAULT_DOCUMENT_NUMBER_PATTERN, { ...numberValues, firm: '' })).toBe('VGL-2026-007');
  });

  it('keeps a Chinese firm name in Chinese', () => {
    expect(formatDocumentNumber('{firm}-{year}-{seq}', { ...numberValues, firm: '上海云安咨询有限公司' })).toBe(
      '上海云安-2026-007',
    );
  });

  it('refuses to fill a pattern that does not validate', () => {
    expect(() => formatDocumentNumber('{firm}-{nope}-{seq}', numberValues)).toThrow(/not valid/);
  });
});

describe('formatFileName', () => {
  it('fills the default pattern with the full names and adds the extension', () => {
    expect(formatFileName(DEFAULT_FILE_NAME_PATTERN, fileValues, 'docx')).toBe(
      "Acme Retail Co._Singles' Day 2026_Cloud Hypercare Service Work Plan_v0.1_2026-06-01.docx",
    );
  });

  it('keeps Chinese names as they are', () => {
    const zh = {
      ...fileValues,
      customer: '杭州某某电商有限公司',
      event: '双十一 2026',
      deliverable: '重保服务工作计划',
    };
    expect(formatFileName(DEFAULT_FILE_NAME_PATTERN, zh, 'pdf')).toBe(
      '杭州某某电商有限公司_双十一 2026_重保服务工作计划_v0.1_2026-06-01.pdf',
    );
  });

  it('turns a slash or colon in a customer name into _ rather than a folder', () => {
    expect(formatFileName('{customer}_{deliverable}', { ...fileValues, customer: 'A/B: Retail' }, 'pdf')).toBe(
      'A_B_ Retail_Cloud Hypercare Service Work Plan.pdf',
    );
  });

  it('fills language, number and firm when given', () => {
    expect(
      formatFileName(
        '{number} {firm} {deliverable} ({language})',
        { ...fileValues, number: 'BHAP/2026/007', firm: 'Blue Harbor', language: 'zh-CN' },
        'docx',
      ),
    ).toBe('BHAP_2026_007 Blue Harbor Cloud Hypercare Service Work Plan (zh-CN).docx');
  });

  it('cuts a long name to the byte limit, keeping the extension and whole Chinese characters', () => {
    const name = formatFileName(
      '{customer}_{deliverable}',
      { ...fileValues, customer: '杭州某某电商有限公司'.repeat(20) },
      'docx',
    );
    expect(bytes(name)).toBeLessThanOrEqual(FILE_NAME_MAX_BYTES);
    expect(name.endsWith('.docx')).toBe(true);
    expect(name).not.toContain('\uFFFD');
    expect(name.startsWith('杭州某某电商有限公司杭州')).toBe(true);
  });
});

describe('sanitizeFileName', () => {
  it.each([
    ['CON', 'CON_.pdf'],
    ['con', 'con_.pdf'],
    ['Nul.report', 'Nul_.report.pdf'],
    ['COM1', 'COM1_.pdf'],
    ['lpt9 ', 'lpt9_.pdf'],
    ['CONSOLE', 'CONSOLE.pdf'],
    ['  ..hidden.  ', 'hidden.pdf'],
    ['a<b>c:d"e/f\\g|h?i*j', 'a_b_c_d_e_f_g_h_i_j.pdf'],
    ['tab\there\nnew', 'tab here new.pdf'],
    ['zero\u200bwidth\u202eright', 'zerowidthright.pdf'],
    ['', 'document.pdf'],
    ['...', 'document.pdf'],
    ['e\u0301', '\u00e9.pdf'],
  ])('makes %j into %j', (base, name) => {
    expect(sanitizeFileName(base, 'pdf')).toBe(name);
  });

  it('uses the fallback when nothing of the name is left', () => {
    expect(sanitizeFileName(' . ', 'docx', { fallback: 'Work Plan' })).toBe('Work Plan.docx');
  });

  it('cleans the extension and leaves it off when there is none', () => {
    expect(sanitizeFileName('report', '.PDF')).toBe('report.pdf');
    expect(sanitizeFileName('report', '')).toBe('report');
  });

  it('keeps a family emoji whole or not at all when cutting', () => {
    const family = '👨‍👩‍👧‍👦';
    const name = sanitizeFileName(`${'x'.repeat(25)}${family}`, 'pdf', { maxBytes: 32 });
    expect(name).toBe(`${'x'.repeat(25)}.pdf`);
  });

  // Whatever a customer, event or deliverable is called, the name is one both systems accept.
  const anyText = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 120 }),
    fc.string({ unit: 'binary', maxLength: 120 }),
    fc.string({
      unit: fc.constantFrom('C', 'o', 'N', 'l', 'P', 'T', '1', '.', ' ', '/', ':', '中', '\u200b', '\0'),
      maxLength: 12,
    }),
    fc.string({ unit: fc.constantFrom('重', '保', '服', '务', '计', '划', ' ', '_', '.'), maxLength: 120 }),
  );
  const maxBytes = fc.integer({ min: 32, max: 255 });
  const extension = fc.constantFrom('pdf', 'docx', '');

  it('never gives an empty name, a reserved or control character, or an edge dot or space', () => {
    fc.assert(
      fc.property(anyText, extension, maxBytes, (base, ext, max) => {
        const name = sanitizeFileName(base, ext, { maxBytes: max });
        const stem = ext === '' ? name : name.slice(0, -(ext.length + 1));
        expect(stem.length).toBeGreaterThan(0);
        expect(name).not.toMatch(/[<>:"/\\|?*\p{Cc}\p{Cf}\p{Cs}]/u);
        expect(stem).not.toMatch(/^[. ]|[. ]$/);
        if (ext !== '') expect(name.endsWith(`.${ext}`)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('never gives a Windows device name, whatever follows its first dot', () => {
    fc.assert(
      fc.property(anyText, extension, (base, ext) => {
        const name = sanitizeFileName(base, ext);
        const beforeDot = (name.split('.')[0] ?? '').trimEnd();
        expect(beforeDot).not.toMatch(/^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])$/i);
      }),
      { numRuns: 2000 },
    );
  });

  it('fits the byte limit with the extension, and never splits a character', () => {
    fc.assert(
      fc.property(anyText, extension, maxBytes, (base, ext, max) => {
        const name = sanitizeFileName(base.repeat(4), ext, { maxBytes: max });
        expect(bytes(name)).toBeLessThanOrEqual(max);
        // A split character would have to be re-encoded as U+FFFD.
        expect(new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(name))).toBe(name);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves a name it made as it is', () => {
    fc.assert(
      fc.property(anyText, extension, maxBytes, (base, ext, max) => {
        const name = sanitizeFileName(base, ext, { maxBytes: max });
        const stem = ext === '' ? name : name.slice(0, -(ext.length + 1));
        expect(sanitizeFileName(stem, ext, { maxBytes: max })).toBe(name);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a short Chinese name exactly', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('杭', '州', '电', '商', '重', '保', '服', '务', '_', '-'),
          minLength: 1,
          maxLength: 50,
        }),
        (base) => {
          expect(sanitizeFileName(base, 'docx')).toBe(`${base}.docx`);
        },
      ),
    );
  });
});
