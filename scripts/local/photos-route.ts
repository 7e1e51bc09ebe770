/**
 * `/photos/*` on the local web server, as CloudFront serves it on AWS: the signed URL is checked
 * against the public half of the signing key (the distribution's trusted key group), then the
 * object is read from the bucket. Unsigned, expired or tampered links get 403, like CloudFront.
 */
import { createPublicKey } from 'node:crypto';
import type { Hono } from 'hono';
import type { Config } from '../../functions/lib/config';
import { createPhotoStorage } from '../../functions/lib/photos/storage';
import { verifyPhotoUrl } from '../../functions/lib/photos/signed-url';

export function servePhotos(app: Hono, config: Config, now: () => Date = () => new Date()): void {
  const signing = config.photoSigning;
  if (!signing || !config.photosBucket) return;
  const trusted = { keyPairId: signing.keyPairId, publicKey: createPublicKey(signing.privateKey) };
  const storage = createPhotoStorage(config);
  app.get('/photos/*', async (c) => {
    // The URL as the browser asked for it, on the origin the links are signed for.
    const url = new URL(c.req.url);
    const asked = new URL(`${config.appUrl}${url.pathname}${url.search}`);
    const verdict = verifyPhotoUrl(asked, trusted, now());
    if (!verdict.valid) return c.text('Lien de photo invalide ou expiré.', 403);
    const body = await storage.read(url.pathname.slice(1));
    if (!body) return c.text('Photo introuvable.', 404);
    return c.body(body as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'image/webp',
      'cache-control': 'private, max-age=86400, immutable',
    });
  });
}
