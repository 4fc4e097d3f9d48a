import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/thread.css';
import './styles/diff.css';
import { App } from './app';
import { revealThread } from './inbox/reveal-thread';
import { startSync } from './state/sync';
import { getBridge, getConnection } from './transport/bridge';

// Start talking to the host before the first render, so data is on its way while React mounts.
startSync(getBridge(), getConnection(), { openThread: revealThread });

const root = document.getElementById('root');
if (!root) throw new Error('index.html is missing #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
