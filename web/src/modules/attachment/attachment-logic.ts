import { ATTACHMENT_MAX_BYTES } from '#contracts/attachment';
import type { MessageKey } from '../../i18n/zh-cn.ts';

// Pure helpers of the attachment components: what the phone can tell before sending a file, and how a size reads.

const ACCEPTED_EXT = /\.(jpe?g|png|webp|gif|pdf|docx?|xlsx?|pptx?|txt)$/i;
// Apple's HEIC photos: the server's image library cannot read them (Safari sends JPEG when a page asks for images).
const HEIC = /\.(heic|heif)$/i;

/**
 * Why a picked file would be refused, known before any byte is sent (a phone on a slow network should not send 30 MB
 * to hear no), or null. The server judges the content in any case; this only spares the wait.
 */
export function pickProblem(file: { name: string; size: number; type: string }): MessageKey | null {
  if (file.size === 0) return 'att.problemEmpty';
  if (file.size > ATTACHMENT_MAX_BYTES) return 'att.problemTooLarge';
  if (HEIC.test(file.name) || /^image\/hei[cf]/.test(file.type)) return 'att.problemHeic';
  if (!file.type.startsWith('image/') && !ACCEPTED_EXT.test(file.name)) return 'att.problemType';
  return null;
}

/** 532 B, 18.4 KB, 3.2 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const isImageType = (mediaType: string) => mediaType.startsWith('image/');

/** How many more files fit, given those stored and those waiting. */
export function roomLeft(max: number, stored: number, waiting: number): number {
  return Math.max(0, max - stored - waiting);
}
