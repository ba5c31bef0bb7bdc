import { z } from 'zod';

/**
 * GET /home: what the signed-in user should look at first, one block per role they hold (null for
 * the others). Every figure carries `link`, the web app's path and query of the filtered list
 * behind it, so that the number on Home is the number that list shows.
 */
const Link = z.string();
export const Figure = z.object({ count: z.number().int(), link: Link });
export type Figure = z.infer<typeof Figure>;

const Urgency = z.enum(['immediate', 'urgent', 'normal']);
const RiskOrNone = z.enum(['high', 'medium', 'low', 'none']);

export const CaseworkerHome = z.object({
  /** Own overdue tasks and those due later today: the task list's own rule (task-sources.ts). */
  overdue: Figure,
  dueToday: Figure,
  /** Signals waiting for their screening, soonest deadline first (the first few). */
  signalsToScreen: Figure.extend({
    top: z.array(z.object({
      id: z.string(), ref: z.string().nullable(), urgency: Urgency.nullable(), dueAt: z.string(), overdue: z.boolean(),
      /** The child's name only for a reader entitled to it (task-subjects.ts); otherwise null. */
      childName: z.string().nullable(), link: Link,
    })),
  }),
  /** Own open cases per risk level ('none': not yet assessed). */
  casesByRisk: z.array(Figure.extend({ level: RiskOrNone })),
  /** Own open cases whose child was last seen more than `days` days ago (never seen: opened that long ago). */
  notSeen: Figure.extend({
    days: z.number().int(),
    top: z.array(z.object({ caseId: z.string(), ref: z.string().nullable(), childName: z.string().nullable(), lastSeenAt: z.string().nullable(), link: Link })),
  }),
});

export const SupervisorHome = z.object({
  /** The unit's overdue tasks by whose work they are (overdueByWorker); userId null: the unit's shared work. */
  overdueByWorker: z.array(Figure.extend({ userId: z.string().nullable(), name: z.string().nullable() })),
  approvals: z.object({ plans: Figure, closures: Figure }),
  transfers: z.object({ incoming: Figure, outgoing: Figure }),
  /** The caseload (GET /cases/caseload): active cases per worker. */
  caseload: z.array(Figure.extend({ userId: z.string().nullable(), name: z.string().nullable(), highRisk: z.number().int(), overdueItems: z.number().int() })),
});

export const OrganisationHome = z.object({
  referralsToAnswer: Figure.extend({ overdue: z.number().int() }),
  referralsToCarryOut: Figure.extend({ overdue: z.number().int() }),
  actionItems: Figure,
  actionItemsOverdue: Figure,
  planActions: Figure,
  /** Planned meetings to come that the organisation (or the user) is invited to. */
  meetings: Figure.extend({ top: z.array(z.object({ id: z.string(), heldAt: z.string(), type: z.string(), link: Link })) }),
});

export const MONITOR_FIGURES = ['signals', 'children', 'meetings', 'teamsThatMet'] as const;
export const MonitorHome = z.object({
  jurisdiction: z.string(),
  /** The latest period with data (report-latest.ts); null when no year has any. */
  period: z.object({ from: z.string(), to: z.string() }).nullable(),
  previous: z.object({ from: z.string(), to: z.string() }).nullable(),
  yearToDate: z.boolean(),
  /** The report's figures as the reader gets them: null where the report suppresses one. */
  figures: z.array(z.object({ key: z.enum(MONITOR_FIGURES), value: z.number().int().nullable(), previous: z.number().int().nullable(), link: Link })),
});

export const AdminHome = z.object({ users: Figure, locked: Figure, disabled: Figure });

export const HomeSummary = z.object({
  caseworker: CaseworkerHome.nullable(),
  supervisor: SupervisorHome.nullable(),
  organisation: OrganisationHome.nullable(),
  monitor: MonitorHome.nullable(),
  admin: AdminHome.nullable(),
});
export type HomeSummary = z.infer<typeof HomeSummary>;
export type CaseworkerHome = z.infer<typeof CaseworkerHome>;
export type SupervisorHome = z.infer<typeof SupervisorHome>;
export type OrganisationHome = z.infer<typeof OrganisationHome>;
export type MonitorHome = z.infer<typeof MonitorHome>;
export type AdminHome = z.infer<typeof AdminHome>;
