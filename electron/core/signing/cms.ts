/**
 * The CMS (RFC 5652) parts of a PAdES baseline B-B signature, built and read with pkijs/asn1js;
 * the RSA arithmetic is node:crypto's. Signed attributes are exactly content-type, message-digest
 * and ESS signing-certificate-v2 (RFC 5035): PAdES puts the signing time in the signature
 * dictionary's /M, never in a signing-time attribute.
 */
import { createHash, type KeyObject, sign, verify, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
} as const;

const toBytes = (buffer: ArrayBuffer | ArrayBufferView): Uint8Array =>
  buffer instanceof ArrayBuffer
    ? new Uint8Array(buffer)
    : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

export const sha256 = (...parts: Uint8Array[]): Uint8Array => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
};

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** issuer GeneralNames (one directoryName) + serial, as ESSCertIDv2.issuerSerial wants it. */
function issuerSerial(certificate: pkijs.Certificate): asn1js.Sequence {
  return new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.Constructed({
            idBlock: { tagClass: 3, tagNumber: 4 },
            value: [certificate.issuer.toSchema()],
          }),
        ],
      }),
      certificate.serialNumber,
    ],
  });
}

/**
 * The three signed attributes, DER-ordered (a SET OF sorts by encoding). The ESSCertIDv2 leaves
 * out hashAlgorithm because SHA-256 is its default (RFC 5035), and names the certificate by
 * issuer and serial as well as by hash.
 */
function signedAttributes(contentDigest: Uint8Array, certificate: pkijs.Certificate, certificateDer: Uint8Array) {
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: sha256(certificateDer) }), issuerSerial(certificate)],
  });
  const signingCertificateV2 = new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
  const attributes = [
    new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
    new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: contentDigest })] }),
    new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2] }),
  ];
  const encoded = attributes.map((attribute) => ({
    attribute,
    der: toBytes(attribute.toSchema().toBER()),
  }));
  encoded.sort((a, b) => compareBytes(a.der, b.der));
  return encoded.map((e) => e.attribute);
}

/**
 * A detached CMS SignedData over `content` (the PDF's signed byte ranges), signed with RSA
 * PKCS#1 v1.5 / SHA-256, carrying the signer's certificate.
 */
export function buildDetachedSignature(content: Uint8Array, certificateDer: Uint8Array, privateKey: KeyObject) {
  const certificate = pkijs.Certificate.fromBER(new Uint8Array(certificateDer));
  const attributes = signedAttributes(sha256(content), certificate, certificateDer);
  // What is signed is the attributes' DER as a SET (tag 0x31), not the [0] IMPLICIT of the encoding.
  const toBeSigned = toBytes(new asn1js.Set({ value: attributes.map((a) => a.toSchema()) }).toBER());
  const signature = sign('sha256', toBeSigned, privateKey);
  const sha256Algorithm = () => new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 });
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
    digestAlgorithm: sha256Algorithm(),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: OID.rsaEncryption,
      algorithmParams: new asn1js.Null(),
    }),
    signature: new asn1js.OctetString({ valueHex: new Uint8Array(signature) }),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [sha256Algorithm()],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: [certificate],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return toBytes(contentInfo.toSchema().toBER());
}

export type SignatureCheck =
  | { outcome: 'valid'; certificateDer: Uint8Array; certificate: X509Certificate }
  | { outcome: 'modified'; reason: string; certificateDer?: Uint8Array; certificate?: X509Certificate }
  | { outcome: 'foreign'; reason: string };

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && compareBytes(a, b) === 0;

function attributeValue(attributes: pkijs.Attribute[], type: string): asn1js.AsnType | undefined {
  const found = attributes.filter((a) => a.type === type);
  // A signed attribute appearing twice is malformed (RFC 5652 §11): treat as absent.
  return found.length === 1 && found[0]?.values.length === 1 ? (found[0].values[0] as asn1js.AsnType) : undefined;
}

