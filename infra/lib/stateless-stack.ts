/**
 * Code and wiring, redeployable at will (clean-serverless-code): the functions declared in
 * ./functions.ts, the HTTP API, stream mappings with dead-letter queues, schedules, the S3
 * photo trigger, the web distribution and the alarms.
 */
import { CfnOutput, Duration, Stack, Annotations, type StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Bucket, EventType, type IBucket } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IConfigurationSet } from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { Alarms } from './alarms';
import { OperationsDashboard } from './dashboard';
import type { DeployContext } from './context';
import { EchangeKazFunction, PHOTO_PREFIXES, sesIdentities } from './function';
import {
  FUNCTIONS,
  REPOSITORY_ROOT,
  entryPath,
  presentFunctions,
  type FunctionSpec,
} from './functions';
import { bundlingOf, type NativeArchitecture } from './native-modules';
import { OriginVerify } from './origin-verify';
import { PhotoSigningKey } from './photo-signing-key';
import { photoUploadOrigin } from '../../functions/lib/photos/storage';
import { ReferenceDataLoad } from './reference-data';
import { Web } from './web';

/**
 * Lambda's CPU (arm64) unless the context asks for x64: tests that run a synthesized bundle
 * with its native modules on this machine synthesize with `nativeArchitecture=x64`.
 */
const nativeArchitecture = (scope: Construct): NativeArchitecture =>
  scope.node.tryGetContext('nativeArchitecture') === 'x64' ? 'x64' : 'arm64';

