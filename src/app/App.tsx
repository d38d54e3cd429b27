import { useState } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, createMemoryRouter, RouterProvider } from 'react-router';
import { routes } from './routes';

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // Patient data is never kept for long in the browser and never persisted (R24).
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 60_000, gcTime: 5 * 60_000 },
    },
  });
}

/** The whole SPA; tests pass an initial URL to get an in-memory router. */
export function App({ initialUrl }: { initialUrl?: string }) {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => (initialUrl ? createMemoryRouter(routes, { initialEntries: [initialUrl] }) : createBrowserRouter(routes)));
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
