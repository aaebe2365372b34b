import { authorizedFetch } from './session';

/** The server's error envelope for REST answers too: `{ errors: [{ message, extensions: { code, messageEn, … } }] }`. */
export interface ErrorEnvelope {
  errors?: { message?: string; extensions?: { code?: string; messageEn?: string; [key: string]: unknown } }[];
}

/** The first error of an envelope: its Vietnamese and English messages and its code (null where absent). */
export function envelopeError(body: ErrorEnvelope | null | undefined): { messageVi: string | null; messageEn: string | null; code: string | null } {
  const first = body?.errors?.[0];
  return { messageVi: first?.message ?? null, messageEn: first?.extensions?.messageEn ?? null, code: first?.extensions?.code ?? null };
}

/** A refused download, with the server's message in both languages when it sent one (the error envelope). */
export class DownloadError extends Error {
  constructor(readonly status: number, readonly messageVi: string | null, readonly messageEn: string | null) {
    super(messageEn ?? messageVi ?? `HTTP ${status}`);
    this.name = 'DownloadError';
  }
}

/**
 * Downloads a file from a REST endpoint of the API with the session's bearer token (a plain link cannot send
 * the Authorization header): fetch → blob → a temporary object URL clicked as a link. The file name comes from
 * Content-Disposition, else `fallbackName`.
 */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  const res = await authorizedFetch(url);
  if (!res.ok) {
    let body: ErrorEnvelope = {};
    try {
      body = (await res.json()) as ErrorEnvelope;
    } catch {
      // Not our JSON error body (proxy error page, …): the caller shows its own message.
    }
    const { messageVi, messageEn } = envelopeError(body);
    throw new DownloadError(res.status, messageVi, messageEn);
  }
  const blob = await res.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileNameOf(res.headers.get('content-disposition')) ?? fallbackName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked on the next tick: some browsers start reading the URL only after click() returns.
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
}

function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // Fall through to the plain filename.
    }
  }
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
}
