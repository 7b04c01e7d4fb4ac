/** PUT /api/me/profile: create or update the real-name profile (one account per ID number). */
import { putProfile } from '#shared/api/residence';
import { httpHandler } from '#functions/commons/http/handler';
import { profileView, saveProfile } from './profiles.ts';

export const handler = httpHandler(putProfile, async ({ caller, body, language }) => profileView(await saveProfile(caller.id, body, language)));
