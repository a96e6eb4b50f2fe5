import { X } from 'lucide-react';

/** The small × that removes a row (a header, a file, a cookie, a history entry); `label` names it for screen readers. */
export function RemoveButton({ label, title = 'Remove', onClick }: { label: string; title?: string; onClick: () => void }) {
  return (
    <button type="button" className="icon-btn" aria-label={label} title={title} onClick={onClick}>
      <X size={13} aria-hidden />
    </button>
  );
}
