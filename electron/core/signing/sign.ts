import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { PDFDocument } from 'pdf-lib';
import { failure } from '../errors';
import { buildDetachedSignature } from './cms';
import { ensureSigningIdentity, type SigningContext } from './identity';
import { pdfLiteralBody } from './pdf-strings';

export type SignPdfOptions = {
  /** Why the document is signed, e.g. "Accepted by the customer". Shown by PDF readers. */
  reason: string;
  /** Who signs, for the signature dictionary's /Name. */
  signerName: string;
  /** The moment of signing: the dictionary's /M (PAdES keeps it out of the signed attributes). */
  signingTime: Date;
  location?: string;
};

/** Room for the CMS in /Contents: certificate (~0.9 kB) + attributes + RSA-2048 signature, doubled. */
const SIGNATURE_BYTES = 8192;

/**
 * @signpdf hands the bytes to sign to a `Signer` it checks with instanceof, so this is a class
 * only to fit that seam; the work is `buildDetachedSignature`.
 */
class CadesSigner extends Signer {
  constructor(private readonly sign_: (content: Uint8Array) => Uint8Array) {
    super();
  }
  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return Buffer.from(this.sign_(new Uint8Array(pdfBuffer)));
  }
}

/**
 * Signs a PDF with this installation's key: a PAdES baseline B-B signature (subFilter
 * ETSI.CAdES.detached) covering the whole file except the signature itself.
 */
export async function signPdf(ctx: SigningContext, pdfBytes: Uint8Array, options: SignPdfOptions): Promise<Uint8Array> {
  if (!options.signerName.trim()) throw failure('INVALID_INPUT', 'The signer name is empty.', { field: 'signerName' });
  if (Number.isNaN(options.signingTime.getTime())) {
    throw failure('INVALID_INPUT', 'The signing time is not a valid date.', { field: 'signingTime' });
  }
  const identity = ensureSigningIdentity(ctx);
  let document: PDFDocument;
  try {
    // updateMetadata false: pdf-lib would otherwise rewrite Producer and ModDate in the Info dictionary.
    document = await PDFDocument.load(pdfBytes, { updateMetadata: false });
  } catch {
    throw failure('INVALID_INPUT', 'The file to sign is not a readable PDF.', { field: 'pdfBytes' });
  }
  pdflibAddPlaceholder({
    pdfDoc: document,
    reason: pdfLiteralBody(options.reason),
    name: pdfLiteralBody(options.signerName.trim()),
    contactInfo: '',
    location: pdfLiteralBody(options.location ?? ''),
    signingTime: options.signingTime,
    signatureLength: SIGNATURE_BYTES,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'Vigil',
  });
  // No object streams: the signature dictionary must stay a plain object others can find and read.
  const prepared = await document.save({ useObjectStreams: false });
  const signer = new CadesSigner((content) =>
    buildDetachedSignature(content, identity.certificateDer, identity.privateKey),
  );
  return new Uint8Array(await new SignPdf().sign(Buffer.from(prepared), signer));
}
