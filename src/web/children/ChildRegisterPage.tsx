import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorMessage } from '../app/ErrorMessage.tsx';
import { applyServerIssues } from '../app/server-issues.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { useMunicipalityLookup } from '../jurisdictions/queries.ts';
import { CHILD_FORM_FIELDS, emptyChild, useChildForm } from './child-form.ts';
import { ChildFormFields } from './ChildForm.tsx';
import { DuplicateConflictPanel, duplicateAnswer } from './DuplicateConflictPanel.tsx';
import { DuplicateMatches } from './DuplicateMatches.tsx';
import type { ChildInput, NotDuplicate } from '../../children/child-schema.ts';
import { useRegisterChild } from './queries.ts';
import { useUnsavedChangesGuard } from '../app/unsaved-changes.tsx';

export function ChildRegisterPage() {
  const { t } = useTranslation();
  usePageTitle(t('children.registerTitle'));
  const me = useCurrentUser();
  const navigate = useNavigate();
  const lookup = useMunicipalityLookup(me.organisation.country);
  // A unit in a municipality registers its children there unless told otherwise.
  const home = lookup.has(me.organisation.jurisdictionCode) ? me.organisation.jurisdictionCode : '';
  const form = useChildForm(emptyChild(''));
  const registerChild = useRegisterChild();
  const guard = useUnsavedChangesGuard(form.formState.isDirty);
  useEffect(() => {
    if (home && !form.getValues('municipalityCode')) form.setValue('municipalityCode', home);
  }, [home, form]);

  const submit = (values: ChildInput, notDuplicate?: NotDuplicate) =>
    registerChild.mutate(notDuplicate ? { ...values, notDuplicate } : values, {
      onSuccess: (child) => { guard.release(); navigate(`/children/${child.id}`); },
      onError: (error) => {
        applyServerIssues(error, form.setError, CHILD_FORM_FIELDS);
      },
    });
  // The server found a record of the same child: shown with the way to say it is another child.
  const duplicate = registerChild.isError ? duplicateAnswer(registerChild.error) : null;

  return (
    <section>
      <h1>{t('children.registerTitle')}</h1>
      <p>{t('children.registerIntro')}</p>
      {duplicate && (
        <DuplicateConflictPanel answer={duplicate} busy={registerChild.isPending} onOverride={(notDuplicate) => submit(form.getValues(), notDuplicate)} />
      )}
      <ChildFormFields
        form={form}
        country={me.organisation.country}
        busy={registerChild.isPending}
        submitLabel={t('children.registerSubmit')}
        formError={registerChild.isError && !duplicate ? <ErrorMessage error={registerChild.error} /> : null}
        afterIdentity={<DuplicateMatches form={form} />}
        onSubmit={(values) => submit(values)}
      />
    </section>
  );
}
