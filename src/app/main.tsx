import './bootstrap';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initAudit } from './audit/runtime';
import { initSettings } from './settings/init';
import './styles.css';

initAudit();
initSettings();

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
