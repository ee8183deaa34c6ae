/**
 * Credentials in free text (answers, notes, findings), found before anything is exported. Pure:
 * the deliverables step shows each hit and lets the consultant mask or keep it; the store always
 * keeps the original.
 */

import { z } from 'zod';

export const SECRET_KINDS = [
  'alibabaAccessKeyId',
  'awsAccessKeyId',
  'huaweiAccessKey',
  'keyValueSecret',
  'privateKey',
  'connectionStringPassword',
  'jwt',
] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

export type SecretHit = {
  kind: SecretKind;
  /** UTF-16 offsets of the secret itself (the value, not its key), end exclusive. */
  start: number;
  end: number;
  /** Safe to show: the first characters and a mask. */
  preview: string;
};

const MASK = '••••';

type Rule = {
  kind: SecretKind;
  pattern: RegExp;
  group?: number;
  test?: (value: string, match: RegExpExecArray, text: string) => boolean;
};

const SECRET_KEYS = [
  'access_key_secret',
  'accesskeysecret',
  'secret_access_key',
  'secretaccesskey',
  'secret_key',
  'secretkey',
  'client_secret',
  'api_key',
  'apikey',
  'api-key',
  'x-api-key',
  'auth_token',
  'access_token',
  'refresh_token',
  'token',
  'secret',
  'password',
  'passwd',
  'pwd',
  'sk',
];

/** Not credentials even though they sit after a secret-like word. */
const PLACEHOLDER = /^(?:\*+|•+|x{3,}|<[^>]*>|\$\{[^}]*\}|%[A-Z_]+%|null|none|true|false|changeme|\.\.\.|…)$/i;

const KEY_VALUE = new RegExp(
  // key, optional quotes, = or :, optional quotes, then the value up to a space, quote, comma or semicolon.
  `(?<![A-Za-z0-9_-])["']?(?:${SECRET_KEYS.map((k) => k.replace(/[-_]/g, '[-_]?')).join('|')})["']?[ \\t]*[=:][ \\t]*["']?([^\\s"',;]{4,})`,
  'gi',
);

const RULES: Rule[] = [
  {
    kind: 'privateKey',
    pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----/g,
  },
  // scheme://user:password@host — the password only.
  {
    kind: 'connectionStringPassword',
    pattern: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@]+:([^\s@/]{1,200})@[^\s/]+/gi,
    group: 1,
  },
  { kind: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  // Alibaba Cloud AccessKey ID: LTAI + 12–30 letters and digits, with at least one digit.
  { kind: 'alibabaAccessKeyId', pattern: /\bLTAI[A-Za-z0-9]{12,30}\b/g, test: (v) => /\d/.test(v.slice(4)) },
  // AWS: AKIA (long-term) or ASIA (temporary) + 16 uppercase letters and digits.
  { kind: 'awsAccessKeyId', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g },
  // Huawei Cloud AK: 20 uppercase letters and digits, near the word AK or access.
  {
    kind: 'huaweiAccessKey',
    pattern: /\b[A-Z0-9]{20}\b/g,
    test: (value, match, text) =>
      /\d/.test(value) &&
      /[A-Z]/.test(value) &&
      /\b(?:AK|access|accesskey|access[_ -]?key)\b/i.test(text.slice(Math.max(0, match.index - 40), match.index)),
  },
  { kind: 'keyValueSecret', pattern: KEY_VALUE, group: 1, test: (value) => !PLACEHOLDER.test(value) },
];

/** Ids keep their first four characters (LTAI, AKIA…) so the reader knows what was there. */
const KEEPS_PREFIX: ReadonlySet<SecretKind> = new Set(['alibabaAccessKeyId', 'awsAccessKeyId', 'huaweiAccessKey']);

function masked(kind: SecretKind, value: string): string {
  return KEEPS_PREFIX.has(kind) ? `${value.slice(0, 4)}${MASK}` : MASK;
}

