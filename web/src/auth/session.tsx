import { createContext, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { me as meContract, type Me } from '#shared/api/identity';
import { useServices } from '../app/services.ts';
import type { SignedIn } from './adapter.ts';

export type MeState =
  | { status: 'signedOut' }
  | { status: 'loading' }
  | { status: 'ready'; me: Me }
  | { status: 'failed'; error: unknown };

interface SessionContextValue {
  signedIn: boolean;
  me: MeState;
  signIn(signedIn: SignedIn): void;
  signOut(): void;
  reloadMe(): void;
}

const SessionContext = createContext<SessionContextValue | undefined>(undefined);

/** Holds the token and who it belongs to (`GET /api/me`), for the portal and the office alike. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const { sessions, call } = useServices();
  const session = useSyncExternalStore(sessions.subscribe, sessions.get);
  const [me, setMe] = useState<MeState>({ status: session ? 'loading' : 'signedOut' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!session) {
      setMe({ status: 'signedOut' });
      return;
    }
    // Ends the session when the token runs out, even if the page is left open and idle.
    const expiry = setTimeout(() => sessions.end(), Math.max(0, session.expiresAt - Date.now()));
    const controller = new AbortController();
    setMe({ status: 'loading' });
    call(meContract, { signal: controller.signal }).then(
      (value) => setMe({ status: 'ready', me: value }),
      (error: unknown) => {
        if (!controller.signal.aborted) setMe({ status: 'failed', error });
      },
    );
    return () => {
      clearTimeout(expiry);
      controller.abort();
    };
  }, [session, sessions, call, attempt]);

  const signIn = useCallback((signedIn: SignedIn) => void sessions.start(signedIn), [sessions]);
  const signOut = useCallback(() => sessions.end(), [sessions]);
  const reloadMe = useCallback(() => setAttempt((n) => n + 1), []);

  const value = useMemo(
    () => ({ signedIn: session !== undefined, me, signIn, signOut, reloadMe }),
    [session, me, signIn, signOut, reloadMe],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
