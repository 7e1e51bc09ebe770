import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signPhotoUrl, verifyPhotoUrl } from './signed-url';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signing = {
  appUrl: 'https://echange-kaz.example',
  keyPairId: 'K2TESTKEY',
  privateKey: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
};
const trusted = { keyPairId: 'K2TESTKEY', publicKey: keys.publicKey };
const now = new Date('2026-12-06T04:00:00Z');

describe('photo signed URLs', () => {
  it('signs a link under the app origin that verifies until it expires', () => {
    const url = new URL(signPhotoUrl(signing, 'photos/L1/P1.webp', 300, now));

    expect(url.origin + url.pathname).toBe('https://echange-kaz.example/photos/L1/P1.webp');
    expect(verifyPhotoUrl(url, trusted, new Date(now.getTime() + 299_000))).toEqual({
      valid: true,
    });
    expect(verifyPhotoUrl(url, trusted, new Date(now.getTime() + 300_000))).toEqual({
      valid: false,
      reason: 'expired',
    });
  });

  it('refuses an unsigned link, another photo, a longer expiry, another key', () => {
    const url = new URL(signPhotoUrl(signing, 'photos/L1/P1.webp', 300, now));
    const otherPhoto = new URL(url.href.replace('P1.webp', 'P2.webp'));
    const longer = new URL(url.href);
    longer.searchParams.set('Expires', String(Number(url.searchParams.get('Expires')) + 3600));

    expect(
      verifyPhotoUrl(new URL('https://echange-kaz.example/photos/L1/P1.webp'), trusted, now),
    ).toEqual({ valid: false, reason: 'unsigned' });
    expect(verifyPhotoUrl(otherPhoto, trusted, now)).toEqual({
      valid: false,
      reason: 'bad-signature',
    });
    expect(verifyPhotoUrl(longer, trusted, now)).toEqual({ valid: false, reason: 'bad-signature' });
    expect(
      verifyPhotoUrl(url, { keyPairId: 'K2TESTKEY', publicKey: other.publicKey }, now),
    ).toEqual({ valid: false, reason: 'bad-signature' });
    expect(verifyPhotoUrl(url, { keyPairId: 'K2OTHER', publicKey: keys.publicKey }, now)).toEqual({
      valid: false,
      reason: 'unknown-key',
    });
  });
});
