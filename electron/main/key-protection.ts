import { safeStorage } from 'electron';
import { failure } from '../core/errors';
import type { KeyProtection } from '../core/signing/protection';

/** The part of Electron's safeStorage the signing key needs (a seam for tests). */
export type SafeStorageLike = Pick<
  typeof safeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>;

function usable(storage: SafeStorageLike): SafeStorageLike {
  if (!storage.isEncryptionAvailable()) {
    throw failure('INTERNAL', 'The system keychain is not available, so the signing key cannot be protected.');
  }
  // On Linux without a keyring Chromium falls back to a fixed, public password: no protection at all.
  if (process.platform === 'linux' && storage.getSelectedStorageBackend() === 'basic_text') {
    throw failure(
      'INTERNAL',
      'No keyring (GNOME Keyring or KWallet) is running, so the signing key cannot be protected. Start one and try again.',
    );
  }
  return storage;
}

/**
 * The signing key sealed by the OS keychain through Electron safeStorage (DPAPI, Keychain,
 * libsecret/KWallet). safeStorage seals strings, so the key's bytes travel as base64. The sync
 * calls are deprecated in favour of async ones, but KeyProtection is synchronous and they still
 * work; checked when used, after the app is ready.
 */
export function safeStorageProtection(storage: () => SafeStorageLike = () => safeStorage): KeyProtection {
  return {
    protect: (bytes) => new Uint8Array(usable(storage()).encryptString(Buffer.from(bytes).toString('base64'))),
    unprotect: (bytes) => new Uint8Array(Buffer.from(usable(storage()).decryptString(Buffer.from(bytes)), 'base64')),
  };
}
