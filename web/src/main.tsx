// First: no schema may be built before zod is told not to compile (./app/no-eval.ts).
import './app/no-eval.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createCall } from './api/client.ts';
import { App } from './app/App.tsx';
import { StartupError } from './app/StartupError.tsx';
import type { AppServices } from './app/services.ts';
import { loadAuthConfig } from './auth/config.ts';
import { createAuthAdapter } from './auth/create-adapter.ts';
import { createSessionStore } from './auth/session-store.ts';
import { applyDocumentLanguage, createI18n, initialLanguage } from './i18n/i18n.ts';
import './app/app.css';

async function start(container: HTMLElement): Promise<void> {
  const language = initialLanguage();
  applyDocumentLanguage(language);
  const root = createRoot(container);

  const [i18n, config] = await Promise.all([
    createI18n(language),
    loadAuthConfig().catch(() => undefined),
  ]);
  if (!config) {
    root.render(<StartupError i18n={i18n} />);
    return;
  }

  const sessions = createSessionStore(sessionStorage);
  const t = i18n.t.bind(i18n);
  const call = createCall({
    language: () => i18n.language,
    token: () => sessions.get()?.token,
    onUnauthorized: () => sessions.end(),
    t,
  });
  const services: AppServices = { call, sessions, auth: createAuthAdapter(config, call, t) };

  root.render(
    <StrictMode>
      <App i18n={i18n} services={services} />
    </StrictMode>,
  );
}

const container = document.getElementById('root');
if (container) void start(container);
