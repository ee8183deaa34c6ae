/**
 * DOCX renderer for the render-agnostic document model (`shared/report/model.ts`). It lays the
 * model out only: every string comes from the model or from `render-text.ts`, which the PDF
 * renderer shares, so both formats say the same thing.
 *
 * Layout: A4; a cover page (own section, no running header); then document control and front
 * matter, a table of contents field, and the numbered body (each top-level section on a new page),
 * with the document number in the header and "Page X of Y" in the footer. While the document is a
 * draft, every page's header carries Word's own text watermark (VML WordArt), which Word and
 * LibreOffice both show and Word can remove through Design › Watermark.
 *
 * Rows are kept whole (cantSplit) only when estimated shorter than a third of a page: Word cuts off a
 * kept-whole row taller than a page, so long text must be allowed to flow on.
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
import { estimatePageNumbers } from 'docx/layout';
import { TextWatermark } from 'docx/watermarks';
import type { Block, BlockOf, Document, ImageRef, Run, Section } from '../../../shared/report/model';
import { numberedCaption, type RenderText, renderText } from '../../../shared/report/render-text';
import type { ExportAssets } from './assets';
import { chartColours, chartKey, documentPictures } from './charts';
import {
  type DecodedImage,
  fitTable,
  type Palette,
  palette,
  type RenderOptions,
  SEVERITY_COLOURS,
  share,
  textEm,
} from './common';
import { mediaStandIn, withMedia } from './docx-media';

export type { ExportAssets } from './assets';
export type { RenderOptions, RenderWarning, Theme } from './common';

// ---------------------------------------------------------------------------------------------
// Page geometry (twips) and palette

const PAGE_W = 11906; // A4
const PAGE_H = 16838;
const MARGIN_X = 1247; // 2.2 cm
const MARGIN_Y = 1304; // 2.3 cm
const CONTENT_W = PAGE_W - 2 * MARGIN_X;
/**
 * The table of contents gets its page numbers from docx's own layout pass only up to this much
 * model text (about 60 pages): the pass costs about 15 ms per kilobyte, seconds for a deliverable
 * with 150 findings, so beyond it Word fills the numbers in when it updates the fields on opening.
 */
const PAGE_NUMBER_LAYOUT_LIMIT = 60_000;

/** Content width in pixels at 96 dpi (the unit ImageRun's transformation uses). */
const CONTENT_PX = Math.floor((CONTENT_W / 1440) * 96);
const MAX_IMAGE_PX_H = 560;

/** Body text size in half-points (9.5 pt) and in twips per em. */
const BODY_HALF_POINTS = 19;
/** Usable page height; a row estimated taller than a third of it may split. */
const CONTENT_H = PAGE_H - 2 * MARGIN_Y;
const SHORT_ROW = CONTENT_H / 3;
const CELL_MARGIN_X = 100;

const LATIN_FONT = 'Calibri';
/** Windows' CJK UI font; LibreOffice and macOS substitute Noto Sans CJK SC / PingFang by fontconfig. */
const EAST_ASIAN_FONT = 'Microsoft YaHei';

type Ctx = {
  doc: Document;
  text: RenderText;
  colour: Palette;
  font: NonNullable<IRunOptions['font']>;
  images: Map<string, DecodedImage | null>;
  orderedLists: number;
  /** Caption numbers, counted in document order (the PDF counts the same way). */
  counters: { table: number; figure: number };
};

// ---------------------------------------------------------------------------------------------
// Small builders

const run = (ctx: Ctx, text: string, options: Omit<IRunOptions, 'text' | 'font'> = {}): TextRun =>
  new TextRun({ text, font: ctx.font, ...options });

const runsOf = (ctx: Ctx, runs: readonly Run[], options: Omit<IRunOptions, 'text' | 'font'> = {}): TextRun[] =>
  runs.map((r) => run(ctx, r.text, { bold: r.bold ?? false, italics: r.italic ?? false, ...options }));

const thin = (ctx: Ctx) => ({ style: BorderStyle.SINGLE, size: 4, color: ctx.colour.border }) as const;
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const tableBorders = (ctx: Ctx) => {
  const t = thin(ctx);
  return { top: t, bottom: t, left: t, right: t, insideHorizontal: t, insideVertical: t };
};
const cellMargins = { top: 60, bottom: 60, left: CELL_MARGIN_X, right: CELL_MARGIN_X };

