import { Button } from 'antd-mobile';
import { AddOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { listChildren } from '#shared/api/residence';
import { useServices } from '../../app/services.ts';
import { useLanguage } from '../../i18n/language.ts';
import { EmptyState, LoadError, LoadingBlock } from '../residence/states.tsx';
import { useLoadState } from '../../app/load.ts';
import { codeLabel, formatDay } from '../residence/words.ts';

/** 随行子女: the children under 16 who live with the user, as declarations and entitlements need them. */
export default function ChildrenPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { call } = useServices();
  const navigate = useNavigate();
  const { state, retry } = useLoadState((signal) => call(listChildren, { signal }), 'children');

  if (state.status === 'loading') return <LoadingBlock />;
  if (state.status === 'failed') return <LoadError error={state.error} retry={retry} />;
  const { children, max } = state.value;
  const full = children.length >= max;
  const add = (
    <Button color="primary" size="large" block={children.length > 0} disabled={full} onClick={() => navigate('/me/children/add')}>
      <AddOutline aria-hidden="true" /> {t('residence:children.add')}
    </Button>
  );

  if (children.length === 0) {
    return (
      <div className="rs-page">
        <EmptyState title={t('residence:children.emptyTitle')} description={t('residence:children.emptyDescription')}>
          {add}
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="rs-page">
      <p className="rs-lead">{t('residence:children.lead', { number: children.length, max })}</p>
      <ul className="rs-cards" aria-label={t('residence:children.listLabel')}>
        {children.map((child) => (
          <li key={child.id} className="rs-card rs-child">
            <h2 className="rs-card-title">
              <bdi>{child.name}</bdi>
            </h2>
            <dl className="rs-facts">
              {child.citizenIdMasked && (
                <div>
                  <dt>{t('residence:children.citizenId')}</dt>
                  <dd>
                    <bdi dir="ltr" className="rs-code">
                      {child.citizenIdMasked}
                    </bdi>
                  </dd>
                </div>
              )}
              <div>
                <dt>{t('residence:children.birthDate')}</dt>
                <dd>{formatDay(child.birthDate, language, t)}</dd>
              </div>
              {child.sex && (
                <div>
                  <dt>{t('residence:children.sex')}</dt>
                  <dd>{codeLabel(t, 'sexes', child.sex)}</dd>
                </div>
              )}
              <div>
                <dt>{t('residence:children.schoolStatus')}</dt>
                <dd>{codeLabel(t, 'schoolStatuses', child.schoolStatus)}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
      <div className="rs-actions">
        {add}
        {full && <p className="rs-field-note">{t('residence:children.full', { max })}</p>}
      </div>
    </div>
  );
}
