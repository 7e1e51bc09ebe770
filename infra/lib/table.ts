/** The single table, built from its one declaration in functions/lib/db/model.ts. */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { tableDefinition } from '../../functions/lib/db/model';

const string = (name: string) => ({ name, type: AttributeType.STRING });

export function createTable(scope: Construct, options: { retainData: boolean }): Table {
  const table = new Table(scope, 'Table', {
    partitionKey: string(tableDefinition.partitionKey),
    sortKey: string(tableDefinition.sortKey),
    billingMode: BillingMode.PAY_PER_REQUEST,
    stream: StreamViewType[tableDefinition.streamView],
    timeToLiveAttribute: tableDefinition.ttlAttribute,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: options.retainData,
    removalPolicy: options.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  for (const [indexName, index] of Object.entries(tableDefinition.indexes)) {
    table.addGlobalSecondaryIndex({
      indexName,
      partitionKey: string(index.partitionKey),
      sortKey: string(index.sortKey),
    });
  }
  return table;
}
