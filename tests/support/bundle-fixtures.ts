/**
 * What the test of every deployed bundle gives the functions: the secrets they read at cold start,
 * as the template names them (ARNs of a local stand-in for Secrets Manager), EventBridge's event for
 * a scheduled function, and the list of functions it runs.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { stack } from './stack';

const secretArn = (name: string) =>
  `arn:aws:secretsmanager:eu-west-3:123456789012:secret:EchangeKaz-${name}-local`;
export const SECRET_ARNS = {
  SESSION_SECRET_ARN: secretArn('session'),
  PHOTOS_SIGNING_KEY_ARN: secretArn('photo-signing-key'),
  ORIGIN_VERIFY_SECRET_ARN: secretArn('origin-verify'),
};
/** What CloudFront sends as the origin-verify header: the secret's current value. */
export const ORIGIN_SECRET = randomBytes(36).toString('base64url');
export const PHOTO_SIGNING_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

/** EventBridge's event for a scheduled rule, as Lambda receives it. */
export const scheduledEvent = (rule: string) => ({
  version: '0',
  id: `event-${rule}`,
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '123456789012',
  time: new Date().toISOString(),
  region: stack().region,
  resources: [`arn:aws:events:${stack().region}:123456789012:rule/${rule}`],
  detail: {},
});

/** The functions EventBridge runs on a schedule. */
export const SCHEDULED = [
  'OutboxSweep',
  'ListingExpiry',
  'AnswerReminders',
  'ProposalDigests',
  'SwapNudges',
  'AgentQueues',
  'ReviewDeadlines',
  'LessorDigests',
  'InactiveAccounts',
  'MatchOptimiser',
  'PlanCheck',
  'WebhookRetries',
];

/** Every function the bundle test runs: one the template declares and this list lacks fails it. */
export const EXERCISED = ['ReferenceData', 'Api', 'Matcher', 'Followers', ...SCHEDULED, 'Photos'];
