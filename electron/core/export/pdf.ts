/**
 * PDF renderer for the render-agnostic document model (`shared/report/model.ts`), with pdfmake 0.3.
 * It lays the model out only: every string comes from the model or from `render-text.ts`, which the
 * DOCX renderer shares, so both formats say the same thing.
 *
 * Fonts are embedded TTFs handed to pdfmake as file paths (pdfkit subsets them): Roboto for Latin
 * text, Noto Sans SC (OFL) for zh-CN documents and for any text node containing CJK characters in an
 * English document — pdfmake uses one font per text node, so the choice is made per node. Only those
 * font files may be read; no URL is ever fetched. Images arrive as data URLs after `resolveImages`
 * has proven they decode.
 *
 * Layout: A4; a cover page (no running header or footer); document control and front matter; a
 * table of contents; the numbered body, each top-level section on a new page; the document title
 * and number in the header and "Page X of Y" in the footer; a DRAFT watermark drawn over the
 * content of every page while the document is a draft.
 *
 * Page breaks: a heading, a table caption or a finding's title bar is never left at the foot of a
 * page. Each such "head" is registered with the node it belongs to, and pdfmake's pageBreakBefore
 * hook moves the head to the next page when that node does not start on the head's page with at
 * least a few lines of room. Nothing long is ever made unbreakable (pdfmake cuts an unbreakable
 * block taller than a page): rows that could be taller than a third of a page may split.
 */
import { createRequire } from 'node:module';
import pdfmake from 'pdfmake';
import type { Content, ContentTable, Node, NodeQueries, TableCell } from 'pdfmake/interfaces';
import type { Block, BlockOf, Document, ImageRef, Run, Section } from '../../../shared/report/model';
import { numberedCaption, pageOf, type RenderText, renderText } from '../../../shared/report/render-text';
import type { ExportAssets } from './assets';
import { chartColours, chartKey, documentPictures } from './charts';
import {
  type DecodedImage,
  fitTable,
  type Palette,
  palette,
  type RenderOptions,
  SEVERITY_COLOURS,
  textEm,
} from './common';

export type { ExportAssets } from './assets';
export type { RenderOptions, RenderWarning, Theme } from './common';

// ---------------------------------------------------------------------------------------------
// Page geometry (points)

const PAGE_W = 595.28; // A4
const PAGE_H = 841.89;
const MARGIN_X = 62; // ≈ 2.2 cm
const MARGIN_TOP = 66;
const MARGIN_BOTTOM = 60;
const CONTENT_W = PAGE_W - 2 * MARGIN_X;
const CONTENT_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM;
const MAX_IMAGE_H = 420;
const BODY_SIZE = 9.5;
const LINE = 1.25;
/** Room a head needs below it on its page: about three lines of what follows. */
const MIN_ROOM = 40;
/** A row estimated taller than this may split across pages; shorter rows never do. */
const SHORT_ROW = CONTENT_H / 3;
const CELL_PAD_X = 5;

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

type Colours = { [K in keyof Palette]: string };
type Ctx = {
  doc: Document;
  text: RenderText;
  colour: Colours;
  /** The document's base font; text nodes with CJK characters switch to the CJK font. */
  base: typeof LATIN | typeof CJK;
  images: Map<string, DecodedImage | null>;
  /** The theme's palette as the charts are drawn in it. */
  palette: Palette;
  /** Caption numbers, counted in document order (the DOCX counts the same way). */
  counters: { table: number; figure: number };
  /** Head node id → id of the node it must share a page with. */
  keeps: Map<string, string>;
  nextId: number;
};

