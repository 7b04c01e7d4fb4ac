import { describe, expect, it } from 'vitest';
import { createSessionStore } from '../../../web/src/auth/session-store.ts';
import { maskPhone } from '#shared/identity/masking';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('session store', () => {
  it('keeps the token across a reload of the tab and ends it when asked', () => {
    const storage = memoryStorage();
    let now = 1_000_000;
    const first = createSessionStore(storage, () => now);
    const started = first.start({ token: 'jwt', expiresInSeconds: 3600 });
    expect(first.get()).toBe(started);

    const reloaded = createSessionStore(storage, () => now);
    expect(reloaded.get()?.token).toBe('jwt');
    reloaded.end();
    expect(reloaded.get()).toBeUndefined();
    expect(createSessionStore(storage, () => now).get()).toBeUndefined();
  });

  it('stops handing out a token shortly before it expires', () => {
    let now = 0;
    const store = createSessionStore(memoryStorage(), () => now);
    store.start({ token: 'jwt', expiresInSeconds: 60 });
    now = 29_000;
    expect(store.get()?.token).toBe('jwt');
    now = 31_000;
    expect(store.get()).toBeUndefined();
  });

  it('tells subscribers when the session starts and ends, and ignores damaged storage', () => {
    const storage = memoryStorage();
    storage.setItem('session', '{not json');
    const store = createSessionStore(storage);
    expect(store.get()).toBeUndefined();
    let changes = 0;
    const unsubscribe = store.subscribe(() => changes++);
    store.start({ token: 'jwt', expiresInSeconds: 3600 });
    store.end();
    store.end();
    unsubscribe();
    expect(changes).toBe(2);
  });
});

describe('maskPhone', () => {
  it('shows the first three and last four digits, with or without +86', () => {
    expect(maskPhone('13800000001')).toBe('138****0001');
    expect(maskPhone('+8613912345678')).toBe('139****5678');
  });
});
