import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider, createBrowserRouter } from 'react-router';
import { i18n } from './i18n.ts';
import { createQueryClient } from './query-client.ts';
import { routes } from './routes.tsx';

type Router = ReturnType<typeof createBrowserRouter>;

/** The providers around the router; tests pass a memory router and a fresh query client. */
export function App({ router, queryClient }: { router?: Router; queryClient?: QueryClient }) {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient ?? defaultQueryClient()}>
        <RouterProvider router={router ?? defaultRouter()} />
      </QueryClientProvider>
    </I18nextProvider>
  );
}

let browserRouter: Router | null = null;
let sharedClient: QueryClient | null = null;

function defaultRouter(): Router {
  browserRouter ??= createBrowserRouter(routes);
  return browserRouter;
}

function defaultQueryClient(): QueryClient {
  sharedClient ??= createQueryClient();
  return sharedClient;
}
