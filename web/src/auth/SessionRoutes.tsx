import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { RequireSession, returnPath } from './RequireSession.tsx';
import { useSession } from './session.tsx';

/** A signed-in visitor has nothing to do on a sign-in page: back to where they were going. */
function SignedOutOnly({ home, children }: { home: string; children: ReactNode }) {
  const { signedIn } = useSession();
  const location = useLocation();
  if (signedIn) return <Navigate to={returnPath(location.state, home)} replace />;
  return children;
}

/**
 * The routes of an app area (portal or office): its sign-in page at `sign-in`, and everything
 * else behind a session.
 */
export function SessionRoutes({ home, signIn, children }: { home: string; signIn: ReactNode; children: ReactNode }) {
  const signInPath = `${home.replace(/\/$/, '')}/sign-in`;
  return (
    <Routes>
      <Route path="sign-in" element={<SignedOutOnly home={home}>{signIn}</SignedOutOnly>} />
      <Route path="*" element={<RequireSession signInPath={signInPath}>{children}</RequireSession>} />
    </Routes>
  );
}
