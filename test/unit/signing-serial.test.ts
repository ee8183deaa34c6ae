import * as asn1js from 'asn1js';
import { describe, expect, it } from 'vitest';
import { certificateSerial } from '../../electron/core/signing/identity';

describe('certificate serial numbers', () => {
  it('encode as minimal positive DER integers whatever the random bytes', () => {
    for (const first of [0x00, 0x01, 0x3f, 0x7f, 0x80, 0xff]) {
      for (const second of [0x00, 0x7f, 0x80, 0xff]) {
        const random = new Uint8Array(16).fill(0x11);
        random[0] = first;
        random[1] = second;
        const serial = certificateSerial(random);
        expect(serial).toHaveLength(16);
        // Non-zero and below 0x80: no sign padding needed and no redundant leading zero.
        expect(serial[0]).toBeGreaterThanOrEqual(0x40);
        expect(serial[0]).toBeLessThan(0x80);
        const der = new Uint8Array(new asn1js.Integer({ valueHex: serial }).toBER());
        // tag, length 16, then exactly the serial's bytes
        expect([...der.slice(0, 2)]).toEqual([0x02, 16]);
        expect([...der.slice(2)]).toEqual([...serial]);
      }
    }
  });

  it('keeps the randomness of every byte but the first', () => {
    const random = Uint8Array.from({ length: 16 }, (_, i) => i * 13);
    expect([...certificateSerial(random).slice(1)]).toEqual([...random.slice(1)]);
  });
});
