import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../services/app/jsonFile';

/** What we remember of the main window between runs (`window-state.json` in userData). */
export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_STATE: WindowState = { width: 1280, height: 820, maximized: false };
export const MIN_SIZE = { width: 720, height: 480 };

const area = (a: Rect, b: Rect) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/**
 * Fits a remembered window onto the displays there are now (a monitor may have been unplugged
 * or resized since): the display it overlaps most keeps it, otherwise the primary (first) display
 * gets it centred; it is then shrunk and moved to lie wholly inside that display's work area.
 * `workAreas[0]` is the primary display.
 */
export function clampToDisplays(state: WindowState, workAreas: Rect[]): WindowState {
  const primary = workAreas[0];
  if (!primary) return state;
  const width = Math.max(Math.min(state.width, primary.width), Math.min(MIN_SIZE.width, primary.width));
  const height = Math.max(Math.min(state.height, primary.height), Math.min(MIN_SIZE.height, primary.height));
  if (state.x === undefined || state.y === undefined) return { ...state, width, height, x: undefined, y: undefined };
  const win = { x: state.x, y: state.y, width: state.width, height: state.height };
  let best: Rect | undefined;
  let bestArea = 0;
  for (const wa of workAreas) {
    const a = area(win, wa);
    if (a > bestArea) [best, bestArea] = [wa, a];
  }
  const target = best ?? primary;
  const w = Math.min(Math.max(state.width, Math.min(MIN_SIZE.width, target.width)), target.width);
  const h = Math.min(Math.max(state.height, Math.min(MIN_SIZE.height, target.height)), target.height);
  if (!best) {
    // nowhere visible: centre on the primary display
    return { ...state, width: w, height: h, x: target.x + Math.round((target.width - w) / 2), y: target.y + Math.round((target.height - h) / 2) };
  }
  const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
  return { ...state, width: w, height: h, x: clamp(state.x, target.x, target.x + target.width - w), y: clamp(state.y, target.y, target.y + target.height - h) };
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Reads the saved state; anything missing or malformed gives the defaults (never throws). */
export async function loadWindowState(file: string): Promise<WindowState> {
  try {
    const raw = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    if (!finite(raw.width) || !finite(raw.height) || raw.width < 100 || raw.height < 100) return { ...DEFAULT_STATE };
    const state: WindowState = { width: Math.round(raw.width), height: Math.round(raw.height), maximized: raw.maximized === true };
    if (finite(raw.x) && finite(raw.y)) [state.x, state.y] = [Math.round(raw.x), Math.round(raw.y)];
    return state;
  } catch {
    return { ...DEFAULT_STATE };
  }
}

export function saveWindowState(file: string, state: WindowState): Promise<void> {
  return writeFileAtomic(file, JSON.stringify(state, null, 2), 0o644);
}
