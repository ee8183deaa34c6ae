/** Content identity: equal content always serialises, and so hashes, the same. */
import { createHash } from 'node:crypto';

/** Objects with their keys sorted at every depth, so equal content always serialises the same. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

/** sha256 (hex) of the text. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
