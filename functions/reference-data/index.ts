/**
 * CloudFormation custom resource: at every deployment (create, and update when the repository's
 * reference data changed), loads shared/reference into the table through the same loader as the
 * local stack. Deleting the stack leaves the data alone. The function answers CloudFormation
 * itself on the pre-signed response URL, always, so that a failure shows in the deployment
 * instead of leaving it waiting for an hour.
 */
import type {
  CloudFormationCustomResourceEvent,
  CloudFormationCustomResourceResponse,
} from 'aws-lambda';
import { z } from 'zod';
import { seedReferenceData } from '../../shared/reference/index';
import { createDatabase } from '../lib/db/client';
import { loadReferenceData } from '../lib/db/reference-loader';
import { configureLogs, logger } from '../lib/logger';

const environment = z.object({
  TABLE_NAME: z.string().min(1),
  AWS_REGION: z.string().min(1),
  /** Set locally (DynamoDB Local); absent on AWS. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

async function respond(
  event: CloudFormationCustomResourceEvent,
  response: CloudFormationCustomResourceResponse,
): Promise<void> {
  const body = JSON.stringify(response);
  const answer = await fetch(event.ResponseURL, {
    method: 'PUT',
    // The pre-signed URL is signed without a content type.
    headers: { 'content-type': '' },
    body,
  });
  if (!answer.ok) throw new Error(`CloudFormation refused the response: HTTP ${answer.status}`);
}

export async function handler(event: CloudFormationCustomResourceEvent): Promise<void> {
  const physicalResourceId =
    'PhysicalResourceId' in event
      ? event.PhysicalResourceId
      : `reference-data-${event.LogicalResourceId}`;
  const base = {
    PhysicalResourceId: physicalResourceId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
  };
  try {
    if (event.RequestType === 'Delete') {
      await respond(event, { ...base, Status: 'SUCCESS' });
      return;
    }
    const env = environment.parse(process.env);
    configureLogs({ level: env.LOG_LEVEL });
    const db = createDatabase({
      tableName: env.TABLE_NAME,
      region: env.AWS_REGION,
      endpoint: env.DYNAMODB_ENDPOINT,
    });
    const report = await loadReferenceData(db, seedReferenceData);
    logger.info('reference data loaded', { ...report });
    await respond(event, { ...base, Status: 'SUCCESS', Data: { ...report } });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    logger.error('reference data load failed', { reason });
    await respond(event, {
      ...base,
      Status: 'FAILED',
      Reason: `Chargement du référentiel impossible : ${reason}`.slice(0, 900),
    });
  }
}
