import { AdminAddUserToGroupCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { handler } from '#functions/identity/post-confirmation';

const cognito = mockClient(CognitoIdentityProviderClient);

function confirmation(triggerSource: PostConfirmationTriggerEvent['triggerSource']): PostConfirmationTriggerEvent {
  return {
    version: '1',
    region: 'ap-northeast-1',
    userPoolId: 'ap-northeast-1_Example',
    userName: 'a1b2c3d4-0000-4000-8000-000000000001',
    callerContext: { awsSdkVersion: 'aws-sdk-js-3', clientId: 'web-client' },
    triggerSource,
    request: { userAttributes: { sub: 'a1b2c3d4-0000-4000-8000-000000000001', phone_number: '+8613800138000' } },
    response: {},
  };
}

describe('post-confirmation trigger', () => {
  beforeEach(() => cognito.reset());
  afterAll(() => cognito.restore());

  it('adds a user who confirmed their own sign-up to the resident group', async () => {
    cognito.on(AdminAddUserToGroupCommand).resolves({});
    const event = confirmation('PostConfirmation_ConfirmSignUp');

    await expect(handler(event)).resolves.toBe(event);

    const calls = cognito.commandCalls(AdminAddUserToGroupCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({
      UserPoolId: 'ap-northeast-1_Example',
      Username: 'a1b2c3d4-0000-4000-8000-000000000001',
      GroupName: 'resident',
    });
    expect(cognito.calls()).toHaveLength(1);
  });

  it('does nothing after a forgotten-password reset', async () => {
    const event = confirmation('PostConfirmation_ConfirmForgotPassword');

    await expect(handler(event)).resolves.toBe(event);

    expect(cognito.calls()).toHaveLength(0);
  });

  it('fails when Cognito refuses, so the confirmation is reported and not silently roleless', async () => {
    cognito.on(AdminAddUserToGroupCommand).rejects(new Error('ResourceNotFoundException: group not found'));

    await expect(handler(confirmation('PostConfirmation_ConfirmSignUp'))).rejects.toThrow('group not found');
  });
});
