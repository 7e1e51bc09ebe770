/**
 * The whole platform on one machine, on real local engines: DynamoDB Local, the local SES
 * endpoint, the stream handlers fed from DynamoDB Local's stream, and the API + web server.
 * `npm start` and the test suites both start it through here.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { parseConfig, type Config } from '../../functions/lib/config';
import { createDatabase, type Database } from '../../functions/lib/db/client';
import { cachedReferenceData } from '../../functions/lib/db/reference';
import { enableStream, ensureTable } from '../../functions/lib/db/table';
import { configureLogs, logger } from '../../functions/lib/logger';
import { createSesSender, type MailSender } from '../../functions/lib/mail/sender';
import { createProposalFanOut } from '../../functions/matcher/fan-out';
import { followTogether, type FollowerObserver } from '../../functions/followers/handler';
import { createMatcher } from '../../functions/matcher/handler';
import { createNotifier } from '../../functions/notifier/handler';
import { createStatsAggregator } from '../../functions/stats/handler';
import { sweepOutbox } from '../../functions/notifier/sweep';
import { createPhotoProcessor } from '../../functions/photos/handler';
import { createPhotoStorage } from '../../functions/lib/photos/storage';
import { createTtlPurge } from '../../functions/purge/handler';
import { runAnswerReminders } from '../../functions/scheduler/answer-reminders';
import { runProposalDigests } from '../../functions/scheduler/proposal-digests';
import { runSwapNudges } from '../../functions/scheduler/swap-nudges';
import { runAgentQueues } from '../../functions/scheduler/agent-queues';
import { runExpiry } from '../../functions/scheduler/expiry';
import { runInactiveAccounts } from '../../functions/scheduler/inactive-accounts';
import { runOptimiser } from '../../functions/scheduler/optimiser';
import { planChainStore } from '../../functions/scheduler/plan-chains';
import { runPlanCheck } from '../../functions/scheduler/plan-check';
import { runReviewDeadlines } from '../../functions/scheduler/review-deadlines';
import { runLessorDigests } from '../../functions/scheduler/lessor-digests';
import { createWebhookDispatcher } from '../../functions/webhooks/handler';
import { sweepWebhookRetries } from '../../functions/webhooks/sweep';
import { startDynamoDbLocal } from './dynamodb';
import { seedLocalData, type SeedReport } from './seed';
import { createLocalApp, startLocalServer } from './server';
import { startLocalS3 } from './s3';
import { startLocalSes } from './ses';
import { StreamRunner } from './stream-runner';
import { TtlReaper } from './ttl-reaper';
import { apiContext } from '../../functions/api/deps';

// The SDK's pinned release warns about Node versions it will stop supporting (docs/toolchain.md).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Metrics are CloudWatch log lines (functions/lib/metrics.ts): nothing reads them on this machine.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

export interface LocalStackOptions {
  /** Seed the demo market when the database is new (`npm start`). */
  demoMarket?: boolean;
  /** Bulk-load the table before the stream handlers start; they then skip what it wrote. */
  beforeStreams?: (db: Database) => Promise<void>;
  /** Told how long each of the followers' handlers took on a batch (benchmarks). */
  observeFollowers?: FollowerObserver;
  /** Persist data here (absolute or relative to the repository); in memory when absent. */
  dataDir?: string;
  /** Run from a terminal (`npm start`): Ctrl-C goes to this process alone, which stops the rest in order. */
  fromTerminal?: boolean;
  appPort?: number;
  dynamodbPort?: number;
  sesPort?: number;
  /** s3rver, the photos bucket's stand-in. */
  s3Port?: number;
  logLevel?: Config['logLevel'];
  /** Replace the SES sender (fault-injection tests wrap the real one). */
  wrapSender?: (send: MailSender) => MailSender;
  now?: () => Date;
  /** The per-IP sign-in ceiling; the test stack raises it since every test signs in from 127.0.0.1. */
  loginLimitPerIpPerHour?: number;
  /** How often expired items are deleted, as DynamoDB's TTL process does on AWS (default 60 s). */
  ttlSweepMs?: number;
}

