/** GET /api/me/children: the accompanying children, in the order they were added. */
import { listChildren as listChildrenContract } from '#shared/api/residence';
import { MAX_CHILDREN } from '#shared/residence/vocabulary';
import { httpHandler } from '#functions/commons/http/handler';
import { childView, listChildren } from './children.ts';

/** Typed as the literal the contract promises, so clients can show the limit. */
const max: typeof MAX_CHILDREN = MAX_CHILDREN;

export const handler = httpHandler(listChildrenContract, async ({ caller }) => ({
  children: (await listChildren(caller.id)).map(childView),
  max,
}));
