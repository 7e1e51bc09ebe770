/**
 * Short-lived photo links, CloudFront signed URLs with a canned policy: the API signs
 * `<APP_URL>/photos/…` with the private key of the distribution's trusted key group. On AWS,
 * CloudFront checks the signature before reading the bucket (origin access control); locally,
 * the web server checks it the same way with `verifyPhotoUrl` before reading s3rver.
 */
import { createPublicKey, createVerify, type KeyObject } from 'node:crypto';
import { getSignedUrl } from '@aws-sdk/cloudfront-signer';

/** The query parameters of a canned-policy signed URL. */
const SIGNATURE_PARAMETERS = ['Expires', 'Signature', 'Key-Pair-Id', 'Hash-Algorithm'] as const;

export interface PhotoUrlSigning {
  /** The web app's origin, e.g. https://echange-kaz.cinor.re: photos are served under it. */
  appUrl: string;
  keyPairId: string;
  /** PEM of the RSA private key. */
  privateKey: string;
}

export function signPhotoUrl(
  signing: PhotoUrlSigning,
  objectKey: string,
  expiresInSeconds: number,
  now = new Date(),
): string {
  return getSignedUrl({
    url: `${signing.appUrl}/${objectKey}`,
    keyPairId: signing.keyPairId,
    privateKey: signing.privateKey,
    dateLessThan: new Date(now.getTime() + expiresInSeconds * 1000),
    algorithm: 'SHA256',
  });
}

/** CloudFront's URL-safe base64: `+` → `-`, `=` → `_`, `/` → `~`. */
const fromCloudFrontBase64 = (value: string) =>
  Buffer.from(value.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64');

export type PhotoUrlVerdict =
  | { valid: true }
  | { valid: false; reason: 'unsigned' | 'expired' | 'unknown-key' | 'bad-signature' };

/**
 * What CloudFront does with a canned-policy URL: the resource is the URL without the signature
 * parameters, the policy is rebuilt from it and `Expires`, and the signature must match.
 */
export function verifyPhotoUrl(
  url: URL,
  trusted: { keyPairId: string; publicKey: KeyObject | string },
  now = new Date(),
): PhotoUrlVerdict {
  const { searchParams } = url;
  const expires = Number(searchParams.get('Expires'));
  const signature = searchParams.get('Signature');
  const keyPairId = searchParams.get('Key-Pair-Id');
  if (!Number.isInteger(expires) || expires <= 0 || !signature || !keyPairId)
    return { valid: false, reason: 'unsigned' };
  if (keyPairId !== trusted.keyPairId) return { valid: false, reason: 'unknown-key' };
  if (expires * 1000 <= now.getTime()) return { valid: false, reason: 'expired' };
  const algorithm = searchParams.get('Hash-Algorithm') === 'SHA256' ? 'RSA-SHA256' : 'RSA-SHA1';
  const resource = new URL(url.href);
  for (const name of SIGNATURE_PARAMETERS) resource.searchParams.delete(name);
  const policy = JSON.stringify({
    Statement: [
      { Resource: resource.href, Condition: { DateLessThan: { 'AWS:EpochTime': expires } } },
    ],
  });
  const verifier = createVerify(algorithm).update(policy);
  const key =
    typeof trusted.publicKey === 'string' ? createPublicKey(trusted.publicKey) : trusted.publicKey;
  return verifier.verify(key, fromCloudFrontBase64(signature))
    ? { valid: true }
    : { valid: false, reason: 'bad-signature' };
}
