// A phone photo is 3–8 MB; the server keeps it at 1920 px anyway (ATTACHMENT_IMAGE_EDGE). Shrinking it on the phone
// first makes the upload on a weak signal seconds instead of a minute, keeps drafts small on the device, and drops
// the photo's EXIF (its location) before it leaves the phone.

export const PHOTO_EDGE = 1920;
/** Below this a photo goes as it is: shrinking would gain little and cost a re-encode. */
export const PHOTO_KEEP_BYTES = 600 * 1024;

/** The size to draw at: the longest side at most `edge`, never enlarged. */
export function fitWithin(
  width: number,
  height: number,
  edge = PHOTO_EDGE,
): { width: number; height: number } {
  const longest = Math.max(width, height);
  if (longest <= edge || longest <= 0) return { width, height };
  const scale = edge / longest;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** The photo as a JPEG of at most PHOTO_EDGE px, or the file itself when it is small or cannot be decoded here. */
export async function shrinkPhoto(file: File): Promise<Blob> {
  if (file.size <= PHOTO_KEEP_BYTES || !file.type.startsWith('image/') || file.type === 'image/gif')
    return file;
  if (typeof createImageBitmap !== 'function' || typeof document === 'undefined') return file;
  try {
    // The browser turns the picture upright by its EXIF orientation as it decodes.
    const bitmap = await createImageBitmap(file);
    const size = fitWithin(bitmap.width, bitmap.height);
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const context = canvas.getContext('2d');
    if (!context) return file;
    context.drawImage(bitmap, 0, 0, size.width, size.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return blob && blob.size < file.size ? blob : file;
  } catch {
    return file;
  }
}

/** A shrunk photo is a JPEG: its name says so. */
export function photoName(original: string, blob: Blob): string {
  const name = original.trim() || 'photo.jpg';
  if (blob.type !== 'image/jpeg' || /\.jpe?g$/i.test(name)) return name;
  const dot = name.lastIndexOf('.');
  return `${dot > 0 ? name.slice(0, dot) : name}.jpg`;
}

/** Picked files as photos: shrunk on the phone, named as a JPEG when they became one. */
export async function picked(
  files: FileList | readonly File[] | null,
): Promise<{ blob: Blob; name: string }[]> {
  return Promise.all(
    [...(files ?? [])].map(async (file) => {
      const blob = await shrinkPhoto(file);
      return { blob, name: photoName(file.name, blob) };
    }),
  );
}
