import type { App } from '../server/types.ts';

/**
 * The kiosk's page, /kiosk/<token>: a light page of its own (src/web/feedback/kiosk.html, a
 * second entry of the web build), not the app. Public, never cached (the token is in its
 * address; the referrer policy keeps it from leaving). The page reads the token from its address.
 */
export function kioskPage(app: App) {
  app.get('/kiosk/:token', { config: { auth: 'public' }, schema: { hide: true } }, (_request, reply) =>
    reply.type('text/html').header('cache-control', 'no-store').sendFile('feedback/kiosk.html'));
}
