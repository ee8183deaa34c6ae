import { type Failure, failure } from '../errors';

/** Every way a bundle can be refused; the renderer translates `bundle.refused.<reason>`. */
export const REFUSAL_REASONS = [
  'unreadable',
  'notAZip',
  'corrupt',
  'absolutePath',
  'traversal',
  'backslash',
  'badName',
  'symlink',
  'notRegularFile',
  'encryptedEntry',
  'unsupportedCompression',
  'duplicateName',
  'collidingName',
  'tooManyEntries',
  'entryTooLarge',
  'totalTooLarge',
  'zipBomb',
  'overlappingEntries',
  'manifestMissing',
  'manifestInvalid',
  'notInManifest',
  'missingEntry',
  'sizeMismatch',
  'sizeLie',
  'hashMismatch',
  'notEncrypted',
  'envelopeVersion',
  'envelopeHeader',
  'wrongPassphrase',
  'tampered',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/**
 * A refused bundle: `"<file>" was refused: <why>.` with the file and, when one is at fault, the
 * entry in `details`, so the message can be shown as is or rebuilt in another language.
 */
export function refusal(
  reason: RefusalReason,
  fileLabel: string,
  why: string,
  options: { entry?: string; field?: 'file' | 'passphrase' } = {},
): Failure {
  return failure('INVALID_INPUT', `"${fileLabel}" was refused: ${why}.`, {
    field: options.field ?? 'file',
    messageKey: `bundle.refused.${reason}`,
    details: options.entry === undefined ? [fileLabel] : [fileLabel, options.entry],
  });
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: making control characters visible is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

/** An entry name shown in a message: control characters made visible, length bounded. */
export function shown(name: string): string {
  const visible = name.replace(CONTROL_CHARACTERS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return visible.length > 200 ? `${visible.slice(0, 100)}…${visible.slice(-60)}` : visible;
}
