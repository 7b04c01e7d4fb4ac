/** GB/T 2260 divisions one level at a time, for address pickers. */
import { listDivisions } from '#shared/api/divisions';
import { ApiError } from '#functions/commons/errors';
import { httpHandler } from '#functions/commons/http/handler';
import { reply } from '#functions/commons/http/response';
import { divisionChildren, divisionPath } from '#functions/policy/divisions';

/** Streets (9 digits) are the lowest level a declaration names. */
const STREET_LENGTH = 9;

export const handler = httpHandler(listDivisions, async ({ query }) => {
  const parent = query.parent;
  const children = await divisionChildren(parent);
  if (!children) throw new ApiError(404, 'division_not_found', { code: parent ?? '' });
  const body = {
    ...(parent ? { parent: { code: parent, path: (await divisionPath(parent)) ?? [] } } : {}),
    divisions: children.map(({ code, name }) => ({ code, name, hasChildren: code.length < STREET_LENGTH })),
  };
  // Reference data that changes with a release only: let browsers and CDNs keep it.
  return reply(200, body, { 'cache-control': 'public, max-age=86400' });
});
