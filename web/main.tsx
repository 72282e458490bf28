import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { refreshCsrfToken } from './lib/api.ts';

// Ask for the CSRF token early; the first mutation waits for it (and fetches again if this failed).
refreshCsrfToken().catch(() => undefined);

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
