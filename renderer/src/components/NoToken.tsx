import { KeyRound } from 'lucide-react';

/** Shown when the page has neither Electron's bridge nor a host token: say how to get in. */
export function NoToken() {
  return (
    <div className="no-token" role="main">
      <KeyRound size={36} strokeWidth={1.5} aria-hidden />
      <h1>Open Porthole from its start-up link</h1>
      <p>
        This page needs the private link that <code>npm run start:web</code> prints in its terminal (it looks like{' '}
        <code>http://127.0.0.1:PORT/#token=…</code>). Open that exact URL; the token in it is what lets this page talk to Porthole.
      </p>
      <p className="muted">If you already used it in this tab, the host may have restarted with a new token — copy the new link.</p>
    </div>
  );
}
