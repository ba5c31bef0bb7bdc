import { INTAKE_PAGE_RESOURCES } from './intakes-pages-resources.ts';
import { INSTITUTION_PAGE_RESOURCES } from './institutions-pages-resources.ts';
import { SHELTER_PAGE_RESOURCES } from './shelters-pages-resources.ts';
import { PREVENTION_PAGE_RESOURCES } from './prevention-pages-resources.ts';
import { BOARD_PAGE_RESOURCES } from './boards-pages-resources.ts';
import { FEEDBACK_PAGE_RESOURCES } from './feedback-pages-resources.ts';

/**
 * The `ui` strings that load with their pages, not with the first load (src/web/first-load.test.ts
 * bounds that): each a module of its own, registered into i18next by its pages when they load.
 * Listed here for the translation tests, which hold them to the same rules as `resources`.
 */
export const LAZY_UI_RESOURCES = [INTAKE_PAGE_RESOURCES, INSTITUTION_PAGE_RESOURCES, SHELTER_PAGE_RESOURCES, PREVENTION_PAGE_RESOURCES, BOARD_PAGE_RESOURCES, FEEDBACK_PAGE_RESOURCES] as const;
