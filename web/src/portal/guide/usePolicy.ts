import { useCallback, useEffect, useState } from 'react';
import { policyForDivision } from '#shared/api/policies';
import type { CallOutput } from '../../api/client.ts';
import { useServices } from '../../app/services.ts';

export type PolicyForDivision = CallOutput<typeof policyForDivision>;

export type PolicyState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; document: PolicyForDivision }
  | { status: 'failed'; error: unknown };

/** The resolved pack for a division; nothing is fetched until a division is chosen. */
export function usePolicy(division: string | undefined): { state: PolicyState; retry: () => void } {
  const { call } = useServices();
  const [state, setState] = useState<PolicyState>({ status: division ? 'loading' : 'idle' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!division) {
      setState({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    setState({ status: 'loading' });
    call(policyForDivision, { params: { division }, signal: controller.signal }).then(
      (document) => setState({ status: 'ready', document }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [call, division, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}
