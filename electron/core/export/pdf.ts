/**
 * PDF renderer for the render-agnostic document model (`shared/report/model.ts`), with pdfmake 0.3.
 * It lays the model out only: every string comes from the model or from the small fixed-label
 * table below, so the DOCX renderer shows the same content.
 *
 * Fonts are embedded TTFs read once into memory and handed to pdfmake as buffers (pdfkit subsets
 * them): Roboto for Latin text, Noto Sans SC (OFL) for zh-CN documents and for any text node
 * containing CJK characters in an English document — pdfmake uses one font per text node, so the
 * choice is made per node. No file or URL is ever read by pdfmake itself (both access policies deny).
 *
 * Layout: A4; a cover page (no running header or footer); document control and front matter; a
 * table of contents; the numbered body, each top-level section on a new page; the document number
 * in the header and "Page X of Y" in the footer; a DRAFT watermark on every page while a draft.
 */
import { createRequire } from 'node:module';
import pdfmake from 'pdfmake';
import type { Content, TableCell } from 'pdfmake/interfaces';
import type { Severity } from '../../../shared/domain/finding';
import type { Block, BlockOf, Document, ImageRef, Run, Section } from '../../../shared/report/model';
import { docText } from '../../../shared/report/text';
import type { ExportAssets } from './assets';

export type { ExportAssets } from './assets';

// ---------------------------------------------------------------------------------------------
// Page geometry (points) and palette — the DOCX renderer's palette

const PAGE_W = 595.28; // A4
const MARGIN_X = 62; // ≈ 2.2 cm
const MARGIN_TOP = 66;
const MARGIN_BOTTOM = 60;
const CONTENT_W = PAGE_W - 2 * MARGIN_X;
const MAX_IMAGE_H = 420;

const PRIMARY = '#1F3A5F';
const ACCENT = '#2E75B6';
const MUTED = '#5F6B7A';
const BORDER = '#BFC8D4';
const HEADER_FILL = '#DCE4EE';
const KEY_FILL = '#F2F5F9';
const CALLOUT_FILL = '#F4F6F9';
const BLOCKING = '#B42318';

/** Severity colours, critical dark red … info grey; `text` is the readable foreground on `fill`. */
const SEVERITY_COLOURS: Record<Severity, { fill: string; text: string; tint: string }> = {
  critical: { fill: '#8B1A1A', text: '#FFFFFF', tint: '#F6DEDE' },
  high: { fill: '#D9480F', text: '#FFFFFF', tint: '#FCE6DA' },
  medium: { fill: '#E8A317', text: '#1F1F1F', tint: '#FDF2D6' },
  low: { fill: '#2F6EBA', text: '#FFFFFF', tint: '#DEE9F6' },
  info: { fill: '#7F7F7F', text: '#FFFFFF', tint: '#ECECEC' },
};

/** Fixed labels only the renderers print (cover, control, TOC, footer, signature lines). */
const LABELS = {
  en: {
    documentControl: 'Document control',
    contents: 'Contents',
    number: 'Document number',
    version: 'Version',
    date: 'Date',
    pageOf: (page: number, pages: number) => `Page ${page} of ${pages}`,
    name: 'Name',
    title: 'Title',
    organisation: 'Organisation',
    signature: 'Signature',
    imageMissing: 'Image not available',
    watermark: 'DRAFT',
  },
  'zh-CN': {
    documentControl: '文档控制',
    contents: '目录',
    number: '文档编号',
    version: '版本',
    date: '日期',
    pageOf: (page: number, pages: number) => `第 ${page} 页，共 ${pages} 页`,
    name: '姓名',
    title: '职务',
    organisation: '单位',
    signature: '签字',
    imageMissing: '图片不可用',
    watermark: 'DRAFT 草稿',
  },
} as const;
type Labels = (typeof LABELS)[keyof typeof LABELS];

// ---------------------------------------------------------------------------------------------
// Fonts

const LATIN = 'Roboto';
const CJK = 'NotoSansSC';
/** CJK ideographs, punctuation, full-width forms, kana and hangul: anything Roboto has no glyph for. */
const CJK_CHARS =
  /[\u2E80-\u303F\u3040-\u30FF\u3100-\u31FF\u3200-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]/u;

