import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import jsQR from 'jsqr';
import { tokenFromText } from '#shared/permit/token';

type ScanState = 'starting' | 'scanning' | 'notPermit' | 'noCamera' | 'denied' | 'failed';

/** Frames are decoded at most this wide: enough for a code filling part of the view, light on a phone. */
const MAX_FRAME = 640;
/** Between decodes: about seven a second, so scanning does not drain the battery. */
const FRAME_INTERVAL_MS = 150;

/** Why the camera could not start, from the error getUserMedia throws. */
function cameraProblem(error: unknown): ScanState {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return 'noCamera';
  return 'failed';
}

interface ScannerProps {
  onToken: (token: string) => void;
  onClose: () => void;
}

/**
 * The rear camera, decoding frames until it sees a permit's QR code. The camera stops as soon as a
 * code is read, when the checker closes the scanner or leaves the page, and when the page is hidden.
 */
export default function Scanner({ onToken, onClose }: ScannerProps) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<ScanState>('starting');
  const latest = useRef({ onToken, onClose });
  latest.current = { onToken, onClose };

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
      if (video.current) video.current.srcObject = null;
    };

    async function start() {
      if (!navigator.mediaDevices?.getUserMedia) {
        setState('noCamera');
        return;
      }
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
      } catch (error) {
        if (!stopped) setState(cameraProblem(error));
        return;
      }
      const element = video.current;
      if (stopped || !element) {
        stop();
        return;
      }
      element.srcObject = stream;
      try {
        await element.play();
      } catch {
        // Autoplay of a muted, inline video is allowed; a refusal here only delays the first frame.
      }
      setState('scanning');
      const canvas = document.createElement('canvas');
      const context = canvas.getContext('2d', { willReadFrequently: true });
      const tick = () => {
        if (stopped || !context) return;
        const { videoWidth: width, videoHeight: height } = element;
        if (element.readyState >= element.HAVE_CURRENT_DATA && width > 0 && height > 0) {
          const scale = Math.min(1, MAX_FRAME / Math.max(width, height));
          canvas.width = Math.round(width * scale);
          canvas.height = Math.round(height * scale);
          context.drawImage(element, 0, 0, canvas.width, canvas.height);
          const frame = context.getImageData(0, 0, canvas.width, canvas.height);
          const code = jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' });
          if (code) {
            const token = tokenFromText(code.data);
            if (token) {
              stop();
              latest.current.onToken(token);
              return;
            }
            setState('notPermit');
          }
        }
        timer = setTimeout(tick, FRAME_INTERVAL_MS);
      };
      tick();
    }

    void start();
    // A hidden page (another app, the screen off) gives the camera back.
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') latest.current.onClose();
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      stop();
    };
  }, []);

  const problem = state === 'noCamera' || state === 'denied' || state === 'failed';
  return (
    <div className="verify-scanner" data-testid="verify-scanner" data-state={state}>
      {!problem && (
        <div className="verify-viewfinder">
          <video ref={video} className="verify-video" playsInline muted autoPlay aria-label={t('verify:scan.view')} />
          <span className="verify-frame" aria-hidden="true" />
        </div>
      )}
      <p className={problem ? 'field-error verify-scan-status' : 'verify-scan-status'} role={problem ? 'alert' : 'status'}>
        {
          {
            starting: t('verify:scan.starting'),
            scanning: t('verify:scan.scanning'),
            notPermit: t('verify:scan.notPermit'),
            noCamera: t('verify:scan.noCamera'),
            denied: t('verify:scan.denied'),
            failed: t('verify:scan.failed'),
          }[state]
        }
      </p>
      {/* Drawn like antd-mobile's button but plain: the scanner's chunk must not split the UI kit out of the sign-in page's. */}
      <button type="button" className="adm-button adm-button-default adm-button-large adm-button-block" onClick={onClose}>
        {problem ? t('verify:scan.close') : t('verify:scan.stop')}
      </button>
    </div>
  );
}
