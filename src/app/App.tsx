import { useState } from 'react';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, createMemoryRouter, RouterProvider } from 'react-router';
import { routes } from './routes';
import { onUnauthorised } from './lib/session';

export function createQueryClient() {
  const queryClient: QueryClient = new QueryClient({
    defaultOptions: {
      // Patient data is never kept for long in the browser and never persisted (R24).
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 60_000, gcTime: 5 * 60_000 },
    },
    // A 401 from any call: the session has gone; what was fetched under it is forgotten.
    queryCache: new QueryCache({ onError: (error, query) => onUnauthorised(queryClient, error, query.queryKey) }),
    mutationCache: new MutationCache({ onError: (error) => onUnauthorised(queryClient, error) }),
  });
  return queryClient;
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
