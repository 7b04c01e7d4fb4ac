import { me } from '#shared/api/identity';
import { httpHandler } from '#functions/commons/http/handler';
import { getAccount } from './accounts.ts';

export const handler = httpHandler(me, async ({ caller }) => {
  const account = await getAccount(caller.id);
  if (!account) {
    // Signed in with the identity provider but no profile written yet: answer from the token.
    return { id: caller.id, roles: caller.roles, displayName: caller.id };
  }
  return {
    id: account.id,
    roles: account.roles,
    displayName: account.displayName,
    ...(account.phone ? { phone: account.phone } : {}),
    ...(account.username ? { username: account.username } : {}),
    ...(account.station ? { station: account.station } : {}),
    ...(account.org ? { org: account.org } : {}),
  };
});
