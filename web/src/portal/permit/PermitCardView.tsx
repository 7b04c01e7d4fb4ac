import { useState } from 'react';
import { Button, Dialog, Tag, Toast } from 'antd-mobile';
import { CheckCircleFill } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { endorsePermit, withdrawCancellation, type HolderPermit, type PermitCard } from '#shared/api/permit';
import { ApiError, messageOf } from '../../api/errors.ts';
import { useServices } from '../../app/services.ts';
import { isolate } from '../../i18n/bidi.ts';
import { useLanguage } from '../../i18n/language.ts';
import { CitationDetails, AddressText, Reference } from '../residence/parts.tsx';
import { Row } from '../residence/declare/steps.tsx';
import { formatDay } from '../residence/words.ts';
import { DeadlineLine, LinkButton, PermitStatusBadge, Section } from './parts.tsx';
import { HolderPhoto } from './HolderPhoto.tsx';
import { QrCode } from './QrCode.tsx';
import { cardActionsOf } from './rules.ts';

interface CardProps {
  holder: HolderPermit & { permit: PermitCard };
  receivedAt: number;
  refresh: () => void;
  refreshFailed: boolean;
  /** A card an action returned, to put in place of this one. */
  onCard: (card: PermitCard) => void;
}

type Notice = { kind: 'endorsed'; next?: string | undefined } | { kind: 'withdrawn' } | { kind: 'needsDeclaration'; message: string };

/** `?holder=` for the action pages: nothing for the caller's own permit. */
export const holderQuery = (holder: string) => (holder === 'self' ? '' : `?holder=${encodeURIComponent(holder)}`);

/**
 * 电子居住证: the card as a checker sees it (photo, holder, number, residence, dates, status), its
 * QR code that refreshes itself, what the status means, and what can be done with it now.
 */
