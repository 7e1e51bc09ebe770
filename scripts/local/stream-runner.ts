/**
 * Reads DynamoDB Local's stream and calls the very same stream handlers Lambda calls on AWS,
 * with the Lambda event shape and the same retry semantics: a batch item failure stops the
 * batch there and it is retried with backoff; after `maxAttempts` the record is set aside as
 * a dead letter (logged), as the SQS dead-letter queue does on AWS.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { keyOfRawImage } from '../../functions/lib/db/stream-records';
import { logger } from '../../functions/lib/logger';
import type { StreamHandler } from '../../functions/lib/stream-batch';

export interface StreamRunnerOptions {
  endpoint: string;
  region: string;
  tableName: string;
  handlers: Record<string, StreamHandler>;
  /** File where each handler's position is kept across restarts (none: start from the oldest record). */
  checkpointFile?: string;
  /** Pause between polls of an idle shard (100 ms unless given for the handler). */
  pollMs?: number;
  pollMsByHandler?: Record<string, number>;
  /** Skip what the stream already holds at start (benchmarks that bulk-load the table first). */
  startAtLatest?: boolean;
  batchSize?: number;
  maxAttempts?: number;
  /** Whether a REMOVE of this key was a TTL deletion (../ttl-reaper.ts): its record then says so, as on AWS. */
  isTtlDeletion?: (key: { pk?: string; sk?: string }) => boolean;
}

