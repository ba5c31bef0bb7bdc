import type { Language } from '../domain/i18n/i18n-resources.ts';
import { formattersFor } from '../domain/i18n/format.ts';
import { translator } from '../reports/report-rows.ts';
import { footPages, startPdf } from '../server/pdf-document.ts';
import type { CaseFile } from './case-print.ts';

/**
 * The case file as a PDF for a court hearing or a supervision meeting, in the reader's language,
 * dates in the unit's time zone written the language's way. It prints only what `file` holds —
 * what the reader may see (case-print.ts) — and says so when the reader sees the case in part.
 */
const MARGIN = 50;

export function renderCaseFilePdf(file: CaseFile, language: Language, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const { t, taxonomy } = translator(language);
  const p = (key: string, vars?: Record<string, string>) => t(`casepage.pdf.${key}`, vars);
  const format = formattersFor(language, file.timeZone);
  const { view } = file;
  const { doc, done } = startPdf({ title: p('title'), margin: MARGIN, bufferPages: true, compress: opts.compress ?? true });
  const width = doc.page.width - 2 * MARGIN;

  const heading = (text: string) => doc.moveDown(0.7).font('bold').fontSize(12).fillColor('black').text(text, MARGIN, undefined, { width }).moveDown(0.2);
  const field = (label: string, value: string) =>
    doc.font('bold').fontSize(10).fillColor('black').text(`${label}: `, MARGIN, undefined, { continued: true, width }).font('body').text(value || '—');
  const line = (text: string, indent = 0) => doc.font('body').fontSize(10).fillColor('black').text(text, MARGIN + indent, undefined, { width: width - indent });
  const list = <T,>(items: T[], each: (item: T) => void) => (items.length === 0 ? line(p('none')) : items.forEach(each));
  const overdue = (kind: 'initial_assessment' | 'plan' | 'review') => (view.overdue.includes(kind) ? ` (${p('overdue')})` : '');

  // Header.
  doc.font('bold').fontSize(16).text(p('title'), MARGIN, MARGIN, { width });
  doc.font('bold').fontSize(10).fillColor('#a4161a').text(p('confidential'), { width }).fillColor('black');
  doc.moveDown(0.3);
  field(p('unit'), view.unitName);
  field(p('reference'), view.ref ?? view.id);
  field(p('printedAt'), format.dateTime(file.printedAt.toISOString()));
  field(p('printedBy'), file.printedBy);
  if (!view.fullAccess) {
    doc.moveDown(0.3);
    line(p('notShown'));
  }

  heading(p('child'));
  field(p('name'), `${view.child.givenName} ${view.child.familyName}`.trim());
  field(p('birthDate'), view.child.birthDate ? format.date(view.child.birthDate) : '');
  field(p('sex'), taxonomy('sex', view.child.sex));

  heading(p('case'));
  field(p('status'), t(`cases.status.${view.status}`));
  field(p('riskLevel'), taxonomy('riskLevel', view.riskLevel));
  field(p('owner'), view.ownerName ?? t('cases.unassigned'));
  field(p('openedAt'), format.date(view.openedAt));
  if (view.initialAssessmentAt) field(p('initialAssessmentAt'), format.date(view.initialAssessmentAt));
  else field(p('initialAssessmentDueAt'), format.date(view.initialAssessmentDueAt) + overdue('initial_assessment'));
  if (view.status !== 'closed' && !view.planInForce) field(p('planDueAt'), format.date(view.planDueAt) + overdue('plan'));
  if (view.status !== 'closed' && view.reviewDueAt) field(p('reviewDueAt'), format.date(view.reviewDueAt) + overdue('review'));
  field(p('lastSeen'), view.childLastSeenAt ? format.date(view.childLastSeenAt) : t('cases.neverSeen'));
  if (view.currentPlacement) {
    const c = view.currentPlacement;
    field(p('placement'), [t(`cases.placementKind.${c.kind}`), c.placeName, t('cases.since', { at: format.date(c.since) })].filter(Boolean).join(' · '));
  }
  if (view.closure) field(p('closure'), [t(`cases.closureReason.${view.closure.reason}`), view.closure.note].filter(Boolean).join(' — '));

  heading(p('assessments'));
  list(file.assessments, (a) => {
    line(`${format.date(a.assessedAt)} · ${t(`casework.assessment.kind.${a.kind}`)}${a.riskLevel ? ` · ${taxonomy('riskLevel', a.riskLevel)}` : ''}${a.authorName ? ` · ${a.authorName}` : ''}`);
    if (a.summary) line(a.summary, 12);
  });

  heading(p('plan'));
  const plan = file.plans.find((x) => x.status === 'approved');
  if (!plan) line(p('none'));
  else {
    line(p('planNumber', { number: String(plan.number), at: plan.approvedAt ? format.date(plan.approvedAt) : '' }));
    doc.font('bold').fontSize(10).text(p('goals'), MARGIN);
    plan.goals.forEach((g, i) => line(`${i + 1}. ${t(`casework.domain.${g.domain}`)}: ${g.description}`, 12));
    doc.font('bold').fontSize(10).text(p('actions'), MARGIN);
    list(plan.actions, (a) => line(
      [t(`casework.service.${a.service}`), a.description, a.responsibleOrgName ?? a.responsibleName, format.date(a.dueDate), t(`casework.actionStatus.${a.status}`)].filter(Boolean).join(' · '),
      12,
    ));
  }

  heading(p('contacts'));
  list(file.contacts, (c) => {
    line(`${format.dateTime(c.occurredAt)} · ${t(`casework.contactKind.${c.kind}`)} · ${p(!c.childSeen ? 'notSeen' : c.childHeardAlone ? 'seenAlone' : 'seenNotAlone')}`);
    // The child's views, in the child's words (issue 14 §2), as the case page shows them.
    if (c.childSaid) line(`${t('childViews.childSaid')}: ${c.childSaid}`, 12);
    if (c.preferredPlace) line(`${t('childViews.preferredPlace')}: ${taxonomy('preferredMeetingPlace', c.preferredPlace)}`, 12);
  });

  heading(p('referrals'));
  list(file.referrals, (r) => line(`${format.date(r.referredAt)} · ${t(`casework.service.${r.service}`)} · ${r.providerName} · ${t(`casework.referralStatus.${r.status}`)}`));

  heading(p('placements'));
  list(file.placements, (pl) => line([
    t(`cases.placementKind.${pl.kind}`), pl.providerName ?? pl.carerName, `${format.date(pl.startedOn)} – ${pl.endedOn ? format.date(pl.endedOn) : ''}`,
  ].filter(Boolean).join(' · ')));

  // The supervisor's decisions stay with the unit: others' views carry none, and print no heading.
  if (view.fullAccess) {
    heading(p('decisions'));
    list(view.decisions, (d) => {
      line(t(`cases.decision.${d.kind}`, { at: format.date(d.at), by: d.byName }));
      line(d.comment, 12);
    });
  }

  footPages(doc, MARGIN, (n, m) => p('pageOf', { n: String(n), m: String(m) }));
  doc.end();
  return done;
}
