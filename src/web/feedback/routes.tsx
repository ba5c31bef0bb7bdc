import type { RouteObject } from 'react-router';
import { lazyPage } from '../app/lazy-page.tsx';

/** The feedback pages (the unit's kiosks, results, free-text review, "you said, we did"), loaded when first visited; mounted by src/web/app/routes.tsx. The kiosk itself is not here: it is a page of its own (kiosk.html). */
export const feedbackRoutes: RouteObject[] = [
  {
    path: 'feedback',
    children: [
      { index: true, ...lazyPage('feedback', async () => (await import('./FeedbackPage.tsx')).FeedbackPage) },
      { path: 'results', ...lazyPage('feedback', async () => (await import('./ResultsPage.tsx')).ResultsPage) },
      { path: 'review', ...lazyPage('feedback', async () => (await import('./ReviewPage.tsx')).ReviewPage) },
      { path: ':id/notes', ...lazyPage('feedback', async () => (await import('./NotesPage.tsx')).NotesPage) },
    ],
  },
];
