/** Security settings of phone sign-in (not regulation rules, so not in a policy pack). */
export const ONE_TIME_CODE = {
  digits: 6,
  validForSeconds: 5 * 60,
  maxRequestsPerHour: 5,
  maxWrongAttempts: 5,
  /** The web app waits this long before offering to send another code. */
  resendAfterSeconds: 60,
} as const;

/** Lifetime of a token issued by the local identity provider (Cognito's ID token default is 1 hour). */
export const TOKEN_LIFETIME_SECONDS = 3600;

/** Wrong passwords for one username, within a sliding window, before sign-in is refused for a while. */
export const PASSWORD_SIGN_IN = {
  maxFailures: 5,
  windowMinutes: 15,
} as const;
