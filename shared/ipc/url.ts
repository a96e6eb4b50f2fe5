import type { RequestMap, EventMap } from './define';

/** URL inspector channels (issue: URL inspector). Filled in by that feature. */
export const urlRequests = {} satisfies RequestMap;
export const urlEvents = {} satisfies EventMap;
