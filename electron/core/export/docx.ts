/**
 * DOCX renderer for the render-agnostic document model (`shared/report/model.ts`). It lays the
 * model out only: every string comes from the model or from the small fixed-label table below, so
 * the PDF renderer shows the same content.
 *
 * Layout: A4; a cover page (own section, no running header); then document control and front
 * matter, a table of contents field, and the numbered body (each top-level section on a new page),
 * with the document number in the header and "Page X of Y" in the footer. While the document is a
 * draft, every page's header carries Word's own text watermark (VML WordArt), which Word and
 * LibreOffice both show and Word can remove through Design › Watermark.
 */
import {
  AlignmentType,
  BorderStyle,
  Document as DocxDocument,
  TableOfContents as DocxToc,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  type IRunOptions,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { TextWatermark } from 'docx/watermarks';
import type { Severity } from '../../../shared/domain/finding';
import type { Block, BlockOf, Document, ImageRef, Run, Section } from '../../../shared/report/model';
import { docText } from '../../../shared/report/text';
import type { ExportAssets } from './assets';

export type { ExportAssets } from './assets';

// ---------------------------------------------------------------------------------------------
// Page geometry (twips) and palette

const PAGE_W = 11906; // A4
const PAGE_H = 16838;
const MARGIN_X = 1247; // 2.2 cm
const MARGIN_Y = 1304; // 2.3 cm
const CONTENT_W = PAGE_W - 2 * MARGIN_X;
/** Content width in pixels at 96 dpi (the unit ImageRun's transformation uses). */
const CONTENT_PX = Math.floor((CONTENT_W / 1440) * 96);
const MAX_IMAGE_PX_H = 560;

const PRIMARY = '1F3A5F';
const ACCENT = '2E75B6';
const MUTED = '5F6B7A';
const BORDER = 'BFC8D4';
const HEADER_FILL = 'DCE4EE';
const KEY_FILL = 'F2F5F9';

/** Severity colours, critical dark red … info grey; `text` is the readable foreground on `fill`. */
const SEVERITY_COLOURS: Record<Severity, { fill: string; text: string; tint: string }> = {
  critical: { fill: '8B1A1A', text: 'FFFFFF', tint: 'F6DEDE' },
  high: { fill: 'D9480F', text: 'FFFFFF', tint: 'FCE6DA' },
  medium: { fill: 'E8A317', text: '1F1F1F', tint: 'FDF2D6' },
  low: { fill: '2F6EBA', text: 'FFFFFF', tint: 'DEE9F6' },
  info: { fill: '7F7F7F', text: 'FFFFFF', tint: 'ECECEC' },
};

const LATIN_FONT = 'Calibri';
/** Windows' CJK UI font; LibreOffice and macOS substitute Noto Sans CJK SC / PingFang by fontconfig. */
const EAST_ASIAN_FONT = 'Microsoft YaHei';

/** Fixed labels only the renderers print (cover, control, TOC, footer, signature lines). */
const LABELS = {
  en: {
    documentControl: 'Document control',
    contents: 'Contents',
    page: 'Page',
    of: 'of',
    name: 'Name',
    title: 'Title',
    organisation: 'Organisation',
    date: 'Date',
    signature: 'Signature',
    imageMissing: 'Image not available',
    tocHint: 'Right-click and choose Update Field to refresh page numbers.',
  },
  'zh-CN': {
    documentControl: '文档控制',
    contents: '目录',
    page: '第',
    of: '页，共',
    name: '姓名',
    title: '职务',
    organisation: '单位',
    date: '日期',
    signature: '签字',
    imageMissing: '图片不可用',
    tocHint: '右键单击并选择“更新域”以刷新页码。',
  },
} as const;

type Labels = (typeof LABELS)[keyof typeof LABELS];
type Ctx = {
  doc: Document;
  labels: Labels;
  font: NonNullable<IRunOptions['font']>;
  images: Map<string, Awaited<ReturnType<ExportAssets['image']>>>;
  orderedLists: number;
};

// ---------------------------------------------------------------------------------------------
// Small builders

const run = (ctx: Ctx, text: string, options: Omit<IRunOptions, 'text' | 'font'> = {}): TextRun =>
  new TextRun({ text, font: ctx.font, ...options });

const runsOf = (ctx: Ctx, runs: readonly Run[], options: Omit<IRunOptions, 'text' | 'font'> = {}): TextRun[] =>
  runs.map((r) => run(ctx, r.text, { bold: r.bold ?? false, italics: r.italic ?? false, ...options }));

const thin = { style: BorderStyle.SINGLE, size: 4, color: BORDER } as const;
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const tableBorders = { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin };
const cellMargins = { top: 60, bottom: 60, left: 100, right: 100 };

const shade = (fill: string) => ({ type: ShadingType.CLEAR, color: 'auto', fill });

/** Proportional widths (hints) to twips that sum exactly to the content width. */
function twips(hints: readonly number[], total = CONTENT_W): number[] {
  const sum = hints.reduce((a, b) => a + b, 0) || 1;
  const widths = hints.map((h) => Math.floor((h / sum) * total));
  const last = widths.length - 1;
  widths[last] = (widths[last] ?? 0) + total - widths.reduce((a, b) => a + b, 0);
  return widths;
}

/** Estimated width (twips, 9.5 pt) of the longest piece of `text` a line cannot break inside. */
function longestToken(text: string): number {
  let longest = 0;
  for (const token of text.split(/\s+/)) {
    let w = 0;
    for (const ch of token.slice(0, 14)) w += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 200 : 125;
    // CJK text breaks between any two characters: one character is the unbreakable piece.
    if (/[\u2e80-\u9fff]/.test(token)) w = Math.min(w, 420);
    longest = Math.max(longest, w);
  }
  return longest;
}

/**
 * Column widths from the model's hints, widened so no column is narrower than its longest word or
 * date (which would otherwise wrap mid-word), taking the room from the wider columns.
 */
function fitWidths(hints: readonly number[], columns: readonly (readonly string[])[]): number[] {
  const n = hints.length;
  const min = columns.map((texts) =>
    Math.min(Math.floor((CONTENT_W / n) * 1.6), Math.max(...texts.map(longestToken), 0) + 260),
  );
  const fixed = new Array<boolean>(n).fill(false);
  for (let pass = 0; pass < n; pass++) {
    const freeHints = hints.map((h, i) => (fixed[i] ? 0 : h));
    const room = CONTENT_W - min.reduce((a, m, i) => a + (fixed[i] ? m : 0), 0);
    const widths = twips(freeHints, room).map((w, i) => (fixed[i] ? (min[i] ?? 0) : w));
    const short = widths.findIndex((w, i) => !fixed[i] && w < (min[i] ?? 0));
    if (short < 0) return twips(widths);
    fixed[short] = true;
  }
  return twips(min);
}

const alignOf = (a: 'left' | 'right' | 'center') =>
  a === 'right' ? AlignmentType.RIGHT : a === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT;

/** A cell holding one or more lines of plain text (model strings may contain newlines). */
function cell(
  ctx: Ctx,
  value: string,
  width: number,
  options: {
    bold?: boolean;
    color?: string;
    fill?: string;
    align?: 'left' | 'right' | 'center';
    size?: number;
    columnSpan?: number;
    keepNext?: boolean;
  } = {},
): TableCell {
  const lines = value === '' ? [''] : value.split('\n');
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    ...(options.fill ? { shading: shade(options.fill) } : {}),
    ...(options.columnSpan ? { columnSpan: options.columnSpan } : {}),
    verticalAlign: VerticalAlignTable.CENTER,
    children: lines.map(
      (line) =>
        new Paragraph({
          alignment: alignOf(options.align ?? 'left'),
          keepNext: options.keepNext ?? false,
          spacing: { before: 0, after: 0, line: 264, lineRule: LineRuleType.AUTO },
          children: [
            run(ctx, line, {
              bold: options.bold ?? false,
              ...(options.color ? { color: options.color } : {}),
              size: options.size ?? 19,
            }),
          ],
        }),
    ),
  });
}

