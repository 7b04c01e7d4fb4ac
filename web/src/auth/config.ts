import { WebConfig, type CognitoWebConfig } from '#shared/api/web-config';

export type AuthConfig = WebConfig;
export type CognitoConfig = CognitoWebConfig;

export async function loadAuthConfig(send: typeof fetch = fetch): Promise<AuthConfig> {
  const response = await send('/config.json', { headers: { Accept: 'application/json' }, cache: 'no-cache' });
  if (!response.ok) throw new Error(`config.json answered ${response.status}`);
  return WebConfig.parse(await response.json());
}