const shade = (fill: string) => ({ type: ShadingType.CLEAR, color: 'auto', fill });

/** Proportional widths (hints) to twips that sum exactly to the content width. */
const twips = (hints: readonly number[], total = CONTENT_W): number[] => share(hints, total, true);

/** Estimated height (twips) of a row of plain-text cells at `halfPoints` in columns `widths`. */
function rowHeight(values: readonly string[], widths: readonly number[], halfPoints = BODY_HALF_POINTS): number {
  const em = halfPoints * 10;
  let lines = 1;
  values.forEach((value, i) => {
    const inner = Math.max(200, (widths[i] ?? CONTENT_W) - 2 * CELL_MARGIN_X);
    const count = value
      .split('\n')
      .reduce((n, line) => n + Math.max(1, Math.ceil((textEm(line) * em * 1.05) / inner)), 0);
    lines = Math.max(lines, count);
  });
  return lines * em * 1.2 + 120;
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
    valign?: 'top' | 'center' | 'bottom';
  } = {},
): TableCell {
  const lines = value === '' ? [''] : value.split('\n');
  const valign = options.valign ?? 'top';
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    ...(options.fill ? { shading: shade(options.fill) } : {}),
    ...(options.columnSpan ? { columnSpan: options.columnSpan } : {}),
    verticalAlign:
      valign === 'center'
        ? VerticalAlignTable.CENTER
        : valign === 'bottom'
          ? VerticalAlignTable.BOTTOM
          : VerticalAlignTable.TOP,
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
              size: options.size ?? BODY_HALF_POINTS,
            }),
          ],
        }),
    ),
  });
}

/** A numbered caption: above a table (kept with it), below a figure. */
function caption(ctx: Ctx, kind: 'table' | 'figure', text: string): Paragraph {
  ctx.counters[kind]++;
  const above = kind === 'table';
  return new Paragraph({
    keepNext: above,
    alignment: above ? AlignmentType.LEFT : AlignmentType.CENTER,
    spacing: above ? { before: 160, after: 60 } : { before: 60, after: 200 },
    children: [
      run(ctx, numberedCaption(ctx.doc.language, kind, ctx.counters[kind], text), {
        bold: above,
        italics: !above,
        size: above ? 17 : 16,
        color: ctx.colour.muted,
      }),
    ],
  });
}

const gap = (after = 120) => new Paragraph({ spacing: { before: 0, after }, children: [] });

// ---------------------------------------------------------------------------------------------
// Blocks

function paragraphBlock(ctx: Ctx, b: BlockOf<'paragraph'>): Paragraph {
  const note = b.style === 'note';
  // A short all-bold paragraph is a run-in heading: kept on the page of what it introduces.
  const leadIn = b.runs.every((r) => r.bold === true) && b.runs.reduce((n, r) => n + r.text.length, 0) <= 120;
  return new Paragraph({
    keepNext: leadIn,
    spacing: { after: 120 },
    children: runsOf(ctx, b.runs, note ? { color: ctx.colour.muted, size: 18, italics: true } : {}),
  });
}

/** Key-value rows; `keepTogether` keeps every row with the next (a finding's body). */
function keyValueTable(
  ctx: Ctx,
  rows: readonly { key: string; value: string }[],
  keyShare = 0.3,
  lead: TableRow[] = [],
  keepTogether = false,
): Table {
  const [kw, vw] = twips([keyShare, 1 - keyShare]) as [number, number];
  return new Table({
    width: { size: CONTENT_W, type: WidthType.DXA },
    columnWidths: [kw, vw],
    layout: TableLayoutType.FIXED,
    borders: tableBorders(ctx),
    margins: cellMargins,
    rows: [
      ...lead,
      ...rows.map((r, i) => {
        const short = rowHeight([r.key, r.value], [kw, vw]) < SHORT_ROW;
        const keepNext = keepTogether && short && i < rows.length - 1;
        return new TableRow({
          cantSplit: short,
          children: [
            cell(ctx, r.key, kw, { bold: true, fill: ctx.colour.keyFill, color: ctx.colour.headerText, keepNext }),
            cell(ctx, r.value, vw, { keepNext }),
          ],
        });
      }),
    ],
  });
}

