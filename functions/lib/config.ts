/**
 * Configuration, read once from the environment and validated: a missing or malformed variable
 * stops the process at start-up rather than at the first request that needs it.
 */
import { z } from 'zod';

const configSchema = z.object({
  STAGE: z.string().min(1).default('local'),
  AWS_REGION: z.string().min(1).default('eu-west-3'),
  TABLE_NAME: z.string().min(1),
  /** Set locally (DynamoDB Local); absent on AWS. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  /** Set locally (aws-ses-v2-local); absent on AWS. */
  SES_ENDPOINT: z.url().optional(),
  SES_CONFIGURATION_SET: z.string().optional(),
  /** The photos bucket; required by the functions that touch photos (API, photo job), checked there. */
  PHOTOS_BUCKET: z.string().min(3).optional(),
  /** Set locally (s3rver, path-style); absent on AWS. */
  S3_ENDPOINT: z.url().optional(),
  /** The CloudFront public key id photo links are signed for, and the PEM of its private key (on AWS, from Secrets Manager). */
  PHOTOS_KEY_PAIR_ID: z.string().min(1).optional(),
  PHOTOS_SIGNING_KEY: z.string().includes('PRIVATE KEY').optional(),
  /**
   * Production: the values CloudFront's origin-verify header may carry (current, and the
   * previous one during a rotation), comma-separated, from Secrets Manager. When set, any
   * request without one of them is refused: only the distribution reaches the API.
   */
  ORIGIN_VERIFY_SECRETS: z
    .string()
    .refine((value) => value.split(',').every((secret) => secret.trim().length >= 32))
    .optional(),
  /** Where the origin secret is read from on AWS: its presence makes the secret mandatory. */
  ORIGIN_VERIFY_SECRET_ARN: z.string().min(1).optional(),
  MAIL_FROM: z.string().min(3).default('Échange Kaz <ne-pas-repondre@bourse.local>'),
  /** The public origin of the web app, used in mails and for the CSRF origin check. */
  APP_URL: z.url().default('http://localhost:3000'),
  /**
   * HMAC key for session tokens (base64, ≥ 32 bytes). Locally generated once under .data/. Only
   * the functions that sign or verify sessions are given it: reading it elsewhere fails.
   */
  SESSION_SECRET: z.string().min(43).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  LOGIN_LIMIT_PER_EMAIL: z.coerce.number().int().positive().default(5),
  /** Generous: a reception point signs in many tenants from one address. */
  LOGIN_LIMIT_PER_IP_PER_HOUR: z.coerce.number().int().positive().default(200),
});

export interface Config {
  stage: string;
  region: string;
  tableName: string;
  dynamodbEndpoint?: string;
  sesEndpoint?: string;
  sesConfigurationSet?: string;
  photosBucket?: string;
  s3Endpoint?: string;
  photoSigning?: { keyPairId: string; privateKey: string };
  originVerifySecrets?: string[];
  mailFrom: string;
  appUrl: string;
  sessionSecret: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  loginLimits: { perEmailPer15Min: number; perIpPerHour: number };
  isLocal: boolean;
}

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new ConfigError(`Invalid or missing configuration: ${names}`);
  }
  const e = parsed.data;
  // The API must never run open when it is meant to be reachable through CloudFront only.
  if (e.ORIGIN_VERIFY_SECRET_ARN && !e.ORIGIN_VERIFY_SECRETS)
    throw new ConfigError('Invalid or missing configuration: ORIGIN_VERIFY_SECRETS');
  const sessionSecret = e.SESSION_SECRET;
  return Object.freeze({
    stage: e.STAGE,
    region: e.AWS_REGION,
    tableName: e.TABLE_NAME,
    dynamodbEndpoint: e.DYNAMODB_ENDPOINT,
    sesEndpoint: e.SES_ENDPOINT,
    sesConfigurationSet: e.SES_CONFIGURATION_SET,
    photosBucket: e.PHOTOS_BUCKET,
    s3Endpoint: e.S3_ENDPOINT,
    photoSigning:
      e.PHOTOS_KEY_PAIR_ID && e.PHOTOS_SIGNING_KEY
        ? { keyPairId: e.PHOTOS_KEY_PAIR_ID, privateKey: e.PHOTOS_SIGNING_KEY }
        : undefined,
    originVerifySecrets: e.ORIGIN_VERIFY_SECRETS?.split(',').map((value) => value.trim()),
    mailFrom: e.MAIL_FROM,
    appUrl: e.APP_URL.replace(/\/$/, ''),
    get sessionSecret(): string {
      if (!sessionSecret) throw new ConfigError('Invalid or missing configuration: SESSION_SECRET');
      return sessionSecret;
    },
    logLevel: e.LOG_LEVEL,
    loginLimits: {
      perEmailPer15Min: e.LOGIN_LIMIT_PER_EMAIL,
      perIpPerHour: e.LOGIN_LIMIT_PER_IP_PER_HOUR,
    },
    isLocal: e.DYNAMODB_ENDPOINT !== undefined,
  });
}

let current: Config | undefined;

/** The process's configuration, parsed on first use. */
export function config(): Config {
  current ??= parseConfig(process.env);
  return current;
}