function caption(ctx: Ctx, text: string, where: 'above' | 'below'): Paragraph {
  return new Paragraph({
    keepNext: where === 'above',
    alignment: where === 'below' ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: where === 'above' ? { before: 160, after: 60 } : { before: 60, after: 200 },
    children: [run(ctx, text, { bold: where === 'above', italics: where === 'below', size: 18, color: MUTED })],
  });
}

const gap = (after = 120) => new Paragraph({ spacing: { before: 0, after }, children: [] });

// ---------------------------------------------------------------------------------------------
// Blocks

function paragraphBlock(ctx: Ctx, b: BlockOf<'paragraph'>): Paragraph {
  const note = b.style === 'note';
  return new Paragraph({
    spacing: { after: 120 },
    children: runsOf(ctx, b.runs, note ? { color: MUTED, size: 19, italics: true } : {}),
  });
}

function keyValueBlock(ctx: Ctx, rows: readonly { key: string; value: string }[]): Table {
  const [kw, vw] = twips([3, 7]) as [number, number];
  return new Table({
    width: { size: CONTENT_W, type: WidthType.DXA },
    columnWidths: [kw, vw],
    layout: TableLayoutType.FIXED,
    borders: tableBorders,
    margins: cellMargins,
    rows: rows.map(
      (r) =>
        new TableRow({
          cantSplit: true,
          children: [cell(ctx, r.key, kw, { bold: true, fill: KEY_FILL, color: PRIMARY }), cell(ctx, r.value, vw)],
        }),
    ),
  });
}

