import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type FieldErrorLike, FieldMessages } from '../app/fields.tsx';
import { type Jurisdiction, jurisdictionLabel, useJurisdictions } from './queries.ts';

/**
 * Picks a jurisdiction by walking down: country, region, then (optionally) municipality.
 * `deepest` says which level the value must reach; the value is the deepest code chosen.
 */
export function JurisdictionSelect(props: {
  id: string;
  label: string;
  value: string;
  onChange: (code: string) => void;
  /** Restrict to one country (a unit registers children in its own country). */
  country?: string;
  deepest: 'region' | 'municipality' | 'any';
  error?: FieldErrorLike;
  required?: boolean;
  /** Start from this region's municipalities, e.g. the user's own. */
  initialRegion?: string | undefined;
}) {
  const { id, label, value, onChange, country: fixedCountry, deepest, error, required, initialRegion } = props;
  const { t } = useTranslation();
  const countries = useJurisdictions({ level: 'country' }, !fixedCountry);
  const [country, setCountry] = useState(fixedCountry ?? '');
  const [region, setRegion] = useState(initialRegion ?? '');
  const regions = useJurisdictions({ parent: country }, Boolean(country));
  const municipalities = useJurisdictions({ parent: region }, Boolean(region) && deepest !== 'region');
  const groupId = useId();

  const options = (items: Jurisdiction[] | undefined) =>
    (items ?? []).map((j) => (
      <option key={j.code} value={j.code}>
        {jurisdictionLabel(j, j.code)}
      </option>
    ));
  const describedBy = error ? `${id}-error` : undefined;

  return (
    <fieldset className="field jurisdiction-select" aria-describedby={describedBy} aria-labelledby={groupId}>
      <legend id={groupId}>
        {label}
        {required && <span className="required"> ({t('common.required')})</span>}
      </legend>
      {!fixedCountry && (
        <div className="field">
          <label htmlFor={`${id}-country`}>{t('jurisdictions.level.country')}</label>
          <select
            id={`${id}-country`}
            value={country}
            onChange={(e) => {
              setCountry(e.target.value);
              setRegion('');
              onChange(deepest === 'any' ? e.target.value : '');
            }}
          >
            <option value="">{t('common.choose')}</option>
            {options(countries.data)}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-region`}>{t('jurisdictions.level.region')}</label>
        <select
          id={`${id}-region`}
          value={region}
          disabled={!country}
          aria-invalid={error && deepest === 'region' ? true : undefined}
          onChange={(e) => {
            setRegion(e.target.value);
            if (deepest === 'municipality') onChange('');
            else onChange(e.target.value || (deepest === 'any' ? country : ''));
          }}
        >
          <option value="">{t('common.choose')}</option>
          {options(regions.data)}
        </select>
      </div>
      {deepest !== 'region' && (
        <div className="field">
          <label htmlFor={`${id}-municipality`}>{t('jurisdictions.level.municipality')}</label>
          <select
            id={`${id}-municipality`}
            value={municipalities.data?.some((m) => m.code === value) ? value : ''}
            disabled={!region}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            onChange={(e) => onChange(e.target.value || (deepest === 'any' ? region : ''))}
          >
            <option value="">{t('common.choose')}</option>
            {options(municipalities.data)}
          </select>
        </div>
      )}
      <FieldMessages id={id} error={error} />
    </fieldset>
  );
}
