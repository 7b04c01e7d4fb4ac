import type { SignedIn } from './adapter.ts';

export interface Session {
  token: string;
  /** Epoch milliseconds after which the token is no longer sent. */
  expiresAt: number;
}

export interface SessionStore {
  /** The live session, or undefined once signed out or expired. Same object until it changes. */
  get(): Session | undefined;
  start(signedIn: SignedIn): Session;
  end(): void;
  subscribe(listener: () => void): () => void;
}

const STORAGE_KEY = 'session';
/** Treat a token as expired a little early, so none runs out while a request is in flight. */
const EXPIRY_MARGIN_MS = 30_000;

/**
 * The session lives in sessionStorage: it survives a reload of the tab, but not closing it, which
 * suits shared phones and office desktops.
 */
export function createSessionStore(storage: Storage | undefined, now: () => number = Date.now): SessionStore {
  let current = read(storage);
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());

  return {
    get() {
      return current && current.expiresAt > now() ? current : undefined;
    },
    start(signedIn) {
      current = { token: signedIn.token, expiresAt: now() + signedIn.expiresInSeconds * 1000 - EXPIRY_MARGIN_MS };
      write(storage, current);
      notify();
      return current;
    },
    end() {
      if (!current) return;
      current = undefined;
      write(storage, undefined);
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function read(storage: Storage | undefined): Session | undefined {
  try {
    const text = storage?.getItem(STORAGE_KEY);
    if (!text) return undefined;
    const value: unknown = JSON.parse(text);
    if (
      typeof value === 'object' &&
      value !== null &&
      'token' in value &&
      'expiresAt' in value &&
      typeof value.token === 'string' &&
      typeof value.expiresAt === 'number'
    ) {
      return { token: value.token, expiresAt: value.expiresAt };
    }
  } catch {
    // Unreadable storage or a damaged value: start signed out.
  }
  return undefined;
}

function write(storage: Storage | undefined, session: Session | undefined): void {
  try {
    if (session) storage?.setItem(STORAGE_KEY, JSON.stringify(session));
    else storage?.removeItem(STORAGE_KEY);
  } catch {
    // Without storage the session lasts as long as the page.
  }
}
