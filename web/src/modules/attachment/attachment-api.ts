import { useQuery } from '@tanstack/react-query';
import type { Attachment } from '#contracts/attachment';
import {
  CSRF_HEADER,
  currentCsrfToken,
  downloadFile,
  errorFromBody,
  HttpError,
  http,
  request,
} from '../../api/http.ts';

// The attachment API (ADR 26): a record's files, one upload with its progress, a removal, the paths of a file and of
// its thumbnail. Whose files they are is the owner kind's business on the server; the web only names the record.

export const attachmentKeys = {
  all: ['attachments'] as const,
  owner: (ownerKind: string, ownerId: string) => ['attachments', ownerKind, ownerId] as const,
};

export const attachmentPath = (id: string) => `/api/attachments/${id}`;
export const thumbnailPath = (id: string) => `/api/attachments/${id}/thumbnail`;

export function useAttachments(ownerKind: string, ownerId: string | null, enabled = true) {
  return useQuery({
    queryKey: attachmentKeys.owner(ownerKind, ownerId ?? ''),
    queryFn: ({ signal }) => http.get<Attachment[]>('/api/attachments', { ownerKind, ownerId }, signal),
    enabled: enabled && !!ownerId,
  });
}

export type UploadInput = {
  ownerKind: string;
  ownerId: string;
  file: Blob;
  fileName: string;
  /** The uploader's UUID for this file: sent again with it, the server answers with the file it already keeps. */
  clientKey?: string;
  /** 0–100 as the bytes go out (a phone on a slow network shows it). */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
};

/**
 * One file onto a record. Sent with XMLHttpRequest, not fetch: only it reports upload progress. The owner's fields
 * go before the file. Rejects with the server's HttpError (its Chinese message says what to do).
 */
export function uploadAttachment(input: UploadInput): Promise<Attachment> {
  const form = new FormData();
  form.append('ownerKind', input.ownerKind);
  form.append('ownerId', input.ownerId);
  if (input.clientKey) form.append('clientKey', input.clientKey);
  form.append('file', input.file, input.fileName);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/attachments');
    xhr.setRequestHeader('accept', 'application/json');
    const token = currentCsrfToken();
    if (token) xhr.setRequestHeader(CSRF_HEADER, token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) input.onProgress?.(Math.round((e.loaded * 100) / e.total));
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as Attachment);
      else reject(errorFromBody(xhr.status, body));
    };
    xhr.onerror = () =>
      reject(new HttpError({ status: 0, code: 'network', message: '无法连接服务器，请检查网络后重试' }));
    xhr.onabort = () => reject(new DOMException('上传已取消', 'AbortError'));
    input.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

export function deleteAttachment(id: string): Promise<{ ok: true }> {
  return request<{ ok: true }>('DELETE', attachmentPath(id));
}

export function downloadAttachment(a: Pick<Attachment, 'id' | 'fileName'>): Promise<void> {
  return downloadFile(attachmentPath(a.id), undefined, a.fileName);
}

export type SendOutcome = { sent: Attachment[]; failed: { file: File; reason: string }[] };

/**
 * Files picked while the record did not exist yet, sent once it is saved: one request each, in order, so that one
 * refusal leaves the others in. `reasonOf` turns an error into the sentence to show.
 */
export async function sendPendingAttachments(
  ownerKind: string,
  ownerId: string,
  files: readonly File[],
  reasonOf: (err: unknown) => string,
): Promise<SendOutcome> {
  const out: SendOutcome = { sent: [], failed: [] };
  for (const file of files) {
    try {
      out.sent.push(await uploadAttachment({ ownerKind, ownerId, file, fileName: file.name }));
    } catch (err) {
      out.failed.push({ file, reason: reasonOf(err) });
    }
  }
  return out;
}
