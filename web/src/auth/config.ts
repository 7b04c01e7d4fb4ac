import { z } from 'zod';

/**
 * `/config.json`, written at deploy time: which identity provider signs users in. Locally the
 * server's own; in AWS a Cognito user pool.
 */
export const AuthConfig = z.discriminatedUnion('authMode', [
  z.object({ authMode: z.literal('local') }),
  z.object({
    authMode: z.literal('cognito'),
    region: z.string().min(1),
    userPoolId: z.string().min(1),
    clientId: z.string().min(1),
  }),
]);
export type AuthConfig = z.infer<typeof AuthConfig>;
export type CognitoConfig = Extract<AuthConfig, { authMode: 'cognito' }>;

export async function loadAuthConfig(send: typeof fetch = fetch): Promise<AuthConfig> {
  const response = await send('/config.json', { headers: { Accept: 'application/json' }, cache: 'no-cache' });
  if (!response.ok) throw new Error(`config.json answered ${response.status}`);
  return AuthConfig.parse(await response.json());
}
