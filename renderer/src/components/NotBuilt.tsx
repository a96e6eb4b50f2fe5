import type { LucideIcon } from 'lucide-react';

/** A section whose feature has not landed yet says so plainly, instead of showing a fake UI. */
export function NotBuilt({ title, icon: Icon, children }: { title: string; icon: LucideIcon; children: string }) {
  return (
    <div className="not-built">
      <Icon size={32} strokeWidth={1.5} aria-hidden className="not-built-icon" />
      <h1>{title}</h1>
      <p className="muted">Not built yet. {children}</p>
    </div>
  );
}
