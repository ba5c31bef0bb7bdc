import { useTranslation } from 'react-i18next';
import type { ChildView } from '../../children/child-schema.ts';
import { useFormat } from '../app/format.ts';
import { currentLocale } from '../app/i18n.ts';
import { jurisdictionLabel, useMunicipalityLookup } from '../jurisdictions/queries.ts';

/** The record as the reader may see it; a withheld field says so rather than looking empty. */
export function ChildDetails({ child, highlight = [] }: { child: ChildView; highlight?: readonly string[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const lookup = useMunicipalityLookup(child.country);
  const languageNames = new Intl.DisplayNames([currentLocale()], { type: 'language' });
  const yesNo = (v: boolean | null | undefined) =>
    v === true ? t('common.yes') : v === false ? t('common.no') : t('common.unknown');
  const dash = t('common.none');

  const rows: [string, string][] = [
    ['givenName', child.givenName ?? ''],
    ['familyName', child.familyName ?? ''],
    ['sex', child.sex ? t(`taxonomy:sex.${child.sex}`) : ''],
    [
      'birthDate',
      child.birthDate
        ? `${format.date(child.birthDate)}${child.birthDateEstimated ? ` (${t('child.estimated')})` : ''}`
        : dash,
    ],
    ['municipalityCode', child.municipalityCode ? jurisdictionLabel(lookup.get(child.municipalityCode), child.municipalityCode) : dash],
    ['address', child.address || dash],
    ['languages', child.languages?.length ? child.languages.map((l) => languageNames.of(l) ?? l).join(', ') : dash],
    ['inSchool', yesNo(child.inSchool)],
    ['schoolName', child.schoolName || dash],
    [
      'vulnerabilities',
      child.vulnerabilities?.length ? child.vulnerabilities.map((v) => t(`taxonomy:vulnerability.${v}`)).join(', ') : dash,
    ],
    ['notes', child.notes || dash],
  ];

  return (
    <dl className="details">
      {rows.map(([field, value]) => (
        <div key={field} className={highlight.includes(field) ? 'details-row changed' : 'details-row'} data-field={field}>
          <dt>{t(`child.field.${field}`)}</dt>
          <dd>
            {child.withheld.includes(field) ? <span className="withheld-text">{t('child.withheld')}</span> : value}
          </dd>
        </div>
      ))}
      <div className="details-row">
        <dt>{t('child.field.unit')}</dt>
        <dd>{child.unitName}</dd>
      </div>
      <div className="details-row">
        <dt>{t('child.field.owner')}</dt>
        <dd>{child.ownerName ?? dash}</dd>
      </div>
      <div className="details-row">
        <dt>{t('child.field.updatedAt')}</dt>
        <dd>{format.dateTime(child.updatedAt)}</dd>
      </div>
    </dl>
  );
}