function tableBlock(ctx: Ctx, b: BlockOf<'table'>): (Paragraph | Table)[] {
  const bodyHalfPoints = b.columns.length > 5 ? 16 : BODY_HALF_POINTS;
  const { widths, headerSize } = fitTable(b.columns, b.rows, {
    total: CONTENT_W,
    bodySize: bodyHalfPoints * 10,
    headerSize: bodyHalfPoints * 10,
    minHeaderSize: 130,
    padding: 2 * CELL_MARGIN_X + 40,
    integer: true,
  });
  const headerHalfPoints = Math.floor(headerSize / 10);
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: b.columns.map((c, i) =>
      cell(ctx, c.header, widths[i] ?? 0, {
        bold: true,
        fill: ctx.colour.headerFill,
        color: ctx.colour.headerText,
        align: c.align,
        size: headerHalfPoints,
        valign: 'bottom',
        keepNext: true,
      }),
    ),
  });
  const rows = b.rows.length > 0 ? b.rows : [b.columns.map(() => '—')];
  const body = rows.map(
    (row) =>
      new TableRow({
        cantSplit: rowHeight(row, widths, bodyHalfPoints) < SHORT_ROW,
        children: b.columns.map((c, i) =>
          cell(ctx, row[i] ?? '', widths[i] ?? 0, { align: c.align, size: bodyHalfPoints }),
        ),
      }),
  );
  const table = new Table({
    width: { size: CONTENT_W, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: tableBorders(ctx),
    margins: cellMargins,
    rows: [header, ...body],
  });
  return [...(b.caption ? [caption(ctx, 'table', b.caption)] : []), table, gap()];
}

function severityMatrix(ctx: Ctx, b: BlockOf<'findings'>): (Paragraph | Table)[] {
  const widths = twips(b.summary.map(() => 1));
  const total = b.summary.reduce((a, s) => a + s.count, 0);
  const labelRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: b.summary.map((s, i) => {
      const c = SEVERITY_COLOURS[s.severity];
      return cell(ctx, s.label, widths[i] ?? 0, {
        bold: true,
        fill: c.fill,
        color: c.text,
        align: 'center',
        keepNext: true,
      });
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
        color: s.count > 0 ? c.fill : ctx.colour.muted,
      });
    }),
  });
  return [
    new Paragraph({
      keepNext: true,
      spacing: { before: 160, after: 60 },
      children: [run(ctx, `${b.labels.summary ?? ''} (${total})`, { bold: true, size: 17, color: ctx.colour.muted })],
    }),
    new Table({
      width: { size: CONTENT_W, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: tableBorders(ctx),
      margins: { top: 80, bottom: 80, left: 80, right: 80 },
      rows: [labelRow, countRow],
    }),
    gap(200),
  ];
}

function findingsBlock(ctx: Ctx, b: BlockOf<'findings'>): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = severityMatrix(ctx, b);
  const label = (key: string) => b.labels[key] ?? key;
  const keyShare = 0.24;
  const [kw, vw] = twips([keyShare, 1 - keyShare]) as [number, number];
  for (const f of b.items) {
    const c = SEVERITY_COLOURS[f.severity];
    const rows = [
      { key: label('description'), value: f.description },
      { key: label('recommendation'), value: f.recommendation },
      ...(f.affectedResources.length > 0
        ? [{ key: label('affectedResources'), value: f.affectedResources.join('\n') }]
        : []),
      { key: label('owner'), value: f.owner || '—' },
      { key: label('dueDate'), value: f.dueDate ?? '—' },
      { key: label('status'), value: f.statusLabel },
      ...(f.disposition ? [{ key: label('disposition'), value: f.disposition }] : []),
    ];
    // The title bar repeats on every page a long finding runs onto, and is kept with the first row.
    const titleRow = new TableRow({
      cantSplit: true,
      tableHeader: true,
      children: [
        cell(ctx, `${f.ref} · ${f.severityLabel}`, kw, { bold: true, fill: c.fill, color: c.text, keepNext: true }),
        cell(ctx, f.title, vw, { bold: true, fill: c.tint, color: ctx.colour.primary, keepNext: true }),
      ],
    });
    out.push(keyValueTable(ctx, rows, keyShare, [titleRow], true));
    for (const e of f.evidence) out.push(...imageParagraphs(ctx, e.ref, e.caption, 'half'));
    out.push(gap(200));
  }
  return out;
}