function tableBlock(ctx: Ctx, b: BlockOf<'table'>): (Paragraph | Table)[] {
  const widths = fitWidths(
    b.columns.map((c) => c.width),
    b.columns.map((c, i) => [c.header, ...b.rows.map((r) => r[i] ?? '')]),
  );
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: b.columns.map((c, i) =>
      cell(ctx, c.header, widths[i] ?? 0, { bold: true, fill: HEADER_FILL, color: PRIMARY, align: c.align }),
    ),
  });
  const body = b.rows.map(
    (row, r) =>
      new TableRow({
        cantSplit: true,
        children: b.columns.map((c, i) =>
          cell(ctx, row[i] ?? '', widths[i] ?? 0, { align: c.align, ...(r % 2 === 1 ? { fill: 'F8FAFC' } : {}) }),
        ),
      }),
  );
  const table = new Table({
    width: { size: CONTENT_W, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: tableBorders,
    margins: cellMargins,
    rows: [header, ...body],
  });
  return [...(b.caption ? [caption(ctx, b.caption, 'above')] : []), table, gap()];
}

function severityMatrix(ctx: Ctx, b: BlockOf<'findings'>): (Paragraph | Table)[] {
  const widths = twips(b.summary.map(() => 1));
  const total = b.summary.reduce((a, s) => a + s.count, 0);
  const labelRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: b.summary.map((s, i) => {
      const c = SEVERITY_COLOURS[s.severity];
      return cell(ctx, s.label, widths[i] ?? 0, { bold: true, fill: c.fill, color: c.text, align: 'center' });
    }),
  });
  const countRow = new TableRow({
    cantSplit: true,
    children: b.summary.map((s, i) => {
      const c = SEVERITY_COLOURS[s.severity];
      return cell(ctx, String(s.count), widths[i] ?? 0, {
        bold: true,
        size: 32,
        align: 'center',
        fill: s.count > 0 ? c.tint : 'FFFFFF',
        color: s.count > 0 ? c.fill : MUTED,
      });
    }),
  });
  return [
    caption(ctx, `${b.labels.summary ?? ''} (${total})`, 'above'),
    new Table({
      width: { size: CONTENT_W, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: tableBorders,
      margins: { top: 80, bottom: 80, left: 80, right: 80 },
      rows: [labelRow, countRow],
    }),
    gap(200),
  ];
}

