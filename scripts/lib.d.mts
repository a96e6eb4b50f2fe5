export const ROOT: string;
/** The Electron executable if it is on disk, else null. Never triggers electron's lazy download. */
export function electronBinary(): string | null;
export function buildIsStale(): boolean;
export function buildIfNeeded(opts?: { quiet?: boolean }): void;
