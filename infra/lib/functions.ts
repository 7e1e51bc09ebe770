/**
 * The Lambda functions, declared: adding one is one line. An entry whose file is not on disk
 * yet is skipped at synth time (with a note in the synth output), so the stack synthesizes
 * today and picks the function up when its code lands.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { ENTITY, ENTITY_ATTRIBUTE, SORT_KEY, tableDefinition } from '../../functions/lib/db/model';
import type { FunctionKind, PhotosAccess, TableAccess } from './function';

export const REPOSITORY_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface FunctionSpec {
  /** Construct id and stable name part: PascalCase. */
  name: string;
  /** Path from the repository root. */
  entry: string;
  /** Exported handler name in `entry`. */
  handler: string;
  /** Deploy-time functions have their own constructs (./reference-data.ts). */
  kind: Exclude<FunctionKind, 'deploy'>;
  /** `schedule` kind: when EventBridge invokes it. */
  schedule?: Schedule;
  /** `stream` kind: only records matching this pattern reach the function (Lambda event filtering). */
  streamFilter?: Record<string, unknown>;
  /** Several patterns: a record matching any of them reaches the function. */
  streamFilters?: Array<Record<string, unknown>>;
  /**
   * What the function touches; each one becomes an env var and the matching IAM grant.
   * `sessionKey`: the function signs or verifies sessions or renewal links (docs/security.md).
   * `photoLinks`: it signs photo links. `originVerify`: it serves CloudFront's API origin.
   */
  grants: {
    table?: TableAccess;
    ses?: boolean;
    photos?: PhotosAccess;
    sessionKey?: boolean;
    photoLinks?: boolean;
    originVerify?: boolean;
  };
  /** Native modules: left out of the bundle and installed beside it for Lambda's platform (./native-modules.ts). */
  nativeModules?: string[];
  /** Files (paths from the repository root) copied next to the bundle, such as a WebAssembly module the code loads at run time. */
  assets?: string[];
  /**
   * Large modules only a rare path uses, which the code loads with a dynamic import: left out of
   * the bundle and installed beside it the same way, so other cold starts do not load them.
   */
  lazyModules?: string[];
  timeout?: Duration;
  memorySize?: number;
}

const HIGHS_WASM = 'node_modules/highs/build/highs.wasm';
const SCALAR_STANDALONE = 'node_modules/@scalar/api-reference/dist/browser/standalone.js';

/** Records of items whose sort key is one of these (a kind's own sort key, or its prefix). */
const sortKeyIn = (...values: Array<string | { prefix: string }>) => ({
  Keys: { [tableDefinition.sortKey]: { S: values } },
});

/** Only listing and vacancy changes reach the matcher. */
const listingChanges = { dynamodb: sortKeyIn(SORT_KEY.listing, SORT_KEY.vacancy) };

/**
 * What the followers act on (functions/followers/): listing, match, swap and review changes (the
 * statistics, the proposals' fan-out, the webhooks' events, the chains a vacancy's lessor hears
 * of), never the statistics' own writes.
 */
const followedChanges = {
  dynamodb: sortKeyIn(SORT_KEY.listing, SORT_KEY.match, SORT_KEY.swap, {
    prefix: SORT_KEY.swapReviewPrefix,
  }),
};
/** New outbox mails (the notifier) and new webhook deliveries, never their later updates. */
const newMailsAndDeliveries = {
  eventName: ['INSERT'],
  dynamodb: { NewImage: { [ENTITY_ATTRIBUTE]: { S: [ENTITY.outbox, ENTITY.webhookDelivery] } } },
};
/** DynamoDB's own TTL deletions, for the purge (the application's deletions never are). */
const ttlDeletions = {
  eventName: ['REMOVE'],
  userIdentity: { type: ['Service'], principalId: ['dynamodb.amazonaws.com'] },
};

