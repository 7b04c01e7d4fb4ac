/** Files between the browser and elsewhere: an upload's bytes to the blob store, a made file to the user's downloads. */

/**
 * The end of a file's name in at most `max` UTF-16 units, as the API counts them: a long name loses
 * its start, never its extension, and is never cut inside a character (half an emoji is a lone
 * surrogate, which the API refuses as a hidden character).
 */
export function fileNameEnd(name: string, max: number): string {
  const end = name.length > max ? name.slice(-max) : name;
  return /^[\uDC00-\uDFFF]/.test(end) ? end.slice(1) : end;
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