type TextOptions = {
  bold?: boolean;
  italics?: boolean;
  color?: string;
  fontSize?: number;
  alignment?: 'left' | 'right' | 'center' | 'justify';
  margin?: [number, number, number, number];
  style?: string;
  lineHeight?: number;
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

const gridLayout = (ctx: Ctx) => ({
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => ctx.colour.border,
  vLineColor: () => ctx.colour.border,
  paddingLeft: () => CELL_PAD_X,
  paddingRight: () => CELL_PAD_X,
  paddingTop: () => 3,
  paddingBottom: () => 3,
});

/** Marks `head` to move to the next page unless `body` starts on its page with room to spare. */
function keepWithNext(ctx: Ctx, head: Content, body: Content): void {
  const h = head as { id?: string };
  const b = body as { id?: string };
  h.id ??= `keep-${ctx.nextId++}`;
  b.id ??= `keep-${ctx.nextId++}`;
  ctx.keeps.set(h.id, b.id);
}

/** pdfmake's pageBreakBefore hook: heads whose body starts on a later page, or too low, move on. */
function pageBreakBefore(ctx: Ctx) {
  return (node: Node, queries: NodeQueries): boolean => {
    const bodyId = node.id === undefined ? undefined : ctx.keeps.get(node.id);
    if (bodyId === undefined) return false;
    // Already at the top of a page: moving it would only leave a blank page.
    if (node.startPosition.verticalRatio < 0.02) return false;
    const page = node.startPosition.pageNumber;
    const body = queries.getFollowingNodesOnPage().find((n) => n.id === bodyId);
    // A row moved whole to the next page can keep a stale position here: trust where it starts.
    if (!body || body.startPosition.pageNumber !== page) return true;
    if (body.pageNumbers.every((p) => p === page)) return false;
    const room = (1 - body.startPosition.verticalRatio) * body.startPosition.pageInnerHeight;
    return room < MIN_ROOM;
  };
}

/** Estimated height of a row of plain-text cells at `fontSize` in columns `widths` (points). */
function rowHeight(values: readonly string[], widths: readonly number[], fontSize: number): number {
  let lines = 1;
  values.forEach((value, i) => {
    const inner = Math.max(10, (widths[i] ?? CONTENT_W) - 2 * CELL_PAD_X);
    const count = value
      .split('\n')
      .reduce((n, line) => n + Math.max(1, Math.ceil((textEm(line) * fontSize * 1.05) / inner)), 0);
    lines = Math.max(lines, count);
  });
  return lines * fontSize * LINE + 6;
}

const colour = (p: Palette): Colours => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, `#${v}`])) as Colours;

// ---------------------------------------------------------------------------------------------
// Blocks: each returns its nodes and the node a heading before it must stay with

/**
 * A block's nodes and its anchor: the node a heading before it must share a page with. For a
 * table that is a cell of its first row, not the table itself: pdfmake counts a table as started
 * on a page where only its top rule is drawn.
 */
type Laid = { nodes: Content[]; anchor: Content };
const one = (node: Content): Laid => ({ nodes: [node], anchor: node });
function firstCell(table: ContentTable, column = 0): Content {
  return (table.table.body[0]?.[column] as Content | undefined) ?? table;
}
const tableLaid = (table: ContentTable, column = 0): Laid => ({ nodes: [table], anchor: firstCell(table, column) });

function paragraph(ctx: Ctx, b: BlockOf<'paragraph'>): Laid {
  return one(runsOf(ctx, b.runs, { style: b.style === 'note' ? 'note' : 'body' }));
}

function keyValue(ctx: Ctx, rows: readonly { key: string; value: string }[], keyShare = 0.3): ContentTable {
  const widths = [CONTENT_W * keyShare, CONTENT_W * (1 - keyShare)];
  const short = rows.every((r) => rowHeight([r.key, r.value], widths, BODY_SIZE) < SHORT_ROW);
  return {
    table: {
      widths: [`${keyShare * 100}%`, '*'],
      body: rows.map((r) => [
        cell(ctx, r.key, { bold: true, color: ctx.colour.headerText, fill: ctx.colour.keyFill }),
        cell(ctx, r.value),
      ]),
      dontBreakRows: short,
    },
    layout: gridLayout(ctx),
    margin: [0, 2, 0, 10],
  };
}

