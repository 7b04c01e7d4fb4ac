/**
 * Cognito: residents sign themselves up with a phone number and sign in with an SMS code or a
 * password; officers, agency staff and admins are created by an administrator. Roles are the
 * user's groups (`cognito:groups`), stations and organisations are custom attributes.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { CLAIM, ROLES } from '#shared/identity/roles';
import { postConfirmation } from '#infra/functions';
import { portalFunction } from './function.ts';

/** Custom attributes the back office sets; ID tokens carry them as the claims handlers read. */
export const CUSTOM_ATTRIBUTES = [CLAIM.station, CLAIM.org, CLAIM.orgAdmin].map((claim) => claim.replace(/^custom:/, ''));

export class Identity extends Construct {
  readonly userPool: cognito.UserPool;
  readonly webClient: cognito.UserPoolClient;
  /** Puts self-signed-up users in the resident group. */
  readonly postConfirmation: lambda.Function;
  /** The `iss` claim of this pool's tokens. */
  readonly issuer: string;
  /** The user pools' endpoint of the region, which the web app's sign-in calls go to. */
  readonly endpoint: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.postConfirmation = portalFunction(this, 'PostConfirmation', {
      entry: postConfirmation.entry,
      description: 'Cognito post-confirmation: adds self-signed-up users to the resident group',
      // Cognito gives up on a trigger after 5 seconds, so waiting longer only delays the retry.
      timeout: Duration.seconds(5),
    });

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: true,
      signInAliases: { username: true, phone: true },
      signInCaseSensitive: false,
      autoVerify: { phone: true },
      keepOriginal: { phone: true },
      standardAttributes: { phoneNumber: { required: false, mutable: true } },
      customAttributes: Object.fromEntries(
        CUSTOM_ATTRIBUTES.map((name) => [name, new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: true })]),
      ),
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      signInPolicy: { allowedFirstAuthFactors: { password: true, smsOtp: true } },
      userVerification: { smsMessage: '您的验证码是 {####}。Your verification code is {####}.' },
      accountRecovery: cognito.AccountRecovery.PHONE_ONLY_WITHOUT_MFA,
      mfa: cognito.Mfa.OFF,
      lambdaTriggers: { postConfirmation: this.postConfirmation },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // A separate policy, not the function's default one: the pool depends on the function (trigger)
    // and the function on its default policy, so naming the pool there would close a cycle.
    const addToGroup = new iam.Policy(this, 'PostConfirmationPolicy', {
      statements: [
        new iam.PolicyStatement({ actions: ['cognito-idp:AdminAddUserToGroup'], resources: [this.userPool.userPoolArn] }),
      ],
    });
    this.postConfirmation.role?.attachInlinePolicy(addToGroup);

    for (const role of ROLES) {
      this.userPool.addGroup(`${role}Group`, { groupName: role });
    }

    // Users may edit their own name and phone; station, org and org_admin are set by an administrator only.
    const writable = new cognito.ClientAttributes().withStandardAttributes({ fullname: true, phoneNumber: true, locale: true });
    this.webClient = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { user: true, userPassword: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      enableTokenRevocation: true,
      writeAttributes: writable,
    });

    const stack = Stack.of(this);
    this.endpoint = `https://cognito-idp.${stack.region}.${stack.urlSuffix}`;
    this.issuer = `${this.endpoint}/${this.userPool.userPoolId}`;
  }
}
