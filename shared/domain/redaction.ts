/**
 * Credentials in free text (answers, notes, findings), found before anything is exported. Pure:
 * the deliverables step shows each hit and lets the consultant mask or keep it; the store always
 * keeps the original.
 */

export type SecretKind =
  | 'alibabaAccessKeyId'
  | 'awsAccessKeyId'
  | 'huaweiAccessKey'
  | 'keyValueSecret'
  | 'privateKey'
  | 'connectionStringPassword'
  | 'jwt';

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
