/**
 * `npm run bench:coldstart`: for each Lambda function, its bundle as `cdk synth` builds it
 * (size, gzip size as an estimate of the deployed zip) and the time a fresh Node process takes
 * to import it, median of several runs. Reference measured in the same run: importing an empty
 * ES module, the floor any bundle pays. Budget for the API: ≤ 1.5 MB minified, import ≤ 300 ms.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { App } from 'aws-cdk-lib';
import { build } from 'esbuild';
import { buildApp } from '../../infra/lib/app';
import { FUNCTIONS, REPOSITORY_ROOT } from '../../infra/lib/functions';
import { machineLine, percentile, writeBenchSection, loadAverage } from './report';

const RUNS = Number(process.env.COLDSTART_RUNS ?? 7);
const API_BUDGET = { bytes: 1.5 * 1024 * 1024, importMs: 300 };
const apiSpec = FUNCTIONS.find((spec) => spec.name === 'Api');
/** What the deployed API bundle leaves out (installed beside it, loaded on first use). */
const API_OUTSIDE = [...(apiSpec?.nativeModules ?? []), ...(apiSpec?.lazyModules ?? [])];

interface Bundle {
  name: string;
  file: string;
  nativeModules: string[];
}

function synthesizedBundles(): Bundle[] {
  const outdir = mkdtempSync(join(tmpdir(), 'echange-kaz-coldstart-'));
  const context = (
    JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'cdk.json'), 'utf8')) as {
      context: Record<string, unknown>;
    }
  ).context;
  const app = new App({ outdir, context });
  const { stateless } = buildApp(app);
  app.synth();
  const template = JSON.parse(
    readFileSync(join(outdir, `${stateless.stackName}.template.json`), 'utf8'),
  ) as {
    Resources: Record<
      string,
      { Type: string; Properties: { Description?: unknown; Code?: { S3Key?: string } } }
    >;
  };
  const bundles: Bundle[] = [];
  const seen = new Set<string>();
  for (const resource of Object.values(template.Resources)) {
    const description =
      typeof resource.Properties.Description === 'string' ? resource.Properties.Description : '';
    if (resource.Type !== 'AWS::Lambda::Function' || !description.startsWith('Échange Kaz '))
      continue;
    const key = resource.Properties.Code?.S3Key?.replace(/\.zip$/, '');
    const name = /^Échange Kaz (\w+) /.exec(description)?.[1] ?? key ?? '?';
    const file = join(outdir, `asset.${key}`, 'index.mjs');
    if (seen.has(file)) continue; // Several handlers of one entry share a bundle.
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    // Modules left out of the bundle (sharp): linked from this machine's node_modules, as they sit beside it on Lambda.
    bundles.push({
      name,
      file,
      nativeModules: /from\s*"sharp"|from'sharp'|from"sharp"/.test(source) ? ['sharp'] : [],
    });
  }
  return bundles;
}

function standalone(bundle: Bundle, scratch: string): string {
  const folder = mkdtempSync(join(scratch, `${bundle.name}-`));
  copyFileSync(bundle.file, join(folder, 'index.mjs'));
  mkdirSync(join(folder, 'node_modules'));
  for (const name of bundle.nativeModules)
    symlinkSync(join(REPOSITORY_ROOT, 'node_modules', name), join(folder, 'node_modules', name));
  return join(folder, 'index.mjs');
}

/** Milliseconds to import `file` in a fresh Node process (the one running this script). */
function importMs(file: string): number {
  const probe = `const t = performance.now(); await import(${JSON.stringify(`file://${file}`)}); process.stdout.write(String(performance.now() - t));`;
  const env = {
    PATH: process.env.PATH ?? '',
    AWS_REGION: 'eu-west-3',
    TABLE_NAME: 'coldstart',
    SESSION_SECRET: 'x'.repeat(48),
    LOG_LEVEL: 'error',
  };
  return Number(
    execFileSync(process.execPath, ['--input-type=module', '-e', probe], { env, encoding: 'utf8' }),
  );
}