type FontFiles = Record<string, { normal: string; bold: string; italics: string; bolditalics: string }>;
let fontCache: FontFiles | undefined;

function fonts(): FontFiles {
  if (fontCache) return fontCache;
  const require = createRequire(import.meta.url);
  const file = (specifier: string) => require.resolve(specifier);
  const roboto = (name: string) => file(`pdfmake/fonts/Roboto/Roboto-${name}.ttf`);
  const sc = (name: string) => file(`@expo-google-fonts/noto-sans-sc/${name}/NotoSansSC_${name}.ttf`);
  const scRegular = sc('400Regular');
  const scBold = sc('700Bold');
  fontCache = {
    [LATIN]: {
      normal: roboto('Regular'),
      bold: roboto('Medium'),
      italics: roboto('Italic'),
      bolditalics: roboto('MediumItalic'),
    },
    // Noto Sans SC has no italic: italics fall back to the upright faces.
    [CJK]: { normal: scRegular, bold: scBold, italics: scRegular, bolditalics: scBold },
  };
  return fontCache;
}

// ---------------------------------------------------------------------------------------------
// Context and small builders

type ResolvedImage = NonNullable<Awaited<ReturnType<ExportAssets['image']>>>;
type Ctx = {
  doc: Document;
  labels: Labels;
  /** The document's base font; text nodes with CJK characters switch to the CJK font. */
  base: typeof LATIN | typeof CJK;
  images: Map<string, ResolvedImage | null>;
};

type TextOptions = {
  bold?: boolean;
  italics?: boolean;
  color?: string;
  fontSize?: number;
  alignment?: 'left' | 'right' | 'center' | 'justify';
  margin?: [number, number, number, number];
  style?: string;
};

/** A text node in the font that has its glyphs. */
function txt(ctx: Ctx, text: string, options: TextOptions = {}): Content {
  const font = ctx.base === CJK || CJK_CHARS.test(text) ? CJK : LATIN;
  return { text, ...options, ...(font === ctx.base ? {} : { font }) };
}

function runsOf(ctx: Ctx, runs: readonly Run[], options: TextOptions = {}): Content {
  return {
    text: runs.map((r) => txt(ctx, r.text, { bold: r.bold ?? false, italics: r.italic ?? false })),
    ...options,
  };
}

type CellOptions = TextOptions & { fill?: string; colSpan?: number };
function cell(ctx: Ctx, text: string, options: CellOptions = {}): TableCell {
  const { fill, colSpan, ...rest } = options;
  return {
    ...(txt(ctx, text, rest) as object),
    ...(fill ? { fillColor: fill } : {}),
    ...(colSpan ? { colSpan } : {}),
  } as TableCell;
}

const gridLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => BORDER,
  vLineColor: () => BORDER,
  paddingLeft: () => 5,
  paddingRight: () => 5,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

const caption = (ctx: Ctx, text: string, margin: [number, number, number, number] = [0, 3, 0, 8]): Content =>
  txt(ctx, text, { style: 'caption', margin });

// ---------------------------------------------------------------------------------------------
// Blocks

function paragraph(ctx: Ctx, b: BlockOf<'paragraph'>): Content {
  return runsOf(ctx, b.runs, { style: b.style === 'note' ? 'note' : 'body' });
}

function keyValue(ctx: Ctx, rows: readonly { key: string; value: string }[], keyWidth = '32%'): Content {
  return {
    table: {
      widths: [keyWidth, '*'],
      body: rows.map((r) => [cell(ctx, r.key, { bold: true, color: PRIMARY, fill: KEY_FILL }), cell(ctx, r.value)]),
      dontBreakRows: true,
    },
    layout: gridLayout,
    margin: [0, 2, 0, 10],
  };
}