async function findingsBlock(ctx: Ctx, b: BlockOf<'findings'>): Promise<(Paragraph | Table)[]> {
  const out: (Paragraph | Table)[] = severityMatrix(ctx, b);
  const label = (key: string) => b.labels[key] ?? key;
  const [kw, vw] = twips([2.4, 7.6]) as [number, number];
  for (const f of b.items) {
    const c = SEVERITY_COLOURS[f.severity];
    const rows: [string, string][] = [
      [label('severity'), f.severityLabel],
      [label('description'), f.description],
      [label('recommendation'), f.recommendation],
      ...(f.affectedResources.length > 0
        ? [[label('affectedResources'), f.affectedResources.join('\n')] as [string, string]]
        : []),
      [label('owner'), f.owner],
      [label('dueDate'), f.dueDate ?? '—'],
      [label('status'), f.statusLabel],
      ...(f.disposition ? [[label('disposition'), f.disposition] as [string, string]] : []),
    ];
    const titleRow = new TableRow({
      cantSplit: true,
      children: [
        cell(ctx, f.ref, kw, { bold: true, fill: c.fill, color: c.text, keepNext: true }),
        cell(ctx, f.title, vw, { bold: true, fill: c.tint, color: '1F1F1F', keepNext: true }),
      ],
    });
    out.push(
      new Table({
        width: { size: CONTENT_W, type: WidthType.DXA },
        columnWidths: [kw, vw],
        layout: TableLayoutType.FIXED,
        borders: tableBorders,
        margins: cellMargins,
        rows: [
          titleRow,
          // Kept with the next row (a finding stays on one page unless longer than a page).
          ...rows.map(([k, v], i) => {
            const keepNext = i < rows.length - 1;
            return new TableRow({
              cantSplit: true,
              children: [
                cell(ctx, k, kw, { bold: true, fill: KEY_FILL, color: PRIMARY, keepNext }),
                cell(ctx, v, vw, { keepNext }),
              ],
            });
          }),
        ],
      }),
    );
    for (const e of f.evidence) out.push(...imageParagraphs(ctx, e.ref, e.caption, 'half'));
    out.push(gap(200));
  }
  return out;
}

function imageParagraphs(ctx: Ctx, ref: ImageRef, text: string, width: 'full' | 'half' | 'third'): Paragraph[] {
  const image = ctx.images.get(ref.sha256);
  if (!image || image.width <= 0 || image.height <= 0) {
    return [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        shading: shade('F2F2F2'),
        border: { top: thin, bottom: thin, left: thin, right: thin },
        spacing: { before: 120, after: 0 },
        children: [run(ctx, `[${ctx.labels.imageMissing}]`, { color: MUTED, size: 18 })],
      }),
      caption(ctx, text, 'below'),
    ];
  }
  const target = width === 'full' ? CONTENT_PX : width === 'half' ? CONTENT_PX / 2 : CONTENT_PX / 3;
  let w = Math.min(target, image.width);
  let h = (w * image.height) / image.width;
  if (h > MAX_IMAGE_PX_H) {
    h = MAX_IMAGE_PX_H;
    w = (h * image.width) / image.height;
  }
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: { before: 120, after: 0 },
      children: [
        new ImageRun({
          type: image.type,
          data: image.data,
          transformation: { width: Math.round(w), height: Math.round(h) },
          altText: { name: text.slice(0, 60), description: text, title: text.slice(0, 60) },
        }),
      ],
    }),
    caption(ctx, text, 'below'),
  ];
}

function signatureBlock(ctx: Ctx, b: BlockOf<'signature'>): (Paragraph | Table)[] {
  const [kw, vw] = twips([3, 7]) as [number, number];
  const line = (label: string, value: string | undefined, height = 420) =>
    new TableRow({
      cantSplit: true,
      height: { value: height, rule: 'atLeast' },
      children: [cell(ctx, label, kw, { bold: true, fill: KEY_FILL, color: PRIMARY }), cell(ctx, value ?? '', vw)],
    });
  return [
    new Table({
      width: { size: CONTENT_W, type: WidthType.DXA },
      columnWidths: [kw, vw],
      layout: TableLayoutType.FIXED,
      borders: {
        ...tableBorders,
        top: { style: BorderStyle.SINGLE, size: 12, color: PRIMARY },
        bottom: { style: BorderStyle.SINGLE, size: 12, color: PRIMARY },
      },
      margins: cellMargins,
      rows: [
        new TableRow({
          cantSplit: true,
          children: [
            cell(ctx, b.roleLabel, CONTENT_W, { bold: true, fill: HEADER_FILL, color: PRIMARY, columnSpan: 2 }),
          ],
        }),
        line(ctx.labels.name, b.name),
        line(ctx.labels.title, b.title),
        line(ctx.labels.organisation, b.org),
        line(ctx.labels.date, b.signedAt),
        line(ctx.labels.signature, undefined, 900),
        new TableRow({
          cantSplit: true,
          children: [cell(ctx, b.attests, CONTENT_W, { color: MUTED, size: 17, columnSpan: 2 })],
        }),
      ],
    }),
    gap(240),
  ];
}

