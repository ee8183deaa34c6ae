import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { failure } from '../errors';

/**
 * How the installation's signing key is kept at rest. The app's main process hands in Electron
 * safeStorage (the OS keychain); the harness, CLI and tests use a passphrase.
 */
export type KeyProtection = {
  protect(bytes: Uint8Array): Uint8Array;
  unprotect(bytes: Uint8Array): Uint8Array;
};

export const PASSPHRASE_VARIABLE = 'VIGIL_SIGNING_PASSPHRASE';

// Envelope: magic, scrypt log2(N), r, p, salt, IV, GCM tag, ciphertext. The parameters travel in
// the header so a later build can raise the cost and still open older keys.
const MAGIC = Buffer.from('VGK1');
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 3 + SALT_BYTES + IV_BYTES + TAG_BYTES;
// N = 2^17, r = 8: the cost OWASP recommends for scrypt; it needs 128 MiB, above Node's 32 MiB default.
const LOG_N = 17;
const R = 8;
const P = 1;

function deriveKey(passphrase: string, salt: Uint8Array, logN: number, r: number, p: number): Buffer {
  const N = 2 ** logN;
  return scryptSync(passphrase, salt, 32, { N, r, p, maxmem: 128 * N * r + 16 * 1024 * 1024 });
}

/** scrypt + AES-256-GCM under a passphrase; a wrong passphrase or a changed byte fails to open. */
export function passphraseProtection(passphrase: string): KeyProtection {
  if (passphrase.length === 0) {
    throw failure('INVALID_INPUT', `The signing passphrase is empty: set ${PASSPHRASE_VARIABLE}.`, {
      field: PASSPHRASE_VARIABLE,
    });
  }
  return {
    protect(bytes) {
      const salt = randomBytes(SALT_BYTES);
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', deriveKey(passphrase, salt, LOG_N, R, P), iv);
      cipher.setAAD(MAGIC);
      const sealed = Buffer.concat([cipher.update(bytes), cipher.final()]);
      return new Uint8Array(Buffer.concat([MAGIC, Buffer.from([LOG_N, R, P]), salt, iv, cipher.getAuthTag(), sealed]));
    },
    unprotect(bytes) {
      const data = Buffer.from(bytes);
      if (data.length < HEADER_BYTES || !data.subarray(0, MAGIC.length).equals(MAGIC)) {
        throw failure('INVALID_INPUT', 'The signing key file is not a passphrase-protected Vigil key.');
      }
      const [logN = 0, r = 0, p = 0] = data.subarray(MAGIC.length, MAGIC.length + 3);
      if (logN < 14 || logN > 22 || r < 1 || r > 32 || p < 1 || p > 16) {
        throw failure('INVALID_INPUT', 'The signing key file has unreadable protection parameters.');
      }
      const saltAt = MAGIC.length + 3;
      const ivAt = saltAt + SALT_BYTES;
      const tagAt = ivAt + IV_BYTES;
      const sealedAt = tagAt + TAG_BYTES;
      const salt = data.subarray(saltAt, ivAt);
      const iv = data.subarray(ivAt, tagAt);
      const tag = data.subarray(tagAt, sealedAt);
      const decipher = createDecipheriv('aes-256-gcm', deriveKey(passphrase, salt, logN, r, p), iv);
      decipher.setAAD(MAGIC);
      decipher.setAuthTag(tag);
      try {
        return new Uint8Array(Buffer.concat([decipher.update(data.subarray(sealedAt)), decipher.final()]));
      } catch {
        throw failure('INVALID_INPUT', `${PASSPHRASE_VARIABLE} does not open this installation's signing key.`, {
          field: PASSPHRASE_VARIABLE,
        });
      }
    },
  };
}

/** The passphrase protection from VIGIL_SIGNING_PASSPHRASE, or a message naming the variable. */
export function passphraseProtectionFromEnv(env: NodeJS.ProcessEnv = process.env): KeyProtection {
  const passphrase = env[PASSPHRASE_VARIABLE];
  if (!passphrase) {
    throw failure(
      'INVALID_INPUT',
      `Signing needs a passphrase for this installation's key: set the environment variable ${PASSPHRASE_VARIABLE}.`,
      { field: PASSPHRASE_VARIABLE },
    );
  }
  return passphraseProtection(passphrase);
}
