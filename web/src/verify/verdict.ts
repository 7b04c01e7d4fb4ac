/** What the verification page says when the API does not answer with a permit's status. */
import { ApiError } from '../api/errors.ts';

/**
 * A failed verification in the checker's terms: a code that is not genuine (forged, altered, or not
 * a token at all), one that has run out (a screenshot, or a card left open too long), or a failure
 * to check at all (the network, the server), which is worth trying again.
 */
export type Refusal = 'notGenuine' | 'expired' | 'failed';

export function refusalOf(error: unknown): Refusal {
  if (!(error instanceof ApiError)) return 'failed';
  if (error.code === 'verification_token_expired' || error.status === 410) return 'expired';
  // A token the contract itself refuses (too short, too long) never reached the signature check.
  if (error.code === 'verification_token_invalid' || error.code === 'validation_failed') return 'notGenuine';
  if (error.status === 400 || error.status === 404) return 'notGenuine';
  return 'failed';
}
