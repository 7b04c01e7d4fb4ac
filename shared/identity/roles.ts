/** The Cognito groups a user can belong to. A resident acts as a landlord for the houses they own or are agent of. */
export const ROLES = ['resident', 'agency', 'officer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** Claim names as Cognito puts them in an ID token; the local identity provider issues the same. */
export const CLAIM = {
  groups: 'cognito:groups',
  username: 'cognito:username',
  station: 'custom:station',
  org: 'custom:org',
  /** 'true' for an organisation's administrator: may create and revoke its API keys. */
  orgAdmin: 'custom:org_admin',
  phone: 'phone_number',
} as const;
