/**
 * The Content-Security-Policy served by CloudFront. SvelteKit's static build starts the app
 * from one inline <script>: its SHA-256 is read from the built HTML at synth time, so scripts
 * stay `'self'` plus exactly that hash (no `'unsafe-inline'`).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Hashes (`'sha256-…'`) of every inline script of the HTML files under `dir`. */
export function inlineScriptHashes(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const hashes = new Set<string>();
  const html = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) =>
    file.endsWith('.html'),
  );
  for (const file of html) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const match of text.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
      const body = match[1] ?? '';
      if (body.trim() === '') continue;
      hashes.add(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
    }
  }
  return [...hashes].sort();
}

/**
 * `photoUploadOrigin`: the photos bucket's address, where the browser PUTs photos through
 * presigned URLs (the only cross-origin request of the app). Photos are read from `/photos/*`
 * on the app's own origin, so img-src stays 'self'.
 */
export function contentSecurityPolicy(
  scriptHashes: string[],
  options: { photoUploadOrigin?: string } = {},
): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${scriptHashes.join(' ')}`.trim(),
    // Svelte transitions and a few style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${options.photoUploadOrigin ? ` ${options.photoUploadOrigin}` : ''}`,
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}
