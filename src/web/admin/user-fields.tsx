import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../domain/i18n/languages.ts';
import { ROLES } from '../../domain/roles.ts';
import { CheckboxGroup, type FieldErrorLike, SelectField } from '../app/fields.tsx';
import { useOrganisations } from './queries.ts';

/** Form controls shared by "add user" and "edit user". */
export function RolesField({ registration, error }: { registration: UseFormRegisterReturn; error?: FieldErrorLike }) {
  const { t } = useTranslation();
  return (
    <CheckboxGroup id="user-roles" label={t('users.field.roles')} required registration={registration} error={error}
      options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
  );
}

export function OrganisationField(props: {
  registration: UseFormRegisterReturn;
  error?: FieldErrorLike;
  /** Keep a deactivated organisation selectable when the user still belongs to it. */
  currentId?: string;
}) {
  const { t } = useTranslation();
  const organisations = useOrganisations();
  const options = (organisations.data ?? [])
    .filter((o) => o.active || o.id === props.currentId)
    .map((o) => ({ value: o.id, label: `${o.name} · ${o.jurisdictionName}` }));
  return (
    <SelectField id="user-organisation" label={t('users.field.organisation')} required registration={props.registration}
      error={props.error} options={options} placeholder={t('common.choose')} />
  );
}

export function LanguageField({ registration, error }: { registration: UseFormRegisterReturn; error?: FieldErrorLike }) {
  const { t } = useTranslation();
  return (
    <SelectField id="user-language" label={t('users.field.language')} required registration={registration} error={error}
      options={LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) }))} />
  );
}