function notAssessedBlock(ctx: Ctx, b: BlockOf<'notAssessed'>): Paragraph {
  const edge = b.blocksSigning ? 'B42318' : 'C98A00';
  return new Paragraph({
    shading: shade(b.blocksSigning ? 'FDECEA' : 'FFF6E0'),
    border: {
      left: { style: BorderStyle.SINGLE, size: 24, color: edge, space: 6 },
      top: none,
      bottom: none,
      right: none,
    },
    indent: { left: 120, right: 120 },
    spacing: { before: 80, after: 160, line: 276, lineRule: LineRuleType.AUTO },
    children: [run(ctx, b.text, { color: '3D3D3D', italics: true })],
  });
}

function listBlock(ctx: Ctx, b: BlockOf<'list'>): Paragraph[] {
  const instance = b.ordered ? ++ctx.orderedLists : 0;
  return b.items.map(
    (item) =>
      new Paragraph({
        numbering: { reference: b.ordered ? 'ordered' : 'bullets', level: 0, instance },
        spacing: { after: 60 },
        children: runsOf(ctx, item),
      }),
  );
}

async function blockChildren(ctx: Ctx, b: Block): Promise<(Paragraph | Table)[]> {
  switch (b.kind) {
    case 'paragraph':
      return [paragraphBlock(ctx, b)];
    case 'keyValue':
      return [keyValueBlock(ctx, b.rows), gap()];
    case 'table':
      return tableBlock(ctx, b);
    case 'findings':
      return findingsBlock(ctx, b);
    case 'image':
      return imageParagraphs(ctx, b.ref, b.caption, b.width);
    case 'signature':
      return signatureBlock(ctx, b);
    case 'notAssessed':
      return [notAssessedBlock(ctx, b)];
    case 'list':
      return listBlock(ctx, b);
  }
}

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;

async function sectionChildren(ctx: Ctx, s: Section, depth: number, newPage: boolean): Promise<(Paragraph | Table)[]> {
  const heading = new Paragraph({
    heading: HEADINGS[Math.min(depth, HEADINGS.length - 1)],
    pageBreakBefore: newPage,
    keepNext: true,
    children: [run(ctx, s.number ? `${s.number}\u2002${s.title}` : s.title)],
  });
  const out: (Paragraph | Table)[] = [heading];
  for (const b of s.blocks) out.push(...(await blockChildren(ctx, b)));
  for (const sub of s.subsections) out.push(...(await sectionChildren(ctx, sub, depth + 1, false)));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Cover, running header/footer, watermark

function watermark(ctx: Ctx): Paragraph[] {
  if (!ctx.doc.draft) return [];
  return [
    new Paragraph({
      children: [
        new TextWatermark({
          text: docText(ctx.doc.language).cover.draft,
          font: ctx.doc.language === 'zh-CN' ? EAST_ASIAN_FONT : LATIN_FONT,
          color: 'D0D0D0',
          opacity: 0.45,
          bold: true,
        }),
      ],
    }),
  ];
}

function coverChildren(ctx: Ctx, logo: Paragraph[]): (Paragraph | Table)[] {
  const { doc } = ctx;
  const t = docText(doc.language);
  const firm = doc.cover.firm?.name ?? '';
  const [kw, vw] = twips([3, 7]) as [number, number];
  const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
  const rule = { style: BorderStyle.SINGLE, size: 4, color: BORDER } as const;
  const detail = (key: string, value: string) =>
    new TableRow({
      cantSplit: true,
      children: [
        new TableCell({
          width: { size: kw, type: WidthType.DXA },
          borders: { top: none, left: none, right: none, bottom: rule },
          children: [new Paragraph({ children: [run(ctx, key, { color: MUTED, size: 19 })] })],
        }),
        new TableCell({
          width: { size: vw, type: WidthType.DXA },
          borders: { top: none, left: none, right: none, bottom: rule },
          children: [new Paragraph({ children: [run(ctx, value, { bold: true, size: 20, color: '1F1F1F' })] })],
        }),
      ],
    });
  return [
    ...logo,
    new Paragraph({
      spacing: { before: logo.length > 0 ? 120 : 0, after: 0 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: PRIMARY, space: 8 } },
      children: [run(ctx, firm, { bold: true, size: 28, color: PRIMARY, characterSpacing: 10 })],
    }),
    new Paragraph({ spacing: { before: 2400, after: 0 }, children: [] }),
    new Paragraph({
      spacing: { after: 200 },
      children: [run(ctx, doc.title, { bold: true, size: 56, color: PRIMARY })],
    }),
    new Paragraph({
      spacing: { after: 80 },
      children: [run(ctx, doc.cover.customer, { size: 32, color: ACCENT })],
    }),
    new Paragraph({
      spacing: { after: 2400 },
      children: [run(ctx, doc.cover.event, { size: 28, color: MUTED })],
    }),
    new Table({
      width: { size: CONTENT_W, type: WidthType.DXA },
      columnWidths: [kw, vw],
      layout: TableLayoutType.FIXED,
      borders: noBorders,
      margins: { top: 70, bottom: 70, left: 0, right: 80 },
      rows: [
        detail(t.cover.customer, doc.cover.customer),
        detail(t.cover.event, doc.cover.event),
        ...(firm ? [detail(t.cover.preparedBy, firm)] : []),
        detail(t.control.documentId, doc.number),
        detail(t.control.version, doc.version),
        detail(t.control.date, doc.date),
        detail(t.control.classification, doc.confidentiality),
      ],
    }),
    new Paragraph({
      spacing: { before: 600 },
      children: [
        run(ctx, doc.confidentiality.toUpperCase(), { bold: true, color: 'B42318', size: 20, characterSpacing: 20 }),
      ],
    }),
  ];
}

