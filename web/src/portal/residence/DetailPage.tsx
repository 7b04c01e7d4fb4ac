import { useState, type ReactNode } from 'react';
import { Button, DatePicker, Dialog, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { getDeclaration, moveOut, type Declaration } from '#shared/api/residence';
import { shanghaiDate } from '#shared/policy/civil-time';
import { messageOf } from '../../api/errors.ts';
import { useServices } from '../../app/services.ts';
import { useLanguage } from '../../i18n/language.ts';
import { AddressText, DeadlineNotice, LandlordConfirmationNotice, ReasonList, Reference, Section, StatusTag } from './parts.tsx';
import { LoadError, LoadingBlock } from './states.tsx';
import { useLoadState } from '../../app/load.ts';
import { codeLabel, formatDay, formatMoment, formatSize, isoFromPicker, pickerDate, translate } from './words.ts';

/** One declaration: where it stands, what it says, its deadline, its history and what can be done next. */
export default function DetailPage() {
  const { call } = useServices();
  const { id = '' } = useParams();
  const { state, retry, replace } = useLoadState((signal) => call(getDeclaration, { params: { id }, signal }), id);
  if (state.status === 'loading') return <LoadingBlock lines={8} />;
  if (state.status === 'failed') return <LoadError error={state.error} retry={retry} />;
  return <Detail declaration={state.value} onChange={replace} />;
}

function Detail({ declaration, onChange }: { declaration: Declaration; onChange: (next: Declaration) => void }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const d = declaration;
  const change = Boolean(d.changeOf);
  const returned = d.status === 'returned' ? [...d.history].reverse().find((entry) => entry.event === 'returned') : undefined;

  return (
    <div className="rs-page">
      <section className="rs-card rs-summary" aria-labelledby="rs-detail-status">
        <div className="rs-item-head">
          <StatusTag status={d.status} />
          <span className="rs-field-note">{t('residence:detail.updatedAt', { date: formatMoment(d.updatedAt, language, t) })}</span>
        </div>
        <h2 id="rs-detail-status" className="rs-summary-title">
          {d.status === 'submitted' && d.landlordConfirmation?.state === 'requested'
            ? t('residence:landlordConfirmation.requestedHelp')
            : codeLabel(t, 'statusHelp', d.status)}
        </h2>
        <p className="rs-summary-label">{t('residence:declared.reference')}</p>
        <p className="rs-summary-reference">
          <Reference id={d.id} large />
        </p>
      </section>

      {d.landlordConfirmation && <LandlordConfirmationNotice confirmation={d.landlordConfirmation} />}

      {returned && (
        <section className="rs-banner rs-banner-warning" aria-labelledby="rs-detail-returned">
          <h2 id="rs-detail-returned" className="rs-banner-title">
            {t('residence:declare.returnedTitle')}
          </h2>
          <ReasonList entry={returned} />
          <Link className="adm-button adm-button-primary adm-button-large adm-button-block rs-link-button" to={`/residence/${d.id}/correct`}>
            {t('residence:detail.correct')}
          </Link>
        </section>
      )}

      <Actions declaration={d} onChange={onChange} />

      {d.movedOut && (
        <Section title={t('residence:detail.movedOutTitle')}>
          <dl className="rs-facts">
            <Row label={t('residence:detail.movedOutOn')}>{formatDay(d.movedOut.on, language, t)}</Row>
          </dl>
          <DeadlineNotice deadline={d.movedOut.deadline} kind="change" tense="made" />
        </Section>
      )}

      <Section title={t('residence:detail.deadlineTitle')}>
        <DeadlineNotice deadline={d.deadline} kind={change ? 'change' : 'registration'} tense="made" />
      </Section>

      <Section title={t('residence:detail.dataTitle')}>
        <dl className="rs-facts">
          {d.changeOf && (
            <Row label={t('residence:detail.changeOf')}>
              <Link to={`/residence/${d.changeOf}`}>
                <Reference id={d.changeOf} />
              </Link>
            </Row>
          )}
          <Row label={t('residence:detail.address')}>
            <AddressText path={d.address.path} detail={d.address.detail} />
          </Row>
          <Row label={t('residence:detail.station')}>
            <bdi>{d.station.name}</bdi>
          </Row>
          <Row label={t('residence:declare.moveInDate')}>{formatDay(d.moveInDate, language, t)}</Row>
          <Row label={t('residence:declare.intendedStay')}>{codeLabel(t, 'intendedStays', d.intendedStay)}</Row>
          <Row label={t('residence:declare.reason')}>
            {codeLabel(t, 'reasons', d.reason)}
            {d.reasonDetail && (
              <>
                {t('residence:declare.detailSeparator')}
                <bdi>{d.reasonDetail}</bdi>
              </>
            )}
          </Row>
          <Row label={t('residence:declare.housing')}>{codeLabel(t, 'housing', d.housing)}</Row>
          {d.landlordPhone && (
            <Row label={t('residence:declare.landlordPhone')}>
              <bdi dir="ltr">{d.landlordPhone}</bdi>
            </Row>
          )}
          <Row label={t('residence:detail.submittedAt')}>{formatMoment(d.submittedAt, language, t)}</Row>
          {d.registeredAt && <Row label={t('residence:detail.registeredAt')}>{formatMoment(d.registeredAt, language, t)}</Row>}
        </dl>
      </Section>

      <Section title={t('residence:detail.documentsTitle')}>
        {d.documents.length === 0 ? (
          <p className="rs-field-note">{t('residence:detail.noDocuments')}</p>
        ) : (
          <ul className="rs-documents">
            {d.documents.map((document) => (
              <li key={document.id}>
                <span className="rs-document-kind">{translate(t)(`policy:documents.${document.kind}`)}</span>
                <bdi>{document.fileName}</bdi> <span className="rs-field-note">{formatSize(document.size, t)}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={t('residence:detail.historyTitle')}>
        <ol className="rs-timeline">
          {d.history.map((entry, index) => (
            <li key={index} className={`rs-timeline-item rs-timeline-${entry.event}`}>
              <p className="rs-timeline-event">{codeLabel(t, 'events', entry.event)}</p>
              <p className="rs-timeline-meta">
                {formatMoment(entry.at, language, t)} · {codeLabel(t, 'actors', entry.actor)}
              </p>
              <ReasonList entry={entry} />
            </li>
          ))}
        </ol>
      </Section>
    </div>
  );
}


/** What the user can do in this status: view the certificate, change address, move out, withdraw. */
function Actions({ declaration, onChange }: { declaration: Declaration; onChange: (next: Declaration) => void }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { call } = useServices();
  const navigate = useNavigate();
  const [picking, setPicking] = useState(false);
  const [working, setWorking] = useState(false);
  const today = shanghaiDate(new Date());
  const d = declaration;

  async function end(movedOutOn: string, withdraw: boolean) {
    const confirmed = await Dialog.confirm({
      title: withdraw ? t('residence:moveOut.withdrawTitle') : t('residence:moveOut.confirmTitle'),
      content: withdraw
        ? t('residence:moveOut.withdrawContent')
        : t('residence:moveOut.confirmContent', { date: formatDay(movedOutOn, language, t) }),
      confirmText: withdraw ? t('residence:moveOut.withdrawConfirm') : t('residence:moveOut.confirm'),
      cancelText: t('residence:form.cancel'),
    });
    if (!confirmed) return;
    setWorking(true);
    try {
      const next = await call(moveOut, { params: { id: d.id }, body: { movedOutOn, version: d.version } });
      onChange(next);
      Toast.show({ icon: 'success', content: withdraw ? t('residence:moveOut.withdrawn') : t('residence:moveOut.done') });
      window.scrollTo(0, 0);
    } catch (error) {
      Toast.show({ icon: 'fail', content: messageOf(error, t), duration: 4000 });
    } finally {
      setWorking(false);
    }
  }

  if (d.status === 'ended') return null;
  const buttons: ReactNode[] = [];
  if (d.status === 'registered') {
    buttons.push(
      <Link key="certificate" className="adm-button adm-button-primary adm-button-large adm-button-block rs-link-button" to={`/residence/${d.id}/certificate`}>
        {t('residence:detail.certificate')}
      </Link>,
      <Button key="change" size="large" block onClick={() => navigate(`/residence/declare?changeOf=${encodeURIComponent(d.id)}`)}>
        {t('residence:detail.changeAddress')}
      </Button>,
      <Button key="moveOut" size="large" block color="danger" fill="outline" loading={working} onClick={() => setPicking(true)}>
        {t('residence:moveOut.button')}
      </Button>,
    );
  } else {
    buttons.push(
      <Button key="withdraw" size="large" block color="danger" fill="outline" loading={working} onClick={() => void end(today < d.moveInDate ? d.moveInDate : today, true)}>
        {t('residence:moveOut.withdraw')}
      </Button>,
    );
  }
  return (
    <section className="rs-actions rs-detail-actions" aria-label={t('residence:detail.actions')}>
      {buttons}
      {d.status === 'registered' && <p className="rs-field-note">{t('residence:moveOut.hint')}</p>}
      <DatePicker
        visible={picking}
        title={t('residence:moveOut.date')}
        precision="day"
        min={pickerDate(d.moveInDate)}
        max={pickerDate(today)}
        value={pickerDate(today)}
        onClose={() => setPicking(false)}
        onConfirm={(date) => void end(isoFromPicker(date), false)}
        confirmText={t('residence:form.confirm')}
        cancelText={t('residence:form.cancel')}
      />
    </section>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

