// The main window's bounds and maximized flag, remembered in <userData>/window-state.json. The pure
// part (is a saved rectangle still on some screen?) is here so it is tested without Electron.
import { join } from 'node:path';
import { z } from 'zod';
import { createWriteQueue, readJson, writeJsonAtomic } from './atomic-json.ts';

const Int = z.number().int().min(-100_000).max(100_000);
export const WindowState = z.object({
  x: Int,
  y: Int,
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(200).max(20_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowState>;

export interface Rect { x: number; y: number; width: number; height: number }

export const DEFAULT_WINDOW = { width: 1280, height: 800 } as const;

/** A saved window is reused only if a useful part of it (100×50 px of its top) is on a screen. */
export function isVisibleOnSomeScreen(state: Rect, workAreas: readonly Rect[]): boolean {
  return workAreas.some((a) => {
    const left = Math.max(state.x, a.x);
    const right = Math.min(state.x + state.width, a.x + a.width);
    const top = Math.max(state.y, a.y);
    const bottom = Math.min(state.y + 50, a.y + a.height);
    return right - left >= 100 && bottom - top >= 50;
  });
}

export interface WindowStateStore {
  load(workAreas: readonly Rect[]): Promise<WindowState | null>;
  save(state: WindowState): Promise<void>;
}

export function windowStateStore(userDataDir: string): WindowStateStore {
  const path = join(userDataDir, 'window-state.json');
  const enqueue = createWriteQueue();
  return {
    async load(workAreas) {
      const r = await readJson(path);
      if (r.kind !== 'ok') return null;
      const parsed = WindowState.safeParse(r.value);
      if (!parsed.success) return null;
      return isVisibleOnSomeScreen(parsed.data, workAreas) ? parsed.data : { ...parsed.data, ...centre(parsed.data, workAreas[0]) };
    },
    save: (state) => enqueue(() => writeJsonAtomic(path, WindowState.parse(state))),
  };
}

function centre(size: { width: number; height: number }, area: Rect | undefined): Rect {
  if (!area) return { x: 0, y: 0, ...DEFAULT_WINDOW };
  const width = Math.min(size.width, area.width);
  const height = Math.min(size.height, area.height);
  return { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2), width, height };
}
