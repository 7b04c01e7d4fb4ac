import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Button } from 'antd-mobile';
import { DownlandOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { messageOf } from '../../api/errors.ts';
import { saveFile } from '../../api/files.ts';
import { useServices } from '../../app/services.ts';
import { fetchFile } from './files.ts';

export type Download = { status: 'idle' } | { status: 'loading' } | { status: 'done'; url: string; fileName: string } | { status: 'failed'; message: string };

/**
 * A file of the API (the template, the error file) fetched with the user's token and language and
 * handed to the browser as a download; the file's URL is kept (and offered as a link) until the
 * page is left or another file is fetched.
 */
export function useDownload() {
  const { t, i18n } = useTranslation();
  const { sessions } = useServices();
  const [download, setDownload] = useState<Download>({ status: 'idle' });
  const url = download.status === 'done' ? download.url : undefined;
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);

  const start = useCallback(
    async (path: string, fallbackName: string) => {
      setDownload({ status: 'loading' });
      try {
        const { blob, fileName } = await fetchFile(
          { path, token: sessions.get()?.token, language: i18n.language, t, onUnauthorized: () => sessions.end() },
          fallbackName,
        );
        setDownload({ status: 'done', url: saveFile(blob, fileName), fileName });
      } catch (error) {
        setDownload({ status: 'failed', message: messageOf(error, t) });
      }
    },
    [i18n, sessions, t],
  );
  const reset = useCallback(() => setDownload({ status: 'idle' }), []);
  return { download, start, reset };
}

/** The button that starts a download: busy while the file is fetched. */
export function DownloadButton({ download, onClick, children }: { download: Download; onClick: () => void; children: ReactNode }) {
  return (
    <Button color="primary" fill="outline" size="large" block loading={download.status === 'loading'} onClick={onClick}>
      <DownlandOutline aria-hidden="true" /> {children}
    </Button>
  );
}

/** Under a download button: the saved file as a link (`testId` names it for the browser tests), or what went wrong. */
export function DownloadOutcome({ download, testId, children }: { download: Download; testId: string; children: (fileName: string) => ReactNode }) {
  if (download.status === 'done') {
    return (
      <p className="rs-field-note ag-saved" role="status">
        <a href={download.url} download={download.fileName} data-testid={testId}>
          {children(download.fileName)}
        </a>
      </p>
    );
  }
  if (download.status === 'failed') {
    return (
      <p className="field-error" role="alert">
        {download.message}
      </p>
    );
  }
  return null;
}