interface ShardCursor {
  shardId: string;
  latest?: boolean;
  iterator?: string;
  lastSequence?: string;
  failures: number;
  retryAt: number;
}

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export class StreamRunner {
  /** Public so that a benchmark can count what the readers ask of the stream. */
  readonly streams: DynamoDBStreamsClient;
  private readonly dynamo: DynamoDBClient;
  private readonly cursors = new Map<string, Map<string, ShardCursor>>();
  private checkpoints: Record<string, Record<string, string>> = {};
  private streamArn = '';
  private running = false;
  private loop?: Promise<void>;
  private lastDiscovery = 0;
  /** Records handled so far per handler, for tests that wait for the stream to settle. */
  readonly delivered: Record<string, number> = {};
  /** When each handler last found its shards empty after handling records (0 while it has some). */
  private readonly idleSince: Record<string, number> = {};

  constructor(private readonly options: StreamRunnerOptions) {
    this.streams = new DynamoDBStreamsClient({
      endpoint: options.endpoint,
      region: options.region,
      credentials,
    });
    this.dynamo = new DynamoDBClient({
      endpoint: options.endpoint,
      region: options.region,
      credentials,
    });
    for (const name of Object.keys(options.handlers)) {
      this.cursors.set(name, new Map());
      this.delivered[name] = 0;
    }
  }

  async start(): Promise<void> {
    const table = await this.dynamo.send(
      new DescribeTableCommand({ TableName: this.options.tableName }),
    );
    this.streamArn = table.Table?.LatestStreamArn ?? '';
    if (!this.streamArn)
      throw new Error(`La table ${this.options.tableName} n'a pas de flux (stream).`);
    this.loadCheckpoints();
    this.running = true;
    this.loop = this.run();
  }

  /**
   * Stops polling. A batch still in a handler after `graceMs` is not waited for: its checkpoint
   * was not saved, so the next start hands it over again, as Lambda retries a batch after a
   * timeout (the handlers are idempotent). Says whether one was left so.
   */
  async stop(graceMs = 2000): Promise<{ abandoned: boolean }> {
    this.running = false;
    let grace: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      (this.loop ?? Promise.resolve()).then(() => true),
      new Promise<boolean>((resolve) => (grace = setTimeout(() => resolve(false), graceMs))),
    ]);
    clearTimeout(grace);
    this.saveCheckpoints();
    this.streams.destroy();
    this.dynamo.destroy();
    return { abandoned: !finished };
  }

  /** One loop per handler, as each Lambda event source mapping polls on its own. */
  private async run(): Promise<void> {
    await Promise.all([...this.cursors.keys()].map((name) => this.runHandler(name)));
  }

  private async runHandler(name: string): Promise<void> {
    const shards = this.cursors.get(name)!;
    while (this.running) {
      try {
        if (Date.now() - this.lastDiscovery > 1000) await this.discoverShards();
        let busy = false;
        for (const cursor of [...shards.values()])
          busy = (await this.poll(name, shards, cursor)) || busy;
        if (busy) this.idleSince[name] = 0;
        else this.idleSince[name] ||= Date.now();
        if (!busy) await sleep(this.options.pollMsByHandler?.[name] ?? this.options.pollMs ?? 100);
      } catch (error) {
        if (!this.running) break;
        logger.warn('stream runner error', { handler: name, error });
        await sleep(500);
      }
    }
  }

  /**
   * Resolves, once every handler has found nothing new for `quietMs`, with the time the last of
   * them caught up (benchmarks pace themselves on it).
   */
  async settled(quietMs = 300, timeoutMs = 120_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const since = Object.keys(this.options.handlers).map((name) => this.idleSince[name] ?? 0);
      if (since.every((at) => at > 0 && Date.now() - at >= quietMs)) return Math.max(...since);
      if (Date.now() > deadline) throw new Error(`Le flux ne s'est pas calmé en ${timeoutMs} ms.`);
      await sleep(20);
    }
  }

  /** When each handler last caught up (found its shards empty after handling records); 0 while busy. */
  caughtUpAt(): Record<string, number> {
    return { ...this.idleSince };
  }

  private async discoverShards(): Promise<void> {
    this.lastDiscovery = Date.now();
    const shards = [];
    const firstDiscovery = !this.discovered;
    this.discovered = true;
    let exclusiveStart: string | undefined;
    do {
      const page = await this.streams.send(
        new DescribeStreamCommand({
          StreamArn: this.streamArn,
          ExclusiveStartShardId: exclusiveStart,
        }),
      );
      shards.push(...(page.StreamDescription?.Shards ?? []));
      exclusiveStart = page.StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStart);
    this.started = !firstDiscovery;
    for (const [name, cursors] of this.cursors) {
      for (const shard of shards) {
        const shardId = shard.ShardId!;
        if (cursors.has(shardId) || this.finished.has(`${name}/${shardId}`)) continue;
        const after = this.checkpoints[name]?.[shardId];
        const latest = this.options.startAtLatest === true && !this.started && !after;
        cursors.set(shardId, { shardId, lastSequence: after, latest, failures: 0, retryAt: 0 });
      }
    }
  }

  private readonly finished = new Set<string>();
  private discovered = false;
  private started = false;

  private async iteratorFor(cursor: ShardCursor): Promise<string | undefined> {
    const result = await this.streams.send(
      new GetShardIteratorCommand({
        StreamArn: this.streamArn,
        ShardId: cursor.shardId,
        ...(cursor.lastSequence
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: cursor.lastSequence }
          : { ShardIteratorType: cursor.latest ? 'LATEST' : 'TRIM_HORIZON' }),
      }),
    );
    return result.ShardIterator;
  }

  /** Returns true when records were handled (so the loop polls again at once). */
  private async poll(
    name: string,
    shards: Map<string, ShardCursor>,
    cursor: ShardCursor,
  ): Promise<boolean> {
    if (Date.now() < cursor.retryAt) return false;
    cursor.iterator ??= await this.iteratorFor(cursor);
    if (!cursor.iterator) return this.closeShard(name, shards, cursor);
    const page = await this.streams.send(
      new GetRecordsCommand({
        ShardIterator: cursor.iterator,
        Limit: this.options.batchSize ?? 100,
      }),
    );
    const records = page.Records ?? [];
    if (records.length === 0) {
      cursor.iterator = page.NextShardIterator;
      if (!cursor.iterator) return this.closeShard(name, shards, cursor);
      return false;
    }
    this.idleSince[name] = 0;
    const failedAt = await this.deliver(name, records);
    if (failedAt === undefined) {
      cursor.lastSequence = records.at(-1)?.dynamodb?.SequenceNumber;
      cursor.iterator = page.NextShardIterator;
      cursor.failures = 0;
      this.delivered[name] = (this.delivered[name] ?? 0) + records.length;
      return true;
    }
    // Handled up to the failed record; read again from there after a pause.
    if (failedAt > 0) {
      cursor.lastSequence = records[failedAt - 1]?.dynamodb?.SequenceNumber;
      this.delivered[name] = (this.delivered[name] ?? 0) + failedAt;
      cursor.failures = 0;
    }
    cursor.failures += 1;
    cursor.iterator = undefined;
    if (cursor.failures >= (this.options.maxAttempts ?? 8)) {
      const dead = records[failedAt];
      logger.error('stream record set aside after repeated failures (dead letter)', {
        handler: name,
        sequenceNumber: dead?.dynamodb?.SequenceNumber,
      });
      cursor.lastSequence = dead?.dynamodb?.SequenceNumber;
      cursor.failures = 0;
      this.delivered[name] = (this.delivered[name] ?? 0) + 1;
      return true;
    }
    cursor.retryAt = Date.now() + Math.min(100 * 2 ** cursor.failures, 5000);
    return false;
  }

  private closeShard(name: string, shards: Map<string, ShardCursor>, cursor: ShardCursor): boolean {
    shards.delete(cursor.shardId);
    this.finished.add(`${name}/${cursor.shardId}`);
    return false;
  }

  /** Calls the handler; returns the index of the first failed record, if any. */
  private async deliver(name: string, records: StreamRecord[]): Promise<number | undefined> {
    const event: DynamoDBStreamEvent = {
      Records: records.map((record) => this.toLambdaRecord(record)),
    };
    try {
      const response = await this.options.handlers[name]!(event);
      const failures = response?.batchItemFailures ?? [];
      if (failures.length === 0) return undefined;
      const failed = new Set(failures.map((failure) => failure.itemIdentifier));
      const index = records.findIndex((record) =>
        failed.has(record.dynamodb?.SequenceNumber ?? ''),
      );
      return index === -1 ? 0 : index;
    } catch (error) {
      logger.warn('stream handler threw; batch will be retried', { handler: name, error });
      return 0;
    }
  }

  private toLambdaRecord(record: StreamRecord): DynamoDBRecord {
    const created = record.dynamodb?.ApproximateCreationDateTime;
    const ttlDeletion =
      record.eventName === 'REMOVE' &&
      this.options.isTtlDeletion?.(keyOfRawImage(record.dynamodb?.Keys));
    return {
      ...(ttlDeletion
        ? { userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' } }
        : {}),
      eventID: record.eventID,
      eventName: record.eventName as DynamoDBRecord['eventName'],
      eventVersion: record.eventVersion ?? '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: this.options.region,
      eventSourceARN: this.streamArn,
      dynamodb: {
        ApproximateCreationDateTime: created
          ? Math.floor(new Date(created).getTime() / 1000)
          : undefined,
        Keys: record.dynamodb?.Keys as never,
        NewImage: record.dynamodb?.NewImage as never,
        OldImage: record.dynamodb?.OldImage as never,
        SequenceNumber: record.dynamodb?.SequenceNumber,
        SizeBytes: record.dynamodb?.SizeBytes,
        StreamViewType: record.dynamodb?.StreamViewType,
      },
    };
  }

  private loadCheckpoints(): void {
    if (!this.options.checkpointFile) return;
    try {
      this.checkpoints = JSON.parse(readFileSync(this.options.checkpointFile, 'utf8'));
    } catch (error) {
      // No checkpoint saved yet: a fresh data directory.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.checkpoints = {};
    }
  }

  saveCheckpoints(): void {
    if (!this.options.checkpointFile) return;
    const snapshot: Record<string, Record<string, string>> = { ...this.checkpoints };
    for (const [name, shards] of this.cursors) {
      snapshot[name] = { ...snapshot[name] };
      for (const cursor of shards.values())
        if (cursor.lastSequence) snapshot[name][cursor.shardId] = cursor.lastSequence;
    }
    writeFileSync(this.options.checkpointFile, JSON.stringify(snapshot));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