export function PermitCardView({ holder, receivedAt, refresh, refreshFailed, onCard }: CardProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { call } = useServices();
  const [working, setWorking] = useState<'endorse' | 'withdraw'>();
  const [notice, setNotice] = useState<Notice>();
  const p = holder.permit;
  const actions = cardActionsOf(holder);
  const day = (iso: string) => formatDay(iso, language, t);
  const query = holderQuery(holder.holder);

  async function endorse() {
    const confirmed = await Dialog.confirm({
      title: t('permit:endorse.confirmTitle'),
      content: p.status === 'suspended' ? t('permit:endorse.confirmLate') : t('permit:endorse.confirm'),
      confirmText: t('permit:endorse.confirmButton'),
      cancelText: t('residence:form.cancel'),
    });
    if (!confirmed) return;
    setWorking('endorse');
    setNotice(undefined);
    try {
      const card = await call(endorsePermit, { body: { holder: holder.holder, version: p.version } });
      onCard(card);
      setNotice({ kind: 'endorsed', next: card.nextEndorsement?.opens });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'registration_not_active') setNotice({ kind: 'needsDeclaration', message: error.message });
      else Toast.show({ icon: 'fail', content: messageOf(error, t), duration: 4000 });
    } finally {
      setWorking(undefined);
    }
  }

  async function withdraw() {
    const confirmed = await Dialog.confirm({
      title: t('permit:leave.withdrawTitle'),
      content: t('permit:leave.withdrawContent'),
      confirmText: t('permit:leave.withdrawConfirm'),
      cancelText: t('residence:form.cancel'),
    });
    if (!confirmed) return;
    setWorking('withdraw');
    setNotice(undefined);
    try {
      onCard(await call(withdrawCancellation, { query: { holder: holder.holder } }));
      setNotice({ kind: 'withdrawn' });
    } catch (error) {
      Toast.show({ icon: 'fail', content: messageOf(error, t), duration: 4000 });
    } finally {
      setWorking(undefined);
    }
  }

  return (
    <div className="pm-card-block">
      {notice?.kind === 'endorsed' && (
        <div className="pm-notice pm-notice-success" role="status" data-testid="permit-endorsed">
          <CheckCircleFill aria-hidden="true" className="pm-notice-icon" />
          <p>
            {t('permit:endorse.done')}
            {notice.next && <> {t('permit:endorse.doneNext', { date: day(notice.next) })}</>}
          </p>
        </div>
      )}
      {notice?.kind === 'withdrawn' && (
        <div className="pm-notice pm-notice-success" role="status">
          <CheckCircleFill aria-hidden="true" className="pm-notice-icon" />
          <p>{t('permit:leave.withdrawn')}</p>
        </div>
      )}
      {notice?.kind === 'needsDeclaration' && (
        <div className="rs-banner rs-banner-warning" role="alert" data-testid="permit-endorse-needs-declaration">
          <p className="rs-banner-title">{t('permit:endorse.needsDeclarationTitle')}</p>
          <p>{notice.message}</p>
          <p>{t('permit:endorse.needsDeclaration')}</p>
          <LinkButton to="/residence/declare" primary>
            {t('permit:eligibility.declare')}
          </LinkButton>
        </div>
      )}

      <article className={`pm-card pm-card-${p.status}`} aria-labelledby={`pm-card-title-${p.id}`} data-testid="permit-card">
        <header className="pm-card-head">
          <h2 id={`pm-card-title-${p.id}`} className="pm-card-title">
            {t('permit:card.title')}
          </h2>
          <PermitStatusBadge status={p.status} />
        </header>
        <div className="pm-card-body">
          <HolderPhoto className="pm-card-photo" src={p.photoUrl} alt={t('permit:card.photoAlt', { name: isolate(p.holderName) })} width={96} height={128} />
          <dl className="pm-card-facts">
            <div>
              <dt>{t('permit:card.holder')}</dt>
              <dd className="pm-card-name">
                <bdi>{p.holderName}</bdi>
              </dd>
            </div>
            <div>
              <dt>{t('permit:card.number')}</dt>
              <dd>
                <Reference id={p.number} />
              </dd>
            </div>
            <div>
              <dt>{t('permit:card.city')}</dt>
              <dd>
                <bdi lang="zh-CN">{p.city}</bdi>
              </dd>
            </div>
          </dl>
        </div>
        {p.photoIntegrity === 'mismatch' && (
          <p className="pm-photo-integrity" role="alert" data-testid="permit-photo-integrity">
            {t('permit:card.photoIntegrity')}
          </p>
        )}
        <dl className="rs-facts pm-card-more">
          <Row label={t('permit:card.residence')}>
            <AddressText path={p.address.path} detail={p.address.detail} />
          </Row>
          <Row label={t('permit:card.issuedOn')}>{day(p.issuedOn)}</Row>
          <Row label={t('permit:card.validUntil')}>{p.validUntil ? day(p.validUntil) : t('permit:card.noExpiry')}</Row>
          {p.nextEndorsement && (
            <Row label={t('permit:card.nextEndorsement')}>
              <span data-testid="permit-next-endorsement">{t('permit:card.window', { opens: day(p.nextEndorsement.opens), closes: day(p.nextEndorsement.closes) })}</span>{' '}
              {p.status === 'suspended' ? (
                <Tag color="danger" fill="solid">
                  {t('permit:card.windowOverdue')}
                </Tag>
              ) : (
                p.nextEndorsement.open && (
                  <Tag color="warning" fill="solid">
                    {t('permit:card.windowOpen')}
                  </Tag>
                )
              )}
            </Row>
          )}
          <Row label={t('permit:card.yearsFrom')}>{day(p.yearsFrom)}</Row>
        </dl>
        {p.status !== 'cancelled' && (
          <QrCode link={p.qr.link} receivedAt={receivedAt} refreshSeconds={p.qr.refreshSeconds} refresh={refresh} refreshFailed={refreshFailed} />
        )}
      </article>

      <StatusExplanation holder={holder} />

      {p.cancellation && (
        <div className="rs-banner rs-banner-warning" data-testid="permit-leaving">
          <p className="rs-banner-title">{t('permit:leave.pendingTitle')}</p>
          <p>
            {t('permit:leave.pending', { leaving: day(p.cancellation.leavingOn), effective: day(p.cancellation.effectiveOn) })}
          </p>
        </div>
      )}

      <section className="rs-actions pm-actions" aria-label={t('permit:card.actions')}>
        {actions.endorse && (
          <Button color="primary" size="large" block loading={working === 'endorse'} onClick={() => void endorse()} data-testid="permit-endorse">
            {p.status === 'suspended' ? t('permit:endorse.buttonLate') : t('permit:endorse.button')}
          </Button>
        )}
        {actions.renew && (
          <LinkButton to={`/permit/renew${query}`} testId="permit-renew">
            {t('permit:renew.button')}
          </LinkButton>
        )}
        {actions.replace && (
          <LinkButton to={`/permit/replace${query}`} testId="permit-replace">
            {t('permit:replace.button')}
          </LinkButton>
        )}
        {actions.withdrawLeaving && (
          <Button size="large" block loading={working === 'withdraw'} onClick={() => void withdraw()} data-testid="permit-withdraw-leaving">
            {t('permit:leave.withdraw')}
          </Button>
        )}
        {actions.leave && (
          <LinkButton to={`/permit/leave${query}`} testId="permit-leave">
            {t('permit:leave.button')}
          </LinkButton>
        )}
      </section>

      {(p.nextEndorsement || p.renewBy) && p.status !== 'cancelled' && (
        <Section title={t('permit:card.keepValid')} testId="permit-keep-valid">
          {p.nextEndorsement && (
            <div className="pm-deadline">
              <p className="pm-deadline-text">
                {p.status === 'suspended'
                  ? t('permit:endorse.overdue', { closes: day(p.nextEndorsement.closes) })
                  : p.nextEndorsement.open
                  ? t('permit:endorse.windowOpen', { closes: day(p.nextEndorsement.closes) })
                  : t('permit:endorse.windowLater', { opens: day(p.nextEndorsement.opens), closes: day(p.nextEndorsement.closes) })}
              </p>
              <CitationDetails citation={p.nextEndorsement.citation} />
            </div>
          )}
          {p.renewBy && <DeadlineLine deadline={p.renewBy} sentence={(values) => t('permit:renew.renewBy', values)} />}
        </Section>
      )}
    </div>
  );
}

/** What a status other than valid means for the holder, and the rule behind it. */
function StatusExplanation({ holder }: { holder: HolderPermit & { permit: PermitCard } }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const p = holder.permit;
  if (p.status === 'valid') return null;
  const missed = p.missedEndorsement;
  return (
    <div className={p.status === 'suspended' ? 'rs-banner rs-banner-warning' : 'rs-banner'} data-testid="permit-status-explanation">
      <p className="rs-banner-title">{t(`permit:statusExplanation.${p.status}`)}</p>
      {p.status === 'suspended' && missed && (
        <>
          <p>{missed.residenceYears === 'restartAtEndorsement' ? t('permit:statusExplanation.restart') : t('permit:statusExplanation.continuous')}</p>
          <CitationDetails citation={missed.citation} />
        </>
      )}
      {p.status === 'expired' && p.validUntil && <p>{t('permit:statusExplanation.expiredOn', { date: formatDay(p.validUntil, language, t) })}</p>}
    </div>
  );
}
