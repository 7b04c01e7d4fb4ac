import { createContext, useContext } from 'react';
import type { Call } from '../api/client.ts';
import type { AuthAdapter } from '../auth/adapter.ts';
import type { SessionStore } from '../auth/session-store.ts';

/** What the screens need from outside React, made once at start-up (see main.tsx). */
export interface AppServices {
  call: Call;
  auth: AuthAdapter;
  sessions: SessionStore;
}

export const ServicesContext = createContext<AppServices | undefined>(undefined);

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesContext');
  return services;
}
