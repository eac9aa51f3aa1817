import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers.ts';

// The web app manifest (issue 10.9): a secretary adds the app to the phone's home screen, which needs the manifest
// served as application/manifest+json with its icons, linked from the page, without signing in.

let t: TestApp;

beforeAll(async () => {
  if (!existsSync('web/dist/manifest.webmanifest')) {
    throw new Error('web/dist has no manifest.webmanifest: run `npm run build:web` first');
  }
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

type Manifest = {
  name: string;
  short_name: string;
  start_url: string;
  display: string;
  theme_color: string;
  background_color: string;
  icons: { src: string; sizes: string; type: string; purpose?: string }[];
};

it('serves the manifest with its media type to anyone, and the icons it names', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/manifest.webmanifest' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/manifest\+json/);
  const manifest = JSON.parse(res.body) as Manifest;
  expect(manifest).toMatchObject({
    short_name: '融合',
    start_url: '/',
    display: 'standalone',
    theme_color: '#b71c1c',
  });
  expect(manifest.name).toContain('融合');
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  const sizes = manifest.icons.map((icon) => icon.sizes);
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of manifest.icons) {
    const image = await t.app.inject({ method: 'GET', url: icon.src });
    expect(image.statusCode, icon.src).toBe(200);
    expect(image.headers['content-type'], icon.src).toBe('image/png');
    // A PNG's signature and its width and height (IHDR), as the manifest says.
    const bytes = image.rawPayload;
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(`${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`).toBe(icon.sizes);
  }
});

it('links the manifest, the theme colour and the home-screen icon from the page', async () => {
  // Any address of the app answers with the page (the router takes it from there).
  const res = await t.app.inject({ method: 'GET', url: '/branch/records/new?kind=theme_day' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/html/);
  expect(res.body).toContain('<link rel="manifest" href="/manifest.webmanifest"');
  expect(res.body).toContain('<meta name="theme-color" content="#b71c1c"');
  expect(res.body).toMatch(/<link rel="apple-touch-icon" href="\/apple-touch-icon\.png"/);
  const touch = await t.app.inject({ method: 'GET', url: '/apple-touch-icon.png' });
  expect(touch.statusCode).toBe(200);
  expect(touch.headers['content-type']).toBe('image/png');
});
