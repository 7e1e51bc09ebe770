/**
 * The single-table design, declared once. The CDK stack builds the table from `tableDefinition`,
 * the local stack creates DynamoDB Local's table from it, and every key string of the product is
 * built by the functions below: nowhere else. docs/data-model.md lists the access patterns.
 *
 * No AWS SDK import here, so infra/ can use it without pulling the runtime clients.
 */

export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB deletes the item some time after. */
  ttlAttribute: 'ttl',
  streamView: 'NEW_AND_OLD_IMAGES',
  indexes: {
    /** By owner or parent: a user's listings, staff by role, pending mails, audit by actor. */
    gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /** Lessor work queues: listings to verify, reviews due. */
    gsi2: { partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    /** Market buckets for matching, sparse: only listings taking part carry these keys. */
    gsi3: { partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  },
} as const;

export type IndexName = keyof typeof tableDefinition.indexes;

/** The indexes by what they serve, for queries: `IndexName: INDEX.byParent`. */
export const INDEX = {
  /**
   * A user's listings, staff by role, pending mails and digests, audit by actor, reports, swaps by
   * status, API clients, webhook retries, vacancies by lessor, the proposals a listing's page shows.
   */
  byParent: 'gsi1',
  /** Lessor work queues: listings to verify, reviews due; open vacancies by end; audit by month. */
  lessorQueues: 'gsi2',
  /** Market buckets for matching. */
  market: 'gsi3',
} as const satisfies Record<string, IndexName>;

/**
 * The attribute every item names its kind in (a value of ENTITY): handlers, stream filters and
 * offline scans dispatch on it.
 */
export const ENTITY_ATTRIBUTE = 'entity';

/** The values of ENTITY_ATTRIBUTE. */
export const ENTITY = {
  user: 'User',
  userEmail: 'UserEmail',
  loginToken: 'LoginToken',
  revokedSession: 'RevokedSession',
  rateLimit: 'RateLimit',
  reference: 'Reference',
  referenceLedger: 'ReferenceLedger',
  listing: 'Listing',
  activeListing: 'ActiveListing',
  managedListing: 'ManagedListing',
  photo: 'Photo',
  expirySchedule: 'ExpirySchedule',
  match: 'Match',
  matchLink: 'MatchLink',
  matchSummary: 'MatchSummary',
  answerReminder: 'AnswerReminder',
  recommendationPlan: 'RecommendationPlan',
  matchDigest: 'MatchDigest',
  marketChange: 'MarketChange',
  messageNotice: 'MessageNotice',
  message: 'Message',
  swap: 'Swap',
  swapReview: 'SwapReview',
  report: 'Report',
  swapNudge: 'SwapNudge',
  agentQueueMail: 'AgentQueueMail',
  outbox: 'Outbox',
  audit: 'Audit',
  lessorDigest: 'LessorDigest',
  statsAggregate: 'StatsAggregate',
  statsEvent: 'StatsEvent',
  statsStock: 'StatsStock',
  statsMonth: 'StatsMonth',
  statsStockYear: 'StatsStockYear',
  statsLedger: 'StatsLedger',
  inactivity: 'InactivityEntry',
  apiClient: 'ApiClient',
  webhookEndpoint: 'WebhookEndpoint',
  webhookDelivery: 'WebhookDelivery',
  vacancy: 'Vacancy',
  vacancyChainLink: 'VacancyChainLink',
} as const;

export type Entity = (typeof ENTITY)[keyof typeof ENTITY];

export interface ItemKey {
  pk: string;
  sk: string;
}

const key = (pk: string, sk: string): ItemKey => ({ pk, sk });

/** An item to write: its key and entity, then the object it stores. */
export function itemOf(
  itemKey: ItemKey,
  entity: Entity,
  object: Record<string, unknown>,
): Record<string, unknown> {
  return { ...itemKey, [ENTITY_ATTRIBUTE]: entity, ...object };
}

/** The key of a stored item (a read item, a stream image unmarshalled). */
export function keyOf(item: Record<string, unknown>): ItemKey {
  return {
    pk: String(item[tableDefinition.partitionKey]),
    sk: String(item[tableDefinition.sortKey]),
  };
}

/** The entity of a stored item, if it names one. */
export function entityOf(item: Record<string, unknown> | undefined): string | undefined {
  return item?.[ENTITY_ATTRIBUTE] as string | undefined;
}

/** The partition of `index` an item is in; undefined when out of it (the indexes are sparse). */
export function indexPartitionOf(
  item: Record<string, unknown> | undefined,
  index: IndexName,
): unknown {
  return item?.[tableDefinition.indexes[index].partitionKey];
}

/**
 * Partition key prefixes, for what covers every partition of a kind: IAM's leading-key condition
 * on listing partitions (infra/lib/function.ts), the offline read of every statistics item.
 */
export const PARTITION_PREFIX = {
  listing: 'LISTING#',
  /** STATS#, STATSEVT#, STATSSTOCK, STATSLEDGER#, of this layout and earlier ones. */
  stats: 'STATS',
} as const;

const listingPartition = (listingId: string) => `${PARTITION_PREFIX.listing}${listingId}`;

/** Prefixes of a lessor's review queue (gsi2sk): open reviews sort before settled ones. */
const REVIEW_QUEUE = { open: 'OPEN#', settled: 'SETTLED#' } as const;

/**
 * Sort keys that name an item's kind. Stream filters (infra/lib/functions.ts) match on keys, since
 * a deletion's record carries no new image to read the entity from.
 */
export const SORT_KEY = {
  listing: 'LISTING',
  match: 'MATCH',
  swap: 'SWAP',
  swapReviewPrefix: 'REVIEW#',
  vacancy: 'VACANCY',
} as const;

/** Attributes the table itself needs (keys, index keys, entity, TTL): none belongs to the object stored. */
const TABLE_ATTRIBUTES: ReadonlySet<string> = new Set([
  tableDefinition.partitionKey,
  tableDefinition.sortKey,
  tableDefinition.ttlAttribute,
  ENTITY_ATTRIBUTE,
  ...Object.values(tableDefinition.indexes).flatMap((index) => [index.partitionKey, index.sortKey]),
]);

/** The object an item stores, without the table's own attributes. */
export function fromItem<T>(item: Record<string, unknown>): T {
  const object: Record<string, unknown> = {};
  for (const name in item) if (!TABLE_ATTRIBUTES.has(name)) object[name] = item[name];
  return object as T;
}

/**
 * Where a query on `index` stands just after `item`: its ExclusiveStartKey (the table's keys and
 * the index's), for a page cut short of what a read returned.
 */
export function indexPosition(
  item: Record<string, unknown>,
  index: IndexName,
): Record<string, unknown> {
  const { partitionKey, sortKey } = tableDefinition.indexes[index];
  return {
    [tableDefinition.partitionKey]: item[tableDefinition.partitionKey],
    [tableDefinition.sortKey]: item[tableDefinition.sortKey],
    [partitionKey]: item[partitionKey],
    [sortKey]: item[sortKey],
  };
}

/** Primary keys, one builder per entity. */
export const keys = {
  user: (userId: string) => key(`USER#${userId}`, 'PROFILE'),
  userEmail: (email: string) => key(`EMAIL#${email.toLowerCase()}`, 'USER'),
  loginToken: (tokenHash: string) => key(`LOGIN#${tokenHash}`, 'TOKEN'),
  revokedSession: (sessionId: string) => key(`SESSION#${sessionId}`, 'REVOKED'),
  rateLimit: (scope: string, subject: string, windowStart: number) =>
    key(`RATE#${scope}#${subject}`, `WINDOW#${windowStart}`),
  reference: (kind: ReferenceKind, id: string) => key('REF', `${kind}#${id}`),
  referencePrefix: (kind?: ReferenceKind) => ({ pk: 'REF', skPrefix: kind ? `${kind}#` : '' }),
  /** Which reference items the deploy-time loader has ever written (functions/lib/db/reference-loader.ts). */
  referenceLedger: () => key('REFLOAD', 'LEDGER'),
  listing: (listingId: string) => key(listingPartition(listingId), SORT_KEY.listing),
  /** Guard item: a tenant has at most one active listing. */
  activeListing: (ownerId: string) => key(`USER#${ownerId}`, 'ACTIVE_LISTING'),
  /** A reception agent's link to a listing it created on someone's behalf. */
  managedListing: (agentId: string, listingId: string) =>
    key(`USER#${agentId}`, `MANAGES#${listingId}`),
  managedListingsPrefix: (agentId: string) => ({ pk: `USER#${agentId}`, skPrefix: 'MANAGES#' }),
  match: (matchId: string) => key(`MATCH#${matchId}`, SORT_KEY.match),
  /** One of a listing's photo slots (0–5): the slot number bounds the count structurally. */
  photo: (listingId: string, slot: number) => key(listingPartition(listingId), `PHOTO#${slot}`),
  photosPrefix: (listingId: string) => ({ pk: listingPartition(listingId), skPrefix: 'PHOTO#' }),
  /** A published listing's place in the expiry calendar, by UTC day of `expiresAt` (yyyy-mm-dd). */
  expirySchedule: (day: string, listingId: string) => key(`EXPIRY#${day}`, listingId),
  expiryDay: (day: string) => ({ pk: `EXPIRY#${day}` }),
  matchLink: (listingId: string, matchId: string) =>
    key(listingPartition(listingId), `MATCH#${matchId}`),
  matchLinksPrefix: (listingId: string) => ({
    pk: listingPartition(listingId),
    skPrefix: 'MATCH#',
  }),
  matchSummary: (listingId: string) => key(listingPartition(listingId), 'MATCH_SUMMARY'),
  /** Proposals to check on `day` for participants who have not answered yet. */
  answerReminder: (day: string, matchId: string) => key(`REMIND#${day}`, matchId),
  answerRemindersOf: (day: string) => ({ pk: `REMIND#${day}` }),
  /** The mark that a participant of a proposal was reminded (written with the mail). */
  answerReminderSent: (matchId: string, listingId: string) =>
    key(`REMIND#SENT#${matchId}`, listingId),
  /** The optimiser's latest plan: the ids of the proposals it marked "recommandée". */
  recommendationPlan: () => key('OPTIMISER', 'LATEST'),
  /** The proposals found for a tenant since their last digest mail, and when that mail went. */
  proposalDigestQueue: (ownerId: string) => key(`USER#${ownerId}`, 'DIGEST#PENDING'),
  proposalDigestSent: (ownerId: string) => key(`USER#${ownerId}`, 'DIGEST#SENT'),
  /** A lessor's daily digest was sent that day: a second run sends nothing more. */
  lessorDigestSent: (lessorId: string, day: string) => key(`LESSOR#${lessorId}`, `DIGEST#${day}`),
  /** The market's changes in the order matchers saw them, for every matcher instance to catch up on. */
  marketChange: (seenAt: string, listingId: string, version: number) =>
    key('MARKETLOG', `${seenAt}#${listingId}#${version}`),
  marketChangesPartition: () => ({ pk: 'MARKETLOG' }),
  messageNotice: (matchId: string, recipientId: string, hour: string) =>
    key(`MATCH#${matchId}`, `${keys.messageNoticesPrefix(matchId, recipientId).skPrefix}${hour}`),
  /** Every message notice of one recipient in a proposal's thread. */
  messageNoticesPrefix: (matchId: string, recipientId: string) => ({
    pk: `MATCH#${matchId}`,
    skPrefix: `NOTICE#${recipientId}#`,
  }),
  message: (matchId: string, sentAt: string, messageId: string) =>
    key(`MATCH#${matchId}`, `MSG#${sentAt}#${messageId}`),
  messagesPrefix: (matchId: string) => ({ pk: `MATCH#${matchId}`, skPrefix: 'MSG#' }),
  swap: (swapId: string) => key(`SWAP#${swapId}`, SORT_KEY.swap),
  /** The swap a swap's partition belongs to (its reviews share it). */
  swapIdOf: (pk: string) => pk.slice('SWAP#'.length),
  swapReview: (swapId: string, listingId: string) =>
    key(`SWAP#${swapId}`, `${SORT_KEY.swapReviewPrefix}${listingId}`),
  swapReviewsPrefix: (swapId: string) => ({
    pk: `SWAP#${swapId}`,
    skPrefix: SORT_KEY.swapReviewPrefix,
  }),
  /** A participant reported to Armos (about a person or one of their messages). */
  report: (reportId: string) => key(`REPORT#${reportId}`, 'REPORT'),
  /** Mutual proposals to check on `day` for a swap request not yet made. */
  swapNudge: (day: string, matchId: string) => key(`NUDGE#${day}`, matchId),
  /** The reception agent's daily queue mail of `day` went (once a day). */
  agentQueueMail: (agentId: string, day: string) => key(`USER#${agentId}`, `AGENTQUEUE#${day}`),
  swapNudgesOf: (day: string) => ({ pk: `NUDGE#${day}` }),
  /** The mark that a mutual proposal's participants were nudged (written with the mails). */
  swapNudgeSent: (matchId: string) => key(`NUDGE#SENT#${matchId}`, 'SENT'),
  outbox: (mailId: string) => key(`OUTBOX#${mailId}`, 'MAIL'),
  audit: (subject: string, at: string, auditId: string) =>
    key(keys.auditOf(subject).pk, `${at}#${auditId}`),
  /** The partition of every audit entry about one subject (`listing:<id>`, `user:<id>`, …). */
  auditOf: (subject: string) => ({ pk: `AUDIT#${subject}` }),
  statsAggregate: (period: string, scope: string) => key(`STATS#${period}`, scope),
  statsEvent: (eventId: string) => key(`STATSEVT#${eventId}`, 'EVENT'),
  /**
   * Month by month, each scope's entries minus exits of the market (an attribute per scope): one
   * partition, so the stock at any month's end is one Query of the months before it.
   */
  statsStock: (month: string) => key('STATSSTOCK', month),
  statsStockPartition: () => ({ pk: 'STATSSTOCK' }),
  /** A month's counters of a part of the scopes (quartiers, communes, CINOR, flows…), as a map. */
  statsMonth: (month: string, part: number) => key(`STATS#${month}`, `SCOPES#${part}`),
  /** A year of the stock's monthly changes, every scope's: sorts before the year's months. */
  statsStockYear: (year: string) => key('STATSSTOCK', year),
  /** The ids of the stream changes counted, by the window their records were created in. */
  statsLedger: (window: number) => key(`STATSLEDGER#${window}`, 'IDS'),
  /** A tenant account in the inactivity calendar, under the UTC day it is erased without a new sign-in. */
  inactivity: (day: string, userId: string) => key(`DORMANT#${day}`, userId),
  inactivityDay: (day: string) => ({ pk: `DORMANT#${day}` }),
  /** A lessor's information system, known to the API by its client id (docs/security.md). */
  apiClient: (clientId: string) => key(`APICLIENT#${clientId}`, 'CLIENT'),
  /** A lessor's webhook endpoints share a partition: the stream handler reads them in one Query. */
  webhookEndpoint: (lessorId: string, endpointId: string) =>
    key(`WEBHOOKS#${lessorId}`, `ENDPOINT#${endpointId}`),
  webhookEndpointsOf: (lessorId: string) => ({ pk: `WEBHOOKS#${lessorId}`, skPrefix: 'ENDPOINT#' }),
  /** An endpoint's deliveries, newest last: its delivery log. */
  webhookDelivery: (endpointId: string, deliveryId: string) =>
    key(`WEBHOOK#${endpointId}`, `DELIVERY#${deliveryId}`),
  webhookDeliveriesOf: (endpointId: string) => ({
    pk: `WEBHOOK#${endpointId}`,
    skPrefix: 'DELIVERY#',
  }),
  /** A vacant dwelling a lessor offers to mutation (chains). */
  vacancy: (vacancyId: string) => key(`VACANCY#${vacancyId}`, SORT_KEY.vacancy),
  /** A chain stored as a proposal, under the vacancy that starts it: what the lessor's page counts. */
  vacancyChainLink: (vacancyId: string, matchId: string) =>
    key(`VACANCY#${vacancyId}`, `MATCH#${matchId}`),
  vacancyChainLinksPrefix: (vacancyId: string) => ({
    pk: `VACANCY#${vacancyId}`,
    skPrefix: 'MATCH#',
  }),
} as const;

export type ReferenceKind = 'COMMUNE' | 'QUARTIER' | 'LESSOR' | 'MOTIVE' | 'RECEPTION' | 'CEILINGS';

/** Secondary index keys: which index, and the key values an item carries to appear in it. */
/**
 * Index partitions, for the queries that read one: a list of its own (a constant), or one per
 * lessor, owner, status… (a builder). `indexKeys` below puts items in them.
 */
export const indexPartitions = {
  pendingMail: 'OUTBOX#pending',
  pendingDigest: 'DIGEST#pending',
  reportsByTime: 'REPORTS',
  apiClients: 'APICLIENTS',
  webhookRetries: 'WEBHOOK#retry',
  vacanciesByLessor: 'VACANCIES',
  openVacancies: 'VACANCIES#open',
  staffByRole: (role: string) => `ROLE#${role}`,
  listingsByOwner: (ownerId: string) => `OWNER#${ownerId}`,
  auditByActor: (actorId: string) => `ACTOR#${actorId}`,
  auditByMonth: (at: string) => `AUDIT#${at.slice(0, 7)}`,
  swapsByStatus: (status: string) => `SWAPS#${status}`,
  listingsToVerify: (lessorId: string, verification: string) =>
    `LESSOR#${lessorId}#VERIF#${verification}`,
  reviewsByLessor: (lessorId: string) => `LESSOR#${lessorId}#REVIEWS`,
  marketOffer: (communeCode: string) => `MARKET#${communeCode}`,
  shownProposals: (listingId: string) => `SHOWN#${listingId}`,
} as const;

export const indexKeys = {
  staffByRole: (role: string, email: string) => ({
    gsi1pk: indexPartitions.staffByRole(role),
    gsi1sk: email.toLowerCase(),
  }),
  listingsByOwner: (ownerId: string, createdAt: string) => ({
    gsi1pk: indexPartitions.listingsByOwner(ownerId),
    gsi1sk: createdAt,
  }),
  /**
   * A listing's link to a proposal its page shows, in the page's order (`shownRankKey`); sparse:
   * a closed proposal's links leave the index.
   */
  shownProposal: (listingId: string, rankKey: string) => ({
    gsi1pk: indexPartitions.shownProposals(listingId),
    gsi1sk: rankKey,
  }),
  pendingMail: (createdAt: string) => ({
    gsi1pk: indexPartitions.pendingMail,
    gsi1sk: createdAt,
  }),
  /** Tenants with proposals not yet announced, for the digest job (sparse: the queue item only). */
  pendingDigest: (ownerId: string) => ({
    gsi1pk: indexPartitions.pendingDigest,
    gsi1sk: ownerId,
  }),
  auditByActor: (actorId: string, at: string) => ({
    gsi1pk: indexPartitions.auditByActor(actorId),
    gsi1sk: at,
  }),
  /** Every audit entry by month, newest first within it: Armos's audit screen by period. */
  auditByMonth: (at: string) => ({ gsi2pk: indexPartitions.auditByMonth(at), gsi2sk: at }),
  /** Reports to Armos, newest first when read backwards. */
  reportsByTime: (createdAt: string) => ({
    gsi1pk: indexPartitions.reportsByTime,
    gsi1sk: createdAt,
  }),
  swapsByStatus: (status: string, createdAt: string) => ({
    gsi1pk: indexPartitions.swapsByStatus(status),
    gsi1sk: createdAt,
  }),
  listingsToVerify: (lessorId: string, verification: string, createdAt: string) => ({
    gsi2pk: indexPartitions.listingsToVerify(lessorId, verification),
    gsi2sk: createdAt,
  }),
  /**
   * A lessor's reviews: those awaiting its decision (OPEN) first, by due date, then the settled
   * ones; swap and dwelling make each key unique. The deadline job reads the OPEN range only.
   */
  reviewsByLessor: (
    lessorId: string,
    dueAt: string,
    open: boolean,
    swapId: string,
    listingId: string,
  ) => ({
    gsi2pk: indexPartitions.reviewsByLessor(lessorId),
    gsi2sk: `${open ? REVIEW_QUEUE.open : REVIEW_QUEUE.settled}${dueAt}#${swapId}#${listingId}`,
  }),
  /** What every open review's key in its lessor's queue starts with. */
  openReviewsOf: (lessorId: string) => ({
    gsi2pk: indexPartitions.reviewsByLessor(lessorId),
    gsi2skPrefix: REVIEW_QUEUE.open,
  }),
  /** Bounds of a lessor's open reviews due at or before `dueBy` (ISO), for a BETWEEN condition. */
  openReviewsDueBy: (lessorId: string, dueBy: string) => ({
    gsi2pk: indexPartitions.reviewsByLessor(lessorId),
    from: REVIEW_QUEUE.open,
    to: `${REVIEW_QUEUE.open}${dueBy}#\uffff`,
  }),
  /** Every API client, newest last (Armos's list). */
  apiClients: (createdAt: string) => ({ gsi1pk: indexPartitions.apiClients, gsi1sk: createdAt }),
  /** Webhook deliveries waiting for a retry, by when it is due (sparse: only those). */
  webhookRetries: (nextAttemptAt: string) => ({
    gsi1pk: indexPartitions.webhookRetries,
    gsi1sk: nextAttemptAt,
  }),
  /** Every vacancy, by lessor then newest first within it (`createdAt` is a ULID-ordered id's time). */
  vacanciesByLessor: (lessorId: string, vacancyId: string) => ({
    gsi1pk: indexPartitions.vacanciesByLessor,
    gsi1sk: `${lessorId}#${vacancyId}`,
  }),
  /** Open vacancies only (sparse), by expiry: what the matcher reads and the expiry job walks. */
  openVacancies: (expiresAt: string, vacancyId: string) => ({
    gsi2pk: indexPartitions.openVacancies,
    gsi2sk: `${expiresAt}#${vacancyId}`,
  }),
  /** Listings taking part in matching, by commune of the dwelling offered, then typology. */
  marketOffer: (communeCode: string, typology: string, listingId: string) => ({
    gsi3pk: indexPartitions.marketOffer(communeCode),
    gsi3sk: `${typology}#${listingId}`,
  }),
} as const;

/** Epoch seconds for the TTL attribute. */
export function ttlAt(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
