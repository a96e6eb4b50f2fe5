// the tests' tsconfig (tools) lacks vite's client types; they declare the CSS import below
/// <reference types="vite/client" />
import { useEffect, type KeyboardEvent } from 'react';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { useUrl } from '../../stores/url';
import { isModKey } from '../../lib/keys';
import { AnatomyPanel } from './AnatomyPanel';
import { HistoryPanel } from './HistoryPanel';
import { RequestBar } from './RequestBar';
import { RequestTabs } from './RequestTabs';
import { ResponsePanel } from './ResponsePanel';
import { RobotsStrip } from './Robots';
import './url.css';

/**
 * The URL inspector (issue 3): request on top — method, URL, the live anatomy and robots verdict,
 * then params/headers/body/auth/options — and the response below, resizable. History on the left.
 * All state is in stores/url, so leaving the section and coming back changes nothing.
 */
export function UrlSection() {
  const historyOpen = useUrl((s) => s.ui.historyOpen);
  const notice = useUrl((s) => s.notice);
  const { init, sendNow, setNotice } = useUrl.getState();

  useEffect(() => {
    void init();
  }, [init]);

  // Ctrl/Cmd+Enter sends from anywhere in the section (a body textarea included)
  const onKeyDown = (e: KeyboardEvent) => {
    // a dialog that already used the chord (curl import: Ctrl+Enter imports) keeps it
    if (e.key === 'Enter' && isModKey(e) && !e.shiftKey && !e.defaultPrevented) {
      e.preventDefault();
      void sendNow();
    }
  };

  return (
    <div className="url-section" onKeyDown={onKeyDown}>
      {historyOpen && <HistoryPanel />}
      <div className="url-main">
        <RequestBar />
        {notice && (
          <div className="banner banner-info url-notice" role="status">
            {notice}{' '}
            <button type="button" className="link-btn" onClick={() => setNotice(null)}>
              OK
            </button>
          </div>
        )}
        <Group orientation="vertical" className="url-split">
          <Panel defaultSize="46" minSize="15" className="url-request">
            <AnatomyPanel />
            <RobotsStrip />
            <RequestTabs />
          </Panel>
          <Separator className="split-handle" aria-label="Resize request and response" />
          <Panel minSize="20" className="url-response">
            <ResponsePanel />
          </Panel>
        </Group>
      </div>
    </div>
  );
}