/** Median and minimum of RUNS imports: on a loaded machine the minimum is the closest to the bundle's own cost. */
function timings(file: string): { median: number; min: number } {
  const runs = Array.from({ length: RUNS }, () => importMs(file));
  return { median: percentile(runs, 50), min: Math.min(...runs) };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;

const scratch = mkdtempSync(join(tmpdir(), 'echange-kaz-coldstart-run-'));
const empty = join(scratch, 'empty.mjs');
writeFileSync(empty, 'export const handler = async () => null;\n');
const floor = timings(empty).median;
console.log(`Empty module: ${floor.toFixed(1)} ms (median of ${RUNS})`);

const rows: string[] = [];
let apiOver: string[] = [];
for (const bundle of synthesizedBundles()) {
  const bytes = statSync(bundle.file).size;
  const gzip = gzipSync(readFileSync(bundle.file)).length;
  const { median: ms, min } = timings(standalone(bundle, scratch));
  console.log(
    `${bundle.name.padEnd(16)} ${kb(bytes).padStart(8)} ${kb(gzip).padStart(8)} gzip  import ${ms.toFixed(0)} ms (min ${min.toFixed(0)} ms)`,
  );
  rows.push(
    `| ${bundle.name} | ${kb(bytes)} | ${kb(gzip)} | ${ms.toFixed(0)} ms | ${min.toFixed(0)} ms | ${(ms - floor).toFixed(0)} ms |`,
  );
  if (bundle.name === 'Api') {
    apiOver = [
      ...(bytes > API_BUDGET.bytes ? [`bundle ${kb(bytes)} > 1 536 kB`] : []),
      ...(ms > API_BUDGET.importMs ? [`import ${ms.toFixed(0)} ms > 300 ms`] : []),
    ];
  }
}

/** The API entry built with the deployed bundle's esbuild options (infra/lib/function.ts), `external` left out. */
async function apiBuild(external: string[], outfile: string) {
  return build({
    entryPoints: [join(REPOSITORY_ROOT, 'functions/api/index.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    minify: true,
    mainFields: ['module', 'main'],
    metafile: true,
    outfile,
    external,
    logLevel: 'error',
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
}

/** Where the API bundle's bytes come from. */
async function apiComposition(): Promise<string[]> {
  const result = await apiBuild(API_OUTSIDE, join(scratch, 'api-composition', 'index.mjs'));
  const inputs = Object.values(result.metafile.outputs)[0]?.inputs ?? {};
  const groups = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    const group = path.includes('zod/v4/locales/')
      ? 'zod (langues)'
      : (/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ??
        path.split('/').slice(0, 2).join('/'));
    groups.set(group, (groups.get(group) ?? 0) + bytesInOutput);
  }
  return [...groups]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([group, bytes]) => `${group} ${kb(bytes)}`);
}

/**
 * Reference in the same run, under the same load: the API bundled with everything in it (pdf-lib
 * included, as before it was loaded lazily). The dynamic import becomes part of the bundle.
 */
async function apiEverythingBundled(): Promise<{ bytes: number; median: number; min: number }> {
  const file = join(scratch, 'api-everything', 'index.mjs');
  await apiBuild(
    API_OUTSIDE.filter((name) => !apiSpec?.lazyModules?.includes(name)),
    file,
  );
  return { bytes: statSync(file).size, ...timings(file) };
}

const composition = await apiComposition();
console.log(`API bundle, largest parts: ${composition.join(', ')}`);
const everything = await apiEverythingBundled();
console.log(
  `API with ${apiSpec?.lazyModules?.join(', ') ?? 'nothing'} bundled (reference): ${kb(everything.bytes)}  import ${everything.median.toFixed(0)} ms (min ${everything.min.toFixed(0)} ms)`,
);
const load = loadAverage();

const verdict =
  apiOver.length === 0
    ? 'API within budget (≤ 1.5 MB minified, import ≤ 300 ms).'
    : `API over budget: ${apiOver.join(', ')}.`;
console.log(verdict);
writeBenchSection('coldstart', 'Démarrage à froid des fonctions (bundles synthétisés)', [
  machineLine('npm run bench:coldstart'),
  '',
  `Bundle ESM minifié tel que \`cdk synth\` le produit (SDK AWS inclus ; sharp à côté du bundle pour Photos ; pdf-lib à côté du bundle de l'API, chargé seulement pour le premier dossier d'échange en PDF) ; import dans un processus Node neuf, médiane de ${RUNS} lancements ; référence du même passage : un module vide, ${floor.toFixed(1)} ms. Les fonctions d'un même fichier d'entrée partagent un bundle (une ligne). Sur Lambda (arm64) s'ajoutent le démarrage de l'environnement et la résolution du secret au premier appel.`,
  '',
  `Charge de la machine pendant la mesure (load average 1 / 5 / 15 min) : ${load} — les temps d'import croissent avec elle.`,
  '',
  '| fonction | bundle | gzip (≈ zip déployé) | import (médiane) | import (min) | médiane au-delà du module vide |',
  '|---|---|---|---|---|---|',
  ...rows,
  '',
  `Budget de l'API : ≤ 1,5 Mo minifié, import ≤ 300 ms (médiane). ${apiOver.length === 0 ? 'Respecté.' : `Dépassé : ${apiOver.join(', ')}.`}`,
  '',
  `Plus grosses parts du bundle de l'API : ${composition.join(', ')}.`,
  '',
  `Référence du même passage : l'API avec pdf-lib dans le bundle (comme avant son chargement différé) pèse ${kb(everything.bytes)} et s'importe en ${everything.median.toFixed(0)} ms (médiane ; min ${everything.min.toFixed(0)} ms).`,
  ...(apiOver.length === 0
    ? []
    : [
        '',
        "Pourquoi : l'espace de noms `z` de zod (importé tel quel par `@hono/zod-openapi`) retient toutes les langues de zod, dont une seule sert (« zod (langues) » ci-dessus) ; les retirer demande un greffon esbuild, que les options d’esbuild exposées par CDK ne permettent pas simplement. Le temps d'import est mesuré sur une machine partagée dont la charge est indiquée plus haut : le rapport au module vide et à la référence du même passage est plus parlant que la valeur absolue.",
      ]),
]);