function dataTable(ctx: Ctx, b: BlockOf<'table'>): Content[] {
  const sum = b.columns.reduce((s, c) => s + c.width, 0);
  const widths = b.columns.map((c) => `${((c.width / sum) * 100).toFixed(2)}%`);
  const header = b.columns.map((c) =>
    cell(ctx, c.header, { bold: true, color: PRIMARY, fill: HEADER_FILL, alignment: c.align }),
  );
  const rows = b.rows.map((row) => b.columns.map((c, i) => cell(ctx, row[i] ?? '', { alignment: c.align })));
  return [
    ...(b.caption ? [caption(ctx, b.caption, [0, 4, 0, 3])] : []),
    {
      table: { headerRows: 1, widths, body: [header, ...rows] },
      layout: gridLayout,
      fontSize: b.columns.length > 5 ? 8 : 9,
      margin: [0, 0, 0, 10],
    },
  ];
}

function severityMatrix(ctx: Ctx, b: BlockOf<'findings'>): Content[] {
  const total = b.summary.reduce((s, x) => s + x.count, 0);
  return [
    caption(ctx, `${b.labels.summary ?? ''} (${total})`, [0, 4, 0, 3]),
    {
      table: {
        widths: b.summary.map(() => '*'),
        body: [
          b.summary.map((s) => {
            const c = SEVERITY_COLOURS[s.severity];
            return cell(ctx, s.label, { bold: true, fill: c.fill, color: c.text, alignment: 'center' });
          }),
          b.summary.map((s) => {
            const c = SEVERITY_COLOURS[s.severity];
            return cell(ctx, String(s.count), {
              bold: s.count > 0,
              fontSize: 16,
              alignment: 'center',
              fill: s.count > 0 ? c.tint : '#FFFFFF',
              color: s.count > 0 ? c.fill : MUTED,
            });
          }),
        ],
      },
      layout: { ...gridLayout, paddingTop: () => 5, paddingBottom: () => 5 },
      margin: [0, 0, 0, 12],
      unbreakable: true,
    },
  ];
}

function findings(ctx: Ctx, b: BlockOf<'findings'>): Content[] {
  const label = (key: string) => b.labels[key] ?? key;
  const out: Content[] = [...severityMatrix(ctx, b)];
  for (const f of b.items) {
    const c = SEVERITY_COLOURS[f.severity];
    out.push({
      table: {
        widths: [4, '*', 'auto'],
        body: [
          [
            { text: '', fillColor: c.fill },
            {
              text: [
                txt(ctx, `${f.ref}  `, { bold: true, color: MUTED }),
                txt(ctx, f.title, { bold: true, color: PRIMARY }),
              ],
              fillColor: c.tint,
            },
            cell(ctx, f.severityLabel, { bold: true, fill: c.fill, color: c.text, alignment: 'center', fontSize: 8 }),
          ],
        ],
      },
      layout: { ...gridLayout, hLineWidth: () => 0, vLineWidth: () => 0, paddingTop: () => 4, paddingBottom: () => 4 },
      margin: [0, 6, 0, 0],
      unbreakable: true,
    });
    const rows: { key: string; value: string }[] = [
      { key: label('description'), value: f.description },
      { key: label('recommendation'), value: f.recommendation },
      ...(f.affectedResources.length > 0
        ? [{ key: label('affectedResources'), value: f.affectedResources.join('\n') }]
        : []),
      { key: label('owner'), value: f.owner },
      { key: label('dueDate'), value: f.dueDate ?? '—' },
      { key: label('status'), value: f.statusLabel },
      ...(f.disposition ? [{ key: label('disposition'), value: f.disposition }] : []),
    ];
    out.push(keyValue(ctx, rows, '26%'));
    for (const e of f.evidence) out.push(...image(ctx, e.ref, e.caption, 'half'));
  }
  return out;
}

function image(ctx: Ctx, ref: ImageRef, text: string, width: BlockOf<'image'>['width']): Content[] {
  const resolved = ctx.images.get(ref.sha256) ?? null;
  if (!resolved) {
    return [
      {
        table: {
          widths: ['*'],
          body: [
            [cell(ctx, `[${ctx.labels.imageMissing}]`, { color: MUTED, alignment: 'center', fill: CALLOUT_FILL })],
          ],
        },
        layout: { ...gridLayout, paddingTop: () => 18, paddingBottom: () => 18 },
        margin: [0, 4, 0, 0],
      },
      caption(ctx, text),
    ];
  }
  const maxW = CONTENT_W * (width === 'full' ? 1 : width === 'half' ? 0.5 : 1 / 3);
  const scale = Math.min(1, maxW / resolved.width, MAX_IMAGE_H / resolved.height);
  return [
    {
      stack: [
        {
          image: ref.sha256,
          width: Math.max(1, resolved.width * scale),
          height: Math.max(1, resolved.height * scale),
          alignment: 'center',
        },
        caption(ctx, text, [0, 3, 0, 0]),
      ],
      unbreakable: true,
      margin: [0, 4, 0, 8],
    },
  ];
}