/** Every credential-looking span in `text`, in order, overlapping hits merged into the first found. */
export function findSecrets(text: string): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const rule of RULES) {
    rule.pattern.lastIndex = 0;
    for (let match = rule.pattern.exec(text); match !== null; match = rule.pattern.exec(text)) {
      const value = rule.group ? match[rule.group] : match[0];
      if (value === undefined || value === '') continue;
      const start = rule.group ? match.index + match[0].lastIndexOf(value) : match.index;
      const end = start + value.length;
      if (rule.test && !rule.test(value, match, text)) continue;
      if (hits.some((hit) => start < hit.end && end > hit.start)) continue;
      hits.push({ kind: rule.kind, start, end, preview: masked(rule.kind, value) });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** The text with the given hits masked (`••••`; ids keep their first four characters). */
export function maskSecrets(text: string, hits: readonly SecretHit[]): string {
  let out = '';
  let at = 0;
  for (const hit of [...hits].sort((a, b) => a.start - b.start)) {
    if (hit.start < at) continue;
    out += text.slice(at, hit.start) + masked(hit.kind, text.slice(hit.start, hit.end));
    at = hit.end;
  }
  return out + text.slice(at);
}

// ---------------------------------------------------------------------------------------------
// Decisions: the consultant's mask or keep for each hit, applied only to exported text.

/** Where a hit was found: an answer's note or text value, or a finding's text fields. */
export const REDACTION_SOURCE_KINDS = ['answer', 'finding'] as const;
export type RedactionSourceKind = (typeof REDACTION_SOURCE_KINDS)[number];
export const REDACTION_FIELDS = ['note', 'value', 'title', 'description', 'recommendation'] as const;
export type RedactionField = (typeof REDACTION_FIELDS)[number];
/** The fields scanned for each source kind, in the order they are shown. */
export const REDACTION_FIELDS_OF: Record<RedactionSourceKind, readonly RedactionField[]> = {
  answer: ['value', 'note'],
  finding: ['title', 'description', 'recommendation'],
};
export const REDACTION_DECISIONS = ['mask', 'keep'] as const;
export type RedactionDecision = (typeof REDACTION_DECISIONS)[number];

/** A hit with the fingerprint (SHA-256 hex of the matched text) its decision is stored under. */
export type FingerprintedHit = SecretHit & { fingerprint: string };

export const redactionTargetSchema = z.object({
  sourceKind: z.enum(REDACTION_SOURCE_KINDS),
  sourceId: z.string().min(1).max(200),
  field: z.enum(REDACTION_FIELDS),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/, { message: 'expected a SHA-256 fingerprint' }),
});

export const redactionHitSchema = redactionTargetSchema.extend({
  kind: z.enum(SECRET_KINDS),
  /** UTF-16 offsets of the secret in the field's text. */
  start: z.number().int(),
  end: z.number().int(),
  /** The secret masked, e.g. `LTAI••••`. */
  preview: z.string(),
  /** A short snippet around the secret with every secret in it masked; never the secret itself. */
  context: z.string(),
  /** Where the masked secret sits in `context`, for highlighting. */
  contextStart: z.number().int(),
  contextEnd: z.number().int(),
  decision: z.enum(REDACTION_DECISIONS).nullable(),
  /** The checklist item's prompt, or the finding's title (itself masked). */
  label: z.object({ en: z.string(), 'zh-CN': z.string() }),
});
export type RedactionHit = z.infer<typeof redactionHitSchema>;

/** Characters of text kept on each side of a secret in a hit's context. */
const CONTEXT_CHARS = 40;

/**
 * A snippet of `text` around `hits[index]`, with every secret it touches masked and whitespace
 * runs (line breaks of key blocks, say) shown as one space. A secret cut by the window's edge is
 * taken in whole, so no part of one is ever shown.
 */
export function hitContext(
  text: string,
  hits: readonly SecretHit[],
  index: number,
): { context: string; contextStart: number; contextEnd: number } {
  const hit = hits[index];
  if (!hit) return { context: '', contextStart: 0, contextEnd: 0 };
  let from = Math.max(0, hit.start - CONTEXT_CHARS);
  let to = Math.min(text.length, hit.end + CONTEXT_CHARS);
  // Whole words at the edges where there is a space to cut at.
  if (from > 0) {
    const space = text.slice(from, hit.start).search(/\s/);
    if (space >= 0) from += space + 1;
  }
  if (to < text.length) {
    const space = text.slice(hit.end, to).search(/\s\S*$/);
    if (space >= 0) to = hit.end + space;
  }
  for (const other of hits) {
    if (other.start < from && other.end > from) from = other.start;
    if (other.start < to && other.end > to) to = other.end;
  }
  const tidy = (part: string) => part.replace(/\s+/g, ' ');
  const inside = hits.filter((h) => h.start >= from && h.end <= to);
  const before = tidy(maskSecrets(text.slice(from, hit.start), shift(inside, from, hit.start)));
  const after = tidy(maskSecrets(text.slice(hit.end, to), shift(inside, hit.end, to)));
  const head = `${from > 0 ? '…' : ''}${before}`;
  const context = `${head}${hit.preview}${after}${to < text.length ? '…' : ''}`;
  return { context, contextStart: head.length, contextEnd: head.length + hit.preview.length };
}

/** The hits lying within [from, to), with offsets relative to `from`. */
function shift(hits: readonly SecretHit[], from: number, to: number): SecretHit[] {
  return hits
    .filter((h) => h.start >= from && h.end <= to)
    .map((h) => ({ ...h, start: h.start - from, end: h.end - from }));
}

/**
 * The text as a deliverable prints it: every hit masked unless the consultant chose to keep it.
 * A hit with no decision yet is masked (the safe default). `decisions` maps fingerprints of this
 * text's hits to their decision. The store is never changed; only exported text is.
 */
export function applyRedactions(
  text: string,
  hits: readonly FingerprintedHit[],
  decisions: ReadonlyMap<string, RedactionDecision> | Readonly<Record<string, RedactionDecision>>,
): string {
  const decisionOf = (fingerprint: string) =>
    decisions instanceof Map
      ? decisions.get(fingerprint)
      : (decisions as Record<string, RedactionDecision>)[fingerprint];
  return maskSecrets(
    text,
    hits.filter((hit) => decisionOf(hit.fingerprint) !== 'keep'),
  );
}
