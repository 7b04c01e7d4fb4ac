/** GET /api/me/profile: the caller's real-name profile, ID number masked. */
import { getProfile } from '#shared/api/residence';
import { ApiError } from '#functions/commons/errors';
import { httpHandler } from '#functions/commons/http/handler';
import { profileView, readProfile } from './profiles.ts';

export const handler = httpHandler(getProfile, async ({ caller }) => {
  const profile = await readProfile(caller.id);
  if (!profile) throw new ApiError(404, 'profile_not_found');
  return profileView(profile);
});