export interface LocalStack {
  config: Config;
  db: Database;
  appUrl: string;
  sesUrl: string;
  dynamodbEndpoint: string;
  s3Endpoint: string;
  photosBucket: string;
  seed: SeedReport;
  runner: StreamRunner;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

function sessionSecret(dataDir?: string): string {
  if (!dataDir) return randomBytes(32).toString('base64url');
  const file = join(dataDir, 'session-secret');
  if (!existsSync(file))
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** The photo links' RSA signing key: CloudFront's trusted key group on AWS, this key here. */
function photoSigningKey(dataDir?: string): string {
  const generate = () =>
    generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
  if (!dataDir) return generate();
  const file = join(dataDir, 'photo-signing-key.pem');
  if (!existsSync(file)) writeFileSync(file, generate(), { mode: 0o600 });
  return readFileSync(file, 'utf8');
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const appPort = options.appPort ?? (await freePort());
  const [dynamodbPort, sesPort] = [
    options.dynamodbPort ?? (await freePort()),
    options.sesPort ?? (await freePort()),
  ];
  configureLogs({ level: options.logLevel ?? 'warn' });

  const stops: Array<() => Promise<void>> = [];
  let stopping = false;
  const stop = async () => {
    stopping = true;
    // Each part is stopped even if another failed to: what stops last is the engines.
    for (const stopOne of stops.reverse())
      await stopOne().catch((error: unknown) =>
        logger.warn('local stack part not stopped', { error }),
      );
  };
  try {
    const [dynamo, ses] = await Promise.all([
      startDynamoDbLocal({
        port: dynamodbPort,
        dataDir: dataDir ? join(dataDir, 'dynamodb') : undefined,
        ownProcessGroup: options.fromTerminal,
      }),
      startLocalSes({ port: sesPort }),
    ]);
    stops.push(dynamo.stop, ses.stop);
    // The photo job is wired once the database is ready; an upload before that is not expected.
    const photoJob: { run?: ReturnType<typeof createPhotoProcessor> } = {};
    const s3 = await startLocalS3({
      port: options.s3Port ?? (await freePort()),
      bucket: 'echange-kaz-photos-local',
      directory: dataDir ? join(dataDir, 's3') : undefined,
      appOrigin: `http://localhost:${appPort}`,
      onUpload: () => photoJob.run,
    });
    stops.push(s3.stop);

    const env = {
      STAGE: 'local',
      AWS_REGION: 'eu-west-3',
      TABLE_NAME: 'echange-kaz-local',
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      SES_ENDPOINT: ses.endpoint,
      PHOTOS_BUCKET: s3.bucket,
      S3_ENDPOINT: s3.endpoint,
      APP_URL: `http://localhost:${appPort}`,
      SESSION_SECRET: sessionSecret(dataDir),
      PHOTOS_KEY_PAIR_ID: 'LOCALPHOTOKEY',
      PHOTOS_SIGNING_KEY: photoSigningKey(dataDir),
      LOG_LEVEL: options.logLevel ?? 'warn',
      LOGIN_LIMIT_PER_IP_PER_HOUR: String(options.loginLimitPerIpPerHour ?? 200),
    };
    Object.assign(process.env, env);
    const config = parseConfig(env);
    const db = createDatabase({
      tableName: config.tableName,
      endpoint: config.dynamodbEndpoint,
      region: config.region,
    });
    await ensureTable(db, { stream: options.beforeStreams === undefined });
    const seed = await seedLocalData(db, new Date(), { demo: options.demoMarket });
    const photoStorage = createPhotoStorage(config);
    photoJob.run = createPhotoProcessor({ db, storage: photoStorage, now: options.now });

    const realSender = createSesSender(config);
    const send = options.wrapSender ? options.wrapSender(realSender) : realSender;
    const now = options.now ?? (() => new Date());
    // One context for every handler, job and the API, as each Lambda builds its own on AWS.
    const context = apiContext(config, db, {
      now,
      reference: cachedReferenceData(db, 5_000),
      storage: photoStorage,
    });
    const notifierDeps = { db, send, now, leaseMs: 30_000 };
    if (options.beforeStreams) {
      await options.beforeStreams(db);
      await enableStream(db);
    }
    const reaper = new TtlReaper(db);
    const runner = new StreamRunner({
      isTtlDeletion: (key) => reaper.deleted(key),
      startAtLatest: options.beforeStreams !== undefined,
      endpoint: dynamo.endpoint,
      region: config.region,
      tableName: config.tableName,
      // The two readers deployed on AWS (infra/lib/functions.ts).
      handlers: {
        matcher: createMatcher(context),
        followers: followTogether(
          {
            notifier: createNotifier(notifierDeps),
            proposalFanOut: createProposalFanOut(context),
            stats: createStatsAggregator(context),
            // Its records also tell the TTL stand-in which items expire when.
            purge: reaper.following(createTtlPurge(context)),
            webhooks: createWebhookDispatcher(context),
          },
          options.observeFollowers,
        ),
      },
      checkpointFile: dataDir ? join(dataDir, 'stream-checkpoints.json') : undefined,
      // A new listing's proposals are awaited by its owner; the rest can wait a little.
      pollMsByHandler: { matcher: 20 },
    });
    await runner.start();
    stops.push(async () => {
      const { abandoned } = await runner.stop();
      if (!abandoned) return;
      logger.warn(
        'stream batches still in progress at shutdown: handed over again at the next start',
      );
      // Those handlers are about to lose the engines under them: their errors would say nothing new.
      configureLogs({ level: 'silent' });
    });

    // The scheduled jobs EventBridge runs on AWS, on timers here; and DynamoDB's TTL deletions. A
    // failure is logged as Lambda would log it, and the next tick runs the job again.
    // A job still running when the stack stops loses its engines: not a failure worth a line.
    const logJobFailure = (job: string) => (error: unknown) => {
      if (!stopping) logger.error('scheduled job failed', { job, error });
    };
    const ttlSweep = setInterval(
      () => void reaper.reap(now()).catch(logJobFailure('ttlReaper')),
      options.ttlSweepMs ?? 60_000,
    );
    stops.push(async () => clearInterval(ttlSweep));
    const sweep = setInterval(
      () => void sweepOutbox(notifierDeps).catch(logJobFailure('sweepOutbox')),
      60_000,
    );
    stops.push(async () => clearInterval(sweep));
    const webhookRetries = setInterval(
      () => void sweepWebhookRetries(context).catch(logJobFailure('sweepWebhookRetries')),
      60_000,
    );
    stops.push(async () => clearInterval(webhookRetries));
    const expiry = setInterval(
      () => void runExpiry(context, now()).catch(logJobFailure('runExpiry')),
      3_600_000,
    );
    stops.push(async () => clearInterval(expiry));
    const inactive = setInterval(
      () => void runInactiveAccounts(context, now()).catch(logJobFailure('runInactiveAccounts')),
      3_600_000,
    );
    stops.push(async () => clearInterval(inactive));
    const reviews = setInterval(
      () => void runReviewDeadlines(context, now()).catch(logJobFailure('runReviewDeadlines')),
      3_600_000,
    );
    stops.push(async () => clearInterval(reviews));
    const lessorDigests = setInterval(
      () => void runLessorDigests(context, now()).catch(logJobFailure('runLessorDigests')),
      3_600_000,
    );
    stops.push(async () => clearInterval(lessorDigests));
    const answers = setInterval(
      () => void runAnswerReminders(context, now()).catch(logJobFailure('runAnswerReminders')),
      3_600_000,
    );
    stops.push(async () => clearInterval(answers));
    const digests = setInterval(
      () => void runProposalDigests(context, now()).catch(logJobFailure('runProposalDigests')),
      3_600_000,
    );
    stops.push(async () => clearInterval(digests));
    const nudges = setInterval(
      () => void runSwapNudges(context, now()).catch(logJobFailure('runSwapNudges')),
      3_600_000,
    );
    stops.push(async () => clearInterval(nudges));
    const agentQueues = setInterval(
      () => void runAgentQueues(context, now()).catch(logJobFailure('runAgentQueues')),
      3_600_000,
    );
    stops.push(async () => clearInterval(agentQueues));
    // The plan takes the open vacancies' chains, as on Lambda (functions/scheduler/index.ts).
    const { reference } = context;
    const planDeps = { db, reference, chains: planChainStore(db, reference) };
    const optimise = () => void runOptimiser(planDeps, now()).catch(logJobFailure('runOptimiser'));
    const optimiser = setInterval(optimise, 6 * 3_600_000);
    stops.push(async () => clearInterval(optimiser));
    const planCheck = setInterval(
      () => void runPlanCheck(planDeps, now()).catch(logJobFailure('runPlanCheck')),
      3_600_000,
    );
    stops.push(async () => clearInterval(planCheck));
    // The demo market gets its "recommandée" proposals soon after the matcher has stored them.
    const firstPlan = options.demoMarket ? setTimeout(optimise, 45_000) : undefined;
    stops.push(async () => clearTimeout(firstPlan));

    const server = await startLocalServer(createLocalApp(context), appPort);
    stops.push(server.stop);

    return {
      config,
      db,
      appUrl: server.url,
      sesUrl: ses.endpoint.replace('127.0.0.1', 'localhost'),
      dynamodbEndpoint: dynamo.endpoint,
      s3Endpoint: s3.endpoint,
      photosBucket: s3.bucket,
      seed,
      runner,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
