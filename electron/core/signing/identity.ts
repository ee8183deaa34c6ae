/**
 * This installation's signing identity: an RSA-2048 key pair and a self-signed X.509 certificate
 * naming the consultant and firm, made on first use and kept under <dataDir>/signing/.
 *
 * RSA-2048 (PKCS#1 v1.5, SHA-256) rather than ECDSA P-256: every PDF validator a customer may
 * use accepts it — poppler's pdfsig (NSS), Adobe Reader, the EU DSS — and it is the algorithm
 * PAdES and CAdES baseline profiles list first; the larger signature costs nothing here.
 *
 * The private key is stored only as `protection.protect(PKCS#8)`; the certificate is public.
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject, randomBytes, sign, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { CoreContext } from '../context';
import { failure } from '../errors';
import { getSettings } from '../services/settings';
import { OID } from './cms';
import { type KeyProtection, passphraseProtectionFromEnv } from './protection';

/** Signing reads the consultant and firm from settings and keeps its files in the data folder. */
export type SigningContext = CoreContext;

export type SigningIdentity = {
  certificateDer: Uint8Array;
  certificate: X509Certificate;
  privateKey: KeyObject;
};

const CERTIFICATE_FILE = 'certificate.pem';
const KEY_FILE = 'private-key.protected';
/** A customer may check a signed document years later; the certificate outlives any engagement. */
const VALIDITY_YEARS = 20;

export const signingDir = (dataDir: string) => join(dataDir, 'signing');

// One unprotect per process and data folder: opening the key costs a scrypt or a keychain prompt.
const opened = new Map<string, SigningIdentity>();

function protectionOf(ctx: SigningContext): KeyProtection {
  return ctx.keyProtection ?? passphraseProtectionFromEnv();
}