/** Optional context values whose change rotates a key (docs/deploy.md). */
const rotationMarker = (scope: Construct, key: string): string | undefined => {
  const value: unknown = scope.node.tryGetContext(key);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

export interface StatelessStackProps extends StackProps {
  context: DeployContext;
  table: ITable;
  photosBucket: IBucket;
  sessionSecret: ISecret;
  configurationSet: IConfigurationSet;
  /** Defaults to ./functions.ts; tests pass their own. */
  functions?: readonly FunctionSpec[];
  repositoryRoot?: string;
  webBuildDir?: string;
}

export class StatelessStack extends Stack {
  readonly functions = new Map<string, EchangeKazFunction>();
  readonly httpApi: HttpApi;
  readonly web: Web;
  readonly alarms: Alarms;
  readonly photoSigningKey: PhotoSigningKey;
  readonly originVerify: OriginVerify;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { context } = props;
    const root = props.repositoryRoot ?? REPOSITORY_ROOT;
    const { present, skipped } = presentFunctions(props.functions ?? FUNCTIONS, root);
    for (const spec of skipped)
      Annotations.of(this).addInfo(
        `Function ${spec.name} skipped: ${spec.entry} does not exist yet.`,
      );
    if (!context.mailFrom)
      Annotations.of(this).addWarning(
        'No "mailFrom" nor "domain" in context: the functions cannot send mail.',
      );

    this.alarms = new Alarms(this, 'Alarms', { alarmEmail: context.alarmEmail });
    this.alarms.forSesReputation();
    new OperationsDashboard(this, 'Operations', { name: `EchangeKaz-${context.stage}` });

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: `Échange Kaz API (${context.stage})`,
      createDefaultStage: true,
    });
    // The bucket imported by name: its S3 notification then lives in this stack (no cycle with the stateful one).
    const photosBucket = Bucket.fromBucketAttributes(this, 'PhotosBucket', {
      bucketArn: props.photosBucket.bucketArn,
      bucketName: props.photosBucket.bucketName,
    });

    this.photoSigningKey = new PhotoSigningKey(this, 'PhotoSigningKey', {
      rotation: rotationMarker(this, 'photoKeyRotation'),
      retainLogs: context.retainData,
    });
    this.originVerify = new OriginVerify(this, 'OriginVerify', {
      rotation: rotationMarker(this, 'originSecretRotation'),
    });

    for (const spec of present) {
      const fn = this.createFunction(spec, root, props, photosBucket);
      this.functions.set(spec.name, fn);
      this.alarms.forFunction(spec.name, fn);
      this.connect(spec, fn, props.table, photosBucket);
    }

    const referenceData = new ReferenceDataLoad(this, 'ReferenceData', {
      table: props.table,
      stage: context.stage,
      retainLogs: context.retainData,
      repositoryRoot: root,
    });
    this.alarms.forFunction('ReferenceData', referenceData.function);

    this.web = new Web(this, 'Web', {
      httpApi: this.httpApi,
      domain: context.domain,
      certificateArn: context.certificateArn,
      retainData: context.retainData,
      buildDir: props.webBuildDir,
      photos: {
        bucket: photosBucket,
        keyGroup: this.photoSigningKey.keyGroup,
        uploadOrigin: photoUploadOrigin(photosBucket.bucketName, this.region),
      },
      originVerify: this.originVerify,
    });
    if (!this.web.deployed)
      Annotations.of(this).addWarning(
        'web/build not found: the web app is not deployed (run npm run build:web).',
      );
    for (const fn of this.functions.values()) fn.addEnvironment('APP_URL', this.web.url);

    new CfnOutput(this, 'ApiEndpoint', { value: this.httpApi.apiEndpoint });
  }

  private createFunction(
    spec: FunctionSpec,
    root: string,
    props: StatelessStackProps,
    photosBucket: IBucket,
  ): EchangeKazFunction {
    const { context } = props;
    const fn = new EchangeKazFunction(this, spec.name, {
      entry: entryPath(spec, root),
      handler: spec.handler,
      kind: spec.kind,
      stage: context.stage,
      retainLogs: context.retainData,
      projectRoot: root,
      depsLockFilePath: `${root}/package-lock.json`,
      description: `Échange Kaz ${spec.name} (${spec.entry} → ${spec.handler})`,
      ...(spec.timeout ? { timeout: spec.timeout } : {}),
      ...(spec.memorySize ? { memorySize: spec.memorySize } : {}),
      ...(spec.nativeModules || spec.lazyModules || spec.assets
        ? { bundling: bundlingOf(spec, nativeArchitecture(this), root) }
        : {}),
    });
    if (spec.grants.sessionKey) fn.bindSessionSecret(props.sessionSecret);
    if (spec.grants.photoLinks) {
      fn.bindPhotoSigning(
        this.photoSigningKey.privateKey,
        this.photoSigningKey.publicKey.publicKeyId,
      );
      // The key pair is written before any instance reads it.
      fn.node.addDependency(this.photoSigningKey);
    }
    if (spec.grants.originVerify)
      fn.bindOriginVerify(this.originVerify.secret, this.originVerify.rotation);
    if (spec.grants.table) fn.bindTable(props.table, spec.grants.table);
    if (spec.grants.ses && context.mailFrom) {
      fn.bindSes({
        configurationSet: props.configurationSet,
        mailFrom: context.mailFrom,
        identities: sesIdentities(context.mailFrom, context.domain),
      });
    }
    if (spec.grants.photos) fn.bindPhotos(photosBucket, spec.grants.photos);
    return fn;
  }

  private connect(
    spec: FunctionSpec,
    fn: EchangeKazFunction,
    table: ITable,
    photosBucket: IBucket,
  ): void {
    switch (spec.kind) {
      case 'http':
        this.httpApi.addRoutes({
          path: '/api/{proxy+}',
          methods: [HttpMethod.ANY],
          integration: new HttpLambdaIntegration(`${spec.name}Integration`, fn),
        });
        return;
      case 'stream': {
        const deadLetters = new Queue(this, `${spec.name}DeadLetters`, {
          retentionPeriod: Duration.days(14),
          encryption: QueueEncryption.SQS_MANAGED,
          enforceSSL: true,
        });
        this.alarms.forDeadLetterQueue(spec.name, deadLetters);
        fn.addEventSource(
          new DynamoEventSource(table, {
            startingPosition: StartingPosition.TRIM_HORIZON,
            batchSize: 25,
            maxBatchingWindow: Duration.seconds(1),
            bisectBatchOnError: true,
            reportBatchItemFailures: true,
            retryAttempts: 5,
            maxRecordAge: Duration.hours(6),
            parallelizationFactor: 1,
            onFailure: new SqsDlq(deadLetters),
            ...(spec.streamFilter || spec.streamFilters
              ? {
                  filters: [spec.streamFilter, ...(spec.streamFilters ?? [])]
                    .filter((filter) => filter !== undefined)
                    .map((filter) => FilterCriteria.filter(filter)),
                }
              : {}),
          }),
        );
        return;
      }
      case 'schedule':
        if (!spec.schedule)
          throw new Error(`Function ${spec.name} is of kind "schedule" but has no schedule.`);
        new Rule(this, `${spec.name}Schedule`, {
          schedule: spec.schedule,
          description: `Échange Kaz ${spec.name}`,
          targets: [new LambdaFunction(fn, { retryAttempts: 2, maxEventAge: Duration.hours(1) })],
        });
        return;
      case 's3':
        photosBucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(fn), {
          prefix: PHOTO_PREFIXES.uploads,
        });
        return;
    }
  }
}
