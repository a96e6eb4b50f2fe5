/** Where the page keeps the host token once it has left the address bar. */
export const TOKEN_KEY = 'porthole.token';

interface TokenEnv {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
}

/**
 * The browser host prints `http://127.0.0.1:PORT/#token=…`. The fragment never reaches a server;
 * we still move it out of the address bar (screenshots, shoulder surfing, history) into
 * sessionStorage, which survives a reload of this tab but not a new tab or a restart.
 */
export function takeToken(env: TokenEnv): string | null {
  const hash = env.location.hash.startsWith('#') ? env.location.hash.slice(1) : env.location.hash;
  const params = new URLSearchParams(hash);
  const fromHash = params.get('token');
  if (fromHash) {
    env.storage.setItem(TOKEN_KEY, fromHash);
    params.delete('token');
    const rest = params.toString();
    env.history.replaceState(env.history.state, '', env.location.pathname + env.location.search + (rest ? `#${rest}` : ''));
    return fromHash;
  }
  return env.storage.getItem(TOKEN_KEY);
}