function caption(ctx: Ctx, kind: 'table' | 'figure', text: string): Content {
  ctx.counters[kind]++;
  return txt(ctx, numberedCaption(ctx.doc.language, kind, ctx.counters[kind], text), {
    style: kind === 'table' ? 'tableCaption' : 'caption',
  });
}

function dataTable(ctx: Ctx, b: BlockOf<'table'>): Laid {
  const bodySize = b.columns.length > 5 ? 8 : 9;
  // pdfmake's widths exclude cell padding and rules, which take their own room.
  const n = b.columns.length;
  const { widths, headerSize } = fitTable(b.columns, b.rows, {
    total: CONTENT_W - n * 2 * CELL_PAD_X - (n + 1) * 0.5,
    bodySize,
    headerSize: bodySize,
    minHeaderSize: 6.5,
    padding: 1,
    integer: false,
  });
  const header = b.columns.map((c) =>
    cell(ctx, c.header, {
      bold: true,
      color: ctx.colour.headerText,
      fill: ctx.colour.headerFill,
      alignment: c.align,
      fontSize: headerSize,
    }),
  );
  const heights = b.rows.map((row) =>
    rowHeight(
      row,
      widths.map((w) => w + 2 * CELL_PAD_X),
      bodySize,
    ),
  );
  const rows = b.rows.map((row) => b.columns.map((c, i) => cell(ctx, row[i] ?? '', { alignment: c.align })));
  const table: ContentTable = {
    table: {
      headerRows: 1,
      // The header never ends a page alone, unless the first row could not share a page with it.
      ...((heights[0] ?? 0) < SHORT_ROW ? { keepWithHeaderRows: 1 } : {}),
      dontBreakRows: heights.every((h) => h < SHORT_ROW),
      widths,
      body: [header, ...(rows.length > 0 ? rows : [b.columns.map(() => cell(ctx, '—', { color: ctx.colour.muted }))])],
    },
    layout: gridLayout(ctx),
    fontSize: bodySize,
    margin: [0, 0, 0, 10],
  };
  if (!b.caption) return tableLaid(table);
  const head = caption(ctx, 'table', b.caption);
  keepWithNext(ctx, head, firstCell(table));
  return { nodes: [head, table], anchor: firstCell(table) };
}

function severityMatrix(ctx: Ctx, b: BlockOf<'findings'>): Laid {
  const total = b.summary.reduce((s, x) => s + x.count, 0);
  const head = txt(ctx, `${b.labels.summary ?? ''} (${total})`, { style: 'tableCaption' });
  const matrix: ContentTable = {
    table: {
      widths: b.summary.map(() => '*'),
      body: [
        b.summary.map((s) => {
          const c = SEVERITY_COLOURS[s.severity];
          return cell(ctx, s.label, { bold: true, fill: `#${c.fill}`, color: `#${c.text}`, alignment: 'center' });
        }),
        b.summary.map((s) => {
          const c = SEVERITY_COLOURS[s.severity];
          return cell(ctx, String(s.count), {
            bold: s.count > 0,
            fontSize: 16,
            alignment: 'center',
            fill: s.count > 0 ? `#${c.tint}` : '#FFFFFF',
            color: s.count > 0 ? `#${c.fill}` : ctx.colour.muted,
          });
        }),
      ],
      dontBreakRows: true,
      keepWithHeaderRows: 1,
      headerRows: 1,
    },
    layout: { ...gridLayout(ctx), paddingTop: () => 5, paddingBottom: () => 5 },
    margin: [0, 0, 0, 12],
  };
  keepWithNext(ctx, head, firstCell(matrix));
  return { nodes: [head, matrix], anchor: firstCell(matrix) };
}