function imageParagraphs(ctx: Ctx, ref: ImageRef, text: string, width: 'full' | 'half' | 'third'): Paragraph[] {
  const image = ctx.images.get(ref.sha256);
  if (!image) {
    const t = thin(ctx);
    return [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        shading: shade(ctx.colour.calloutFill),
        border: { top: t, bottom: t, left: t, right: t },
        keepNext: true,
        spacing: { before: 120, after: 0, line: 720, lineRule: LineRuleType.AUTO },
        children: [run(ctx, `[${ctx.text.imageMissing}]`, { color: ctx.colour.muted, size: 18 })],
      }),
      caption(ctx, 'figure', text),
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
          // The real bytes are stored into the package afterwards, uncompressed (docx-media.ts).
          data: mediaStandIn(ref.sha256),
          transformation: { width: Math.round(w), height: Math.round(h) },
          altText: { name: text.slice(0, 60), description: text, title: text.slice(0, 60) },
        }),
      ],
    }),
    caption(ctx, 'figure', text),
  ];
}

function signatureBlock(ctx: Ctx, b: BlockOf<'signature'>): (Paragraph | Table)[] {
  const [kw, vw] = twips([3, 7]) as [number, number];
  const s = ctx.text.signature;
  const line = (label: string, value: string | undefined, height = 420) =>
    new TableRow({
      cantSplit: true,
      height: { value: height, rule: 'atLeast' },
      children: [
        cell(ctx, label, kw, { bold: true, fill: ctx.colour.keyFill, color: ctx.colour.headerText, keepNext: true }),
        cell(ctx, value ?? '', vw, { keepNext: true }),
      ],
    });
  // A drawn signature or seal prints in its line when its image resolved; otherwise the line stays blank.
  const picture = (label: string, ref: ImageRef | undefined, height: number, box: [number, number]) => {
    const image = ref ? ctx.images.get(ref.sha256) : undefined;
    if (!ref || !image) return line(label, undefined, height);
    const scale = Math.min(box[0] / image.width, box[1] / image.height, 1);
    return new TableRow({
      cantSplit: true,
      height: { value: height, rule: 'atLeast' },
      children: [
        cell(ctx, label, kw, { bold: true, fill: ctx.colour.keyFill, color: ctx.colour.headerText, keepNext: true }),
        new TableCell({
          width: { size: vw, type: WidthType.DXA },
          children: [
            new Paragraph({
              keepNext: true,
              children: [
                new ImageRun({
                  type: image.type,
                  // The real bytes are stored into the package afterwards (docx-media.ts).
                  data: mediaStandIn(ref.sha256),
                  transformation: {
                    width: Math.max(1, Math.round(image.width * scale)),
                    height: Math.max(1, Math.round(image.height * scale)),
                  },
                  altText: { name: label, description: `${label}: ${b.name ?? ''}`, title: label },
                }),
              ],
            }),
          ],
        }),
      ],
    });
  };
  const strong = { style: BorderStyle.SINGLE, size: 12, color: ctx.colour.primary } as const;
  return [
    new Table({
      width: { size: CONTENT_W, type: WidthType.DXA },
      columnWidths: [kw, vw],
      layout: TableLayoutType.FIXED,
      borders: { ...tableBorders(ctx), top: strong, bottom: strong },
      margins: cellMargins,
      rows: [
        new TableRow({
          cantSplit: true,
          children: [
            cell(ctx, b.roleLabel, CONTENT_W, {
              bold: true,
              fill: ctx.colour.headerFill,
              color: ctx.colour.headerText,
              columnSpan: 2,
              keepNext: true,
            }),
          ],
        }),
        new TableRow({
          cantSplit: true,
          children: [
            cell(ctx, b.attests, CONTENT_W, { color: ctx.colour.muted, size: 17, columnSpan: 2, keepNext: true }),
          ],
        }),
        line(s.name, b.name),
        line(s.title, b.title),
        line(s.organisation, b.org),
        line(s.date, b.signedAt),
        picture(s.signature, b.signatureImage, 900, [240, 75]),
        ...(b.sealImage ? [picture(s.seal, b.sealImage, 900, [128, 128])] : []),
      ],
    }),
    gap(240),
  ];
}

