import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabDef<T extends string> {
  id: T;
  label: ReactNode;
  /** a small count or mark after the label ("4", "!") */
  badge?: ReactNode;
}

interface TabsProps<T extends string> {
  label: string;
  tabs: TabDef<T>[];
  value: T;
  onChange(id: T): void;
  /** extra controls at the right end of the tab strip */
  tools?: ReactNode;
  children: ReactNode;
  className?: string;
}

/**
 * WAI-ARIA tabs: one tab stop for the strip, arrow keys / Home / End move and select (automatic
 * activation — every panel here is cheap to show), and the panel is labelled by its tab.
 */
export function Tabs<T extends string>({ label, tabs, value, onChange, tools, children, className }: TabsProps<T>) {
  const base = useId();
  const strip = useRef<HTMLDivElement>(null);
  const onKey = (e: KeyboardEvent) => {
    const i = tabs.findIndex((t) => t.id === value);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const t = tabs[(next + tabs.length) % tabs.length];
    onChange(t.id);
    strip.current?.querySelector<HTMLElement>(`[data-tab="${t.id}"]`)?.focus();
  };
  return (
    <div className={`tabs ${className ?? ''}`}>
      <div className="tab-strip">
        <div role="tablist" aria-label={label} ref={strip} onKeyDown={onKey}>
          {tabs.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`${base}-${t.id}`}
              data-tab={t.id}
              aria-selected={t.id === value}
              aria-controls={`${base}-panel`}
              tabIndex={t.id === value ? 0 : -1}
              className="tab"
              onClick={() => onChange(t.id)}
            >
              {t.label}
              {t.badge !== undefined && t.badge !== null && <span className="tab-badge">{t.badge}</span>}
            </button>
          ))}
        </div>
        {tools && <div className="tab-tools">{tools}</div>}
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-${value}`} className="tab-panel">
        {children}
      </div>
    </div>
  );
}
