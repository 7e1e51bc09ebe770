/**
 * Every Lambda of Échange Kaz, with the defaults in one place (after Powertools for AWS Lambda's own constructs):
 * arm64, Node 24, ESM bundle with source maps, one month of logs, timeout and memory by kind.
 * `bindTable()`, `bindSes()`, `bindSecret()` and `bindPhotos()` set the variable the code reads
 * (functions/lib/config.ts) and grant exactly the actions that code uses, in one call.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import {
  LogLevel,
  NodejsFunction,
  OutputFormat,
  type NodejsFunctionProps,
} from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IConfigurationSet } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { PARTITION_PREFIX } from '../../functions/lib/db/model';
import { PHOTO_ITEM_ATTRIBUTES } from '../../functions/lib/db/photos';
import { mailAddress } from './context';

export { PHOTO_ITEM_ATTRIBUTES };

/** `deploy`: run by CloudFormation during a deployment (custom resource), never by users. */
export type FunctionKind = 'http' | 'stream' | 'schedule' | 's3' | 'deploy';

/** Per kind: API Gateway gives up at 30 s; streams and jobs work in batches. */
const KIND_DEFAULTS: Record<FunctionKind, { timeout: Duration; memorySize: number }> = {
  http: { timeout: Duration.seconds(10), memorySize: 1024 },
  stream: { timeout: Duration.seconds(60), memorySize: 512 },
  schedule: { timeout: Duration.minutes(5), memorySize: 1024 },
  s3: { timeout: Duration.minutes(1), memorySize: 1536 },
  deploy: { timeout: Duration.minutes(2), memorySize: 512 },
};

/**
 * The Lambda runtime and the bundle's language target: the same major as the pinned `node`
 * devDependency that runs the local stack, the tests and the benchmarks (docs/deploy.md).
 */
export const LAMBDA_RUNTIME = Runtime.NODEJS_24_X;
export const BUNDLE_TARGET = 'node24';

/** ESM output still meets CommonJS dependencies calling `require`: give them one. */
const REQUIRE_BANNER =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/** DynamoDB actions the code issues (Get, Query, Put, Update, Delete, BatchWrite, TransactWrite). */
const TABLE_ACTIONS = {
  read: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:ConditionCheckItem',
  ],
  readWrite: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:ConditionCheckItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
  ],
  /** The photo job: reads a listing's photo slots and settles one (functions/lib/db/photos.ts). */
  photoItems: ['dynamodb:Query', 'dynamodb:UpdateItem'],
} as const;

export type TableAccess = keyof typeof TABLE_ACTIONS;

/**
 * Photo access: the API presigns uploads and deletes photos; the photo job re-encodes and deletes
 * originals; `erase` deletes a listing's processed files when its data goes (TTL purge, inactive accounts).
 */
export type PhotosAccess = 'presign' | 'process' | 'erase';

export const PHOTO_PREFIXES = { uploads: 'uploads/', photos: 'photos/' } as const;

export interface EchangeKazFunctionProps extends Omit<
  NodejsFunctionProps,
  'runtime' | 'architecture'
> {
  entry: string;
  kind: FunctionKind;
  stage: string;
  /** The log group is kept after a stack deletion outside dev. */
  retainLogs?: boolean;
}

export class EchangeKazFunction extends NodejsFunction {
  readonly kind: FunctionKind;