function notAssessedBlock(ctx: Ctx, b: BlockOf<'notAssessed'>): Paragraph {
  const edge = b.blocksSigning ? ctx.colour.blocking : ctx.colour.primary;
  return new Paragraph({
    shading: shade(b.blocksSigning ? 'FDECEA' : ctx.colour.calloutFill),
    border: {
      left: { style: BorderStyle.SINGLE, size: 24, color: edge, space: 6 },
      top: none,
      bottom: none,
      right: none,
    },
    indent: { left: 120, right: 120 },
    spacing: { before: 80, after: 160, line: 276, lineRule: LineRuleType.AUTO },
    children: [run(ctx, b.text, { color: '30394A', italics: true })],
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

function blockChildren(ctx: Ctx, b: Block): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'paragraph':
      return [paragraphBlock(ctx, b)];
    case 'keyValue':
      return [keyValueTable(ctx, b.rows), gap()];
    case 'table':
      return tableBlock(ctx, b);
    case 'findings':
      return findingsBlock(ctx, b);
    case 'image':
      return imageParagraphs(ctx, b.ref, b.caption, b.width);
    case 'chart':
      return imageParagraphs(
        ctx,
        { sha256: chartKey(b.chart, chartColours(ctx.colour)), variant: 'document' },
        b.caption,
        'full',
      );
    case 'signature':
      return signatureBlock(ctx, b);
    case 'notAssessed':
      return [notAssessedBlock(ctx, b)];
    case 'list':
      return listBlock(ctx, b);
  }
}

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;

/** Front matter headings look like level-2 headings but stay out of the table of contents. */
const FRONT_MATTER_HEADING = 'FrontMatterHeading';

function sectionChildren(
  ctx: Ctx,
  s: Section,
  depth: number,
  newPage: boolean,
  frontMatter = false,
): (Paragraph | Table)[] {
  const heading = new Paragraph({
    ...(frontMatter ? { style: FRONT_MATTER_HEADING } : { heading: HEADINGS[Math.min(depth, HEADINGS.length - 1)] }),
    pageBreakBefore: newPage,
    keepNext: true,
    children: [run(ctx, s.number ? `${s.number}\u2002${s.title}` : s.title)],
  });
  const out: (Paragraph | Table)[] = [heading];
  for (const b of s.blocks) out.push(...blockChildren(ctx, b));
  for (const sub of s.subsections) out.push(...sectionChildren(ctx, sub, depth + 1, false, frontMatter));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Cover, running header/footer, watermark

/** 30 % of the palette's watermark red (C0392B) on white. */
const WATERMARK_TINT = 'ECC4BF';

function watermark(ctx: Ctx): Paragraph[] {
  if (!ctx.doc.draft) return [];
  return [
    new Paragraph({
      children: [
        new TextWatermark({
          text: ctx.text.watermark,
          font: ctx.doc.language === 'zh-CN' ? EAST_ASIAN_FONT : LATIN_FONT,
          // LibreOffice ignores WordArt fill opacity: the colour itself is a light tint of the PDF's
          // watermark red, which Word then lightens a little more.
          color: WATERMARK_TINT,
          opacity: 0.7,
          bold: true,
        }),
      ],
    }),
  ];
}

function coverChildren(ctx: Ctx, logo: Paragraph[]): (Paragraph | Table)[] {
  const { doc, text, colour: c } = ctx;
  const firm = doc.cover.firm?.name ?? '';
  const [kw, vw] = twips([3, 7]) as [number, number];
  const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
  const rule = { style: BorderStyle.SINGLE, size: 4, color: c.border } as const;
  const detail = (key: string, value: string) =>
    new TableRow({
      cantSplit: true,
      children: [
        new TableCell({
          width: { size: kw, type: WidthType.DXA },
          borders: { top: none, left: none, right: none, bottom: rule },
          children: [new Paragraph({ spacing: { after: 0 }, children: [run(ctx, key, { color: c.muted, size: 19 })] })],
        }),
        new TableCell({
          width: { size: vw, type: WidthType.DXA },
          borders: { top: none, left: none, right: none, bottom: rule },
          children: [
            new Paragraph({
              spacing: { after: 0 },
              children: [run(ctx, value, { bold: true, size: 20, color: '1F1F1F' })],
            }),
          ],
        }),
      ],
    });
  return [
    ...logo,
    new Paragraph({
      spacing: { before: logo.length > 0 ? 120 : 0, after: 0 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: c.primary, space: 8 } },
      children: [run(ctx, firm, { bold: true, size: 24, color: c.primary })],
    }),
    new Paragraph({ spacing: { before: logo.length > 0 ? 2000 : 2600, after: 0 }, children: [] }),
    new Paragraph({
      spacing: { after: 240 },
      border: { top: { style: BorderStyle.SINGLE, size: 36, color: c.primary, space: 14 } },
      children: [run(ctx, doc.title, { bold: true, size: 56, color: c.primary })],
    }),
    new Paragraph({
      spacing: { after: 40 },
      children: [run(ctx, doc.cover.customer, { size: 30, color: c.primary })],
    }),
    new Paragraph({
      spacing: { after: 1800 },
      children: [run(ctx, doc.cover.event, { size: 26, color: c.muted })],
    }),
    new Table({
      width: { size: CONTENT_W, type: WidthType.DXA },
      columnWidths: [kw, vw],
      layout: TableLayoutType.FIXED,
      borders: noBorders,
      margins: { top: 90, bottom: 90, left: 0, right: 80 },
      rows: [
        detail(text.cover.customer, doc.cover.customer),
        detail(text.cover.event, doc.cover.event),
        ...(firm ? [detail(text.cover.preparedBy, firm)] : []),
        detail(text.cover.number, doc.number),
        detail(text.cover.version, doc.version),
        detail(text.cover.date, doc.date),
      ],
    }),
    new Paragraph({
      spacing: { before: 600 },
      children: [run(ctx, doc.confidentiality.toUpperCase(), { bold: true, color: c.blocking, size: 20 })],
    }),
  ];
}

function runningHeader(ctx: Ctx): Header {
  const { doc } = ctx;
  return new Header({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_W }],
        border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: ctx.colour.border, space: 4 } },
        children: [
          run(ctx, doc.title, { size: 16, color: ctx.colour.muted }),
          run(ctx, `\t${doc.number} · v${doc.version}`, { size: 16, color: ctx.colour.muted }),
        ],
      }),
      ...watermark(ctx),
    ],
  });
}

