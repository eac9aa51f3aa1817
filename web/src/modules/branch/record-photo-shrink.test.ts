import { expect, it } from 'vitest';
import { fitWithin, photoName, shrinkPhoto } from './record-photo-shrink.ts';

it('fits the longest side within the edge, never enlarging', () => {
  expect(fitWithin(4032, 3024)).toEqual({ width: 1920, height: 1440 });
  expect(fitWithin(3024, 4032)).toEqual({ width: 1440, height: 1920 });
  expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
});

it('names a photo that became a JPEG as one', () => {
  expect(photoName('IMG_0001.HEIC', new Blob([], { type: 'image/jpeg' }))).toBe('IMG_0001.jpg');
  expect(photoName('现场.jpeg', new Blob([], { type: 'image/jpeg' }))).toBe('现场.jpeg');
  expect(photoName('scan.png', new Blob([], { type: 'image/png' }))).toBe('scan.png');
});

it('leaves a small photo as it is', async () => {
  const file = new File([new Uint8Array(1000)], 'small.jpg', { type: 'image/jpeg' });
  expect(await shrinkPhoto(file)).toBe(file);
});
