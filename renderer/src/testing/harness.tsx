import { afterEach, beforeEach } from 'vitest';
import { act, cleanup, render } from '@testing-library/react';
import { setBridge, type ClientBridge } from '../api';
import { startSubscriptions } from '../stores/subscriptions';
import { useApp } from '../stores/app';
import { useErrors } from '../stores/errors';
import { useJobs } from '../stores/jobs';
import { useSettings } from '../stores/settings';
import { useWire } from '../stores/wire';
import { App } from '../App';

/** Test-only: jsdom lacks these, cmdk and the wire table touch them. */
function stubLayoutApis() {
  if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = function () {};
  if (typeof globalThis.ResizeObserver === 'undefined') {
    globalThis.ResizeObserver = class {
      observe() {}
      unobserve() {}
      disconnect() {}
    } as unknown as typeof ResizeObserver;
  }
}

/** Each store back to its initial state (zustand keeps them as module singletons). */
function resetStores() {
  useApp.setState(useApp.getInitialState(), true);
  useErrors.setState(useErrors.getInitialState(), true);
  useJobs.setState(useJobs.getInitialState(), true);
  useSettings.setState(useSettings.getInitialState(), true);
  useWire.setState(useWire.getInitialState(), true);
}

/**
 * Registers per-test setup for renderer tests: fresh stores, layout stubs, unmount and
 * unsubscribe afterwards (vitest runs without globals, so RTL cannot clean up by itself).
 */
export function useRendererTestEnv() {
  let stop: (() => void) | null = null;
  beforeEach(() => {
    stubLayoutApis();
    resetStores();
    document.documentElement.removeAttribute('data-theme');
  });
  afterEach(() => {
    cleanup();
    stop?.();
    stop = null;
    setBridge(null);
  });
  return {
    /** Installs the bridge, starts the subscriptions, renders the app and lets the first loads settle. */
    async renderApp(bridge: ClientBridge) {
      setBridge(bridge);
      stop = startSubscriptions();
      const r = render(<App />);
      await act(async () => {
        await new Promise((res) => setTimeout(res, 0));
      });
      return r;
    },
    /** Just the subscriptions (for component-level tests that render a part of the app). */
    start(bridge: ClientBridge) {
      setBridge(bridge);
      stop = startSubscriptions();
    },
  };
}

/** Lets pending promises (fake bridge answers) resolve inside act(). */
export const settle = () =>
  act(async () => {
    await new Promise((res) => setTimeout(res, 0));
  });
