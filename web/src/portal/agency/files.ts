/**
 * Spreadsheets to and from the API: the template and the error file come back as bytes (the JSON
 * client cannot take them), and an upload's file goes straight to the blob store's signed URL.
 */
import type { TFunction } from 'i18next';
import { XLSX_CONTENT_TYPE } from '#shared/api/agency';
import { apiErrorFromResponse, networkError } from '../../api/errors.ts';

export interface FileRequest {
  /** The API path, already filled in (`/api/agency/templates/employer`). */
  path: string;
  token: string | undefined;
  language: string;
  t: TFunction;
  /** Called when the answer is 401 to a request that carried a token: the session is over. */
  onUnauthorized?: () => void;
  signal?: AbortSignal;
}

/**
 * The name a `Content-Disposition` header offers (RFC 6266: `filename*` in UTF-8 wins over the
 * plain `filename`), or `fallback` when it offers none.
 */
export function fileNameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // A malformed escape: the plain name below, if any.
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/.exec(header);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  return name || fallback;
}

/** GETs a file with the user's token and language: its bytes and the name the server gave it. */
export async function fetchFile(request: FileRequest, fallbackName: string): Promise<{ blob: Blob; fileName: string }> {
  const headers: Record<string, string> = { Accept: `${XLSX_CONTENT_TYPE}, application/json`, 'Accept-Language': request.language };
  if (request.token) headers.Authorization = `Bearer ${request.token}`;
  let response: Response;
  try {
    response = await fetch(request.path, { headers, signal: request.signal });
  } catch (error) {
    if (request.signal?.aborted) throw error;
    throw networkError(request.t);
  }
  if (!response.ok) {
    const error = await apiErrorFromResponse(response, request.t);
    if (response.status === 401 && request.token) request.onUnauthorized?.();
    throw error;
  }
  const blob = await response.blob();
  return { blob, fileName: fileNameFromDisposition(response.headers.get('content-disposition'), fallbackName) };
}

/**
 * Hands a file to the browser as a download named `name`. The returned URL stays valid until
 * revoked, so the page can also offer it as a link (some phones ignore a scripted click).
 */
export function saveFile(blob: Blob, name: string): string {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  return url;
}

/**
 * PUTs a file's bytes where the upload ticket says, with exactly its headers (S3 checks the signed
 * ones), reporting progress as it goes: XMLHttpRequest, because fetch cannot report an upload's.
 */
export function putFile(
  url: string,
  headers: Record<string, string>,
  file: Blob,
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', url);
    for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => (request.status >= 200 && request.status < 300 ? resolve() : reject(new Error(String(request.status))));
    request.onerror = () => reject(new Error('network'));
    request.onabort = () => reject(new Error('aborted'));
    signal.addEventListener('abort', () => request.abort());
    request.send(file);
  });
}
