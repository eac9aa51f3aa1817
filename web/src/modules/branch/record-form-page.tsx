import { CloudUploadOutlined, InboxOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { BranchRecord } from '#contracts/branch';
import { HttpError, isStaleVersion, staleCurrent } from '../../api/http.ts';
import { errorText, QueryError } from '../../components/error-display.tsx';
import { PageSpin } from '../../components/page-spin.tsx';
import { useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh-cn.ts';
import { useDraftCount, useRecordDraftState } from './record-draft-state.ts';
import { RecordFormBody } from './record-form-body.tsx';
import {
  applyPrefill,
  chinaToday,
  formProblems,
  fromRecord,
  issuesByField,
  prefillKey,
  type RecordFormValues,
  rosterDay,
} from './record-form-logic.ts';
import { sendRecordDraft } from './record-outbox.ts';
import { DraftPhotoPicker, RecordPhotoUpload } from './record-photos.tsx';
import { toUpdateBody } from './record-request.ts';
import { usePrefill, useRecord, useUpdateRecord } from './records-api.ts';

// The record form (issue 10.9), phone first. A new record is a draft on the device from the first edit and is sent
// with its clientKey; with no connection it stays a draft marked 待发送 and goes by itself when the connection
// returns. Editing a saved record needs the connection (it carries the version it was read at).

// The drafts list shares this page's code, so that it opens with no connection too.
export { RecordDraftsPage } from './record-drafts-page.tsx';

export const DRAFTS_PATH = '/branch/drafts';
export const recordPath = (id: string) => `/branch/records/${id}`;

const PROBLEM_TEXT: Record<ReturnType<typeof formProblems>[string] & string, MessageKey> = {
  orgRequired: 'record.problem.orgRequired',
  topicRequired: 'record.problem.topicRequired',
  heldOnRequired: 'record.problem.heldOnRequired',
  heldOnFuture: 'record.problem.heldOnFuture',
  plannedOnRequired: 'record.problem.plannedOnRequired',
  reasonRequired: 'record.problem.reasonRequired',
  talkerRequired: 'record.problem.talkerRequired',
  partnerRequired: 'record.problem.partnerRequired',
  studiedRequired: 'record.problem.studiedRequired',
  appliedToRequired: 'record.problem.appliedToRequired',
  gradesRequired: 'record.problem.gradesRequired',
  gradeNoteRequired: 'record.problem.gradeNoteRequired',
};

function useProblems() {
  const t = useT();
  return useCallback(
    (values: RecordFormValues, today: string): Record<string, string> | null => {
      const problems = Object.entries(formProblems(values, today));
      if (problems.length === 0) return null;
      return Object.fromEntries(problems.map(([field, p]) => [field, p ? t(PROBLEM_TEXT[p]) : '']));
    },
    [t],
  );
}

/** The title, the drafts link and the sticky save bar around the fields. */
function FormFrame({ title, children, footer }: { title: string; children: ReactNode; footer: ReactNode }) {
  const t = useT();
  const drafts = useDraftCount();
  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }} data-testid="record-form">
      <div
        style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}
      >
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <Link to={DRAFTS_PATH} data-testid="record-drafts-link">
          <Space size={4}>
            <InboxOutlined />
            {t('drafts.title')}
            {drafts > 0 && <Badge count={drafts} size="small" />}
          </Space>
        </Link>
      </div>
      <Card styles={{ body: { padding: 12 } }}>{children}</Card>
      <div
        style={{
          position: 'sticky',
          bottom: 0,
          zIndex: 5,
          background: '#fff',
          padding: '8px 0',
          borderTop: '1px solid #f0f0f0',
        }}
      >
        {footer}
      </div>
    </div>
  );
}