  constructor(scope: Construct, id: string, props: EchangeKazFunctionProps) {
    const { kind, stage, retainLogs, environment, bundling, ...rest } = props;
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    super(scope, id, {
      runtime: LAMBDA_RUNTIME,
      architecture: Architecture.ARM_64,
      logGroup,
      ...KIND_DEFAULTS[kind],
      ...rest,
      environment: {
        STAGE: stage,
        LOG_LEVEL: 'info',
        NODE_OPTIONS: '--enable-source-maps',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...environment,
      },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: BUNDLE_TARGET,
        platform: 'node',
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        banner: REQUIRE_BANNER,
        // The SDK is bundled at the pinned versions rather than taken from the runtime.
        externalModules: [],
        logLevel: LogLevel.WARNING,
        ...bundling,
      },
    });
    this.kind = kind;
  }

  /**
   * TABLE_NAME, and the item actions of `access` on the table and its indexes. Never `dynamodb:*`.
   * `photoItems`: the table only (no index), listing partitions only, photo attributes only.
   * Photo slots share their partition with the listing item (`LISTING#<id>`) and IAM conditions
   * only see partition keys: the attribute list is what keeps the photo job away from a
   * listing's income or tenancy reference, since reading or writing any other attribute is refused.
   */
  bindTable(table: ITable, access: TableAccess): this {
    this.addEnvironment('TABLE_NAME', table.tableName);
    if (access === 'photoItems') {
      this.addToRolePolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: [...TABLE_ACTIONS.photoItems],
          resources: [table.tableArn],
          conditions: {
            'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${PARTITION_PREFIX.listing}*`] },
            'ForAllValues:StringEquals': { 'dynamodb:Attributes': [...PHOTO_ITEM_ATTRIBUTES] },
            StringEqualsIfExists: {
              'dynamodb:Select': 'SPECIFIC_ATTRIBUTES',
              'dynamodb:ReturnValues': ['NONE', 'UPDATED_OLD', 'UPDATED_NEW'],
            },
          },
        }),
      );
      return this;
    }
    this.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: [...TABLE_ACTIONS[access]],
        resources: [table.tableArn, `${table.tableArn}/index/*`],
      }),
    );
    return this;
  }

  /**
   * MAIL_FROM and SES_CONFIGURATION_SET, and `ses:SendEmail` on the sending identity (the
   * verified domain and/or address) and that configuration set only.
   */
  bindSes(options: {
    configurationSet: IConfigurationSet;
    mailFrom: string;
    identities: string[];
  }): this {
    const { configurationSet, mailFrom, identities } = options;
    const stack = Stack.of(this);
    this.addEnvironment('MAIL_FROM', mailFrom);
    this.addEnvironment('SES_CONFIGURATION_SET', configurationSet.configurationSetName);
    this.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['ses:SendEmail'],
        resources: [
          ...identities.map((identity) =>
            stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity }),
          ),
          stack.formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: configurationSet.configurationSetName,
          }),
        ],
      }),
    );
    return this;
  }

  /** SESSION_SECRET_ARN and read access to that secret; the function resolves it at cold start. */
  bindSessionSecret(secret: ISecret): this {
    this.addEnvironment('SESSION_SECRET_ARN', secret.secretArn);
    secret.grantRead(this);
    return this;
  }

  /**
   * PHOTOS_BUCKET, and the object actions this role issues, per prefix. The API presigns
   * uploads (the PUT is checked against its role) and deletes processed photos; it never reads
   * them: CloudFront does, for signed links. The photo job reads and deletes originals, writes
   * processed photos, and deletes those of a photo removed while it worked. Listing the bucket
   * lets a read of a missing original answer "not found" rather than "access denied".
   */
  bindPhotos(bucket: IBucket, access: PhotosAccess): this {
    this.addEnvironment('PHOTOS_BUCKET', bucket.bucketName);
    const objects = (actions: string[], prefix: string) =>
      this.addToRolePolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions,
          resources: [bucket.arnForObjects(`${prefix}*`)],
        }),
      );
    if (access === 'presign') {
      objects(['s3:PutObject'], PHOTO_PREFIXES.uploads);
      objects(['s3:DeleteObject'], PHOTO_PREFIXES.photos);
    } else if (access === 'erase') {
      objects(['s3:DeleteObject'], PHOTO_PREFIXES.photos);
    } else {
      objects(['s3:GetObject', 's3:DeleteObject'], PHOTO_PREFIXES.uploads);
      objects(['s3:PutObject', 's3:DeleteObject'], PHOTO_PREFIXES.photos);
      this.addToRolePolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['s3:ListBucket'],
          resources: [bucket.bucketArn],
        }),
      );
    }
    return this;
  }

  /** PHOTOS_KEY_PAIR_ID and PHOTOS_SIGNING_KEY_ARN (read access): the function signs photo links. */
  bindPhotoSigning(privateKey: ISecret, keyPairId: string): this {
    this.addEnvironment('PHOTOS_KEY_PAIR_ID', keyPairId);
    this.addEnvironment('PHOTOS_SIGNING_KEY_ARN', privateKey.secretArn);
    privateKey.grantRead(this);
    return this;
  }

  /**
   * ORIGIN_VERIFY_SECRET_ARN (read access): the function refuses requests that did not come
   * through CloudFront. The rotation marker changes the configuration, so every instance
   * re-reads the secret (current and previous values) after a rotation.
   */
  bindOriginVerify(secret: ISecret, rotation: string): this {
    this.addEnvironment('ORIGIN_VERIFY_SECRET_ARN', secret.secretArn);
    this.addEnvironment('ORIGIN_VERIFY_ROTATION', rotation);
    secret.grantRead(this);
    return this;
  }
}

/** The identities `ses:SendEmail` is checked against for a From address: the address and its domain. */
export function sesIdentities(mailFrom: string, domain?: string): string[] {
  const address = mailAddress(mailFrom);
  const addressDomain = address.split('@')[1] ?? '';
  return [...new Set([address, addressDomain, ...(domain ? [domain] : [])].filter(Boolean))];
}
