import type { Language } from '../../domain/i18n/languages.ts';
import type { Role } from '../../domain/roles.ts';
import type { Sector } from '../../domain/taxonomies.ts';

/** The signed-in user, as `/auth/login` and `/auth/me` return it. */
export interface Me {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  language: Language;
  organisation: {
    id: string;
    name: string;
    sector: Sector;
    jurisdictionCode: string;
    country: string;
    isProtectionUnit: boolean;
    /** The IANA time zone of the organisation's jurisdiction: every time is shown in it. */
    timeZone: string;
  };
}

export interface Session {
  user: Me;
  csrfToken: string;
}
