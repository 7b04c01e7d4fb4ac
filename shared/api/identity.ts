import * as z from 'zod';
import { contract } from './route.ts';
import { ROLES } from '#shared/identity/roles';

/** Mainland mobile numbers: 11 digits starting with 1[3-9]. */
export const Phone = z.string().trim().regex(/^1[3-9]\d{9}$/, 'validation.phone');
export const OneTimeCode = z.string().trim().regex(/^\d{6}$/, 'validation.oneTimeCode');
export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, 'validation.username');
export const Password = z.string().min(1, 'validation.required').max(200, 'validation.tooLong');

export const requestCode = contract({
  method: 'POST',
  path: '/api/auth/otp',
  access: 'public',
  tag: 'identity',
  summary: 'Send a one-time sign-in code to a phone (local identity provider; Cognito in AWS)',
  body: z.object({ phone: Phone }),
  response: z.object({ expiresInSeconds: z.number().int() }),
  status: 202,
});

export const TokenRequest = z
  .object({
    phone: Phone.optional(),
    code: OneTimeCode.optional(),
    username: Username.optional(),
    password: Password.optional(),
  })
  .superRefine((value, ctx) => {
    const byPhone = value.phone !== undefined || value.code !== undefined;
    const byPassword = value.username !== undefined || value.password !== undefined;
    if (byPhone === byPassword) {
      ctx.addIssue({ code: 'custom', path: byPhone ? ['username'] : ['phone'], message: 'validation.signInMethod' });
      return;
    }
    const required = byPhone ? (['phone', 'code'] as const) : (['username', 'password'] as const);
    for (const field of required) {
      if (value[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'validation.required' });
    }
  });
export type TokenRequest = z.infer<typeof TokenRequest>;

export const issueToken = contract({
  method: 'POST',
  path: '/api/auth/token',
  access: 'public',
  tag: 'identity',
  summary: 'Exchange a one-time code or a username and password for a JWT (local identity provider)',
  body: TokenRequest,
  response: z.object({ token: z.string(), expiresInSeconds: z.number().int() }),
});

export const Station = z.object({
  id: z.string(),
  name: z.string(),
  divisions: z.array(z.string()),
  remote: z.boolean(),
});
export type Station = z.infer<typeof Station>;

export const Organisation = z.object({ id: z.string(), name: z.string(), type: z.string() });
export type Organisation = z.infer<typeof Organisation>;

export const Me = z.object({
  id: z.string(),
  roles: z.array(z.enum(ROLES)),
  displayName: z.string(),
  phone: z.string().optional(),
  username: z.string().optional(),
  station: Station.optional(),
  org: Organisation.optional(),
});
export type Me = z.infer<typeof Me>;

export const me = contract({
  method: 'GET',
  path: '/api/me',
  access: ROLES,
  tag: 'identity',
  summary: 'Who the caller is: id, roles, station or organisation',
  response: Me,
});

export const OutboxMessage = z.object({ phone: z.string(), text: z.string(), sentAt: z.string() });
export const outbox = contract({
  method: 'GET',
  path: '/api/dev/outbox',
  access: 'public',
  tag: 'local',
  summary: 'Messages the local SMS adapter would have sent to a phone, newest first (local mode only, to callers on the same machine)',
  query: z.object({ phone: Phone }),
  response: z.object({ messages: z.array(OutboxMessage) }),
});
