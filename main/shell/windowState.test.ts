import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_STATE, clampToDisplays, loadWindowState, saveWindowState } from './windowState';

const primary = { x: 0, y: 0, width: 1920, height: 1050 };
const right = { x: 1920, y: 0, width: 1280, height: 1000 };

describe('clampToDisplays', () => {
  it('keeps a window that is fully visible', () => {
    const s = { x: 100, y: 100, width: 1200, height: 800, maximized: false };
    expect(clampToDisplays(s, [primary, right])).toEqual(s);
  });
  it('keeps a window on the second monitor when it is still there', () => {
    const s = { x: 2000, y: 50, width: 1000, height: 700, maximized: false };
    expect(clampToDisplays(s, [primary, right])).toEqual(s);
  });
  it('centres a window on the primary display when its monitor is gone', () => {
    const s = { x: 2000, y: 50, width: 1000, height: 700, maximized: false };
    expect(clampToDisplays(s, [primary])).toEqual({ x: 460, y: 175, width: 1000, height: 700, maximized: false });
  });
  it('pulls a partly off-screen window back inside', () => {
    expect(clampToDisplays({ x: -300, y: 900, width: 1000, height: 700, maximized: false }, [primary])).toEqual({
      x: 0,
      y: 350,
      width: 1000,
      height: 700,
      maximized: false,
    });
  });
  it('shrinks a window larger than the display, and keeps a minimum size', () => {
    expect(clampToDisplays({ x: 0, y: 0, width: 5000, height: 3000, maximized: true }, [primary])).toEqual({ x: 0, y: 0, width: 1920, height: 1050, maximized: true });
    expect(clampToDisplays({ x: 10, y: 10, width: 100, height: 100, maximized: false }, [primary])).toMatchObject({ width: 720, height: 480 });
  });
  it('sizes a window without a saved position to the primary display', () => {
    expect(clampToDisplays({ width: 4000, height: 800, maximized: false }, [primary])).toEqual({ width: 1920, height: 800, maximized: false, x: undefined, y: undefined });
  });
});

describe('load/save', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'porthole-ws-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips, leaving no temp files', async () => {
    const file = join(dir, 'window-state.json');
    await saveWindowState(file, { x: 5, y: 6, width: 1000, height: 700, maximized: true });
    expect(await loadWindowState(file)).toEqual({ x: 5, y: 6, width: 1000, height: 700, maximized: true });
    expect(await readdir(dir)).toEqual(['window-state.json']);
  });
  it('falls back to defaults on a missing or malformed file', async () => {
    expect(await loadWindowState(join(dir, 'none.json'))).toEqual(DEFAULT_STATE);
    await writeFile(join(dir, 'bad.json'), '{"width":"wide"');
    expect(await loadWindowState(join(dir, 'bad.json'))).toEqual(DEFAULT_STATE);
    await writeFile(join(dir, 'nan.json'), '{"width":10,"height":1e999}');
    expect(await loadWindowState(join(dir, 'nan.json'))).toEqual(DEFAULT_STATE);
  });
});
