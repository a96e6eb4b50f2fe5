import { useEffect, useState } from 'react';
import type { SecretsStatus } from '../../../../shared/ipc/app';
import { api } from '../../api';

const WHERE: Record<SecretsStatus['kind'], string> = {
  keychain: 'in the operating system keychain',
  memory: 'in memory only: they are forgotten when Porthole stops',
  file: 'in a file encrypted with your passphrase',
};

/** Where passwords go, and the one warning that matters: a Linux desktop without a keyring. */
export function Passwords() {
  const [status, setStatus] = useState<SecretsStatus | null>(null);
  useEffect(() => {
    void api.invoke('secrets.status', {}).then((r) => r.ok && setStatus(r.value));
  }, []);
  if (!status) return <p className="muted">Loading…</p>;
  const allow = async () => {
    const r = await api.invoke('secrets.allowInsecure', {});
    if (r.ok) setStatus(r.value);
  };
  return (
    <div data-testid="secrets-status">
      <p>
        Passwords are kept {WHERE[status.kind]}
        {status.kind === 'keychain' && <span className="muted"> ({status.backend})</span>}. They never go into profiles,
        history or logs.
      </p>
      {status.insecure && !status.insecureAllowed && (
        <p role="alert" className="warning">
          No keyring is available, so stored passwords would only be obfuscated, not protected. Porthole will ask for
          passwords each time instead.{' '}
          <button type="button" className="btn" onClick={() => void allow()}>
            Store them anyway
          </button>
        </p>
      )}
    </div>
  );
}
