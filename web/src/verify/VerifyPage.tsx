import { lazy, Suspense, useId, useMemo, useState, type ReactNode } from 'react';
import { Button, SpinLoading } from 'antd-mobile';
import { CheckCircleFill, ClockCircleFill, CloseCircleFill, ExclamationCircleFill, ScanningOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { verifyPermit } from '#shared/api/permit';
import { tokenFromText } from '#shared/permit/token';
import { createCall, type Call, type CallOutput } from '../api/client.ts';
import { messageOf } from '../api/errors.ts';
import { useLoadState } from '../app/load.ts';
import { isolate } from '../i18n/bidi.ts';
import { useLanguage } from '../i18n/language.ts';
import { LanguageSwitcher } from '../portal/LanguageSwitcher.tsx';
import { HolderPhoto } from '../portal/permit/HolderPhoto.tsx';
import { Reference } from '../portal/residence/parts.tsx';
import { formatDay, formatMoment } from '../portal/residence/words.ts';
import { refusalOf } from './verdict.ts';
import './verify.css';

// The camera and the QR decoder load only when the checker asks to scan: a checker who opened a
// link from their own camera app never downloads them.
const Scanner = lazy(() => import('./Scanner.tsx'));

type Verification = CallOutput<typeof verifyPermit>;

/**
 * 居住证核验: anyone shown an electronic permit checks it here, without an account — by the link its
 * QR code holds (`/verify?t=…`), by scanning the code with this phone's camera, or by pasting the
 * link. The answer is the permit's live status, big, with the holder's photo and masked name.
 */
export default function VerifyPage() {
  // `residence` words the dates.
  const { t, i18n } = useTranslation(['verify', 'residence']);
  const [search, setSearch] = useSearchParams();
  const token = search.get('t') ?? undefined;
  // A client of its own that never sends a session token: a checker is not identified, even one signed in here.
  const call = useMemo(
    () => createCall({ language: () => i18n.language, token: () => undefined, t: i18n.t.bind(i18n) }),
    [i18n],
  );

  return (
    <div className="verify">
      <header className="verify-top">
        <span className="verify-brand">{t('common:app.name')}</span>
        <LanguageSwitcher />
      </header>
      <main className="verify-main">
        <h1 className="verify-title">{t('verify:title')}</h1>
        {token ? (
          <Result key={token} token={token} call={call} onAgain={() => setSearch({}, { replace: false })} />
        ) : (
          <Check onToken={(next) => setSearch({ t: next })} />
        )}
      </main>
    </div>
  );
}

function Result({ token, call, onAgain }: { token: string; call: Call; onAgain: () => void }) {
  const { t } = useTranslation();
  // Keyed by the token alone: a language switch rewords the answer without counting another check.
  const { state, retry } = useLoadState((signal) => call(verifyPermit, { params: { token }, signal }), token);

  if (state.status === 'loading') {
    return (
      <div className="verify-checking" role="status">
        <SpinLoading color="primary" aria-hidden="true" />
        <p>{t('verify:checking')}</p>
      </div>
    );
  }
  const again = (
    <Button size="large" block onClick={onAgain} data-testid="verify-again">
      {t('verify:again')}
    </Button>
  );
  if (state.status === 'failed') {
    const refusal = refusalOf(state.error);
    if (refusal === 'failed') {
      return (
        <div className="verify-outcome verify-outcome-failed" role="alert" data-testid="verify-result" data-result="failed">
          <p className="verify-outcome-title">{t('verify:failed')}</p>
          <p className="verify-outcome-text">{messageOf(state.error, t)}</p>
          <div className="verify-actions">
            <Button color="primary" size="large" block onClick={retry}>
              {t('common:action.retry')}
            </Button>
            {again}
          </div>
        </div>
      );
    }
    const Icon = refusal === 'expired' ? ClockCircleFill : CloseCircleFill;
    return (
      <div className={`verify-outcome verify-outcome-${refusal}`} role="alert" data-testid="verify-result" data-result={refusal}>
        <Icon className="verify-outcome-icon" aria-hidden="true" />
        <p className="verify-outcome-title">{refusal === 'expired' ? t('verify:expired.title') : t('verify:notGenuine.title')}</p>
        <p className="verify-outcome-text">{refusal === 'expired' ? t('verify:expired.text') : t('verify:notGenuine.text')}</p>
        <div className="verify-actions">{again}</div>
      </div>
    );
  }
  return <Verified verification={state.value} again={again} />;
}

const RESULT_ICONS = {
  valid: CheckCircleFill,
  suspended: ExclamationCircleFill,
  expired: ClockCircleFill,
  cancelled: CloseCircleFill,
} as const;

/** The permit's live status, big, and who it belongs to, for the checker to compare with the person in front of them. */
function Verified({ verification: v, again }: { verification: Verification; again: ReactNode }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const Icon = RESULT_ICONS[v.result];
  const headline = {
    valid: t('verify:result.valid'),
    suspended: t('verify:result.suspended'),
    expired: t('verify:result.expired'),
    cancelled: t('verify:result.cancelled'),
  }[v.result];
  const explanation = {
    valid: t('verify:explain.valid'),
    suspended: t('verify:explain.suspended'),
    expired: t('verify:explain.expired'),
    cancelled: t('verify:explain.cancelled'),
  }[v.result];
  return (
    <section className={`verify-outcome verify-outcome-${v.result}`} aria-labelledby="verify-headline" data-testid="verify-result" data-result={v.result}>
      <Icon className="verify-outcome-icon" aria-hidden="true" />
      <h2 id="verify-headline" className="verify-outcome-title" role="status">
        {headline}
      </h2>
      <p className="verify-outcome-text">{explanation}</p>
      <div className="verify-holder">
        <HolderPhoto className="verify-photo" src={v.holder.photoUrl} alt={t('verify:photoAlt', { name: isolate(v.holder.nameMasked) })} width={120} height={160} />
        <dl className="verify-facts">
          <div>
            <dt>{t('verify:holder')}</dt>
            <dd className="verify-name" data-testid="verify-name">
              <bdi>{v.holder.nameMasked}</bdi>
            </dd>
          </div>
          <div>
            <dt>{t('verify:number')}</dt>
            <dd>
              <Reference id={v.number} />
            </dd>
          </div>
          <div>
            <dt>{t('verify:city')}</dt>
            <dd>
              <bdi lang="zh-CN">{v.city}</bdi>
            </dd>
          </div>
          <div>
            <dt>{t('verify:validUntil')}</dt>
            <dd>{v.validUntil ? formatDay(v.validUntil, language, t) : t('verify:noExpiry')}</dd>
          </div>
        </dl>
      </div>
      {v.holder.photoIntegrity === 'mismatch' && (
        <p className="verify-photo-integrity" role="alert" data-testid="verify-photo-integrity">
          {t('verify:photoIntegrity')}
        </p>
      )}
      <p className="verify-checked" data-testid="verify-checked-at">
        {t('verify:checkedAt', { time: formatMoment(v.checkedAt, language, t) })}
      </p>
      <div className="verify-actions">{again}</div>
    </section>
  );
}

/** No link yet: scan the code with the camera, or paste the link or code. */
function Check({ onToken }: { onToken: (token: string) => void }) {
  const { t } = useTranslation();
  const [scanning, setScanning] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const id = useId();

  function submit() {
    const token = tokenFromText(text);
    if (token) onToken(token);
    else {
      setError(text.trim() ? t('verify:paste.notPermit') : t('verify:paste.required'));
      document.getElementById(`${id}-text`)?.focus();
    }
  }

  return (
    <>
      <p className="verify-lead">{t('verify:lead')}</p>
      <section className="verify-card" aria-labelledby={`${id}-scan`}>
        <h2 id={`${id}-scan`} className="verify-card-title">
          {t('verify:scan.title')}
        </h2>
        {scanning ? (
          <Suspense
            fallback={
              <div className="verify-checking" role="status">
                <SpinLoading color="primary" aria-hidden="true" />
                <p>{t('verify:scan.starting')}</p>
              </div>
            }
          >
            <Scanner onToken={onToken} onClose={() => setScanning(false)} />
          </Suspense>
        ) : (
          <>
            <p className="verify-note">{t('verify:scan.hint')}</p>
            <Button color="primary" size="large" block onClick={() => setScanning(true)} data-testid="verify-scan">
              <ScanningOutline aria-hidden="true" /> {t('verify:scan.start')}
            </Button>
          </>
        )}
      </section>
      <section className="verify-card" aria-labelledby={`${id}-paste`}>
        <h2 id={`${id}-paste`} className="verify-card-title">
          {t('verify:paste.title')}
        </h2>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <div className={error ? 'field field-invalid' : 'field'}>
            <label className="field-label" htmlFor={`${id}-text`}>
              {t('verify:paste.label')}
            </label>
            <div className="field-control verify-paste-control">
              <textarea
                id={`${id}-text`}
                className="field-input verify-paste"
                dir="ltr"
                rows={3}
                value={text}
                onChange={(event) => {
                  setText(event.target.value);
                  setError(undefined);
                }}
                placeholder={t('verify:paste.placeholder')}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-message` : undefined}
                data-testid="verify-paste"
              />
            </div>
            {error && (
              <p id={`${id}-message`} className="field-error" role="alert">
                {error}
              </p>
            )}
          </div>
          <Button color="primary" fill="outline" size="large" block type="submit" data-testid="verify-check">
            {t('verify:paste.submit')}
          </Button>
        </form>
      </section>
      <p className="verify-privacy">{t('verify:privacy')}</p>
    </>
  );
}
