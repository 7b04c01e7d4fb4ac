import type { TFunction } from 'i18next';
import type { Call } from '../api/client.ts';
import { networkError } from '../api/errors.ts';
import type { AuthAdapter } from './adapter.ts';
import type { AuthConfig } from './config.ts';
import { createLocalAdapter } from './local-adapter.ts';

export function createAuthAdapter(config: AuthConfig, call: Call, t: TFunction): AuthAdapter {
  if (config.authMode === 'local') return createLocalAdapter(call);

  // The Cognito SDK is imported only here and only when first needed, so a phone on a local
  // deployment never downloads it and a returning user with a live session does not wait for it.
  let loading: Promise<AuthAdapter> | undefined;
  const load = () =>
    (loading ??= import('./cognito-adapter.ts').then(({ createCognitoAdapter }) =>
      createCognitoAdapter({ region: config.region, clientId: config.clientId, t }),
    ).catch(() => {
      // A failed chunk download (flaky mobile network) must not stick: the next tap tries again.
      loading = undefined;
      throw networkError(t);
    }));
  return {
    requestCode: async (phone) => (await load()).requestCode(phone),
    signInWithCode: async (phone, code) => (await load()).signInWithCode(phone, code),
    signInWithPassword: async (username, password) => (await load()).signInWithPassword(username, password),
    prepare() {
      void load();
    },
  };
}
