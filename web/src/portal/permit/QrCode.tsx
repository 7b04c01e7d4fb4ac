import { useEffect, useState } from 'react';
import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { isolateLtr } from '../../i18n/bidi.ts';
import { useQrImage } from '../qr-image.ts';
import { qrSecondsLeft } from './rules.ts';

/** Whether the page is on screen: nothing refreshes for a phone in a pocket or a tab in the background. */
function usePageVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState !== 'hidden');
  useEffect(() => {
    const update = () => setVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return visible;
}

/**
 * Seconds until the code is fetched again, ticking while the page is visible; at zero it asks for a
 * new one once (`refresh`), and again on coming back to a page whose code ran out while hidden.
 */
export function useQrRefresh(receivedAt: number, refreshSeconds: number, refresh: () => void): number {
  const visible = usePageVisible();
  const [now, setNow] = useState(() => Date.now());
  const left = qrSecondsLeft(receivedAt, refreshSeconds, now);

  useEffect(() => {
    if (!visible) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [visible]);

  useEffect(() => {
    // Once per code: `receivedAt` changes when the new one arrives.
    if (visible && left === 0) refresh();
  }, [visible, left === 0, receivedAt]);

  return left;
}

interface QrCodeProps {
  link: string;
  receivedAt: number;
  refreshSeconds: number;
  refresh: () => void;
  /** The last refresh failed: the code shown may have run out. */
  refreshFailed: boolean;
}

/** The permit's QR code, which refreshes itself, with a countdown and a way to refresh now. */
export function QrCode({ link, receivedAt, refreshSeconds, refresh, refreshFailed }: QrCodeProps) {
  const { t } = useTranslation();
  // Low correction keeps the long signed link at the fewest, largest modules: a phone screen is clean, and size is what a camera needs.
  const image = useQrImage(link, 'L');
  const left = useQrRefresh(receivedAt, refreshSeconds, refresh);
  return (
    <figure className="pm-qr" data-testid="permit-qr-block">
      {image ? (
        <img className="pm-qr-image" src={image} width={280} height={280} alt={t('permit:card.qrAlt')} data-testid="permit-qr" />
      ) : (
        <div className="pm-qr-image pm-qr-placeholder" role="status" aria-label={t('common:state.loading')} />
      )}
      <figcaption className="pm-qr-caption">
        {refreshFailed ? (
          <span role="alert" className="pm-qr-failed">
            {t('permit:card.qrRefreshFailed')}{' '}
            <Button size="mini" color="primary" fill="outline" onClick={refresh}>
              {t('common:action.retry')}
            </Button>
          </span>
        ) : (
          <span data-testid="permit-qr-countdown">{t('permit:card.qrCountdown', { seconds: isolateLtr(String(left)) })}</span>
        )}
        <span className="pm-qr-hint">{t('permit:card.qrHint')}</span>
      </figcaption>
    </figure>
  );
}
