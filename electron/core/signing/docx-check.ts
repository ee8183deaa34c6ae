/**
 * A DOCX has no signature of its own: it checks out when it is byte for byte the file kept when a
 * version with its fingerprint was signed. From a terminal the versions are read from the data
 * folder (VIGIL_DATA_DIR), read-only, without the app running.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { strFromU8, unzipSync } from 'fflate';
import type { PdfVerification } from './verify';

const STORE_FILE = 'vigil.db';

/** The fingerprint a signed DOCX carries in its custom or core properties; null when none. */
export function docxFingerprint(bytes: Uint8Array): string | null {
  const parts = unzipSync(bytes, {
    filter: (file) => file.name === 'docProps/custom.xml' || file.name === 'docProps/core.xml',
  });
  for (const part of Object.values(parts)) {
    const found = /VigilFingerprint(?:<\/vt:lpwstr>|"[^>]*>\s*<vt:lpwstr>|:)([0-9a-f]{64})/.exec(strFromU8(part));
    if (found?.[1]) return found[1];
  }
  return null;
}

export const isZip = (bytes: Uint8Array) =>
  bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

export function checkDocxAgainstStore(bytes: Uint8Array, env: NodeJS.ProcessEnv): PdfVerification {
  let fingerprint: string | null;
  try {
    fingerprint = docxFingerprint(bytes);
  } catch {
    return { status: 'unreadable', reason: 'The file is not a DOCX Vigil can read.' };
  }
  if (fingerprint === null) return { status: 'unknown', reason: 'The DOCX carries no Vigil fingerprint.' };
  const dataDir = env.VIGIL_DATA_DIR;
  const path = dataDir ? join(dataDir, STORE_FILE) : '';
  if (!dataDir || !existsSync(path)) {
    return {
      status: 'unknown',
      fingerprint,
      reason: 'Set VIGIL_DATA_DIR to the Vigil data folder to check a DOCX against its signed versions.',
    };
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(
        'SELECT version, number, docx_sha256 AS docx, signed_at AS signedAt, consultant_name AS signer FROM signed_versions WHERE fingerprint = ? ORDER BY version DESC',
      )
      .all(fingerprint) as { version: number; number: string; docx: string; signedAt: string; signer: string }[];
    const same = rows.find((r) => r.docx === sha256);
    const row = same ?? rows[0];
    if (!row)
      return { status: 'unknown', fingerprint, reason: 'No version signed in this data folder has this fingerprint.' };
    return {
      status: same ? 'valid' : 'modified',
      fingerprint,
      signer: row.signer,
      signedAt: row.signedAt,
      reason: same
        ? `Exactly the file kept for version ${row.version} (${row.number}).`
        : `The content of version ${row.version} (${row.number}), but not the file kept then.`,
    };
  } finally {
    db.close();
  }
}
