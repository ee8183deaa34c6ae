/** Signing and verifying deliverable PDFs with this installation's key (Node only, no Electron). */
export {
  ensureSigningIdentity,
  forgetSigningIdentities,
  type SigningContext,
  type SigningIdentity,
  signingCertificatePem,
  signingDir,
} from './identity';
export {
  type KeyProtection,
  PASSPHRASE_VARIABLE,
  passphraseProtection,
  passphraseProtectionFromEnv,
} from './protection';
export { type SignPdfOptions, signPdf } from './sign';
export { type PdfVerification, parsePdfDate, verifyPdf } from './verify';