function pem(der: Uint8Array): string {
  const base64 = Buffer.from(der).toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${base64.replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`;
}

/**
 * O, then CN (most significant first, as X.509 names are written), each its own RDN. Built as DER and parsed back because pkijs 4 encodes all of a
 * RelativeDistinguishedNames' values into one multi-valued RDN ("CN=… + O=…").
 */
function name(commonName: string, organisation: string): pkijs.RelativeDistinguishedNames {
  const rdn = (type: string, value: string) =>
    new asn1js.Set({
      value: [new pkijs.AttributeTypeAndValue({ type, value: new asn1js.Utf8String({ value }) }).toSchema()],
    });
  const rdns = [...(organisation ? [rdn('2.5.4.10', organisation)] : []), rdn('2.5.4.3', commonName)];
  return pkijs.RelativeDistinguishedNames.fromBER(new asn1js.Sequence({ value: rdns }).toBER());
}

function extension(extnID: string, critical: boolean, value: asn1js.AsnType): pkijs.Extension {
  return new pkijs.Extension({ extnID, critical, extnValue: value.toBER() });
}

/**
 * A certificate serial from random bytes, encodable as DER demands: positive (top bit clear) and
 * with a non-zero first byte. A leading 0x00 before a byte below 0x80 is a non-minimal INTEGER,
 * which OpenSSL refuses to parse — one identity in 256 used to be unreadable.
 */
export function certificateSerial(random: Uint8Array): Uint8Array {
  const serial = Uint8Array.from(random);
  serial[0] = ((serial[0] ?? 0) & 0x3f) | 0x40;
  return serial;
}

/** A self-signed certificate for `publicKey`, signed with `privateKey`, issued at `now`. */
function selfSignedCertificate(
  publicKey: KeyObject,
  privateKey: KeyObject,
  subject: { commonName: string; organisation: string },
  now: Date,
): Uint8Array {
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = new asn1js.Integer({ valueHex: certificateSerial(randomBytes(16)) });
  certificate.issuer = name(subject.commonName, subject.organisation);
  certificate.subject = name(subject.commonName, subject.organisation);
  certificate.notBefore.value = now;
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALIDITY_YEARS);
  certificate.notAfter.value = notAfter;
  certificate.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(publicKey.export({ format: 'der', type: 'spki' }));
  // keyUsage digitalSignature + nonRepudiation (contentCommitment): it signs documents, nothing else.
  const keyUsage = new asn1js.BitString({ valueHex: new Uint8Array([0b1100_0000]), unusedBits: 6 });
  certificate.extensions = [
    extension('2.5.29.19', true, new pkijs.BasicConstraints({ cA: false }).toSchema()),
    extension('2.5.29.15', true, keyUsage),
  ];
  const algorithm = () =>
    new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256WithRsa, algorithmParams: new asn1js.Null() });
  certificate.signature = algorithm();
  certificate.signatureAlgorithm = algorithm();
  const tbs = new Uint8Array(certificate.encodeTBS().toBER());
  certificate.signatureValue = new asn1js.BitString({ valueHex: sign('sha256', tbs, privateKey) });
  return new Uint8Array(certificate.toSchema(true).toBER());
}

/**
 * Puts certificate and sealed key in place together: both are written to a fresh folder that is
 * then renamed to signing/, so no reader sees one without the other. False when another process
 * (the app and a CLI on the same data folder) got there first: its identity is the one to use.
 */
function publish(dir: string, certificatePem: string, sealedKey: Uint8Array): boolean {
  mkdirSync(dirname(dir), { recursive: true });
  const staging = mkdtempSync(`${dir}.new-`);
  try {
    writeFileSync(join(staging, CERTIFICATE_FILE), certificatePem, { mode: 0o600 });
    writeFileSync(join(staging, KEY_FILE), sealedKey, { mode: 0o600 });
    try {
      renameSync(staging, dir);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // rename(2) refuses a non-empty target (Windows any existing one): someone else's identity is in place.
      const taken = code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'EPERM';
      if (taken && existsSync(join(dir, KEY_FILE))) return false;
      if (taken) {
        throw failure('INTERNAL', `${dir} exists without a signing key in it: move it away to create a new identity.`);
      }
      throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function readIdentity(dir: string, protection: KeyProtection): SigningIdentity {
  const certificatePath = join(dir, CERTIFICATE_FILE);
  if (!existsSync(certificatePath)) {
    throw failure('INTERNAL', `The signing key in ${dir} has no certificate beside it (${CERTIFICATE_FILE}).`);
  }
  const certificate = new X509Certificate(readFileSync(certificatePath));
  const privateKey = createPrivateKey({
    key: Buffer.from(protection.unprotect(readFileSync(join(dir, KEY_FILE)))),
    format: 'der',
    type: 'pkcs8',
  });
  if (!certificate.checkPrivateKey(privateKey)) {
    throw failure('INTERNAL', `The signing certificate in ${dir} does not belong to the stored key.`);
  }
  return { certificateDer: new Uint8Array(certificate.raw), certificate, privateKey };
}

/**
 * The installation's identity, created on first use from the consultant and firm in settings.
 * Later changes of name do not re-issue it: a customer may already trust this certificate.
 */
export function ensureSigningIdentity(ctx: SigningContext): SigningIdentity {
  const dir = signingDir(ctx.dataDir);
  const cached = opened.get(dir);
  if (cached) return cached;
  const protection = protectionOf(ctx);
  let identity: SigningIdentity;
  if (existsSync(join(dir, KEY_FILE))) {
    identity = readIdentity(dir, protection);
  } else {
    const settings = getSettings(ctx);
    const commonName = settings.consultantName.trim() || ctx.actor();
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
    const certificateDer = selfSignedCertificate(
      publicKey,
      privateKey,
      { commonName, organisation: settings.firmName.trim() },
      new Date(ctx.now()),
    );
    const certificate = new X509Certificate(certificateDer);
    if (!certificate.verify(publicKey)) throw failure('INTERNAL', 'The new signing certificate does not verify.');
    const sealed = protection.protect(new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' })));
    identity = { certificateDer, certificate, privateKey };
    if (!publish(dir, pem(certificateDer), sealed)) identity = readIdentity(dir, protection);
  }
  opened.set(dir, identity);
  return identity;
}

/** The installation's certificate as PEM, for a customer to trust; creates the identity if needed. */
export function signingCertificatePem(ctx: SigningContext): string {
  return pem(ensureSigningIdentity(ctx).certificateDer);
}

/** Forgets opened keys (tests, and after the data folder is removed). */
export function forgetSigningIdentities(): void {
  opened.clear();
}
