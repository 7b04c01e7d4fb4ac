import { useCallback, useEffect, useRef, useState } from 'react';
import { getUpload, type UploadView } from '#shared/api/agency';
import { useServices } from '../../app/services.ts';
import { isRunning } from './words.ts';

/** How often a running upload is asked about; slower after a failed ask. */
const POLL_MS = 1000;
const RETRY_MS = 3000;

export type UploadState =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  /** `stale`: the last ask failed and the page shows the view before it while asking again. */
  | { status: 'ready'; upload: UploadView; stale: boolean };

/**
 * An upload, asked for again every second while it moves on by itself (waiting for its file, being
 * checked or written) and no longer once it rests or the page is left. `replace` puts in the view an
 * action answered with (the commit), which starts the asking again.
 */
export function useUpload(id: string) {
  const { call } = useServices();
  const [state, setState] = useState<UploadState>({ status: 'loading' });
  const [round, setRound] = useState(0);
  // Which upload is on screen: a failed ask then keeps it rather than blanking the page.
  const shown = useRef<string | undefined>(undefined);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = () => {
      call(getUpload, { params: { id }, signal: controller.signal }).then(
        (upload) => {
          if (controller.signal.aborted) return;
          shown.current = upload.id;
          setState({ status: 'ready', upload, stale: false });
          if (isRunning(upload.status)) timer = setTimeout(ask, POLL_MS);
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          if (shown.current !== id) {
            setState({ status: 'failed', error });
            return;
          }
          // A blip while following progress: keep what is shown and ask again a little later.
          setState((previous) => (previous.status === 'ready' ? { ...previous, stale: true } : previous));
          timer = setTimeout(ask, RETRY_MS);
        },
      );
    };
    ask();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [call, id, round]);

  const replace = useCallback((upload: UploadView) => {
    shown.current = upload.id;
    setState({ status: 'ready', upload, stale: false });
    setRound((n) => n + 1);
  }, []);
  const retry = useCallback(() => {
    shown.current = undefined;
    setState({ status: 'loading' });
    setRound((n) => n + 1);
  }, []);
  return { state, replace, retry };
}
