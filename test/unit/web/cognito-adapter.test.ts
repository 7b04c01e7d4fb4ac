import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  CodeMismatchException,
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  ExpiredCodeException,
  InitiateAuthCommand,
  NotAuthorizedException,
  RespondToAuthChallengeCommand,
  SignUpCommand,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { TFunction } from 'i18next';
import { ApiError } from '../../../web/src/api/errors.ts';
import { createCognitoAdapter } from '../../../web/src/auth/cognito-adapter.ts';
import { createTestI18n, readTranslations } from './i18n-fixture.ts';
import { rejection } from './expect-api-error.ts';

const cognito = mockClient(CognitoIdentityProviderClient);
const PHONE = '13800000001';
const E164 = '+8613800000001';
const meta = { $metadata: {} };

let t: TFunction;
let tEnglish: TFunction;
beforeAll(async () => {
  t = (await createTestI18n('zh-CN')).t;
  tEnglish = (await createTestI18n('en')).t;
});
beforeEach(() => cognito.reset());

const adapter = (translate: TFunction = t) =>
  createCognitoAdapter({ region: 'cn-north-1', clientId: 'web-client', t: translate });


describe('Cognito adapter: phone sign-in', () => {
  it('signs a known number in with USER_AUTH and an SMS_OTP challenge, returning the ID token', async () => {
    cognito.on(InitiateAuthCommand).resolves({ ChallengeName: 'SMS_OTP', Session: 'otp-session' });
    cognito.on(RespondToAuthChallengeCommand).resolves({
      AuthenticationResult: { IdToken: 'id-token', AccessToken: 'access-token', ExpiresIn: 3600 },
    });
    const auth = adapter();

    expect(await auth.requestCode(PHONE)).toEqual({ expiresInSeconds: 180 });
    expect(await auth.signInWithCode(PHONE, '123456')).toEqual({ token: 'id-token', expiresInSeconds: 3600 });

    const [started] = cognito.commandCalls(InitiateAuthCommand);
    expect(started!.args[0].input).toEqual({
      ClientId: 'web-client',
      AuthFlow: 'USER_AUTH',
      AuthParameters: { USERNAME: E164, PREFERRED_CHALLENGE: 'SMS_OTP' },
    });
    const [answered] = cognito.commandCalls(RespondToAuthChallengeCommand);
    expect(answered!.args[0].input).toEqual({
      ClientId: 'web-client',
      ChallengeName: 'SMS_OTP',
      Session: 'otp-session',
      ChallengeResponses: { USERNAME: E164, SMS_OTP_CODE: '123456' },
    });
    expect(cognito.commandCalls(SignUpCommand)).toHaveLength(0);
  });

  it('signs a new number up (no password) and signs it in with the confirmation session, one code only', async () => {
    cognito
      .on(InitiateAuthCommand)
      .rejectsOnce(new UserNotFoundException({ message: 'User does not exist.', ...meta }))
      .resolves({ AuthenticationResult: { IdToken: 'new-id-token', ExpiresIn: 3600 } });
    cognito.on(SignUpCommand).resolves({ UserConfirmed: false, UserSub: 'sub-1', Session: 'sign-up-session' });
    cognito.on(ConfirmSignUpCommand).resolves({ Session: 'confirmed-session' });
    const auth = adapter();

    expect(await auth.requestCode(PHONE)).toEqual({ expiresInSeconds: 24 * 60 * 60 });
    expect(await auth.signInWithCode(PHONE, '654321')).toEqual({ token: 'new-id-token', expiresInSeconds: 3600 });

    const [signUp] = cognito.commandCalls(SignUpCommand);
    expect(signUp!.args[0].input).toEqual({
      ClientId: 'web-client',
      Username: E164,
      UserAttributes: [{ Name: 'phone_number', Value: E164 }],
    });
    expect(signUp!.args[0].input).not.toHaveProperty('Password');
    const [confirm] = cognito.commandCalls(ConfirmSignUpCommand);
    expect(confirm!.args[0].input).toEqual({
      ClientId: 'web-client',
      Username: E164,
      ConfirmationCode: '654321',
      Session: 'sign-up-session',
    });
    const signIn = cognito.commandCalls(InitiateAuthCommand)[1];
    expect(signIn!.args[0].input).toEqual({
      ClientId: 'web-client',
      AuthFlow: 'USER_AUTH',
      AuthParameters: { USERNAME: E164 },
      Session: 'confirmed-session',
    });
    expect(cognito.commandCalls(RespondToAuthChallengeCommand)).toHaveLength(0);
  });

  it('turns a wrong code into a translated message, and the same session takes the right code', async () => {
    cognito.on(InitiateAuthCommand).resolves({ ChallengeName: 'SMS_OTP', Session: 'otp-session' });
    cognito
      .on(RespondToAuthChallengeCommand)
      .rejectsOnce(new CodeMismatchException({ message: 'Invalid code received for user', ...meta }))
      .rejectsOnce(new CodeMismatchException({ message: 'Invalid code received for user', ...meta }))
      .resolves({ AuthenticationResult: { IdToken: 'id-token', ExpiresIn: 3600 } });

    const auth = adapter();
    await auth.requestCode(PHONE);
    const wrong = await rejection(auth.signInWithCode(PHONE, '000000'));
    const expected = readTranslations('zh-CN', 'auth') as { cognito: { codeMismatch: string } };
    expect(wrong.code).toBe('code_invalid');
    expect(wrong.message).toBe(expected.cognito.codeMismatch);
    expect(wrong.fieldMessage('code')).toBe(expected.cognito.codeMismatch);
    expect(wrong.message).not.toMatch(/Invalid code/);

    const english = adapter(tEnglish);
    await english.requestCode(PHONE);
    const wrongInEnglish = await rejection(english.signInWithCode(PHONE, '000000'));
    expect(wrongInEnglish.message).toBe((readTranslations('en', 'auth') as typeof expected).cognito.codeMismatch);

    expect(await english.signInWithCode(PHONE, '123456')).toEqual({ token: 'id-token', expiresInSeconds: 3600 });
  });

  it('asks for a new code when the code has expired, and forgets the spent session', async () => {
    cognito.on(InitiateAuthCommand).resolves({ ChallengeName: 'SMS_OTP', Session: 'otp-session' });
    cognito.on(RespondToAuthChallengeCommand).rejects(new ExpiredCodeException({ message: 'expired', ...meta }));
    const auth = adapter();
    await auth.requestCode(PHONE);

    const expired = await rejection(auth.signInWithCode(PHONE, '123456'));
    const codes = (readTranslations('zh-CN', 'errors') as { codes: Record<string, string> }).codes;
    expect(expired.code).toBe('code_expired');
    expect(expired.message).toBe(codes.code_expired);

    const again = await rejection(auth.signInWithCode(PHONE, '123456'));
    expect(again.code).toBe('code_expired');
    expect(cognito.commandCalls(RespondToAuthChallengeCommand)).toHaveLength(1);
  });
});

describe('Cognito adapter: username and password', () => {
  it('signs in with USER_AUTH and the PASSWORD challenge', async () => {
    cognito.on(InitiateAuthCommand).resolves({ AuthenticationResult: { IdToken: 'officer-token', ExpiresIn: 1800 } });
    expect(await adapter().signInWithPassword('officer.demo', 'secret')).toEqual({
      token: 'officer-token',
      expiresInSeconds: 1800,
    });
    expect(cognito.commandCalls(InitiateAuthCommand)[0]!.args[0].input).toEqual({
      ClientId: 'web-client',
      AuthFlow: 'USER_AUTH',
      AuthParameters: { USERNAME: 'officer.demo', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'secret' },
    });
  });

  it('says "wrong username or password" in the user language, not Cognito English', async () => {
    cognito.on(InitiateAuthCommand).rejects(new NotAuthorizedException({ message: 'Incorrect username or password.', ...meta }));
    const error = await rejection(adapter().signInWithPassword('officer.demo', 'wrong'));
    expect(error.code).toBe('bad_credentials');
    expect(error.message).toBe((readTranslations('zh-CN', 'errors') as { codes: Record<string, string> }).codes.bad_credentials);
  });
});
