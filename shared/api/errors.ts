import * as z from 'zod';

/** Every error response has this body; `message` and field messages are in the caller's language. */
export const ApiErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    /** What a client may act on, by name: `house_exists` names the house registered at the address (`houseId`). */
    details: z.record(z.string(), z.string()).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;
