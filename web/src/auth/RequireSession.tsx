import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from './session.tsx';

/** Sends a visitor without a session to the sign-in page, and back here after signing in. */
export function RequireSession({ signInPath, children }: { signInPath: string; children: ReactNode }) {
  const { signedIn } = useSession();
  const location = useLocation();
  if (!signedIn) return <Navigate to={signInPath} replace state={{ from: location.pathname + location.search }} />;
  return children;
}

/** Where to go after signing in: the page that sent the visitor to sign in, if it was one of ours. */
export function returnPath(state: unknown, fallback: string): string {
  if (typeof state === 'object' && state !== null && 'from' in state && typeof state.from === 'string') {
    if (state.from.startsWith('/') && !state.from.startsWith('//')) return state.from;
  }
  return fallback;
}
