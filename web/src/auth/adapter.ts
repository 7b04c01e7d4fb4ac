/** A bearer token for the API and how long it is good for. */
export interface SignedIn {
  token: string;
  expiresInSeconds: number;
}

/**
 * Signs users in with whichever identity provider `/config.json` names. Every method rejects with an
 * `ApiError` whose message is ready to show in the user's language.
 */
export interface AuthAdapter {
  /** Sends a one-time code by SMS to a mainland number (`13800000001`). */
  requestCode(phone: string): Promise<{ expiresInSeconds: number }>;
  signInWithCode(phone: string, code: string): Promise<SignedIn>;
  signInWithPassword(username: string, password: string): Promise<SignedIn>;
  /** Starts downloading what signing in needs, so the first tap does not wait for it. */
  prepare(): void;
}