/** The SHA-256 certHash of the first ESSCertIDv2, if the attribute has the shape we write. */
function essCertHash(value: asn1js.AsnType): Uint8Array | undefined {
  if (!(value instanceof asn1js.Sequence)) return undefined;
  const certs = value.valueBlock.value[0];
  if (!(certs instanceof asn1js.Sequence)) return undefined;
  const first = certs.valueBlock.value[0];
  if (!(first instanceof asn1js.Sequence)) return undefined;
  const [head, next] = first.valueBlock.value;
  if (head instanceof asn1js.Sequence) {
    // An explicit hashAlgorithm: only SHA-256 is accepted.
    const algorithm = new pkijs.AlgorithmIdentifier({ schema: head });
    if (algorithm.algorithmId !== OID.sha256 || !(next instanceof asn1js.OctetString)) return undefined;
    return toBytes(next.valueBlock.valueHexView);
  }
  return head instanceof asn1js.OctetString ? toBytes(head.valueBlock.valueHexView) : undefined;
}

/**
 * Checks a detached CMS signature over `content`: 'foreign' when the bytes are not a CMS
 * SignedData with the PAdES B-B attributes (someone else's kind of signature, or no signature),
 * 'modified' when they are but the content digest, the signature or the certificate binding fails.
 */
export function checkDetachedSignature(cms: Uint8Array, content: Uint8Array): SignatureCheck {
  let signedData: pkijs.SignedData;
  try {
    const contentInfo = pkijs.ContentInfo.fromBER(new Uint8Array(cms));
    if (contentInfo.contentType !== OID.signedData) return { outcome: 'foreign', reason: 'not CMS SignedData' };
    signedData = new pkijs.SignedData({ schema: contentInfo.content });
  } catch {
    return { outcome: 'foreign', reason: 'the signature is not readable CMS' };
  }
  const signerInfo = signedData.signerInfos[0];
  const signedAttrs = signerInfo?.signedAttrs;
  if (!signerInfo || signedData.signerInfos.length !== 1 || !signedAttrs) {
    return { outcome: 'foreign', reason: 'not one signer with signed attributes' };
  }
  const essValue = attributeValue(signedAttrs.attributes, OID.signingCertificateV2);
  if (!essValue) return { outcome: 'foreign', reason: 'no ESS signing-certificate-v2 attribute' };

  const sid = signerInfo.sid;
  const certificates = (signedData.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  );
  const signer =
    sid instanceof pkijs.IssuerAndSerialNumber
      ? certificates.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber))
      : undefined;
  if (!signer) return { outcome: 'modified', reason: "the signer's certificate is not in the signature" };
  const certificateDer = toBytes(signer.toSchema().toBER());
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certificateDer);
  } catch {
    return { outcome: 'modified', reason: "the signer's certificate does not parse" };
  }
  const bound = { certificateDer, certificate };

  if (signerInfo.digestAlgorithm.algorithmId !== OID.sha256) {
    return { outcome: 'modified', reason: 'the digest algorithm is not SHA-256', ...bound };
  }
  const contentType = attributeValue(signedAttrs.attributes, OID.contentType);
  if (!(contentType instanceof asn1js.ObjectIdentifier) || contentType.valueBlock.toString() !== OID.data) {
    return { outcome: 'modified', reason: 'the content-type attribute is not id-data', ...bound };
  }
  const digest = attributeValue(signedAttrs.attributes, OID.messageDigest);
  if (!(digest instanceof asn1js.OctetString) || !sameBytes(toBytes(digest.valueBlock.valueHexView), sha256(content))) {
    return { outcome: 'modified', reason: 'the document digest does not match', ...bound };
  }
  const certHash = essCertHash(essValue);
  if (!certHash || !sameBytes(certHash, sha256(certificateDer))) {
    return { outcome: 'modified', reason: 'the signing-certificate-v2 hash does not match the certificate', ...bound };
  }
  const algorithm = signerInfo.signatureAlgorithm.algorithmId;
  if (algorithm !== OID.rsaEncryption && algorithm !== OID.sha256WithRsa) {
    return { outcome: 'modified', reason: `unsupported signature algorithm ${algorithm}`, ...bound };
  }
  // pkijs keeps the attributes as they were encoded, retagged as a SET: exactly what was signed.
  const toBeSigned = toBytes(signedAttrs.encodedValue);
  let signatureOk = false;
  try {
    signatureOk = verify(
      'sha256',
      toBeSigned,
      certificate.publicKey,
      toBytes(signerInfo.signature.valueBlock.valueHexView),
    );
  } catch {
    signatureOk = false;
  }
  if (!signatureOk) return { outcome: 'modified', reason: 'the signature does not verify', ...bound };
  return { outcome: 'valid', ...bound };
}