function notAssessed(ctx: Ctx, b: BlockOf<'notAssessed'>): Content {
  const edge = b.blocksSigning ? BLOCKING : ACCENT;
  return {
    table: {
      widths: [3, '*'],
      body: [
        [{ text: '', fillColor: edge }, cell(ctx, b.text, { italics: true, color: '#30394A', fill: CALLOUT_FILL })],
      ],
    },
    layout: { ...gridLayout, hLineWidth: () => 0, vLineWidth: () => 0, paddingTop: () => 6, paddingBottom: () => 6 },
    margin: [0, 2, 0, 10],
    unbreakable: true,
  };
}

function list(ctx: Ctx, b: BlockOf<'list'>): Content {
  const items = b.items.map((item) => runsOf(ctx, item));
  return b.ordered
    ? { ol: items, style: 'body', margin: [6, 0, 0, 8] }
    : { ul: items, style: 'body', margin: [6, 0, 0, 8] };
}

function signature(ctx: Ctx, b: BlockOf<'signature'>): Content {
  const line = (label: string, value: string | undefined, height = 0): TableCell[] => [
    cell(ctx, label, { bold: true, color: PRIMARY, fill: KEY_FILL }),
    { ...(cell(ctx, value ?? '') as object), ...(height ? { margin: [0, height, 0, 0] } : {}) } as TableCell,
  ];
  return {
    stack: [
      txt(ctx, b.roleLabel, { bold: true, color: PRIMARY, fontSize: 11, margin: [0, 6, 0, 2] }),
      txt(ctx, b.attests, { style: 'note', margin: [0, 0, 0, 4] }),
      {
        table: {
          widths: ['28%', '*'],
          body: [
            line(ctx.labels.name, b.name),
            line(ctx.labels.title, b.title),
            line(ctx.labels.organisation, b.org),
            line(ctx.labels.date, b.signedAt),
            line(ctx.labels.signature, undefined, 30),
          ],
        },
        layout: gridLayout,
      },
    ],
    unbreakable: true,
    margin: [0, 0, 0, 14],
  };
}

function block(ctx: Ctx, b: Block): Content[] {
  switch (b.kind) {
    case 'paragraph':
      return [paragraph(ctx, b)];
    case 'keyValue':
      return [keyValue(ctx, b.rows)];
    case 'table':
      return dataTable(ctx, b);
    case 'findings':
      return findings(ctx, b);
    case 'image':
      return image(ctx, b.ref, b.caption, b.width);
    case 'signature':
      return [signature(ctx, b)];
    case 'notAssessed':
      return [notAssessed(ctx, b)];
    case 'list':
      return [list(ctx, b)];
  }
}

// ---------------------------------------------------------------------------------------------
// Sections

/** A first block short enough to keep on the heading's page, so no heading ends a page alone. */
function isShort(b: Block | undefined): boolean {
  if (!b) return false;
  switch (b.kind) {
    case 'paragraph':
    case 'notAssessed':
      return true;
    case 'keyValue':
      return b.rows.length <= 6;
    case 'list':
      return b.items.length <= 6;
    case 'table':
      return b.rows.length <= 4;
    default:
      return false;
  }
}

