import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { chooseBridge, setBridge } from './api';
import { startSubscriptions } from './stores/subscriptions';
import { App } from './App';
import { NoToken } from './components/NoToken';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
const bridge = chooseBridge(window);

if (!bridge) {
  root.render(<NoToken />);
} else {
  setBridge(bridge);
  startSubscriptions();
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
