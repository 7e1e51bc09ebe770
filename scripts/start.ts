/**
 * `npm start`: builds the web app and runs the whole platform locally with persistent data
 * under .data/. Ctrl-C (or SIGTERM) stops every child process and frees the ports.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { assertJava } from './local/java';
import { startLocalStack } from './local/stack';

const root = resolve(import.meta.dirname, '..');

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

try {
  assertJava();
} catch (error) {
  fail((error as Error).message);
}

if (process.env.SKIP_WEB_BUILD !== '1') {
  console.log("Construction de l'application web…");
  const build = spawnSync('npm', ['run', '--silent', 'build:web'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0)
    fail("La construction de l'application web a échoué (npm run build:web).");
}

const port = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0 || value > 65535)
    fail(`${name} doit être un numéro de port.`);
  return value;
};

const stack = await startLocalStack({
  dataDir: resolve(root, '.data'),
  demoMarket: true,
  fromTerminal: true,
  appPort: port('PORT', 3000),
  dynamodbPort: port('DYNAMODB_PORT', 8000),
  sesPort: port('SES_PORT', 8005),
  logLevel:
    process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'info'
      ? process.env.LOG_LEVEL
      : 'warn',
}).catch((error: Error) => fail(`Démarrage impossible : ${error.message}`));

console.log(`
Échange Kaz tourne en local :
  Application web et API   ${stack.appUrl}  (API : ${stack.appUrl}/api/health)
  Boîte mail (SES local)   ${stack.sesUrl}
  Photos (S3 local)        ${stack.s3Endpoint}  (bucket ${stack.photosBucket})
  DynamoDB Local           ${stack.dynamodbEndpoint}  (table ${stack.config.tableName}, données dans .data/)
  Référentiel              ${stack.seed.reference === 'written' ? 'chargé' : 'conservé'} · comptes du personnel créés : ${stack.seed.staffCreated}${stack.seed.demoListings ? ` · marché de démonstration : ${stack.seed.demoListings} annonces` : ''}
Comptes locaux : armos@bourse.local, cinor@bourse.local, accueil@bourse.local, agent.<bailleur>@bourse.local,
                 locataires de démonstration demo.001@bourse.local … demo.200@bourse.local
Ctrl-C pour arrêter.`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\nArrêt (${signal})…`);
  await stack.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGHUP', () => void shutdown('SIGHUP'));
// npm may exit on a signal without passing it on: a process whose parent is gone stops too.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && void shutdown('fin du processus parent'), 500).unref();
