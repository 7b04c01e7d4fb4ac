/** The single table (built from infra/table.ts) and the key for hashing personal identifiers. */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { tableDesign } from '#infra/table';

const stringKey = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

export class Data extends Construct {
  readonly table: dynamodb.TableV2;
  /** HMAC key for look-ups by phone or ID number; a plain secret string, not JSON. */
  readonly piiKey: secretsmanager.Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: stringKey(tableDesign.partitionKey),
      sortKey: stringKey(tableDesign.sortKey),
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      timeToLiveAttribute: tableDesign.timeToLiveAttribute,
      globalSecondaryIndexes: tableDesign.globalSecondaryIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      })),
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.piiKey = new secretsmanager.Secret(this, 'PiiKey', {
      description: 'HMAC key for look-ups by phone and ID number. Rotating it orphans every stored hash.',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
