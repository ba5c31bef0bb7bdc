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
  /** The second factor (from the session answer): in force, required, passed by this session. */
  secondFactor?: SecondFactorState;
}

export interface SecondFactorState {
  enrolled: boolean;
  required: boolean;
  passed: boolean;
  recoveryCodesLeft: number;
}

export interface Session {
  user: Me;
  csrfToken: string;
  secondFactor: SecondFactorState;
}

/** The user with the session's second factor, as the `me` query holds it. */
export const meOf = (session: Session): Me => ({ ...session.user, secondFactor: session.secondFactor });

/** The session still owes its second factor: it reaches nothing but setting it up or typing a code. */
export const owesSecondFactor = (me: Me): boolean =>
  !!me.secondFactor && !me.secondFactor.passed && (me.secondFactor.enrolled || me.secondFactor.required);
