/**
 * Reference data loaded at deployment: a CloudFormation custom resource backed by
 * functions/reference-data, run when the stack is created and again whenever the repository's
 * reference data (shared/reference) changes, so a deployment from zero is one command. The
 * loader never overwrites what Armos edited (functions/lib/db/reference-loader.ts); deleting
 * the stack leaves the data in the table.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { CustomResource } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { seedReferenceData } from '../../shared/reference/index';
import { EchangeKazFunction } from './function';

export const REFERENCE_DATA_ENTRY = 'functions/reference-data/index.ts';

/** Changes exactly when the repository's reference data does: CloudFormation then runs the loader again. */
export function referenceDataVersion(): string {
  return createHash('sha256').update(JSON.stringify(seedReferenceData)).digest('hex').slice(0, 16);
}

export interface ReferenceDataLoadProps {
  table: ITable;
  stage: string;
  retainLogs: boolean;
  repositoryRoot: string;
}

export class ReferenceDataLoad extends Construct {
  readonly function: EchangeKazFunction;

  constructor(scope: Construct, id: string, props: ReferenceDataLoadProps) {
    super(scope, id);
    const root = props.repositoryRoot;
    this.function = new EchangeKazFunction(this, 'Function', {
      entry: join(root, REFERENCE_DATA_ENTRY),
      handler: 'handler',
      kind: 'deploy',
      stage: props.stage,
      retainLogs: props.retainLogs,
      projectRoot: root,
      depsLockFilePath: join(root, 'package-lock.json'),
      description: `Échange Kaz ReferenceData (${REFERENCE_DATA_ENTRY} → handler)`,
    });
    this.function.bindTable(props.table, 'readWrite');
    new CustomResource(this, 'Load', {
      serviceToken: this.function.functionArn,
      resourceType: 'Custom::ReferenceData',
      properties: { dataVersion: referenceDataVersion() },
    });
  }
}