function section(ctx: Ctx, s: Section, depth: number, numbered: boolean, newPage: boolean): Content[] {
  const level = Math.min(depth, 3);
  const title = s.number ? `${s.number}  ${s.title}` : s.title;
  const heading: Content = {
    ...(txt(ctx, title, { style: `h${level}` }) as object),
    ...(numbered
      ? { tocItem: true, tocStyle: `toc${level}`, tocMargin: [(level - 1) * 14, level === 1 ? 5 : 1, 0, 0] }
      : {}),
    id: `sec-${s.id}`,
  } as Content;
  const [first, ...rest] = s.blocks;
  const keep = isShort(first);
  const head: Content = {
    stack: [heading, ...(keep && first ? block(ctx, first) : [])],
    ...(keep ? { unbreakable: true } : {}),
    ...(newPage ? { pageBreak: 'before' } : {}),
  } as Content;
  return [
    head,
    ...(keep ? rest : s.blocks).flatMap((b) => block(ctx, b)),
    ...s.subsections.flatMap((sub) => section(ctx, sub, depth + 1, numbered, false)),
  ];
}

function cover(ctx: Ctx, logo: ResolvedImage | null): Content[] {
  const { doc, labels } = ctx;
  const t = docText(doc.language);
  const firm = doc.cover.firm;
  const logoNode: Content[] =
    firm?.logo && logo
      ? [
          {
            image: firm.logo.sha256,
            fit: [160, 60],
            margin: [0, 0, 0, 8],
          },
        ]
      : [];
  const meta: [string, string][] = [
    [t.cover.customer, doc.cover.customer],
    [t.cover.event, doc.cover.event],
    [labels.number, doc.number],
    [labels.version, doc.version],
    [labels.date, doc.date],
  ];
  return [
    ...logoNode,
    ...(firm ? [txt(ctx, firm.name, { bold: true, fontSize: 13, color: PRIMARY })] : []),
    { canvas: [{ type: 'rect', x: 0, y: 0, w: CONTENT_W, h: 3, color: ACCENT }], margin: [0, 150, 0, 18] },
    txt(ctx, doc.title, { style: 'coverTitle' }),
    txt(ctx, `${doc.cover.customer} · ${doc.cover.event}`, { fontSize: 14, color: MUTED, margin: [0, 8, 0, 40] }),
    {
      table: {
        widths: [110, '*'],
        body: meta.map(([k, v]) => [cell(ctx, k, { color: MUTED }), cell(ctx, v, { bold: true, color: PRIMARY })]),
      },
      layout: {
        hLineWidth: (i: number, node: { table: { body: unknown[] } }) =>
          i === 0 || i === node.table.body.length ? 0 : 0.5,
        vLineWidth: () => 0,
        hLineColor: () => BORDER,
        paddingTop: () => 5,
        paddingBottom: () => 5,
        paddingLeft: () => 0,
      },
    },
    txt(ctx, doc.confidentiality, {
      bold: true,
      color: BLOCKING,
      fontSize: 10,
      margin: [0, 40, 0, 0],
    }),
  ];
}

async function resolveImages(doc: Document, assets: ExportAssets): Promise<Map<string, ResolvedImage | null>> {
  const refs = new Set<string>();
  if (doc.cover.firm?.logo) refs.add(doc.cover.firm.logo.sha256);
  const visit = (sections: readonly Section[]) => {
    for (const s of sections) {
      for (const b of s.blocks) {
        if (b.kind === 'image') refs.add(b.ref.sha256);
        if (b.kind === 'findings') for (const f of b.items) for (const e of f.evidence) refs.add(e.ref.sha256);
      }
      visit(s.subsections);
    }
  };
  visit(doc.frontMatter);
  visit(doc.sections);
  const entries = await Promise.all(
    [...refs].map(async (sha256) => {
      try {
        const image = await assets.image({ sha256 });
        const valid = image && image.width > 0 && image.height > 0 && image.data.byteLength > 0;
        return [sha256, valid ? image : null] as const;
      } catch {
        return [sha256, null] as const;
      }
    }),
  );
  return new Map(entries);
}

// ---------------------------------------------------------------------------------------------
// Entry point

