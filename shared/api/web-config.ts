import * as z from 'zod';

/**
 * `/config.json`, which the web app reads at start to choose its identity provider: the local
 * server's own, or (written by the CDK stack at deploy time) a Cognito user pool.
 */
export const WebConfig = z.discriminatedUnion('authMode', [
  z.object({ authMode: z.literal('local') }),
  z.object({
    authMode: z.literal('cognito'),
    region: z.string().min(1),
    userPoolId: z.string().min(1),
    clientId: z.string().min(1),
  }),
]);
export type WebConfig = z.infer<typeof WebConfig>;
export type CognitoWebConfig = Extract<WebConfig, { authMode: 'cognito' }>;