function runningFooter(ctx: Ctx): Footer {
  const { doc, text } = ctx;
  const small = { size: 16, color: ctx.colour.muted } as const;
  return new Footer({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_W }],
        border: { top: { style: BorderStyle.SINGLE, size: 4, color: ctx.colour.border, space: 4 } },
        children: [
          run(ctx, doc.confidentiality, small),
          run(ctx, `\t${text.page.before}`, small),
          new TextRun({ children: [PageNumber.CURRENT], font: ctx.font, ...small }),
          run(ctx, text.page.between, small),
          new TextRun({ children: [PageNumber.TOTAL_PAGES], font: ctx.font, ...small }),
          ...(text.page.after ? [run(ctx, text.page.after, small)] : []),
        ],
      }),
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// Entry point

/**
 * Renders the model to a .docx file's bytes. Images that are missing or do not decode become
 * captioned placeholders (a logo is left out) and are reported through `options.onWarning`.
 */
export async function renderDocx(
  document: Document,
  assets: ExportAssets,
  options: RenderOptions = {},
): Promise<Uint8Array> {
  const zh = document.language === 'zh-CN';
  const ctx: Ctx = {
    doc: document,
    text: renderText(document.language),
    colour: palette(options.theme),
    font: { ascii: LATIN_FONT, hAnsi: LATIN_FONT, cs: LATIN_FONT, eastAsia: EAST_ASIAN_FONT },
    images: await documentPictures(document, assets, palette(options.theme), options.onWarning),
    orderedLists: 0,
    counters: { table: 0, figure: 0 },
  };
  const c = ctx.colour;

  const logoRef = document.cover.firm?.logo;
  const logoImage = logoRef ? ctx.images.get(logoRef.sha256) : null;
  const logo: Paragraph[] = [];
  if (logoImage) {
    // At most 64 × 240 px, in proportion.
    const scale = Math.min(64 / logoImage.height, 240 / logoImage.width, 1);
    logo.push(
      new Paragraph({
        children: [
          new ImageRun({
            type: logoImage.type,
            data: mediaStandIn(logoRef?.sha256 ?? ''),
            transformation: {
              width: Math.max(1, Math.round(logoImage.width * scale)),
              height: Math.max(1, Math.round(logoImage.height * scale)),
            },
            altText: { name: 'logo', description: document.cover.firm?.name ?? '', title: 'logo' },
          }),
        ],
      }),
    );
  }

  const body: (Paragraph | Table | DocxToc)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [run(ctx, ctx.text.documentControl)] }),
    keyValueTable(ctx, document.control),
    gap(240),
  ];
  for (const s of document.frontMatter) body.push(...sectionChildren(ctx, s, 1, false, true));
  body.push(
    new Paragraph({ heading: HeadingLevel.TITLE, pageBreakBefore: true, children: [run(ctx, ctx.text.contents)] }),
    new DocxToc(ctx.text.contentsHint, { hyperlink: true, headingStyleRange: '1-3' }),
  );
  for (const s of document.sections) body.push(...sectionChildren(ctx, s, 0, true));

  const page = {
    size: { width: PAGE_W, height: PAGE_H },
    margin: { top: MARGIN_Y, bottom: MARGIN_Y, left: MARGIN_X, right: MARGIN_X, header: 624, footer: 567 },
  };
  const headingRun = (size: number, color: string) => ({ font: ctx.font, size, bold: true, color });

  const build = (withPageNumbers: boolean) =>
    new DocxDocument({
      creator: document.cover.firm?.name ?? 'Vigil',
      title: document.title,
      subject: `${document.cover.customer} — ${document.cover.event}`,
      description: document.number,
      // A signed document's fingerprint, in the keywords Word shows and as a custom property.
      ...(document.fingerprint
        ? {
            keywords: `VigilFingerprint:${document.fingerprint}`,
            customProperties: [{ name: 'VigilFingerprint', value: document.fingerprint }],
          }
        : {}),
      features: { updateFields: true },
      // Page numbers of the table of contents written with the document, laid out as Word would, so
      // viewers that never update fields (LibreOffice's conversion, previews) show them too.
      ...(withPageNumbers ? { pageNumbers: estimatePageNumbers } : {}),
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
          title: { run: headingRun(32, c.primary), paragraph: { spacing: { before: 0, after: 240 } } },
          heading1: {
            run: headingRun(32, c.primary),
            paragraph: {
              spacing: { before: 240, after: 160 },
              border: { bottom: { style: BorderStyle.SINGLE, size: 8, color: c.primary, space: 4 } },
            },
          },
          heading2: { run: headingRun(26, c.primary), paragraph: { spacing: { before: 280, after: 120 } } },
          heading3: { run: headingRun(22, c.primary), paragraph: { spacing: { before: 200, after: 80 } } },
        },
        paragraphStyles: [
          {
            id: FRONT_MATTER_HEADING,
            name: 'Front matter heading',
            basedOn: 'Normal',
            next: 'Normal',
            run: headingRun(26, c.primary),
            paragraph: { keepNext: true, spacing: { before: 280, after: 120 } },
          },
        ],
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
          // An empty paragraph when signed: a header part with no paragraph is not valid WordprocessingML.
          headers: { default: new Header({ children: ctx.doc.draft ? watermark(ctx) : [new Paragraph({})] }) },
          footers: {
            default: new Footer({
              children: [
                new Paragraph({ children: [run(ctx, document.confidentiality, { size: 16, color: c.muted })] }),
              ],
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
  let buffer: Buffer;
  try {
    buffer = await Packer.toBuffer(build(JSON.stringify(document).length <= PAGE_NUMBER_LAYOUT_LIMIT));
  } catch {
    // The page-number layout is a nicety: Word fills the numbers in when it updates the field.
    buffer = await Packer.toBuffer(build(false));
  }
  const media = new Map<string, Uint8Array>();
  for (const [sha256, image] of ctx.images) if (image) media.set(sha256, image.data);
  return withMedia(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength), media);
}
