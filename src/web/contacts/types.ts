/** The contacts' view, from the shared API schema (src/contacts/contact-schema.ts). */
export type { ContactView } from '../../contacts/contact-schema.ts';
