/**
 * Spreadsheets from the API: the template and the error file come back as bytes (the JSON client
 * cannot take them). An upload's file goes straight to the blob store's signed URL (`putFile`).
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