export const FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: 'Api',
    entry: 'functions/api/index.ts',
    handler: 'handler',
    kind: 'http',
    grants: {
      table: 'readWrite',
      photos: 'presign',
      sessionKey: true,
      photoLinks: true,
      originVerify: true,
    },
    lazyModules: ['pdf-lib'],
    // The API reference's renderer, read from disk by /api/docs only.
    assets: [SCALAR_STANDALONE],
  },
  {
    name: 'Matcher',
    entry: 'functions/matcher/index.ts',
    handler: 'handler',
    kind: 'stream',
    streamFilter: listingChanges,
    grants: { table: 'readWrite', ses: false },
    memorySize: 1024,
  },
  // The stream's second and last reader (AWS throttles a shard read by more than two).
  {
    name: 'Followers',
    entry: 'functions/followers/index.ts',
    handler: 'handler',
    kind: 'stream',
    streamFilters: [followedChanges, newMailsAndDeliveries, ttlDeletions],
    grants: { table: 'readWrite', ses: true, photos: 'erase' },
    memorySize: 1024,
  },
  {
    name: 'OutboxSweep',
    entry: 'functions/notifier/index.ts',
    handler: 'sweepHandler',
    kind: 'schedule',
    schedule: Schedule.cron({ minute: '0/5' }),
    grants: { table: 'readWrite', ses: true },
  },
  {
    name: 'WebhookRetries',
    entry: 'functions/webhooks/index.ts',
    handler: 'sweepHandler',
    kind: 'schedule',
    schedule: Schedule.rate(Duration.minutes(1)),
    grants: { table: 'readWrite' },
  },
  // Times are UTC; La Réunion is UTC+4 (03:00 UTC = 07:00 local).
  {
    name: 'ListingExpiry',
    entry: 'functions/scheduler/index.ts',
    handler: 'expiryHandler',
    kind: 'schedule',
    schedule: Schedule.cron({ minute: '0', hour: '3' }),
    grants: { table: 'readWrite', sessionKey: true },
  },
  {
    name: 'AnswerReminders',
    entry: 'functions/scheduler/index.ts',
    handler: 'answerRemindersHandler',
    kind: 'schedule',
    schedule: Schedule.cron({ minute: '0', hour: '5' }),
    grants: { table: 'readWrite' },
  },
  {
    name: 'ProposalDigests',
    entry: 'functions/scheduler/index.ts',
    handler: 'proposalDigestsHandler',
    kind: 'schedule',
    schedule: Schedule.cron({ minute: '0', hour: '4' }),
    grants: { table: 'readWrite' },
  },
  {
    name: 'SwapNudges',
    entry: 'functions/scheduler/index.ts',
    handler: 'swapNudgesHandler',
    kind: 'schedule',
    schedule: Schedule.cron({ minute: '30', hour: '5' }),
    grants: { table: 'readWrite' },
  },
  // 03:45 UTC = 07:45 in La Réunion: in the reception agent's mailbox before the doors open.
  {
    name: 'AgentQueues',
    entry: 'functions/scheduler/index.ts',
    handler: 'agentQueuesHandler',
    kind: 'schedule',
    schedule: Schedule.cron({ minute: '45', hour: '3' }),
    grants: { table: 'readWrite' },
  },
  {
    name: 'ReviewDeadlines',
    entry: 'functions/scheduler/index.ts',
    handler: 'reviewDeadlinesHandler',
    kind: 'schedule',
    schedule: Schedule.cron({ minute: '30', hour: '3' }),
    grants: { table: 'readWrite' },
  },
  // Lessor agents' point of the day, 06:00 in La Réunion (UTC+4), on days with something.
  {
    name: 'LessorDigests',
    entry: 'functions/scheduler/index.ts',
    handler: 'lessorDigestsHandler',
    kind: 'schedule',
    schedule: Schedule.cron({ minute: '0', hour: '2' }),
    grants: { table: 'readWrite' },
  },
  {
    name: 'InactiveAccounts',
    entry: 'functions/scheduler/retention.ts',
    handler: 'inactiveAccountsHandler',
    kind: 'schedule',
    schedule: Schedule.cron({ minute: '0', hour: '4' }),
    grants: { table: 'readWrite', photos: 'erase' },
  },
  // The plan over all cycles: up to ~10 minutes at 10 000 listings (docs/benchmarks.md), HiGHS as WebAssembly.
  {
    name: 'MatchOptimiser',
    entry: 'functions/scheduler/index.ts',
    handler: 'optimiserHandler',
    kind: 'schedule',
    schedule: Schedule.cron({ minute: '0', hour: '22' }),
    grants: { table: 'readWrite' },
    assets: [HIGHS_WASM],
    timeout: Duration.minutes(15),
    memorySize: 4096,
  },
  {
    name: 'PlanCheck',
    entry: 'functions/scheduler/index.ts',
    handler: 'planCheckHandler',
    kind: 'schedule',
    schedule: Schedule.cron({ minute: '15' }),
    grants: { table: 'readWrite' },
    assets: [HIGHS_WASM],
    timeout: Duration.minutes(15),
    memorySize: 4096,
  },
  {
    name: 'Photos',
    entry: 'functions/photos/index.ts',
    handler: 'handler',
    kind: 's3',
    grants: { table: 'photoItems', photos: 'process' },
    nativeModules: ['sharp'],
  },
];

export function entryPath(spec: FunctionSpec, root = REPOSITORY_ROOT): string {
  return join(root, spec.entry);
}

/** The functions whose entry file exists, and those skipped. */
export function presentFunctions(
  specs: readonly FunctionSpec[] = FUNCTIONS,
  root = REPOSITORY_ROOT,
) {
  const present = specs.filter((spec) => existsSync(entryPath(spec, root)));
  const skipped = specs.filter((spec) => !present.includes(spec));
  return { present, skipped };
}
