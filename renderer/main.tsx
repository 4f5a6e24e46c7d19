// The renderer's entry: pick the transport (desktop bridge or loopback HTTP), create the stores, render the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from './api/client.ts';
import { pickTransport } from './api/pickTransport.ts';
import { App } from './app/App.tsx';
import { createStores } from './stores/createStores.ts';
import { StoresProvider } from './stores/StoresProvider.tsx';
import './styles.css';

const stores = createStores(createClient(pickTransport(window)));
void stores.refresh();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <StoresProvider stores={stores}>
      <App />
    </StoresProvider>
  </StrictMode>,
);