function runningHeader(ctx: Ctx): Header {
  const { doc } = ctx;
  return new Header({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_W }],
        border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: BORDER, space: 4 } },
        children: [
          run(ctx, doc.number, { size: 16, color: MUTED }),
          run(ctx, `\t${doc.title} · v${doc.version}`, { size: 16, color: MUTED }),
        ],
      }),
      ...watermark(ctx),
    ],
  });
}

function runningFooter(ctx: Ctx): Footer {
  const { doc, labels } = ctx;
  const small = { size: 16, color: MUTED } as const;
  const pageRuns =
    doc.language === 'zh-CN'
      ? [
          run(ctx, `\t${labels.page} `, small),
          new TextRun({ children: [PageNumber.CURRENT], font: ctx.font, ...small }),
          run(ctx, ` ${labels.of} `, small),
          new TextRun({ children: [PageNumber.TOTAL_PAGES], font: ctx.font, ...small }),
          run(ctx, ' 页', small),
        ]
      : [
          run(ctx, `\t${labels.page} `, small),
          new TextRun({ children: [PageNumber.CURRENT], font: ctx.font, ...small }),
          run(ctx, ` ${labels.of} `, small),
          new TextRun({ children: [PageNumber.TOTAL_PAGES], font: ctx.font, ...small }),
        ];
  return new Footer({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_W }],
        border: { top: { style: BorderStyle.SINGLE, size: 4, color: BORDER, space: 4 } },
        children: [run(ctx, doc.confidentiality, small), ...pageRuns],
      }),
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// Entry point

function imageRefs(document: Document): string[] {
  const refs = new Set<string>();
  if (document.cover.firm?.logo) refs.add(document.cover.firm.logo.sha256);
  const walk = (sections: readonly Section[]) => {
    for (const s of sections) {
      for (const b of s.blocks) {
        if (b.kind === 'image') refs.add(b.ref.sha256);
        if (b.kind === 'findings') for (const f of b.items) for (const e of f.evidence) refs.add(e.ref.sha256);
      }
      walk(s.subsections);
    }
  };
  walk(document.frontMatter);
  walk(document.sections);
  return [...refs];
}

