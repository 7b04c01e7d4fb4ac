import { useState, type FormEvent } from 'react';
import { Button, DatePicker, Dialog, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { addAgent, getHouse, moveTenantOut, removeAgent, type House, type Tenancy } from '#shared/api/landlord';
import { Phone } from '#shared/api/identity';
import { SAFETY_ITEMS } from '#shared/landlord/house';
import { shanghaiDate } from '#shared/policy/civil-time';
import type { CallOutput } from '../../api/client.ts';
import { messageOf } from '../../api/errors.ts';
import { useServices } from '../../app/services.ts';
import { useLoadState } from '../../app/load.ts';
import { isolate, isolateLtr } from '../../i18n/bidi.ts';
import { checkField } from '../../i18n/issues.ts';
import { useLanguage } from '../../i18n/language.ts';
import { TextField } from '../TextField.tsx';
import { Row } from '../residence/declare/steps.tsx';
import { Section } from '../residence/parts.tsx';
import { LoadError, LoadingBlock } from '../residence/states.tsx';
import { formatDay, formatDue, formatMoment, isoFromPicker, pickerDate, translate } from '../residence/words.ts';
import { DutiesList, FinesList, HouseAddress, HouseCode, Occupancy, OverdueTag, ReportDeadline, ReportDeadlineLine, TenancyFacts, TenancyStatusTag } from './parts.tsx';
import { HousePoster } from './Poster.tsx';
import { houseTypeLabel, moveInSentence, splitTenancies } from './words.ts';

type HouseWithTenancies = CallOutput<typeof getHouse>;

/** One house: its tenants (move-out in one tap), the door poster, the duties and fines from its pack, and its agents. */
export default function HousePage() {
  const { call } = useServices();
  const { code = '' } = useParams();
  const { state, retry, replace } = useLoadState((signal) => call(getHouse, { params: { id: code }, signal }), code);
  if (state.status === 'loading') return <LoadingBlock lines={8} />;
  if (state.status === 'failed') return <LoadError error={state.error} retry={retry} />;
  return <HouseView house={state.value} reload={() => call(getHouse, { params: { id: code } }).then(replace)} />;
}

function HouseView({ house, reload }: { house: HouseWithTenancies; reload: () => Promise<void> }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { current, past } = splitTenancies(house.tenancies);
  const waiting = current.filter((tenancy) => tenancy.status === 'awaitingLandlord').length;
  const [movedOut, setMovedOut] = useState<Tenancy>();
  const sentence = moveInSentence(house.duties, t);

  return (
    <div className="rs-page">
      <section className="rs-card rs-summary" aria-labelledby="ll-house-title">
        <div className="rs-item-head">
          <HouseCode code={house.id} />
          <span className="rs-field-note">{houseTypeLabel(t, house.type)}</span>
          {house.role === 'agent' && <span className="rs-field-note">{t('landlord:list.agent')}</span>}
        </div>
        <h2 id="ll-house-title" className="rs-summary-title">
          <HouseAddress house={house} />
        </h2>
        <Occupancy occupancy={house.occupancy} />
        <p className="rs-field-note">{t('landlord:registered.station', { station: isolate(house.station.name) })}</p>
      </section>
      {house.occupancy.overCapacity && (
        <div className="rs-banner rs-banner-warning" role="status">
          <p>
            {t('landlord:occupancy.warning', {
              occupants: String(house.occupancy.occupants),
              max: String(house.occupancy.maxOccupants),
            })}
          </p>
        </div>
      )}

      <section className="rs-actions rs-detail-actions" aria-label={t('landlord:house.actions')}>
        <Link className="adm-button adm-button-primary adm-button-large adm-button-block rs-link-button" to={`/houses/${house.id}/report`}>
          {t('landlord:house.report')}
        </Link>
        {waiting > 0 && (
          <Link className="adm-button adm-button-warning adm-button-large adm-button-block rs-link-button" to="/houses/confirmations">
            {t('landlord:house.toConfirm', { n: String(waiting) })}
          </Link>
        )}
        {sentence && <p className="rs-field-note">{sentence}</p>}
      </section>

      {movedOut && (
        <section className="rs-banner" role="status" aria-labelledby="ll-moved-out">
          <h3 id="ll-moved-out" className="rs-banner-title">
            {t('landlord:moveOut.done', { name: isolate(movedOut.tenant.name), date: formatDay(movedOut.moveOutDate ?? '', language, t) })}
          </h3>
          {movedOut.moveOutReport && <ReportDeadline report={movedOut.moveOutReport} tense="filed" />}
        </section>
      )}

      <Section title={t('landlord:house.tenantsTitle')}>
        {current.length === 0 ? (
          <p className="rs-field-note">{t('landlord:house.noTenants')}</p>
        ) : (
          <ul className="ll-tenants" aria-label={t('landlord:house.tenantsTitle')}>
            {current.map((tenancy) => (
              <li key={tenancy.id}>
                <TenantRow
                  tenancy={tenancy}
                  onMovedOut={async (ended) => {
                    setMovedOut(ended);
                    window.scrollTo(0, 0);
                    await reload();
                  }}
                />
              </li>
            ))}
          </ul>
        )}
        {past.length > 0 && (
          <details className="ll-past">
            <summary>{t('landlord:house.pastTitle', { n: String(past.length) })}</summary>
            <ul className="ll-tenants">
              {past.map((tenancy) => (
                <li key={tenancy.id}>
                  <TenantRow tenancy={tenancy} />
                </li>
              ))}
            </ul>
          </details>
        )}
      </Section>

      <Section title={t('landlord:poster.sectionTitle')}>
        <HousePoster house={house} />
      </Section>

      <Section title={t('landlord:duties.title')}>
        <DutiesList duties={house.duties} />
      </Section>

      <Section title={t('landlord:fines.title')}>
        <p className="rs-lead">{t('landlord:fines.lead')}</p>
        <FinesList fines={house.duties.fines} />
      </Section>

      {house.role === 'owner' && <Agents house={house} onChange={reload} />}

      <Section title={t('landlord:house.detailsTitle')}>
        <dl className="rs-facts">
          <Row label={t('landlord:form.type')}>{houseTypeLabel(t, house.type)}</Row>
          <Row label={t('landlord:form.rooms')}>{house.rooms}</Row>
          <Row label={t('landlord:form.maxOccupants')}>{house.maxOccupants}</Row>
          {SAFETY_ITEMS.map((item) => (
            <Row key={item} label={translate(t)(`landlord:safety.${item}`)}>
              {house.safety[item] ? t('landlord:safety.yes') : t('landlord:safety.no')}
            </Row>
          ))}
          <Row label={t('landlord:house.updatedAt')}>{formatMoment(house.updatedAt, language, t)}</Row>
        </dl>
        <div className="rs-actions">
          <Link className="adm-button adm-button-default adm-button-large adm-button-block rs-link-button" to={`/houses/${house.id}/edit`}>
            {t('landlord:house.edit')}
          </Link>
        </div>
      </Section>
    </div>
  );
}

/** A tenant: who, which room, since when, whether the report was on time; move-out in one tap. */
function TenantRow({ tenancy, onMovedOut }: { tenancy: Tenancy; onMovedOut?: (ended: Tenancy) => Promise<void> }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { call } = useServices();
  const [picking, setPicking] = useState(false);
  const [working, setWorking] = useState(false);
  const today = shanghaiDate(new Date());
  const name = tenancy.tenant.name;

  async function moveOut(date: string) {
    const confirmed = await Dialog.confirm({
      title: t('landlord:moveOut.confirmTitle'),
      content: t('landlord:moveOut.confirmContent', { name: isolate(name), date: formatDay(date, language, t) }),
      confirmText: t('landlord:moveOut.confirm'),
      cancelText: t('residence:form.cancel'),
    });
    if (!confirmed) return;
    setWorking(true);
    try {
      const ended = await call(moveTenantOut, { params: { id: tenancy.id }, body: { movedOutOn: date, version: tenancy.version } });
      Toast.show({ icon: 'success', content: t('landlord:moveOut.toast') });
      await onMovedOut?.(ended);
    } catch (error) {
      Toast.show({ icon: 'fail', content: messageOf(error, t), duration: 4000 });
    } finally {
      setWorking(false);
    }
  }

  const canMoveOut = onMovedOut && (tenancy.status === 'active' || tenancy.status === 'awaitingTenant');
  return (
    <article className={tenancy.overdue ? 'll-tenant ll-tenant-overdue' : 'll-tenant'} aria-label={name}>
      <div className="rs-item-head">
        <strong className="ll-tenant-title">
          <bdi>{name}</bdi>
        </strong>
        <TenancyStatusTag status={tenancy.status} />
        {tenancy.overdue && <OverdueTag />}
      </div>
      <dl className="rs-facts ll-tenant-facts">
        <TenancyFacts tenancy={tenancy} />
        <Row label={t('landlord:report.citizenId')}>
          <bdi dir="ltr" className="rs-code">
            {tenancy.tenant.citizenIdMasked}
          </bdi>
        </Row>
        <Row label={t('landlord:house.reference')}>
          <bdi dir="ltr" className="rs-reference">
            {tenancy.id}
          </bdi>
        </Row>
        {tenancy.status === 'awaitingLandlord' && tenancy.confirmBy && (
          <Row label={t('landlord:confirmations.deadline')}>
            <span className={tenancy.overdue ? 'll-late' : undefined}>{formatDue(tenancy.confirmBy, language, t)}</span>
          </Row>
        )}
        {tenancy.moveInReport.filedAt && (
          <Row label={t('landlord:house.moveInReport')}>
            <ReportDeadlineLine report={tenancy.moveInReport} tense="filed" />
          </Row>
        )}
        {tenancy.moveOutReport?.filedAt && (
          <Row label={t('landlord:house.moveOutReport')}>
            <ReportDeadlineLine report={tenancy.moveOutReport} tense="filed" />
          </Row>
        )}
      </dl>
      {tenancy.status === 'awaitingTenant' && <p className="rs-field-note">{t('landlord:house.awaitingTenantNote')}</p>}
      {canMoveOut && (
        <>
          <Button size="large" block color="danger" fill="outline" loading={working} onClick={() => setPicking(true)}>
            {t('landlord:moveOut.button')}
            <span className="visually-hidden"> {name}</span>
          </Button>
          <DatePicker
            visible={picking}
            title={t('landlord:moveOut.date')}
            precision="day"
            min={pickerDate(tenancy.moveInDate)}
            max={pickerDate(today)}
            defaultValue={pickerDate(today)}
            onClose={() => setPicking(false)}
            onConfirm={(date) => void moveOut(isoFromPicker(date))}
            confirmText={t('residence:form.confirm')}
            cancelText={t('residence:form.cancel')}
          />
        </>
      )}
      {tenancy.status === 'awaitingLandlord' && onMovedOut && (
        <Link className="adm-button adm-button-primary adm-button-large adm-button-block rs-link-button" to="/houses/confirmations">
          {t('landlord:house.answer')}
          <span className="visually-hidden"> {name}</span>
        </Link>
      )}
    </article>
  );
}

/** The owner's agents: who may act for this house (by phone number), added and withdrawn here. */
function Agents({ house, onChange }: { house: House; onChange: () => Promise<void> }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { call } = useServices();
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string>();
  const [adding, setAdding] = useState(false);

  async function add(event: FormEvent) {
    event.preventDefault();
    const problem = checkField(t, Phone, 'phone', phone.trim());
    setError(problem);
    if (problem) {
      document.getElementById('agent-phone')?.focus();
      return;
    }
    setAdding(true);
    try {
      await call(addAgent, { params: { id: house.id }, body: { phone: phone.trim() } });
      setPhone('');
      Toast.show({ icon: 'success', content: t('landlord:agents.added') });
      await onChange();
    } catch (failure) {
      setError(messageOf(failure, t));
    } finally {
      setAdding(false);
    }
  }

  async function remove(agentId: string, masked: string) {
    const confirmed = await Dialog.confirm({
      title: t('landlord:agents.removeTitle'),
      content: t('landlord:agents.removeContent', { phone: isolateLtr(masked) }),
      confirmText: t('landlord:agents.remove'),
      cancelText: t('residence:form.cancel'),
    });
    if (!confirmed) return;
    try {
      await call(removeAgent, { params: { id: house.id, agentId } });
      Toast.show({ icon: 'success', content: t('landlord:agents.removed') });
      await onChange();
    } catch (failure) {
      Toast.show({ icon: 'fail', content: messageOf(failure, t), duration: 4000 });
    }
  }

  return (
    <Section title={t('landlord:agents.title')}>
      <p className="rs-lead">{t('landlord:agents.lead')}</p>
      {house.agents.length > 0 && (
        <ul className="ll-agents">
          {house.agents.map((agent) => (
            <li key={agent.id} className="ll-agent">
              <span>
                <bdi dir="ltr" className="rs-code">
                  {agent.phoneMasked}
                </bdi>
                <span className="rs-field-note"> {t('landlord:agents.addedAt', { date: formatMoment(agent.addedAt, language, t) })}</span>
              </span>
              <Button size="small" color="danger" fill="outline" onClick={() => void remove(agent.id, agent.phoneMasked)}>
                {t('landlord:agents.remove')}
                <span className="visually-hidden"> {agent.phoneMasked}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form noValidate onSubmit={(event) => void add(event)}>
        <TextField
          id="agent-phone"
          label={t('landlord:agents.phone')}
          value={phone}
          onChange={setPhone}
          error={error}
          type="tel"
          inputMode="numeric"
          autoComplete="off"
          maxLength={11}
        />
        <Button type="submit" size="large" block loading={adding}>
          {t('landlord:agents.add')}
        </Button>
      </form>
    </Section>
  );
}
