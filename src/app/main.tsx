import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './nhsuk.scss';
import './styles.css';
import { App } from './App';
import { z } from 'zod';

// The page's CSP has no 'unsafe-eval': zod would probe `new Function` for its fast object parser,
// and the browser reports every probe as a CSP violation. Parse without it.
z.config({ jitless: true });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
