/**
 * The few words only the renderers print, around the document model's own text: page furniture,
 * the table of contents, caption prefixes, signature lines, the watermark and placeholders. The
 * DOCX and PDF renderers both read this table, so a document says the same thing in either format.
 * The model's text (section titles, labels the builders choose) lives in `text.ts`.
 */
import type { DocLanguage } from './text';

export type RenderText = {
  documentControl: string;
  contents: string;
  /** Word's TOC field shows this until its page numbers are refreshed. */
  contentsHint: string;
  /** Cover details. */
  cover: { customer: string; event: string; preparedBy: string; number: string; version: string; date: string };
  /** "Page X of Y" in pieces, so the DOCX can put page-number fields between them. */
  page: { before: string; between: string; after: string };
  /** Caption prefixes, numbered in document order: "Table 3", "Figure 2". */
  table: string;
  figure: string;
  /** Between a caption's prefix and its text. */
  captionSeparator: string;
  /** Signature lines. */
  signature: { name: string; title: string; organisation: string; date: string; signature: string; seal: string };
  /** A finding's title bar when it continues on the next page. */
  continued: string;
  /** Printed on every page until the document is signed. */
  watermark: string;
  imageMissing: string;
};

const en: RenderText = {
  documentControl: 'Document control',
  contents: 'Contents',
  contentsHint: 'Right-click and choose Update Field to refresh page numbers.',
  cover: {
    customer: 'Customer',
    event: 'Event',
    preparedBy: 'Prepared by',
    number: 'Document number',
    version: 'Version',
    date: 'Date',
  },
  page: { before: 'Page ', between: ' of ', after: '' },
  table: 'Table',
  figure: 'Figure',
  captionSeparator: ' — ',
  signature: {
    name: 'Name',
    title: 'Title',
    organisation: 'Organisation',
    date: 'Date',
    signature: 'Signature',
    seal: 'Seal',
  },
  continued: '(continued)',
  watermark: 'DRAFT',
  imageMissing: 'Image not available',
};

const zh: RenderText = {
  documentControl: '文档控制',
  contents: '目录',
  contentsHint: '右键单击并选择“更新域”以刷新页码。',
  cover: { customer: '客户', event: '活动', preparedBy: '编制方', number: '文档编号', version: '版本', date: '日期' },
  page: { before: '第 ', between: ' 页，共 ', after: ' 页' },
  table: '表',
  figure: '图',
  captionSeparator: '  ',
  signature: { name: '姓名', title: '职务', organisation: '单位', date: '日期', signature: '签字', seal: '盖章' },
  continued: '（续）',
  watermark: '草稿 DRAFT',
  imageMissing: '图片不可用',
};

export const RENDER_TEXT: Record<DocLanguage, RenderText> = { en, 'zh-CN': zh };

export function renderText(language: DocLanguage): RenderText {
  return RENDER_TEXT[language];
}

/** "Page 3 of 12" / "第 3 页，共 12 页". */
export function pageOf(language: DocLanguage, page: number, pages: number): string {
  const p = RENDER_TEXT[language].page;
  return `${p.before}${page}${p.between}${pages}${p.after}`;
}

/** "Table 2 — Contacts" / "表 2  联系人". */
export function numberedCaption(language: DocLanguage, kind: 'table' | 'figure', n: number, caption: string): string {
  const t = RENDER_TEXT[language];
  const prefix = `${kind === 'table' ? t.table : t.figure} ${n}`;
  return caption === '' ? prefix : `${prefix}${t.captionSeparator}${caption}`;
}
