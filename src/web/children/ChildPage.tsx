import { AttachmentsPanel } from '../attachments/AttachmentsPanel.tsx';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ChildInput, ChildPatch, ChildView } from '../../children/child-schema.ts';
import { isApiError } from '../app/api.ts';
import { ErrorMessage, LoadFailed, Loading } from '../app/ErrorMessage.tsx';
import { applyServerIssues } from '../app/server-issues.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { useCurrentUser } from '../auth/queries.ts';
import { AccessHistory } from './AccessHistory.tsx';
import { CHILD_FORM_FIELDS, changedFields, childToForm, useChildForm } from './child-form.ts';
import { ChildDetails } from './ChildDetails.tsx';
import { ChildFormFields } from './ChildForm.tsx';
import { MergeRecords } from './MergeRecords.tsx';
import { canEditChild, canMergeChild, canSeeAccessHistory } from './permissions.ts';
import { childKeys, useChild, useUpdateChild } from './queries.ts';
import { useFormat } from '../app/format.ts';
import { OpenCaseButton } from '../cases/OpenCase.tsx';
import { useUnsavedChangesGuard } from '../app/unsaved-changes.tsx';

export function ChildPage() {
  const { t } = useTranslation();
  const { childId = '' } = useParams();
  const me = useCurrentUser();
  const child = useChild(childId);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  usePageTitle(t('child.title'));

  if (child.isPending) return <Loading what={t('forms.what.child')} />;
  if (child.isError && isApiError(child.error, 410) && typeof child.error.body.mergedInto === 'string') {
    return (
      <section>
        <h1>{t('child.title')}</h1>
        <p className="alert alert-info" role="status">{t('oneRecord.mergedAway')}</p>
        <p>
          <Link to={`/children/${child.error.body.mergedInto}`} data-testid="merged-into">{t('oneRecord.openSurvivor')}</Link>
        </p>
      </section>
    );
  }
  if (child.isError) return <LoadFailed title={t('child.title')} error={child.error} retry={() => child.refetch()} backTo="/children" backLabel={t('child.backToList')} />;
  const view = child.data;
  const name = `${view.givenName ?? ''} ${view.familyName ?? ''}`.trim() || t('child.title');

  return (
    <section>
      <p>
        <Link to="/children">{t('child.backToList')}</Link>
      </p>
      <div className="page-heading">
        <h1>{name}</h1>
        {!editing && canEditChild(view) && (
          <button type="button" data-testid="edit-child" onClick={() => { setEditing(true); setSaved(false); }}>
            {t('child.edit')}
          </button>
        )}
      </div>
      {saved && !editing && (
        <p className="alert alert-success" role="status">
          {t('child.saved')}
        </p>
      )}
      {view.withheld.length > 0 && (
        <p className="alert alert-info">{t('child.withheldIntro')}</p>
      )}
      {editing ? (
        <ChildEditor
          key={view.id}
          child={view}
          onDone={(wasSaved) => {
            setEditing(false);
            setSaved(wasSaved);
          }}
        />
      ) : (
        <ChildDetails child={view} />
      )}
      {!editing && <OpenCaseButton child={view} />}
      {!editing && canMergeChild(me, view) && <MergeRecords key={view.id} child={view} />}
      {!editing && <AttachmentsPanel ownerKind="child" ownerId={view.id} />}
      {canSeeAccessHistory(me, view) && <AccessHistory childId={view.id} />}
    </section>
  );
}

/**
 * Edits the record from the version the editor opened. If someone else saved in between, the
 * server answers 409 with their version: it is shown beside the editor's changes, and the editor
 * either applies their changes on top of it or drops them.
 */
function ChildEditor({ child, onDone }: { child: ChildView; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [startedFrom] = useState(child);
  const base = useRef(childToForm(child));
  const form = useChildForm(base.current);
  const update = useUpdateChild(child.id);
  useUnsavedChangesGuard(form.formState.isDirty);
  const queryClient = useQueryClient();
  const [conflict, setConflict] = useState<{ current: ChildView; patch: Partial<ChildInput> } | null>(null);

  const send = (patch: ChildPatch) =>
    update.mutate(patch, {
      onSuccess: () => {
        setConflict(null);
        onDone(true);
      },
      onError: (error) => {
        if (isApiError(error, 409) && error.body.current) {
          const { version: _version, ...changes } = patch;
          const current = error.body.current as ChildView;
          // The page behind the editor shows the record as it now is.
          queryClient.setQueryData(childKeys.detail(child.id), current);
          setConflict({ current, patch: changes });
          return;
        }
        applyServerIssues(error, form.setError, CHILD_FORM_FIELDS);
      },
    });

  const onSubmit = (values: ChildInput) => {
    const patch = changedFields(values, base.current, startedFrom.withheld);
    if (Object.keys(patch).length === 0) {
      onDone(false);
      return;
    }
    send({ ...patch, version: startedFrom.version });
  };

  return (
    <>
      {conflict && (
        <ConflictPanel
          conflict={conflict}
          busy={update.isPending}
          onReapply={() => send({ ...conflict.patch, version: conflict.current.version })}
          onDiscard={() => {
            setConflict(null);
            onDone(false);
          }}
        />
      )}
      <ChildFormFields
        form={form}
        country={child.country}
        withheld={child.withheld}
        busy={update.isPending || conflict !== null}
        submitLabel={t('child.save')}
        formError={update.isError && !conflict ? <ErrorMessage error={update.error} /> : null}
        onSubmit={onSubmit}
        extraActions={
          <button type="button" className="button-secondary" onClick={() => onDone(false)}>
            {t('common.cancel')}
          </button>
        }
      />
    </>
  );
}

function ConflictPanel(props: {
  conflict: { current: ChildView; patch: Partial<ChildInput> };
  busy: boolean;
  onReapply: () => void;
  onDiscard: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { conflict, busy, onReapply, onDiscard } = props;
  const fields = Object.keys(conflict.patch);
  return (
    <section className="panel conflict" role="alert" aria-labelledby="conflict-title" data-testid="conflict">
      <h2 id="conflict-title">{t('conflict.title')}</h2>
      <p>{t('conflict.intro', { at: format.dateTime(conflict.current.updatedAt) })}</p>
      <p>{t('conflict.yourChanges', { fields: fields.map((f) => t(`child.field.${f}`, { defaultValue: f })).join(', ') })}</p>
      <h3>{t('conflict.theirVersion')}</h3>
      <ChildDetails child={conflict.current} highlight={fields} />
      <div className="form-actions">
        <button type="button" onClick={onReapply} disabled={busy} data-testid="conflict-reapply">
          {t('conflict.reapply')}
        </button>
        <button type="button" className="button-secondary" onClick={onDiscard} data-testid="conflict-discard">
          {t('conflict.discard')}
        </button>
      </div>
    </section>
  );
}
