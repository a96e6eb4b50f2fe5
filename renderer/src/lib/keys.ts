import type { KeyboardEvent as ReactKeyboardEvent } from 'react';

/** macOS users expect ⌘; everyone else Ctrl. */
export const isMac = (): boolean =>
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** "Ctrl+K" or "⌘K" for a tooltip or a palette hint. */
export const shortcutLabel = (key: string): string => (isMac() ? `⌘${key}` : `Ctrl+${key}`);

/** The platform's command modifier is down (and no other modifier that would make it a different chord). */
export const isModKey = (e: KeyboardEvent | ReactKeyboardEvent): boolean =>
  (isMac() ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey) && !e.altKey;
