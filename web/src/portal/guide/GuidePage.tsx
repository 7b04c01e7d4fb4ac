import { useRef, useState } from 'react';
import { Button, ErrorBlock, Skeleton } from 'antd-mobile';
import { CompassOutline, EnvironmentOutline, LeftOutline, RightOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { divisionCode } from '#shared/api/policies';
import { ApiError, messageOf } from '../../api/errors.ts';
import { useSession } from '../../auth/session.tsx';
import { LanguageSwitcher } from '../LanguageSwitcher.tsx';
import { CityPicker } from './CityPicker.tsx';
import { placeNames } from '#shared/divisions/place-names';
import { PROVINCES, pickerValue } from './divisions.ts';
import { PolicyView } from './PolicyView.tsx';
import { usePolicy, type PolicyState } from './usePolicy.ts';
import './guide.css';

/** Names for the place before its rules arrive (the picker's list knows provinces and cities). */
function namesFromList(code: string): string[] {
  const [provinceCode, cityCode] = pickerValue(code);
  const province = PROVINCES.find((candidate) => candidate.code === provinceCode);
  const city = province?.children?.find((candidate) => candidate.code === cityCode);
  return province && city ? [province.name, city.name] : [];
}

/**
 * 办事指南: a city's rules for migrants, landlords, employers and the rest, each with the article it
 * comes from. Public, so a visitor can read the rules before (or without) signing in; the chosen
 * city is in the address (/guide/1402) so a page can be shared.
 */
export default function GuidePage() {
  // Suspends until both namespaces are in: the page is mostly words from `policy`.
  const { t } = useTranslation(['guide', 'policy']);
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const params = useParams();
  const [picking, setPicking] = useState(false);
  const placeButton = useRef<HTMLButtonElement>(null);

  const requested = params.division;
  const valid = requested !== undefined && divisionCode.safeParse(requested).success;
  const { state, retry } = usePolicy(valid ? requested : undefined);

  const names =
    state.status === 'ready'
      ? placeNames(state.document.division.path)
      : requested && valid
        ? namesFromList(requested)
        : [];
  const place = names.length > 0 ? names : requested && valid ? [requested] : undefined;

  function choose(code: string) {
    setPicking(false);
    if (code !== requested) navigate(`/guide/${code}`);
  }

  return (
    <div className="guide">
      <header className="guide-top">
        <Link className="guide-back" to={signedIn ? '/services' : '/sign-in'}>
          <LeftOutline className="guide-back-icon" aria-hidden="true" />
          {signedIn ? t('guide:back.services') : t('guide:back.signIn')}
        </Link>
        <LanguageSwitcher />
      </header>
      <main className="guide-main">
        <div className="guide-hero">
          <span className="guide-emblem" aria-hidden="true">
            <CompassOutline />
          </span>
          <div>
            <h1 className="guide-title">{t('guide:title')}</h1>
            <p className="guide-lead">{t('guide:lead')}</p>
          </div>
        </div>

        <button
          type="button"
          ref={placeButton}
          className="guide-place"
          onClick={() => setPicking(true)}
          aria-haspopup="dialog"
        >
          <EnvironmentOutline className="guide-place-icon" aria-hidden="true" />
          <span className="guide-place-text">
            <span className="guide-place-label">{t('guide:picker.label')}</span>
            <span className="guide-place-value">
              {place ? (
                <bdi lang="zh-CN">
                  {place.map((name, index) => (
                    <span key={index}>
                      {index > 0 && ' · '}
                      <span className="guide-place-name">{name}</span>
                    </span>
                  ))}
                </bdi>
              ) : (
                t('guide:picker.none')
              )}
            </span>
          </span>
          <span className="guide-place-action">
            {place ? t('guide:picker.change') : t('guide:picker.choose')}
            <RightOutline className="guide-chevron" aria-hidden="true" />
          </span>
        </button>

        {requested !== undefined && !valid ? (
          <NotFound onChoose={() => setPicking(true)} />
        ) : (
          <GuideContent state={state} retry={retry} onChoose={() => setPicking(true)} />
        )}
      </main>
      <CityPicker
        visible={picking}
        current={valid ? requested : undefined}
        onChoose={choose}
        onClose={() => setPicking(false)}
        returnFocus={placeButton}
      />
    </div>
  );
}

function GuideContent({ state, retry, onChoose }: { state: PolicyState; retry: () => void; onChoose: () => void }) {
  const { t } = useTranslation();
  switch (state.status) {
    case 'idle':
      return (
        <ErrorBlock status="empty" className="guide-empty" title={t('guide:empty.title')} description={t('guide:empty.description')}>
          <Button color="primary" size="large" onClick={onChoose}>
            {t('guide:picker.choose')}
          </Button>
        </ErrorBlock>
      );
    case 'loading':
      return (
        <div className="guide-loading" role="status" aria-label={t('guide:state.loading')}>
          <Skeleton.Title animated />
          <Skeleton.Paragraph lineCount={4} animated />
          <Skeleton.Title animated />
          <Skeleton.Paragraph lineCount={6} animated />
        </div>
      );
    case 'failed':
      if (state.error instanceof ApiError && state.error.status === 404) return <NotFound onChoose={onChoose} />;
      return (
        <ErrorBlock status="default" className="guide-error" title={t('guide:error.title')} description={messageOf(state.error, t)}>
          <Button color="primary" onClick={retry}>
            {t('common:action.retry')}
          </Button>
        </ErrorBlock>
      );
    case 'ready':
      return <PolicyView document={state.document} />;
  }
}

function NotFound({ onChoose }: { onChoose: () => void }) {
  const { t } = useTranslation();
  return (
    <ErrorBlock status="default" className="guide-error" title={t('guide:error.notFoundTitle')} description={t('guide:error.notFound')}>
      <Button color="primary" onClick={onChoose}>
        {t('guide:picker.choose')}
      </Button>
    </ErrorBlock>
  );
}
