import type { i18n as I18n } from 'i18next';

/**
 * Shown when /config.json cannot be read, so no sign-in can work. Plain markup: neither UI kit has
 * been downloaded yet at this point.
 */
export function StartupError({ i18n }: { i18n: I18n }) {
  const t = i18n.t.bind(i18n);
  return (
    <main className="startup-error" role="alert">
      <h1>{t('common:startup.title')}</h1>
      <p>{t('common:startup.description')}</p>
      <button type="button" onClick={() => window.location.reload()}>
        {t('common:action.retry')}
      </button>
    </main>
  );
}
