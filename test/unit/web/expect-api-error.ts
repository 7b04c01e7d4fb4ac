import { ApiError } from '../../../web/src/api/errors.ts';

/** The ApiError a promise rejects with; any other outcome fails the test. */
export async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}
