/**
 * `npm run smoke -- --url <URL>`: the check an operator runs after a deployment (and CI runs
 * against the local stack). Health, OpenAPI document, reference data, the site and its security
 * headers, a sign-in request, and a photo sent and read back re-encoded with a test tenant
 * account. Prints what each check verified; exits 1 if any failed.
 *
 *   --url URL             the platform's public address (https://… deployed, http://localhost:3000 locally)
 *   --email ADDRESS       the test tenant account's address (a mailbox the operator reads)
 *   --mailbox URL         local stack only: the local mailbox (http://localhost:8005), to sign in by itself
 *   --sign-in-link URL    a sign-in link received at --email, exchanged for a session
 *   SMOKE_SESSION_TOKEN   (environment) a session token of the test tenant account, instead of a link
 */
import { parseArgs } from 'node:util';
import {
  health,
  openApi,
  photoRoundTrip,
  referenceData,
  session,
  signInRequest,
  site,
  CheckFailed,
  type SmokeContext,
} from './smoke/checks';

type Status = 'ok' | 'failed' | 'not-verified';

const MARK: Record<Status, string> = {
  ok: 'OK          ',
  failed: 'ÉCHEC       ',
  'not-verified': 'NON VÉRIFIÉ ',
};

function readOptions(): SmokeContext {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      email: { type: 'string' },
      mailbox: { type: 'string' },
      'sign-in-link': { type: 'string' },
    },
    strict: true,
  });
  if (!values.url) {
    console.error(
      'Usage : npm run smoke -- --url <adresse> [--email <adresse>] [--mailbox <boîte locale>] [--sign-in-link <lien>]',
    );
    process.exit(2);
  }
  const local = values.mailbox !== undefined;
  return {
    base: new URL(values.url),
    // Locally any address is a new tenant; deployed, the operator names a mailbox they read.
    email: values.email ?? (local ? `controle.${Date.now().toString(36)}@exemple.re` : undefined),
    mailbox: values.mailbox,
    signInLink: values['sign-in-link'],
    sessionToken: process.env.SMOKE_SESSION_TOKEN,
  };
}

/** A valid draft listing for the test account, built from the platform's own reference data. */
async function testListing(ctx: SmokeContext): Promise<unknown> {
  const ref = (await (await fetch(new URL('/api/ref', ctx.base))).json()) as {
    communes: Array<{ code: string }>;
    quartiers: Array<{ id: string; communeCode: string }>;
    lessors: Array<{ id: string }>;
    motives: Array<{ id: string }>;
  };
  const quartier = ref.quartiers[0]!;
  return {
    dwelling: {
      lessorId: ref.lessors[0]!.id,
      tenancyRef: 'CONTROLE-0001',
      dwellingRef: 'CONTROLE-0001',
      communeCode: quartier.communeCode,
      quartierId: quartier.id,
      typology: 'T3',
      surface: 65,
      rent: 480,
      charges: 60,
      floor: 1,
      lift: false,
      accessible: false,
      financing: 'LLS',
      features: [],
    },
    household: { adults: 1, children: 0, income: 18000 },
    motive: ref.motives[0]!.id,
    wishes: {
      communes: [quartier.communeCode],
      quartiers: [],
      typologies: ['T2'],
      maxTotalRent: 600,
      needs: {},
      features: [],
    },
  };
}

async function main(): Promise<void> {
  const ctx = readOptions();
  console.log(`Contrôle de ${ctx.base.origin}`);
  const results: Status[] = [];
  const report = (status: Status, name: string, detail: string) => {
    results.push(status);
    console.log(`${MARK[status]} ${name.padEnd(22)} ${detail}`);
  };
  const check = async (name: string, run: () => Promise<string>) => {
    try {
      report('ok', name, await run());
      return true;
    } catch (error) {
      report('failed', name, error instanceof CheckFailed ? error.message : String(error));
      return false;
    }
  };

  await check('santé', () => health(ctx));
  await check('document OpenAPI', () => openApi(ctx));
  const reference = await check('référentiel', () => referenceData(ctx));
  await check('site et en-têtes', () => site(ctx));
  if (ctx.email) await check('demande de connexion', () => signInRequest(ctx));
  else report('not-verified', 'demande de connexion', 'donnez --email <adresse du compte de test>');

  let token: string | undefined;
  const signedIn = await check('session de test', async () => {
    token = await session(ctx);
    if (!token) throw new CheckFailed('ni SMOKE_SESSION_TOKEN, ni --sign-in-link, ni --mailbox');
    return 'compte locataire de test connecté';
  });
  if (signedIn && token && reference)
    await check('photo envoyée et relue', async () =>
      photoRoundTrip(ctx, token!, await testListing(ctx)),
    );
  else
    report(
      'not-verified',
      'photo envoyée et relue',
      'il faut une session de test et le référentiel',
    );

  const failed = results.filter((status) => status !== 'ok').length;
  console.log(
    failed === 0 ? 'Tout est vérifié.' : `${failed} contrôle(s) en échec ou non vérifié(s).`,
  );
  process.exit(failed === 0 ? 0 : 1);
}

await main();
