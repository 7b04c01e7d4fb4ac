import { useState, type FormEvent } from 'react';
import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { houseByCode } from '#shared/api/landlord';
import { listDeclarations } from '#shared/api/residence';
import { ApiError } from '../../api/errors.ts';
import { useServices } from '../../app/services.ts';
import { useLoadState } from '../../app/load.ts';
import { isolate } from '../../i18n/bidi.ts';
import { TextField } from '../TextField.tsx';
import { Row } from '../residence/declare/steps.tsx';
import { LoadError, LoadingBlock } from '../residence/states.tsx';
import { HouseAddress, HouseCode } from '../landlord/parts.tsx';
import { houseTypeLabel } from '../landlord/words.ts';
import { houseCodeFrom } from './code.ts';

/** 输入房屋编码 (`/house`): for a tenant who cannot scan the poster, the code typed in any case, with or without spaces. */
export function HouseCodeEntryPage() {
  return (
    <div className="rs-page">
      <CodeForm />
    </div>
  );
}

function CodeForm({ initialError }: { initialError?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const [error, setError] = useState(initialError);

  function submit(event: FormEvent) {
    event.preventDefault();
    const code = houseCodeFrom(value);
    if (!code) {
      setError(value.trim() ? t('landlord:tenant.codeInvalid') : t('landlord:tenant.codeRequired'));
      document.getElementById('house-code')?.focus();
      return;
    }
    navigate(`/house/${code}`);
  }

  return (
    <form noValidate onSubmit={submit} className="rs-card">
      <p className="rs-lead">{t('landlord:tenant.codeLead')}</p>
      <TextField
        id="house-code"
        label={t('landlord:tenant.code')}
        value={value}
        onChange={(next) => {
          setValue(next);
          setError(undefined);
        }}
        error={error}
        autoComplete="off"
        maxLength={40}
        placeholder="FW 7KQ3 M9A2"
        hint={t('landlord:tenant.codeHint')}
      />
      <Button type="submit" color="primary" size="large" block>
        {t('landlord:tenant.find')}
      </Button>
    </form>
  );
}

/**
 * `/house/:code`, what the door poster's QR code opens: the house (address, landlord 张*) and the
 * way into the residence declaration with its address filled in.
 */
export function HouseByCodePage() {
  const { t } = useTranslation();
  const { code: typed = '' } = useParams();
  const code = houseCodeFrom(typed);
  if (!code) {
    return (
      <div className="rs-page">
        <CodeForm initialError={t('landlord:tenant.codeInvalid')} />
      </div>
    );
  }
  if (code !== typed) return <Navigate to={`/house/${code}`} replace />;
  return <HouseFound code={code} />;
}

function HouseFound({ code }: { code: string }) {
  const { t } = useTranslation();
  const { call } = useServices();
  const { state, retry } = useLoadState(
    async (signal) => {
      const [house, declarations] = await Promise.all([
        call(houseByCode, { params: { code }, signal }),
        call(listDeclarations, { query: {}, signal }),
      ]);
      return { house, declarations: declarations.items };
    },
    code,
  );

  if (state.status === 'loading') return <LoadingBlock lines={5} />;
  if (state.status === 'failed') {
    if (state.error instanceof ApiError && state.error.status === 404) {
      return (
        <div className="rs-page">
          <CodeForm initialError={t('landlord:tenant.notFound')} />
        </div>
      );
    }
    return <LoadError error={state.error} retry={retry} />;
  }
  const { house, declarations } = state.value;
  const inProgress = declarations.find((item) => item.status === 'submitted' || item.status === 'returned');
  const registered = declarations.find((item) => item.status === 'registered');
  const query = new URLSearchParams({ house: house.id });
  if (registered) query.set('changeOf', registered.id);

  return (
    <div className="rs-page">
      <section className="rs-card rs-summary" aria-labelledby="house-title">
        <div className="rs-item-head">
          <HouseCode code={house.id} />
          <span className="rs-field-note">{houseTypeLabel(t, house.type)}</span>
        </div>
        <h2 id="house-title" className="rs-summary-title">
          <HouseAddress house={house} />
        </h2>
        <dl className="rs-facts">
          <Row label={t('landlord:tenant.landlord')}>
            <bdi>{house.landlordMasked}</bdi>
          </Row>
          <Row label={t('residence:detail.station')}>
            <bdi>{house.station.name}</bdi>
          </Row>
        </dl>
      </section>
      {inProgress ? (
        <div className="rs-banner rs-banner-warning">
          <p>{t('landlord:tenant.inProgress')}</p>
          <Link className="adm-button adm-button-primary adm-button-large adm-button-block rs-link-button" to={`/residence/${inProgress.id}`}>
            {t('landlord:tenant.viewInProgress')}
          </Link>
        </div>
      ) : (
        <>
          <div className="rs-card">
            <h3 className="rs-card-title">{t('landlord:tenant.howTitle')}</h3>
            <ol className="rs-next">
              <li>{t('landlord:tenant.how1')}</li>
              <li>{t('landlord:tenant.how2', { station: isolate(house.station.name) })}</li>
            </ol>
            {registered && <p className="rs-field-note">{t('landlord:tenant.changeNote')}</p>}
          </div>
          <div className="rs-actions">
            <Link className="adm-button adm-button-primary adm-button-large adm-button-block rs-link-button" to={`/residence/declare?${query.toString()}`}>
              {t('landlord:tenant.declareHere')}
            </Link>
          </div>
        </>
      )}
    </div>
  );
}
