import {
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
  type AuthenticationResultType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { TFunction } from 'i18next';
import { ApiError, networkError } from '../api/errors.ts';
import type { AuthAdapter, SignedIn } from './adapter.ts';

export interface CognitoAdapterOptions {
  region: string;
  clientId: string;
  t: TFunction;
  /** For tests; by default a client for `region`. */
  client?: CognitoIdentityProviderClient;
}

/** Cognito keeps an SMS_OTP sign-in code for 3 minutes and a sign-up confirmation code for 24 hours. */
const SIGN_IN_CODE_SECONDS = 180;
const SIGN_UP_CODE_SECONDS = 24 * 60 * 60;
const DEFAULT_TOKEN_SECONDS = 3600;

/** What answering a code has to do next, per phone, between requestCode and signInWithCode. */
type Pending =
  | { kind: 'signIn'; session: string }
  | { kind: 'signUp'; session: string | undefined };

/** Cognito user names are the E.164 phone numbers of mainland numbers. */
export const toE164 = (phone: string) => `+86${phone}`;

/**
 * Phone sign-in is Cognito's passwordless USER_AUTH flow with an SMS_OTP challenge. A number Cognito
 * has not seen signs up first (no password); its confirmation code then signs it in through the
 * session ConfirmSignUp returns, so a new user types one code, not two.
 */
export function createCognitoAdapter(options: CognitoAdapterOptions): AuthAdapter {
  const { clientId: ClientId, t } = options;
  const client = options.client ?? new CognitoIdentityProviderClient({ region: options.region });
  const pending = new Map<string, Pending>();

  async function startSignUp(phone: string): Promise<{ expiresInSeconds: number }> {
    const username = toE164(phone);
    const signedUp = await client.send(
      new SignUpCommand({ ClientId, Username: username, UserAttributes: [{ Name: 'phone_number', Value: username }] }),
    );
    pending.set(phone, { kind: 'signUp', session: signedUp.Session });
    return { expiresInSeconds: SIGN_UP_CODE_SECONDS };
  }

  /** A number that signed up once but never typed its code: send that code again. */
  async function resumeSignUp(phone: string): Promise<{ expiresInSeconds: number }> {
    await client.send(new ResendConfirmationCodeCommand({ ClientId, Username: toE164(phone) }));
    pending.set(phone, { kind: 'signUp', session: undefined });
    return { expiresInSeconds: SIGN_UP_CODE_SECONDS };
  }

  return {
    prepare() {},

    async requestCode(phone) {
      try {
        const started = await client.send(
          new InitiateAuthCommand({
            ClientId,
            AuthFlow: 'USER_AUTH',
            AuthParameters: { USERNAME: toE164(phone), PREFERRED_CHALLENGE: 'SMS_OTP' },
          }),
        );
        if (started.ChallengeName !== 'SMS_OTP' || !started.Session) throw unexpectedAnswer(t);
        pending.set(phone, { kind: 'signIn', session: started.Session });
        return { expiresInSeconds: SIGN_IN_CODE_SECONDS };
      } catch (error) {
        const name = errorName(error);
        if (name === 'UserNotFoundException' || name === 'UserNotConfirmedException') {
          try {
            return await (name === 'UserNotFoundException' ? startSignUp(phone) : resumeSignUp(phone));
          } catch (signUpError) {
            throw toApiError(signUpError, 'code', t);
          }
        }
        throw toApiError(error, 'code', t);
      }
    },

    async signInWithCode(phone, code) {
      const state = pending.get(phone);
      if (!state) throw new ApiError(400, 'code_expired', t('errors:codes.code_expired'));
      const username = toE164(phone);
      try {
        let result: AuthenticationResultType | undefined;
        if (state.kind === 'signIn') {
          const answered = await client.send(
            new RespondToAuthChallengeCommand({
              ClientId,
              ChallengeName: 'SMS_OTP',
              Session: state.session,
              ChallengeResponses: { USERNAME: username, SMS_OTP_CODE: code },
            }),
          );
          result = answered.AuthenticationResult;
        } else {
          const confirmed = await client.send(
            new ConfirmSignUpCommand({ ClientId, Username: username, ConfirmationCode: code, Session: state.session }),
          );
          const signedIn = await client.send(
            new InitiateAuthCommand({
              ClientId,
              AuthFlow: 'USER_AUTH',
              AuthParameters: { USERNAME: username },
              Session: confirmed.Session,
            }),
          );
          if (!signedIn.AuthenticationResult && signedIn.ChallengeName === 'SMS_OTP' && signedIn.Session) {
            // Without a sign-up session (a resumed sign-up) Cognito confirms the number and then
            // sends a sign-in code of its own.
            pending.set(phone, { kind: 'signIn', session: signedIn.Session });
            throw new ApiError(400, 'confirmed_new_code_sent', t('auth:cognito.confirmedNewCodeSent'));
          }
          result = signedIn.AuthenticationResult;
        }
        pending.delete(phone);
        return signedInFrom(result, t);
      } catch (error) {
        const mapped = toApiError(error, 'code', t);
        // A wrong code may be typed again in the same session; anything else needs a new code.
        if (mapped.code !== 'code_invalid' && mapped.code !== 'confirmed_new_code_sent') pending.delete(phone);
        throw mapped;
      }
    },

    async signInWithPassword(username, password) {
      try {
        const answered = await client.send(
          new InitiateAuthCommand({
            ClientId,
            AuthFlow: 'USER_AUTH',
            AuthParameters: { USERNAME: username, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: password },
          }),
        );
        if (answered.ChallengeName === 'NEW_PASSWORD_REQUIRED') {
          throw new ApiError(403, 'new_password_required', t('auth:cognito.newPasswordRequired'));
        }
        return signedInFrom(answered.AuthenticationResult, t);
      } catch (error) {
        throw toApiError(error, 'password', t);
      }
    },
  };
}

function signedInFrom(result: AuthenticationResultType | undefined, t: TFunction): SignedIn {
  // The API's JWT authorizer reads groups, station and org from the ID token, not the access token.
  if (!result?.IdToken) throw unexpectedAnswer(t);
  return { token: result.IdToken, expiresInSeconds: result.ExpiresIn ?? DEFAULT_TOKEN_SECONDS };
}

function unexpectedAnswer(t: TFunction): ApiError {
  return new ApiError(502, 'unexpected_challenge', t('auth:cognito.unexpected'));
}

function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

/** Cognito's exceptions (English, by name) as the messages our own API gives for the same cases. */
export function toApiError(error: unknown, flow: 'code' | 'password', t: TFunction): ApiError {
  if (error instanceof ApiError) return error;
  switch (errorName(error)) {
    case 'CodeMismatchException':
      return new ApiError(400, 'code_invalid', t('auth:cognito.codeMismatch'), [
        { path: 'code', message: t('auth:cognito.codeMismatch') },
      ]);
    case 'ExpiredCodeException':
      return new ApiError(400, 'code_expired', t('errors:codes.code_expired'));
    case 'TooManyFailedAttemptsException':
      return new ApiError(429, 'code_attempts_exhausted', t('errors:codes.code_attempts_exhausted'));
    case 'LimitExceededException':
    case 'TooManyRequestsException':
      return new ApiError(429, 'too_many_requests', t('errors:codes.too_many_requests'));
    case 'CodeDeliveryFailureException':
      return new ApiError(502, 'code_not_delivered', t('auth:cognito.codeNotDelivered'));
    case 'NotAuthorizedException':
    case 'UserNotFoundException':
      // For a code, Cognito says this when the sign-in session has run out; for a password, when
      // the name or password is wrong (it does not tell which, nor do we).
      return flow === 'password'
        ? new ApiError(401, 'bad_credentials', t('errors:codes.bad_credentials'))
        : new ApiError(400, 'code_expired', t('errors:codes.code_expired'));
    case 'TypeError':
      // fetch rejects with a TypeError when the network is down.
      return networkError(t);
    default:
      return new ApiError(500, 'internal', t('errors:codes.internal'));
  }
}
