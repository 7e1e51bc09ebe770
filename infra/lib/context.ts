/**
 * The deployment parameters, read once from CDK context (`cdk.json` defaults, `--context k=v`)
 * and validated: a malformed value stops the synth with a message naming it. docs/deploy.md
 * documents each one.
 */
import type { Node } from 'constructs';

export interface DeployContext {
  /** `dev`, `staging`, `prod`…: prefixes every stack; anything but `dev` keeps data on delete. */
  stage: string;
  /** The public domain (e.g. echange-kaz.cinor.re): SES domain identity and, with a certificate, CloudFront alias. */
  domain?: string;
  /** The From address of every mail, e.g. `Échange Kaz <ne-pas-repondre@echange-kaz.cinor.re>`. */
  mailFrom?: string;
  /** Where CloudWatch alarms are mailed. */
  alarmEmail?: string;
  /** ACM certificate in us-east-1 covering `domain`, for CloudFront. */
  certificateArn?: string;
  /** True when the stack keeps its data on delete (deletion protection, RETAIN). */
  retainData: boolean;
}

export class ContextError extends Error {}

const STAGE = /^[a-z][a-z0-9-]{1,15}$/;
const DOMAIN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/;

function optional(node: Node, key: string): string | undefined {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new ContextError(`Context "${key}" must be a string.`);
  return value.trim();
}

/** The address inside `Name <address>` or the bare address. */
export function mailAddress(mailFrom: string): string {
  return /<([^>]+)>\s*$/.exec(mailFrom)?.[1]?.trim() ?? mailFrom.trim();
}

export function readContext(node: Node): DeployContext {
  const stage = optional(node, 'stage') ?? 'dev';
  if (!STAGE.test(stage))
    throw new ContextError(`Context "stage" must match ${STAGE} (got "${stage}").`);

  const domain = optional(node, 'domain')?.toLowerCase();
  if (domain !== undefined && !DOMAIN.test(domain))
    throw new ContextError(`Context "domain" is not a domain name: "${domain}".`);

  const mailFrom =
    optional(node, 'mailFrom') ?? (domain ? `Échange Kaz <ne-pas-repondre@${domain}>` : undefined);
  if (mailFrom !== undefined && !EMAIL.test(mailAddress(mailFrom))) {
    throw new ContextError(
      `Context "mailFrom" must be an address or "Name <address>" (got "${mailFrom}").`,
    );
  }

  const alarmEmail = optional(node, 'alarmEmail');
  if (alarmEmail !== undefined && !EMAIL.test(alarmEmail))
    throw new ContextError(`Context "alarmEmail" is not an address: "${alarmEmail}".`);

  const certificateArn = optional(node, 'certificateArn');
  if (certificateArn !== undefined) {
    if (!CERTIFICATE_ARN.test(certificateArn)) {
      throw new ContextError(
        'Context "certificateArn" must be an ACM certificate ARN in us-east-1 (CloudFront requires it).',
      );
    }
    if (domain === undefined)
      throw new ContextError(
        'Context "certificateArn" needs "domain" (the name the certificate covers).',
      );
  }

  return { stage, domain, mailFrom, alarmEmail, certificateArn, retainData: stage !== 'dev' };
}
