import { startPdf } from '../server/pdf-document.ts';
import type { CrossBorderSummary } from './transfer-schema.ts';
import { translator } from '../reports/report-rows.ts';

/**
 * The printable cross-border summary, in the receiving country's language (stored with the
 * referral), in DejaVu Sans so Albanian and Cyrillic print alike. It shows exactly the signed
 * summary — nothing read afresh from the case — and points to the signed file for verification.
 */

export function crossBorderSummaryPdf(summary: CrossBorderSummary, keyId: string): Promise<Buffer> {
  const { t, taxonomy } = translator(summary.language);
  const p = (key: string) => t(`crossBorder.pdf.${key}`);
  const { doc, done } = startPdf({ title: p('title'), margin: 56 });

  const heading = (text: string) => doc.moveDown(0.8).font('bold').fontSize(12).text(text).moveDown(0.2);
  const field = (label: string, value: string) => doc.font('bold').fontSize(10).text(`${label}: `, { continued: true }).font('body').text(value || '—');

  doc.font('bold').fontSize(16).text(p('title'));
  doc.moveDown(0.4);
  field(p('reference'), summary.referenceId);
  field(p('issuedAt'), summary.issuedAt.slice(0, 10));
  field(p('from'), `${summary.fromUnit} (${summary.fromCountry})`);
  field(p('to'), `${summary.destinationAuthority} (${summary.destinationCountry})`);

  heading(p('child'));
  field(p('name'), `${summary.child.givenName} ${summary.child.familyName}`);
  field(p('sex'), taxonomy('sex', summary.child.sex));
  field(p('birthDate'), summary.child.birthDate ?? '—');
  field(p('riskLevel'), taxonomy('riskLevel', summary.riskLevel));
  field(p('harmTypes'), summary.harmTypes.length ? summary.harmTypes.map((h) => taxonomy('harmType', h)).join(', ') : p('none'));
  field(p('placement'), summary.placement
    ? `${t(`crossBorder.placementKind.${summary.placement.kind}`)}, ${p('since')} ${summary.placement.since}`
    : p('none'));

  heading(p('reason'));
  doc.font('body').fontSize(10).text(summary.reason);

  heading(p('consent'));
  field(p('consentChild'), t(`crossBorder.consent.${summary.consentChild}`));
  field(p('consentCaregiver'), t(`crossBorder.consent.${summary.consentCaregiver}`));
  if (summary.bestInterestsReason) field(p('bestInterests'), summary.bestInterestsReason);

  heading(p('planGoals'));
  if (summary.planGoals.length === 0) doc.font('body').fontSize(10).text(p('none'));
  summary.planGoals.forEach((g, i) => {
    doc.font('body').fontSize(10).text(`${i + 1}. ${t(`crossBorder.domain.${g.domain}`)}: ${g.description}`);
  });

  doc.moveDown(1.5).font('body').fontSize(8).text(`${p('signature')}: ${keyId}`).text(p('verifyNote'));
  doc.end();
  return done;
}
