import { issueToken, requestCode } from '#shared/api/identity';
import type { Call } from '../api/client.ts';
import type { AuthAdapter } from './adapter.ts';

/** The local server's identity provider: codes go to its outbox, tokens come from /api/auth/token. */
export function createLocalAdapter(call: Call): AuthAdapter {
  return {
    requestCode: (phone) => call(requestCode, { body: { phone } }),
    signInWithCode: (phone, code) => call(issueToken, { body: { phone, code } }),
    signInWithPassword: (username, password) => call(issueToken, { body: { username, password } }),
    prepare() {},
  };
}
