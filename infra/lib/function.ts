/**
 * Every Lambda of Échange Kaz, with the defaults in one place (STYLE.md, after Powertools):
 * arm64, Node 24, ESM bundle with source maps, one month of logs, timeout and memory by kind.
 * `bindTable()`, `bindSes()`, `bindSecret()` and `bindPhotos()` set the variable the code reads
 * (functions/lib/config.ts) and grant exactly the actions that code uses, in one call.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IConfigurationSet } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { mailAddress } from './context';

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
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'],
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
} as const;

export type TableAccess = keyof typeof TABLE_ACTIONS;

/** Photo access: the API presigns uploads and reads; the photo job re-encodes and deletes originals. */
export type PhotosAccess = 'presign' | 'process';

export const PHOTO_PREFIXES = { uploads: 'uploads/', photos: 'photos/' } as const;

export interface EchangeKazFunctionProps extends Omit<NodejsFunctionProps, 'runtime' | 'architecture'> {
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

  /** TABLE_NAME, and the item actions of `access` on the table and its indexes. Never `dynamodb:*`. */
  bindTable(table: ITable, access: TableAccess): this {
    this.addEnvironment('TABLE_NAME', table.tableName);
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
  bindSes(options: { configurationSet: IConfigurationSet; mailFrom: string; identities: string[] }): this {
    const { configurationSet, mailFrom, identities } = options;
    const stack = Stack.of(this);
    this.addEnvironment('MAIL_FROM', mailFrom);
    this.addEnvironment('SES_CONFIGURATION_SET', configurationSet.configurationSetName);
    this.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['ses:SendEmail'],
        resources: [
          ...identities.map((identity) => stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity })),
          stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: configurationSet.configurationSetName }),
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

  /** PHOTOS_BUCKET, and object access limited to the prefixes this role needs. */
  bindPhotos(bucket: IBucket, access: PhotosAccess): this {
    this.addEnvironment('PHOTOS_BUCKET', bucket.bucketName);
    if (access === 'presign') {
      bucket.grantPut(this, `${PHOTO_PREFIXES.uploads}*`);
      bucket.grantRead(this, `${PHOTO_PREFIXES.photos}*`);
      // Deleting a photo removes its processed files.
      bucket.grantDelete(this, `${PHOTO_PREFIXES.photos}*`);
    } else {
      bucket.grantRead(this, `${PHOTO_PREFIXES.uploads}*`);
      bucket.grantDelete(this, `${PHOTO_PREFIXES.uploads}*`);
      bucket.grantPut(this, `${PHOTO_PREFIXES.photos}*`);
    }
    return this;
  }
}

/** The identities `ses:SendEmail` is checked against for a From address: the address and its domain. */
export function sesIdentities(mailFrom: string, domain?: string): string[] {
  const address = mailAddress(mailFrom);
  const addressDomain = address.split('@')[1] ?? '';
  return [...new Set([address, addressDomain, ...(domain ? [domain] : [])].filter(Boolean))];
}
