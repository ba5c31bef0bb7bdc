import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import type { NavigationId } from '../../domain/roles.ts';
import { RequireSection } from './RequireSection.tsx';

/**
 * A page loaded only when its route is first visited: its code, and the libraries only it uses,
 * are a file of their own, not part of every page's first load (src/server/first-load.test.ts
 * bounds that). For the pages few people open, or open rarely: administration, reports, imports.
 */
export function lazyPage(section: NavigationId, load: () => Promise<ComponentType>): Pick<RouteObject, 'lazy'> {
  return {
    lazy: async () => {
      const Page = await load();
      return { element: <RequireSection section={section}><Page /></RequireSection> };
    },
  };
}
