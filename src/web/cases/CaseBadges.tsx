import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../cases/case-schema.ts';

/** The case's status; closed cases are muted, those waiting for a decision stand out. */
export function CaseStatusBadge({ status }: { status: CaseView['status'] }) {
  const { t } = useTranslation();
  const tone = status === 'closed' ? 'badge-muted' : status === 'closure_pending' || status === 'transfer_pending' ? 'badge-warning' : 'badge-ok';
  return <span className={`badge ${tone}`} data-status={status}>{t(`cases.status.${status}`)}</span>;
}

export function RiskBadge({ level }: { level: CaseView['riskLevel'] }) {
  const { t } = useTranslation();
  return <span className={`badge case-risk case-risk-${level}`} data-risk={level}>{t(`taxonomy:riskLevel.${level}`)}</span>;
}

export function OverdueBadge({ label }: { label?: string }) {
  const { t } = useTranslation();
  return <span className="badge badge-overdue">{label ?? t('cases.overdue')}</span>;
}