/** Renders the model to a .docx file's bytes. Images `assets.image` cannot supply become captioned placeholders. */
export async function renderDocx(document: Document, assets: ExportAssets): Promise<Uint8Array> {
  const zh = document.language === 'zh-CN';
  const images = new Map<string, Awaited<ReturnType<ExportAssets['image']>>>();
  await Promise.all(
    imageRefs(document).map(async (sha256) => {
      images.set(sha256, await assets.image({ sha256 }).catch(() => null));
    }),
  );
  const ctx: Ctx = {
    doc: document,
    labels: LABELS[document.language],
    font: { ascii: LATIN_FONT, hAnsi: LATIN_FONT, cs: LATIN_FONT, eastAsia: EAST_ASIAN_FONT },
    images,
    orderedLists: 0,
  };

  const logoRef = document.cover.firm?.logo;
  const logoImage = logoRef ? images.get(logoRef.sha256) : null;
  const logo: Paragraph[] = [];
  if (logoImage && logoImage.width > 0 && logoImage.height > 0) {
    const h = Math.min(64, logoImage.height);
    const w = Math.min(240, (h * logoImage.width) / logoImage.height);
    logo.push(
      new Paragraph({
        children: [
          new ImageRun({
            type: logoImage.type,
            data: logoImage.data,
            transformation: { width: Math.round(w), height: Math.round((w * logoImage.height) / logoImage.width) },
          }),
        ],
      }),
    );
  }

  const body: (Paragraph | Table | DocxToc)[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      children: [run(ctx, ctx.labels.documentControl)],
    }),
    keyValueBlock(ctx, document.control),
    gap(240),
  ];
  for (const s of document.frontMatter) body.push(...(await sectionChildren(ctx, s, 1, false)));
  body.push(
    new Paragraph({ heading: HeadingLevel.TITLE, pageBreakBefore: true, children: [run(ctx, ctx.labels.contents)] }),
    new DocxToc(ctx.labels.contents, { hyperlink: true, headingStyleRange: '1-3' }),
  );
  for (const s of document.sections) body.push(...(await sectionChildren(ctx, s, 0, true)));

  const page = {
    size: { width: PAGE_W, height: PAGE_H },
    margin: { top: MARGIN_Y, bottom: MARGIN_Y, left: MARGIN_X, right: MARGIN_X, header: 624, footer: 567 },
  };
  const headingRun = (size: number, color: string) => ({ font: ctx.font, size, bold: true, color });

  const docx = new DocxDocument({
    creator: document.cover.firm?.name ?? 'Vigil',
    title: document.title,
    subject: `${document.cover.customer} — ${document.cover.event}`,
    description: document.number,
    features: { updateFields: true },
    styles: {
      default: {
        document: {
          run: {
            font: ctx.font,
            size: 20,
            language: { value: zh ? 'zh-CN' : 'en-GB', eastAsia: 'zh-CN' },
          },
          paragraph: { spacing: { line: 276, lineRule: LineRuleType.AUTO, after: 80 } },
        },
        title: { run: headingRun(32, PRIMARY), paragraph: { spacing: { before: 0, after: 240 } } },
        heading1: {
          run: headingRun(32, PRIMARY),
          paragraph: {
            spacing: { before: 240, after: 160 },
            border: { bottom: { style: BorderStyle.SINGLE, size: 8, color: PRIMARY, space: 4 } },
          },
        },
        heading2: { run: headingRun(26, PRIMARY), paragraph: { spacing: { before: 280, after: 120 } } },
        heading3: { run: headingRun(22, ACCENT), paragraph: { spacing: { before: 200, after: 80 } } },
      },
    },
    numbering: {
      config: [
        {
          reference: 'bullets',
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: '•',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 440, hanging: 280 } } },
            },
          ],
        },
        {
          reference: 'ordered',
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 440, hanging: 340 } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: { page },
        headers: { default: new Header({ children: watermark(ctx) }) },
        footers: {
          default: new Footer({
            children: [new Paragraph({ children: [run(ctx, document.confidentiality, { size: 16, color: MUTED })] })],
          }),
        },
        children: coverChildren(ctx, logo),
      },
      {
        properties: { page },
        headers: { default: runningHeader(ctx) },
        footers: { default: runningFooter(ctx) },
        children: body,
      },
    ],
  });
  const buffer = await Packer.toBuffer(docx);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
