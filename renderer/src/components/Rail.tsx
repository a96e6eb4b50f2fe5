import { useEffect, useRef, useState } from 'react';
import { useApp } from '../stores/app';
import { SECTION_LIST } from '../lib/sections';
import { shortcutLabel } from '../lib/keys';

/**
 * The left rail. Buttons (not links: nothing here navigates a URL) named by their label, the
 * current one marked aria-current="page". One tab stop; Up/Down/Home/End move focus, Enter or
 * Space opens — the same roving-focus pattern as a toolbar, so Tab goes straight on to the content.
 */
export function Rail() {
  const section = useApp((s) => s.section);
  const openSection = useApp((s) => s.openSection);
  const activeIdx = SECTION_LIST.findIndex((m) => m.id === section);
  const [focusIdx, setFocusIdx] = useState(activeIdx);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => setFocusIdx(activeIdx), [activeIdx]);

  const move = (i: number) => {
    const n = SECTION_LIST.length;
    const next = (i + n) % n;
    setFocusIdx(next);
    refs.current[next]?.focus();
  };

  const onKeyDown = (e: React.KeyboardEvent, i: number) => {
    if (e.key === 'Enter') {
      // handled here rather than by the button's own activation so it behaves the same everywhere
      e.preventDefault();
      openSection(SECTION_LIST[i].id);
      return;
    }
    const to = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: SECTION_LIST.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    move(to);
  };

  return (
    <nav className="rail" aria-label="Sections">
      <ul>
        {SECTION_LIST.map((m, i) => {
          const Icon = m.icon;
          const current = m.id === section;
          return (
            <li key={m.id}>
              <button
                ref={(el) => {
                  refs.current[i] = el;
                }}
                type="button"
                className="rail-btn"
                aria-current={current ? 'page' : undefined}
                tabIndex={i === focusIdx ? 0 : -1}
                title={`${m.label} (${shortcutLabel(m.key)})`}
                aria-keyshortcuts={`Control+${m.key} Meta+${m.key}`}
                onClick={() => openSection(m.id)}
                onKeyDown={(e) => onKeyDown(e, i)}
                onFocus={() => setFocusIdx(i)}
              >
                <Icon size={20} strokeWidth={1.75} aria-hidden />
                <span className="rail-label">{m.label}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
