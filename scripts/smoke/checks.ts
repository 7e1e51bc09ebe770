/**
 * The checks of `npm run smoke`, each against a running platform (deployed or local) through
 * its public address only, as a visitor or a tenant would reach it.
 */
import sharp from 'sharp';

export interface SmokeContext {
  base: URL;
  /** Address for the sign-in request (a mailbox the operator reads). */
  email?: string;
  /** Local stack only: the local SES mailbox (its /store lists every mail sent). */
  mailbox?: string;
  /** A session token of a test tenant account (deployed platforms). */
  sessionToken?: string;
  /** A sign-in link from a mail, exchanged for a session. */
  signInLink?: string;
}

export class CheckFailed extends Error {}

const url = (ctx: SmokeContext, path: string) => new URL(path, ctx.base).toString();

function expectThat(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CheckFailed(message);
}

async function getJson<T>(ctx: SmokeContext, path: string, token?: string): Promise<T> {
  const response = await fetch(url(ctx, path), {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  expectThat(response.ok, `GET ${path} : HTTP ${response.status}`);
  return (await response.json()) as T;
}

async function send(
  ctx: SmokeContext,
  method: string,
  path: string,
  body: unknown,
  token?: string,
): Promise<Response> {
  return fetch(url(ctx, path), {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export async function health(ctx: SmokeContext): Promise<string> {
  const body = await getJson<{ status?: string }>(ctx, '/api/health');
  expectThat(body.status === 'ok', `GET /api/health répond ${JSON.stringify(body)}`);
  return 'GET /api/health → 200 {"status":"ok"}';
}

export async function openApi(ctx: SmokeContext): Promise<string> {
  const doc = await getJson<{ openapi?: string; paths?: Record<string, unknown> }>(
    ctx,
    '/api/openapi.json',
  );
  const paths = Object.keys(doc.paths ?? {}).length;
  expectThat(doc.openapi?.startsWith('3.'), `document OpenAPI sans version 3 (${doc.openapi})`);
  expectThat(paths > 10, `document OpenAPI avec ${paths} chemins seulement`);
  return `OpenAPI ${doc.openapi}, ${paths} chemins`;
}

export async function referenceData(ctx: SmokeContext): Promise<string> {
  const ref = await getJson<{
    communes: unknown[];
    quartiers: unknown[];
    lessors: unknown[];
    motives: unknown[];
    receptionPoints: unknown[];
  }>(ctx, '/api/ref');
  const counts = [ref.communes.length, ref.quartiers.length, ref.lessors.length];
  expectThat(
    counts.join() === '3,36,7',
    `référentiel incomplet : ${counts[0]} communes, ${counts[1]} quartiers, ${counts[2]} bailleurs (attendu 3, 36, 7)`,
  );
  return `3 communes, 36 quartiers, 7 bailleurs, ${ref.motives.length} motifs, ${ref.receptionPoints.length} points d'accueil`;
}

/** The site and its headers; HSTS can only be checked over https (browsers ignore it on http). */
export async function site(ctx: SmokeContext): Promise<string> {
  const response = await fetch(url(ctx, '/'));
  const html = await response.text();
  expectThat(response.ok, `GET / : HTTP ${response.status}`);
  expectThat(/<html/i.test(html), 'GET / ne renvoie pas de page HTML');
  const csp = response.headers.get('content-security-policy') ?? '';
  expectThat(
    csp.includes("default-src 'self'"),
    `CSP absente ou sans default-src 'self' : « ${csp} »`,
  );
  expectThat(csp.includes("frame-ancestors 'none'"), "CSP sans frame-ancestors 'none'");
  const https = ctx.base.protocol === 'https:';
  const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
  if (https)
    expectThat(!scriptSrc.includes("'unsafe-inline'"), "CSP : script-src autorise 'unsafe-inline'");
  const hsts = response.headers.get('strict-transport-security');
  if (!https)
    return `page HTML, CSP (${scriptSrc.includes("'unsafe-inline'") ? 'scripts en ligne permis par le serveur local' : 'sans script en ligne'}) ; HSTS non vérifiable en http`;
  const maxAge = Number(/max-age=(\d+)/.exec(hsts ?? '')?.[1] ?? 0);
  expectThat(maxAge >= 31_536_000, `HSTS absent ou trop court : « ${hsts ?? ''} »`);
  return `page HTML, CSP sans script en ligne, HSTS max-age=${maxAge}`;
}

export async function signInRequest(ctx: SmokeContext): Promise<string> {
  if (!ctx.email) throw new CheckFailed('adresse manquante (--email)');
  const response = await send(ctx, 'POST', '/api/auth/login', { email: ctx.email });
  expectThat(
    response.status === 202,
    `POST /api/auth/login : HTTP ${response.status} (attendu 202)`,
  );
  return `POST /api/auth/login → 202 pour ${ctx.email}`;
}

const tokenIn = (text: string) => /[?&]token=([A-Za-z0-9_-]+)/.exec(text)?.[1];

async function verify(ctx: SmokeContext, linkToken: string): Promise<string> {
  const response = await send(ctx, 'POST', '/api/auth/verify', { token: linkToken });
  expectThat(response.status === 200, `POST /api/auth/verify : HTTP ${response.status}`);
  return ((await response.json()) as { sessionToken: string }).sessionToken;
}

/** A test tenant's session: given, from a sign-in link, or (local stack) read from the local mailbox. */
export async function session(ctx: SmokeContext): Promise<string | undefined> {
  if (ctx.sessionToken) return ctx.sessionToken;
  if (ctx.signInLink) {
    const linkToken = tokenIn(ctx.signInLink);
    expectThat(linkToken, 'le lien de connexion ne contient pas de jeton');
    return verify(ctx, linkToken);
  }
  if (!ctx.mailbox || !ctx.email) return undefined;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const { emails } = (await (await fetch(new URL('/store', ctx.mailbox))).json()) as {
      emails: Array<{ destination: { to: string[] }; body: { text?: string } }>;
    };
    const mail = emails.filter((candidate) => candidate.destination.to.includes(ctx.email!)).at(-1);
    const linkToken = mail?.body.text ? tokenIn(mail.body.text) : undefined;
    if (linkToken) return verify(ctx, linkToken);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new CheckFailed(`aucun lien de connexion pour ${ctx.email} dans la boîte locale`);
}

/** A JPEG as a phone takes it: EXIF with a GPS position. */
function phonePhoto(): Promise<Buffer> {
  return sharp({
    create: { width: 1200, height: 900, channels: 3, background: { r: 30, g: 110, b: 190 } },
  })
    .withExif({
      IFD0: { Make: 'Controle' },
      IFD3: {
        GPSLatitudeRef: 'S',
        GPSLatitude: '20/1 52/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '55/1 27/1 0/1',
      },
    })
    .jpeg({ quality: 85 })
    .toBuffer();
}

type Photo = { id: string; status: string; url?: string };

/** The test tenant's own draft listing, created once and reused by later runs. */
async function draftListing(ctx: SmokeContext, token: string, listing: unknown): Promise<string> {
  const mine = await getJson<Array<{ id: string; status: string }>>(
    ctx,
    '/api/listings/mine',
    token,
  );
  const existing = mine.find((candidate) => candidate.status === 'draft');
  if (existing) return existing.id;
  const created = await send(ctx, 'POST', '/api/listings', listing, token);
  expectThat(
    created.status === 201,
    `création d'une annonce brouillon : HTTP ${created.status} ${await created.clone().text()}`,
  );
  return ((await created.json()) as { id: string }).id;
}

/** Upload through the presigned URL, wait for the re-encoding, read the photo back, remove it. */
export async function photoRoundTrip(
  ctx: SmokeContext,
  token: string,
  listing: unknown,
): Promise<string> {
  const listingId = await draftListing(ctx, token, listing);
  const original = await phonePhoto();
  const ticketResponse = await send(
    ctx,
    'POST',
    `/api/listings/${listingId}/photos`,
    { contentType: 'image/jpeg', size: original.length },
    token,
  );
  expectThat(
    ticketResponse.status === 201,
    `demande d'envoi de photo : HTTP ${ticketResponse.status}`,
  );
  const ticket = (await ticketResponse.json()) as {
    photoId: string;
    uploadUrl: string;
    method: string;
    headers: Record<string, string>;
  };
  const put = await fetch(ticket.uploadUrl, {
    method: ticket.method,
    headers: ticket.headers,
    body: new Uint8Array(original),
  });
  expectThat(put.ok, `envoi de la photo : HTTP ${put.status}`);
  let photo: Photo | undefined;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    photo = (await getJson<Photo[]>(ctx, `/api/listings/${listingId}/photos`, token)).find(
      (candidate) => candidate.id === ticket.photoId,
    );
    if (photo && photo.status !== 'pending') break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  try {
    expectThat(photo?.status === 'ready', `photo non traitée : ${photo?.status ?? 'introuvable'}`);
    expectThat(photo.url, 'photo prête sans adresse de lecture');
    const photoUrl = new URL(photo.url, ctx.base);
    // A presigned or signed link carries its own authorization; the session goes only to the platform itself.
    const sameOrigin = photoUrl.origin === ctx.base.origin && !photoUrl.search;
    const read = await fetch(photoUrl, {
      headers: sameOrigin ? { authorization: `Bearer ${token}` } : {},
    });
    expectThat(read.ok, `lecture de la photo : HTTP ${read.status}`);
    const bytes = Buffer.from(await read.arrayBuffer());
    const metadata = await sharp(bytes).metadata();
    expectThat(
      metadata.format === 'webp',
      `photo relue au format ${metadata.format} (attendu webp)`,
    );
    expectThat(!metadata.exif, 'la photo relue contient encore des métadonnées EXIF');
    return `JPEG avec position GPS envoyé, relu en WebP ${metadata.width}×${metadata.height} sans EXIF`;
  } finally {
    await send(
      ctx,
      'DELETE',
      `/api/listings/${listingId}/photos/${ticket.photoId}`,
      undefined,
      token,
    );
  }
}
