/**
 * The residence permit's own resources: the KMS key that signs the permit's QR tokens and who may
 * use it how. Its daily job (suspend, expire, cancel, remind) is a scheduled job (jobs.ts).
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { Route } from '#infra/routes';

export type PermitKeyUse = NonNullable<Route['permitKey']>;

/** What each use of the signing key may do: verifiers check signatures with the public key, locally. */
export const PERMIT_KEY_ACTIONS: Readonly<Record<PermitKeyUse, readonly string[]>> = {
  sign: ['kms:Sign', 'kms:GetPublicKey'],
  verify: ['kms:GetPublicKey'],
};

/**
 * The ES256 key of the QR tokens (ECC P-256, sign and verify). Its private half never leaves KMS.
 * Kept when the stack is deleted: a new key would void every token shown, briefly, and nothing more,
 * but deleting a key is not to be done by accident.
 */
export class PermitSigningKey extends Construct {
  readonly key: kms.Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'Signs the QR tokens of electronic residence permits (ES256)',
      keySpec: kms.KeySpec.ECC_NIST_P256,
      keyUsage: kms.KeyUsage.SIGN_VERIFY,
      alias: `alias/${Stack.of(this).stackName}/permit-qr`,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

/** Where a function that signs or verifies QR tokens finds the key (functions/permit/signer.ts reads these). */
export const permitKeyEnvironment = (key: kms.IKey) => ({ PERMIT_SIGNER: 'kms', PERMIT_KEY_ARN: key.keyArn });

export const grantPermitKey = (key: kms.IKey, fn: iam.IGrantable, use: PermitKeyUse) => key.grant(fn, ...PERMIT_KEY_ACTIONS[use]);
