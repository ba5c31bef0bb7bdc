import type { App } from '../server/types.ts';

/**
 * The kiosk's page, /kiosk/<token>: a light page of its own (src/web/feedback/kiosk.html, a
 * second entry of the web build), not the app. Public; the same file for every kiosk (checked on
 * each load, like index.html); the page reads the token from its address, which the referrer
 * policy keeps from leaving.
 */
export function kioskPage(app: App) {
  app.get('/kiosk/:token', { config: { auth: 'public' }, schema: { hide: true } }, (_request, reply) =>
    reply.type('text/html').sendFile('feedback/kiosk.html'));
}
