import { useTranslation } from 'react-i18next';

/** While a screen's code or translations download; plain markup, as no UI kit may be loaded yet. */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div className="page-loading" role="status" aria-live="polite">
      <span className="page-loading-spinner" aria-hidden="true" />
      <span className="visually-hidden">{t('common:state.loading')}</span>
    </div>
  );
}
