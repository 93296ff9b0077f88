import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';
import './coding.css';
import './layout.css';

// Everything is local: no retries against a network, no refetch on focus.
const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: Infinity } },
});

// Strip the token from the address bar once it is kept for this tab.
const url = new URL(window.location.href);
const token = url.searchParams.get('token');
if (token !== null) {
  sessionStorage.setItem('parley-token', token);
  url.searchParams.delete('token');
  history.replaceState(null, '', url.pathname + url.search + url.hash);
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element to mount Parley in.');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