/** Renders the document to PDF bytes. Pure apart from reading the bundled font files once. */
export async function renderPdf(document: Document, assets: ExportAssets): Promise<Uint8Array> {
  const doc = document;
  const labels = LABELS[doc.language];
  const ctx: Ctx = {
    doc,
    labels,
    base: doc.language === 'zh-CN' ? CJK : LATIN,
    images: await resolveImages(doc, assets),
  };
  const images: Record<string, string> = {};
  for (const [sha256, image] of ctx.images) {
    if (image)
      images[sha256] =
        `data:image/${image.type === 'jpg' ? 'jpeg' : 'png'};base64,${Buffer.from(image.data).toString('base64')}`;
  }
  const logo = doc.cover.firm?.logo ? (ctx.images.get(doc.cover.firm.logo.sha256) ?? null) : null;

  const content: Content[] = [
    ...cover(ctx, logo),
    // Document control and front matter
    { ...(txt(ctx, labels.documentControl, { style: 'h1' }) as object), pageBreak: 'before' } as Content,
    keyValue(ctx, doc.control),
    ...doc.frontMatter.flatMap((s) => section(ctx, s, 2, false, false)),
    // Table of contents
    {
      toc: {
        title: { ...(txt(ctx, labels.contents, { style: 'h1' }) as object) } as Content,
        numberStyle: { color: MUTED },
      },
      pageBreak: 'before',
    } as Content,
    ...doc.sections.flatMap((s) => section(ctx, s, 1, true, true)),
  ];

  const small = { fontSize: 8, color: MUTED };
  const definition = {
    pageSize: 'A4' as const,
    pageMargins: [MARGIN_X, MARGIN_TOP, MARGIN_X, MARGIN_BOTTOM] as [number, number, number, number],
    info: {
      title: doc.title,
      subject: `${doc.number} v${doc.version}`,
      creator: 'Vigil',
      producer: 'Vigil',
    },
    ...(doc.draft
      ? {
          watermark: {
            text: labels.watermark,
            color: BLOCKING,
            opacity: 0.1,
            // Horizontal: pdftotext (and search in viewers) then reads the word whole on every page.
            angle: 0,
            bold: true,
            fontSize: doc.language === 'zh-CN' ? 80 : 110,
            font: ctx.base === CJK ? CJK : LATIN,
          },
        }
      : {}),
    header: (page: number): Content =>
      page === 1
        ? ''
        : {
            columns: [
              txt(ctx, doc.title, { ...small }),
              txt(ctx, `${doc.number} · v${doc.version}`, { ...small, alignment: 'right' }),
            ],
            margin: [MARGIN_X, 30, MARGIN_X, 0],
          },
    footer: (page: number, pages: number): Content =>
      page === 1
        ? ''
        : {
            columns: [
              txt(ctx, doc.confidentiality, { ...small }),
              txt(ctx, labels.pageOf(page, pages), { ...small, alignment: 'right' }),
            ],
            margin: [MARGIN_X, 20, MARGIN_X, 0],
          },
    content,
    images,
    defaultStyle: { font: ctx.base, fontSize: 9.5, lineHeight: 1.25, color: '#1F1F1F' },
    styles: {
      body: { margin: [0, 0, 0, 6] },
      note: { fontSize: 8.5, italics: true, color: MUTED, margin: [0, 0, 0, 6] },
      caption: { fontSize: 8, italics: true, color: MUTED, alignment: 'center' },
      coverTitle: { fontSize: 28, bold: true, color: PRIMARY, lineHeight: 1.15 },
      h1: { fontSize: 17, bold: true, color: PRIMARY, margin: [0, 0, 0, 10] },
      h2: { fontSize: 13, bold: true, color: PRIMARY, margin: [0, 10, 0, 6] },
      h3: { fontSize: 11, bold: true, color: ACCENT, margin: [0, 8, 0, 4] },
      toc1: { bold: true, fontSize: 10.5 },
      toc2: { fontSize: 9.5 },
      toc3: { fontSize: 9, color: MUTED },
    },
  };

  pdfmake.setUrlAccessPolicy(() => false);
  const fontFiles = fonts();
  const allowed = new Set(Object.values(fontFiles).flatMap((f) => Object.values(f)));
  pdfmake.setLocalAccessPolicy((path) => allowed.has(path));
  pdfmake.setFonts(fontFiles);
  const buffer = await pdfmake.createPdf(definition as unknown as Parameters<typeof pdfmake.createPdf>[0]).getBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
