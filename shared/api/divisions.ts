/** GB/T 2260 divisions for address pickers: one level at a time, so no client loads the street list whole. */
import * as z from 'zod';
import { contract } from './route.ts';

export const DivisionNode = z.object({ code: z.string(), name: z.string(), hasChildren: z.boolean() });
export type DivisionNode = z.infer<typeof DivisionNode>;

export const listDivisions = contract({
  method: 'GET',
  path: '/api/divisions',
  access: 'public',
  tag: 'divisions',
  summary: 'The divisions directly under a parent (provinces without one), down to streets (街道/乡镇)',
  query: z.object({ parent: z.string().regex(/^(?:\d{2}|\d{4}|\d{6})$/, 'validation.divisionParent').optional() }).strict(),
  response: z.object({ parent: z.object({ code: z.string(), path: z.array(z.string()) }).optional(), divisions: z.array(DivisionNode) }),
});
