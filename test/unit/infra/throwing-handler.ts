/** A handler that fails: the stack-trace test bundles it and maps the trace of its error back here. */
export const handler = async (event: { reason: string }) => {
  if (event.reason) throw new Error(event.reason);
  return { statusCode: 200 };
};