export function RecordNewPage() {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const today = chinaToday();
  const problemsOf = useProblems();
  const state = useRecordDraftState(params.get('draft'), params.get('kind'), today);
  const { draft, patch, addPhotos, removePhoto, saveNow, reload, finish } = state;
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);

  const values = draft?.values;
  const key = values ? prefillKey(values, today) : null;
  const wantPrefill = !!values && key !== null && key !== values.prefilledFor;
  const prefill = usePrefill(
    values?.partyOrgId ?? null,
    values?.kind ?? 'theme_day',
    values ? rosterDay(values, today) : today,
    wantPrefill,
  );
  const { setValues } = state;
  useEffect(() => {
    if (wantPrefill && prefill.data) setValues((v) => applyPrefill(v, prefill.data, today));
  }, [wantPrefill, prefill.data, setValues, today]);

  if (state.missing) return <QueryError error={new Error(t('drafts.notFound'))} />;
  if (!draft || !values) return <PageSpin />;

  const update = (change: Partial<RecordFormValues>) => {
    patch(change);
    setErrors((e) => {
      const next = { ...e };
      // A changed list clears its rows' messages too ('attendees' clears 'attendees.2.reason').
      for (const key of Object.keys(next)) {
        if (Object.keys(change).some((field) => key === field || key.startsWith(`${field}.`)))
          delete next[key];
      }
      return next;
    });
  };

  const submit = async () => {
    const problems = problemsOf(values, today);
    if (problems) {
      setErrors(problems);
      message.error(Object.values(problems)[0] ?? t('error.unexpected'));
      return;
    }
    setSending(true);
    try {
      const stored = await saveNow();
      const outcome = await sendRecordDraft(stored);
      if (outcome.kind === 'sent') {
        finish();
        for (const photo of outcome.refusedPhotos) {
          message.warning(t('record.photoUploadFailed', { name: photo.name, reason: photo.message }));
        }
        message.success(t('record.saved'));
        navigate(recordPath(outcome.recordId), { replace: true });
      } else if (outcome.kind === 'queued') {
        finish();
        message.info(t('drafts.queued'));
        navigate(DRAFTS_PATH, { replace: true });
      } else {
        await reload();
        setErrors(issuesByField(outcome.error.issues));
        message.error(outcome.error.message);
      }
    } catch (err) {
      // The device refused to keep the draft (storage full, private mode): the form stays as it is.
      await reload().catch(() => undefined);
      message.error(errorText(err, t('error.unexpected')));
    } finally {
      setSending(false);
    }
  };

  return (
    <FormFrame
      title={t('record.newTitle')}
      footer={
        <Space orientation="vertical" style={{ width: '100%' }} size={4}>
          <Button
            type="primary"
            size="large"
            block
            icon={<CloudUploadOutlined />}
            loading={sending}
            onClick={() => void submit()}
            data-testid="record-submit"
          >
            {t('record.submit')}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="record-draft-note">
            {state.savedAt
              ? t('drafts.keptAt', { time: dayjs(state.savedAt).format('HH:mm') })
              : t('drafts.keptHint')}
          </Typography.Text>
        </Space>
      }
    >
      <RecordFormBody
        values={values}
        patch={update}
        errors={errors}
        editing={false}
        rosterMissing={prefill.isError}
        planned={prefill.data?.planned ?? null}
        photos={
          <DraftPhotoPicker
            photos={draft.photos}
            onAdd={(files) => void addPhotos(files)}
            onRemove={removePhoto}
            hint={values.kind === 'theme_day' ? t('record.photosHintThemeDay') : t('record.photosHint')}
          />
        }
      />
    </FormFrame>
  );
}

function EditForm({ record }: { record: BranchRecord }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const today = chinaToday();
  const problemsOf = useProblems();
  const update = useUpdateRecord();
  const [values, setValues] = useState(() => fromRecord(record));
  const version = useRef(record.version);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = async () => {
    const problems = problemsOf(values, today);
    if (problems) {
      setErrors(problems);
      return;
    }
    try {
      const saved = await update.mutateAsync({
        id: record.id,
        body: toUpdateBody(values, version.current, { contentHidden: record.confidential }),
      });
      message.success(t('record.saved'));
      navigate(recordPath(saved.id), { replace: true });
    } catch (err) {
      if (isStaleVersion(err)) {
        const current = staleCurrent<BranchRecord>(err);
        if (current) {
          version.current = current.version;
          setValues(fromRecord(current));
        }
        message.warning(t('error.stale'));
        return;
      }
      if (err instanceof HttpError) setErrors(issuesByField(err.issues));
      message.error(errorText(err, t('error.unexpected')));
    }
  };

  return (
    <FormFrame
      title={t('record.editTitle')}
      footer={
        <Space style={{ width: '100%' }}>
          <Button onClick={() => navigate(recordPath(record.id))} size="large">
            {t('common.back')}
          </Button>
          <Button
            type="primary"
            size="large"
            loading={update.isPending}
            onClick={() => void submit()}
            data-testid="record-submit"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <RecordFormBody
        values={values}
        patch={(change) => setValues((v) => ({ ...v, ...change }))}
        errors={errors}
        editing
        rosterMissing={false}
        planned={null}
        photos={<RecordPhotoUpload recordId={record.id} />}
        contentHidden={record.confidential}
      />
    </FormFrame>
  );
}

export function RecordEditPage() {
  const { id } = useParams<{ id: string }>();
  const record = useRecord(id);
  if (record.isError) return <QueryError error={record.error} onRetry={() => void record.refetch()} />;
  if (!record.data) return <PageSpin />;
  return <EditForm key={record.data.id} record={record.data} />;
}
