import { useState } from 'react';
import { ShieldCheck, TriangleAlert } from 'lucide-react';
import type { AppErrorData } from '../../../../shared/errors';
import type { UrlFetchErrorDetail } from '../../../../shared/ipc/urlFetch';
import { errorText } from '../../lib/errorText';
import { useUrl } from '../../stores/url';
import { ChainTable } from './TlsView';

/**
 * A failed send in words (lib/errorText), and for an untrusted certificate the way forward: the
 * chain, the fingerprint, and "Trust this certificate for host:port" — a pin for exactly that leaf
 * on exactly that endpoint, never "ignore errors".
 */
export function ErrorView({ error, failure }: { error: AppErrorData; failure: UrlFetchErrorDetail | null }) {
  const words = errorText(error.code);
  const canTrust = error.code === 'ECERT' && !!failure?.fingerprint && !!failure.host && !!failure.port;
  const [trusting, setTrusting] = useState(false);
  const [trustFailed, setTrustFailed] = useState(false);
  const onTrust = async () => {
    setTrusting(true);
    const done = await useUrl.getState().trustAndResend();
    setTrusting(false);
    setTrustFailed(!done);
  };
  return (
    <div className="send-error" role="alert" data-testid="send-error" data-code={error.code}>
      <div className="send-error-head">
        <TriangleAlert size={16} aria-hidden />
        <strong>{words.title}</strong>
        <code className="muted">{error.code}</code>
      </div>
      <p className="error-message selectable">{error.message}</p>
      {failure?.reason && !error.message.includes(failure.reason) && <p className="muted selectable">{failure.reason}</p>}
      <p className="muted">{words.hint}</p>
      {error.code === 'ECERT' && failure?.chain && <ChainTable chain={failure.chain} />}
      {canTrust && (
        <div className="trust-offer" data-testid="trust-offer">
          <p>
            SHA-256 fingerprint of {failure.host}:{failure.port}: <span className="mono fingerprint selectable">{failure.fingerprint}</span>
          </p>
          <div className="trust-row">
            <button type="button" className="btn btn-primary" disabled={trusting} onClick={() => void onTrust()}>
              <ShieldCheck size={14} aria-hidden /> Trust this certificate for {failure.host}:{failure.port}
            </button>
            <span className="muted">and send again. Only this certificate on this host and port; revoke it any time in Settings.</span>
          </div>
          {trustFailed && <p className="note-warn">The certificate could not be pinned; the status bar says why.</p>}
        </div>
      )}
    </div>
  );
}
