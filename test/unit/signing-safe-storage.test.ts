import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { forgetSigningIdentities, verifyPdf } from '../../electron/core/signing';
import { type SafeStorageLike, safeStorageProtection } from '../../electron/main/key-protection';
import { closeTestCores } from '../fixtures/core';
import { removeTempDataDirs, tempDataDir } from '../fixtures/dataDir';
import { signedAcceptanceReport, signingCore } from '../fixtures/signing';

// key-protection.ts imports safeStorage from electron; the tests hand in their own storage.
vi.mock('electron', () => ({ safeStorage: {} }));
vi.setConfig({ testTimeout: 120_000 });

/** A stand-in keychain: seals by XOR with a secret and a prefix, as opaque to the caller as the real one. */
function fakeKeychain(
  options: { available?: boolean; backend?: ReturnType<SafeStorageLike['getSelectedStorageBackend']> } = {},
) {
  const secret = 0x5a;
  const storage: SafeStorageLike = {
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString: (text) => Buffer.concat([Buffer.from('v11'), Buffer.from(text, 'utf8').map((b) => b ^ secret)]),
    decryptString: (sealed) => Buffer.from(sealed.subarray(3).map((b) => b ^ secret)).toString('utf8'),
  };
  return storage;
}

const platform = process.platform;
afterEach(() => Object.defineProperty(process, 'platform', { value: platform }));
afterAll(() => {
  forgetSigningIdentities();
  closeTestCores();
  removeTempDataDirs();
});

describe('the signing key under Electron safeStorage', () => {
  it('round-trips the key bytes through the keychain without them appearing in the sealed form', () => {
    const protection = safeStorageProtection(() => fakeKeychain());
    const key = new Uint8Array([0x30, 0x82, 0x04, 0xbe, 0x02, 0x01, 0x00, 0xff, 0x10]);
    const sealed = protection.protect(key);
    expect(Buffer.from(sealed).includes(Buffer.from(key))).toBe(false);
    expect([...protection.unprotect(sealed)]).toEqual([...key]);
  });

  it('signs a deliverable with a key kept by the keychain', async () => {
    forgetSigningIdentities();
    const core = signingCore({ dataDir: tempDataDir(), keyProtection: safeStorageProtection(() => fakeKeychain()) });
    expect(verifyPdf(await signedAcceptanceReport(core)).status).toBe('valid');
  });

  it('refuses when the keychain is unavailable, or is Linux basic_text (a fixed public password)', () => {
    expect(() => safeStorageProtection(() => fakeKeychain({ available: false })).protect(new Uint8Array([1]))).toThrow(
      'The system keychain is not available',
    );
    Object.defineProperty(process, 'platform', { value: 'linux' });
    expect(() =>
      safeStorageProtection(() => fakeKeychain({ backend: 'basic_text' })).protect(new Uint8Array([1])),
    ).toThrow('No keyring (GNOME Keyring or KWallet) is running');
  });
});