function findings(ctx: Ctx, b: BlockOf<'findings'>): Laid {
  const label = (key: string) => b.labels[key] ?? key;
  const matrix = severityMatrix(ctx, b);
  const out: Content[] = [...matrix.nodes];
  for (const f of b.items) {
    const c = SEVERITY_COLOURS[f.severity];
    const titleBar: Content = {
      table: {
        widths: [4, '*', 'auto'],
        body: [
          [
            { text: '', fillColor: `#${c.fill}` },
            {
              text: [
                txt(ctx, `${f.ref}  `, { bold: true, color: ctx.colour.muted }),
                txt(ctx, f.title, { bold: true, color: ctx.colour.primary }),
              ],
              fillColor: `#${c.tint}`,
            },
            cell(ctx, f.severityLabel, {
              bold: true,
              fill: `#${c.fill}`,
              color: `#${c.text}`,
              alignment: 'center',
              fontSize: 8,
            }),
          ],
        ],
        dontBreakRows: true,
      },
      layout: {
        ...gridLayout(ctx),
        hLineWidth: () => 0,
        vLineWidth: () => 0,
        paddingTop: () => 4,
        paddingBottom: () => 4,
      },
      margin: [0, 8, 0, 0],
    };
    const rows: { key: string; value: string }[] = [
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
    const body = keyValue(ctx, rows, 0.24);
    body.margin = [0, 0, 0, 4];
    const widths = [CONTENT_W * 0.24, CONTENT_W * 0.76];
    const height = rows.reduce((h, r) => h + rowHeight([r.key, r.value], widths, BODY_SIZE), 24);
    if (height < CONTENT_H / 2) {
      // A finding that fits in half a page is never split.
      out.push({ stack: [titleBar, body], unbreakable: true });
    } else {
      keepWithNext(ctx, titleBar, firstCell(body, 1));
      out.push(titleBar, body);
    }
    for (const e of f.evidence) out.push(...image(ctx, e.ref, e.caption, 'half').nodes);
  }
  return { nodes: out, anchor: matrix.anchor };
}

function image(ctx: Ctx, ref: ImageRef, text: string, width: BlockOf<'image'>['width']): Laid {
  const resolved = ctx.images.get(ref.sha256) ?? null;
  const captionNode = caption(ctx, 'figure', text);
  if (!resolved) {
    const placeholder: Content = {
      stack: [
        {
          table: {
            widths: ['*'],
            body: [
              [
                cell(ctx, `[${ctx.text.imageMissing}]`, {
                  color: ctx.colour.muted,
                  alignment: 'center',
                  fill: ctx.colour.calloutFill,
                }),
              ],
            ],
          },
          layout: { ...gridLayout(ctx), paddingTop: () => 18, paddingBottom: () => 18 },
        },
        { ...(captionNode as object), margin: [0, 3, 0, 0] } as Content,
      ],
      unbreakable: true,
      margin: [0, 4, 0, 8],
    };
    return one(placeholder);
  }
  const maxW = CONTENT_W * (width === 'full' ? 1 : width === 'half' ? 0.5 : 1 / 3);
  const scale = Math.min(1, maxW / resolved.width, MAX_IMAGE_H / resolved.height);
  return one({
    stack: [
      {
        image: ref.sha256,
        width: Math.max(1, resolved.width * scale),
        height: Math.max(1, resolved.height * scale),
        alignment: 'center',
      },
      { ...(captionNode as object), margin: [0, 3, 0, 0] } as Content,
    ],
    unbreakable: true,
    margin: [0, 4, 0, 8],
  });
}

function notAssessed(ctx: Ctx, b: BlockOf<'notAssessed'>): Laid {
  const edge = b.blocksSigning ? ctx.colour.blocking : ctx.colour.primary;
  return tableLaid(
    {
      table: {
        widths: [3, '*'],
        body: [
          [
            { text: '', fillColor: edge },
            cell(ctx, b.text, {
              italics: true,
              color: '#30394A',
              fill: b.blocksSigning ? '#FDECEA' : ctx.colour.calloutFill,
            }),
          ],
        ],
        dontBreakRows: rowHeight([b.text], [CONTENT_W], BODY_SIZE) < SHORT_ROW,
      },
      layout: {
        ...gridLayout(ctx),
        hLineWidth: () => 0,
        vLineWidth: () => 0,
        paddingTop: () => 6,
        paddingBottom: () => 6,
      },
      margin: [0, 2, 0, 10],
    },
    1,
  );
}

function list(ctx: Ctx, b: BlockOf<'list'>): Laid {
  const items = b.items.map((item) => runsOf(ctx, item));
  return one(
    b.ordered ? { ol: items, style: 'body', margin: [6, 0, 0, 8] } : { ul: items, style: 'body', margin: [6, 0, 0, 8] },
  );
}

function signature(ctx: Ctx, b: BlockOf<'signature'>): Laid {
  const line = (label: string, value: string | undefined, height = 0): TableCell[] => [
    cell(ctx, label, { bold: true, color: ctx.colour.headerText, fill: ctx.colour.keyFill }),
    { ...(cell(ctx, value ?? '') as object), ...(height ? { margin: [0, height, 0, 0] } : {}) } as TableCell,
  ];
  const s = ctx.text.signature;
  // A drawn signature or seal prints in its line when its image resolved; otherwise the line stays blank.
  const picture = (label: string, ref: ImageRef | undefined, fit: [number, number], height: number): TableCell[] => {
    const resolved = ref ? (ctx.images.get(ref.sha256) ?? null) : null;
    if (!ref || !resolved) return line(label, undefined, height);
    return [
      cell(ctx, label, { bold: true, color: ctx.colour.headerText, fill: ctx.colour.keyFill }),
      { image: ref.sha256, fit, margin: [0, 2, 0, 2] } as TableCell,
    ];
  };
  return one({
    stack: [
      txt(ctx, b.roleLabel, { bold: true, color: ctx.colour.primary, fontSize: 11, margin: [0, 6, 0, 2] }),
      txt(ctx, b.attests, { style: 'note', margin: [0, 0, 0, 4] }),
      {
        table: {
          widths: ['28%', '*'],
          body: [
            line(s.name, b.name),
            line(s.title, b.title),
            line(s.organisation, b.org),
            line(s.date, b.signedAt),
            picture(s.signature, b.signatureImage, [180, 56], 30),
            ...(b.sealImage ? [picture(s.seal, b.sealImage, [96, 96], 30)] : []),
          ],
        },
        layout: gridLayout(ctx),
      },
    ],
    unbreakable: true,
    margin: [0, 0, 0, 14],
  });
}

function block(ctx: Ctx, b: Block): Laid {
  switch (b.kind) {
    case 'paragraph':
      return paragraph(ctx, b);
    case 'keyValue':
      return tableLaid(keyValue(ctx, b.rows), 1);
    case 'table':
      return dataTable(ctx, b);
    case 'findings':
      return findings(ctx, b);
    case 'image':
      return image(ctx, b.ref, b.caption, b.width);
    case 'chart':
      return image(
        ctx,
        { sha256: chartKey(b.chart, chartColours(ctx.palette)), variant: 'document' },
        b.caption,
        'full',
      );
    case 'signature':
      return signature(ctx, b);
    case 'notAssessed':
      return notAssessed(ctx, b);
    case 'list':
      return list(ctx, b);
  }
}

// ---------------------------------------------------------------------------------------------
// Sections

/** A short paragraph all in bold introduces what follows it (a run-in heading): keep them together. */
function isLeadIn(b: Block): boolean {
  return (
    b.kind === 'paragraph' &&
    b.runs.every((r) => r.bold === true) &&
    b.runs.reduce((n, r) => n + r.text.length, 0) <= 120
  );
}

/**
 * A section's heading, blocks and subsections. The heading stays with its first block's anchor;
 * a section that opens with a subsection shares that subsection's anchor, so a chain of headings
 * moves as one.
 */
function section(ctx: Ctx, s: Section, depth: number, numbered: boolean, newPage: boolean): Laid {
  const level = Math.min(depth, 3);
  const title = s.number ? `${s.number}  ${s.title}` : s.title;
  const heading = {
    ...(txt(ctx, title, { style: `h${level}` }) as object),
    ...(numbered
      ? { tocItem: true, tocStyle: `toc${level}`, tocMargin: [(level - 1) * 14, level === 1 ? 3 : 0, 0, 0] }
      : {}),
    id: `sec-${s.id}`,
    ...(newPage ? { pageBreak: 'before' } : {}),
  } as Content;
  const nodes: Content[] = [heading];
  let anchor: Content | undefined;
  let leadIn: Content | undefined;
  for (const b of s.blocks) {
    const laid = block(ctx, b);
    anchor ??= laid.anchor;
    if (leadIn) keepWithNext(ctx, leadIn, laid.anchor);
    leadIn = isLeadIn(b) ? laid.anchor : undefined;
    nodes.push(...laid.nodes);
  }
  for (const sub of s.subsections) {
    const laid = section(ctx, sub, depth + 1, numbered, false);
    anchor ??= laid.anchor;
    nodes.push(...laid.nodes);
  }
  const target = anchor ?? heading;
  if (anchor) keepWithNext(ctx, heading, anchor);
  return { nodes, anchor: target };
}

function cover(ctx: Ctx, logo: DecodedImage | null): Content[] {
  const { doc, text, colour: c } = ctx;
  const firm = doc.cover.firm;
  const logoNode: Content[] =
    firm?.logo && logo ? [{ image: firm.logo.sha256, fit: [170, 56], margin: [0, 0, 0, 10] }] : [];
  const meta: [string, string][] = [
    [text.cover.customer, doc.cover.customer],
    [text.cover.event, doc.cover.event],
    ...(firm ? [[text.cover.preparedBy, firm.name] as [string, string]] : []),
    [text.cover.number, doc.number],
    [text.cover.version, doc.version],
    [text.cover.date, doc.date],
  ];
  return [
    ...logoNode,
    ...(firm ? [txt(ctx, firm.name, { bold: true, fontSize: 12, color: c.primary, margin: [0, 0, 0, 6] })] : []),
    { canvas: [{ type: 'rect', x: 0, y: 0, w: CONTENT_W, h: 2, color: c.primary }] },
    { canvas: [{ type: 'rect', x: 0, y: 0, w: 56, h: 6, color: c.primary }], margin: [0, logo ? 120 : 150, 0, 16] },
    txt(ctx, doc.title, { style: 'coverTitle' }),
    txt(ctx, doc.cover.customer, { fontSize: 15, color: c.primary, margin: [0, 10, 0, 2] }),
    txt(ctx, doc.cover.event, { fontSize: 13, color: c.muted, margin: [0, 0, 0, 48] }),
    {
      table: {
        widths: [120, '*'],
        body: meta.map(([k, v]) => [cell(ctx, k, { color: c.muted }), cell(ctx, v, { bold: true, color: '#1F1F1F' })]),
      },
      layout: {
        hLineWidth: (i: number, node: { table: { body: unknown[] } }) => (i === node.table.body.length ? 0 : 0.5),
        vLineWidth: () => 0,
        hLineColor: () => c.border,
        paddingTop: () => 6,
        paddingBottom: () => 6,
        paddingLeft: () => 0,
      },
    },
    txt(ctx, doc.confidentiality.toUpperCase(), {
      bold: true,
      color: c.blocking,
      fontSize: 10,
      margin: [0, 36, 0, 0],
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Entry point

/**
 * Renders the document to PDF bytes. Images that are missing or do not decode become captioned
 * placeholders (a logo is left out) and are reported through `options.onWarning`.
 */
export async function renderPdf(
  document: Document,
  assets: ExportAssets,
  options: RenderOptions = {},
): Promise<Uint8Array> {
  const doc = document;
  const text = renderText(doc.language);
  const ctx: Ctx = {
    doc,
    text,
    colour: colour(palette(options.theme)),
    palette: palette(options.theme),
    base: doc.language === 'zh-CN' ? CJK : LATIN,
    images: await documentPictures(doc, assets, palette(options.theme), options.onWarning),
    counters: { table: 0, figure: 0 },
    keeps: new Map(),
    nextId: 0,
  };
  const c = ctx.colour;
  const images: Record<string, string> = {};
  for (const [sha256, image] of ctx.images) {
    if (image)
      images[sha256] =
        `data:image/${image.type === 'jpg' ? 'jpeg' : 'png'};base64,${Buffer.from(image.data).toString('base64')}`;
  }
  const logo = doc.cover.firm?.logo ? (ctx.images.get(doc.cover.firm.logo.sha256) ?? null) : null;

  const controlHeading = {
    ...(txt(ctx, text.documentControl, { style: 'h1' }) as object),
    pageBreak: 'before',
  } as Content;
  const control = keyValue(ctx, doc.control);
  const content: Content[] = [
    ...cover(ctx, logo),
    controlHeading,
    control,
    ...doc.frontMatter.flatMap((s) => section(ctx, s, 2, false, false).nodes),
    {
      toc: { title: txt(ctx, text.contents, { style: 'h1' }), numberStyle: { color: c.muted } },
      pageBreak: 'before',
    } as Content,
    ...doc.sections.flatMap((s) => section(ctx, s, 1, true, true).nodes),
  ];

  const small = { fontSize: 8, color: c.muted };
  const definition = {
    pageSize: 'A4' as const,
    pageMargins: [MARGIN_X, MARGIN_TOP, MARGIN_X, MARGIN_BOTTOM] as [number, number, number, number],
    info: {
      title: doc.title,
      subject: `${doc.number} v${doc.version}`,
      creator: 'Vigil',
      producer: 'Vigil',
      // A signed document's fingerprint, under its own key and among the keywords that viewers show.
      ...(doc.fingerprint
        ? { keywords: `VigilFingerprint:${doc.fingerprint}`, VigilFingerprint: doc.fingerprint }
        : {}),
    },
    ...(doc.draft
      ? {
          // pdfmake draws the watermark after the page's content, so fills and images never hide
          // it; translucent, the text beneath stays legible. Horizontal, so pdftotext and a
          // viewer's search read the word whole.
          watermark: {
            text: text.watermark,
            color: c.watermark,
            opacity: 0.16,
            angle: 0,
            bold: true,
            fontSize: doc.language === 'zh-CN' ? 72 : 110,
            font: ctx.base === CJK || CJK_CHARS.test(text.watermark) ? CJK : LATIN,
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
              txt(ctx, pageOf(doc.language, page, pages), { ...small, alignment: 'right' }),
            ],
            margin: [MARGIN_X, 20, MARGIN_X, 0],
          },
    content,
    images,
    pageBreakBefore: pageBreakBefore(ctx),
    defaultStyle: { font: ctx.base, fontSize: BODY_SIZE, lineHeight: LINE, color: '#1F1F1F' },
    styles: {
      body: { margin: [0, 0, 0, 6] },
      note: { fontSize: 8.5, italics: true, color: c.muted, margin: [0, 0, 0, 6] },
      caption: { fontSize: 8, italics: true, color: c.muted, alignment: 'center' },
      tableCaption: { fontSize: 8.5, bold: true, color: c.muted, margin: [0, 4, 0, 3] },
      coverTitle: { fontSize: 28, bold: true, color: c.primary, lineHeight: 1.15 },
      h1: { fontSize: 17, bold: true, color: c.primary, margin: [0, 0, 0, 10] },
      h2: { fontSize: 13, bold: true, color: c.primary, margin: [0, 10, 0, 6] },
      h3: { fontSize: 11, bold: true, color: c.primary, margin: [0, 8, 0, 4] },
      // Compact, so the contents of the longest deliverable fit on one page.
      toc1: { bold: true, fontSize: 10, lineHeight: 1.15 },
      toc2: { fontSize: 9, lineHeight: 1.15 },
      toc3: { fontSize: 8.5, color: c.muted, lineHeight: 1.15 },
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
