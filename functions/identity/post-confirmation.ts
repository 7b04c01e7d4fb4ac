/**
 * Cognito post-confirmation trigger: a user who signed themselves up (a resident with a phone)
 * joins the `resident` group, so their tokens carry the role from the first sign-in. Officers,
 * agency staff and admins are created by an administrator and never pass through here.
 */
import { AdminAddUserToGroupCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import { logger } from '#functions/commons/logger';
import type { Role } from '#shared/identity/roles';

export const SELF_SIGN_UP_GROUP: Role = 'resident';

const cognito = new CognitoIdentityProviderClient({});

export async function handler(event: PostConfirmationTriggerEvent): Promise<PostConfirmationTriggerEvent> {
  // Cognito also calls this trigger after a forgotten-password reset; membership is given at sign-up only.
  if (event.triggerSource !== 'PostConfirmation_ConfirmSignUp') return event;

  // No catch: a thrown error makes Cognito fail the confirmation and report it, instead of leaving
  // a confirmed user with no role. Adding a member twice is harmless, so Cognito's retry is safe.
  await cognito.send(
    new AdminAddUserToGroupCommand({
      UserPoolId: event.userPoolId,
      Username: event.userName,
      GroupName: SELF_SIGN_UP_GROUP,
    }),
  );
  // The user name may be a phone number, so it is not logged.
  logger.info('self-signed-up user added to group', { group: SELF_SIGN_UP_GROUP });
  return event;
}
