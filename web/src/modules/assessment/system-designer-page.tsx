import {
  ArrowLeftOutlined,
  BranchesOutlined,
  CheckOutlined,
  PlusOutlined,
  SaveOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Popconfirm, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { DOMAIN_LABELS, DOMAINS, type IndicatorBody, type IndicatorSystem } from '#contracts/assessment';
import { HttpError, isStaleVersion } from '../../api/http.ts';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import {
  useDeriveSystem,
  useMeasures,
  usePublishSystem,
  useSaveSystem,
  useSystem,
} from './assessment-api.ts';
import { DOMAIN_COLOUR, STATUS_COLOUR, STATUS_LABEL } from './assessment-labels.ts';
import { groupSums, newIndicator, num, ROOT, sharesOf, sumIsOff } from './assessment-logic.ts';
import { DesignerTable } from './designer-table.tsx';

// The designer of one edition of an indicator system: the tree edited in place, the sums and the Party / business /
// fusion shares live, the server's check shown after each save (each problem at its indicator), publication once
// the check passes, and a new edition from a published one. Read-only when the server says the reader may not edit.

type Problem = { key: string | null; message: string };

/** The indicator's name for an issue's key ('tree.decisions' from a refusal, 'decisions' from the check). */
function nameOf(tree: readonly IndicatorBody[], key: string | null): string | null {
  if (!key) return null;
  const bare = key.replace(/^(body\.)?tree\.?/, '');
  for (const n of tree) {
    if (n.key === bare) return n.name;
    const deeper = nameOf(n.children, bare);
    if (deeper) return deeper;
  }
  return null;
}

function Problems({
  title,
  problems,
  tree,
  hint,
  testId,
}: {
  title: string;
  problems: readonly Problem[];
  tree: readonly IndicatorBody[];
  hint?: string;
  testId: string;
}) {
  const t = useT();
  return (
    <Alert
      type="warning"
      showIcon
      data-testid={testId}
      title={title}
      description={
        <>
          {hint && <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>}
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {problems.map((p, i) => {
              const name = nameOf(tree, p.key);
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: the server's list, shown as it came
                <li key={i} data-testid="system-issue" data-key={p.key ?? ''}>
                  <Typography.Text strong>{name ?? t('assessment.designer.whole')}</Typography.Text>：
                  {p.message}
                </li>
              );
            })}
          </ul>
        </>
      }
    />
  );
}

function Shares({ tree, partyWeight }: { tree: readonly IndicatorBody[]; partyWeight: number | null }) {
  const t = useT();
  const label = useLabel();
  const shares = useMemo(() => sharesOf(tree), [tree]);
  const top = groupSums(tree).get(ROOT) ?? 0;
  const off = sumIsOff(top);
  return (
    <Space wrap size={[16, 8]} data-testid="system-shares">
      <Typography.Text type="secondary">{t('assessment.designer.shares')}</Typography.Text>
      {DOMAINS.map((d) => (
        <Tag key={d} color={DOMAIN_COLOUR[d]} data-testid={`share-${d}`}>
          {label(DOMAIN_LABELS[d])} {num(shares[d])}%
        </Tag>
      ))}
      <span>
        {t('assessment.designer.topSum')}{' '}
        <Typography.Text
          type={off ? 'danger' : 'success'}
          strong
          data-testid="top-sum"
          data-off={String(off)}
        >
          {num(top)}
        </Typography.Text>
      </span>
      {partyWeight !== null && (
        <Typography.Text type="secondary">
          {t('assessment.designer.partyWeight', {
            party: num(partyWeight),
            business: num(100 - partyWeight),
          })}
        </Typography.Text>
      )}
    </Space>
  );
}

function Designer({ system }: { system: IndicatorSystem }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useApiError();
  const measures = useMeasures();
  const save = useSaveSystem();
  const publish = usePublishSystem();
  const derive = useDeriveSystem();
  const [tree, setTree] = useState<IndicatorBody[]>(system.tree);
  const [dirty, setDirty] = useState(false);
  const [refused, setRefused] = useState<Problem[] | null>(null);
  const editable = system.can.edit;

  const change = (next: IndicatorBody[]) => {
    setTree(next);
    setDirty(true);
  };
  // The page reloads the newer version at once (and this editor with it), so the word goes in a toast that stays.
  const onStale = (err: unknown) => {
    if (!isStaleVersion(err)) return showError(err);
    message.warning({ content: t('assessment.designer.stale'), duration: 10, className: 'designer-stale' });
  };
  const onSave = () =>
    save.mutate(
      { id: system.id, body: { tree, version: system.version } },
      {
        onSuccess: () => message.success(t('assessment.designer.saved')),
        onError: onStale,
      },
    );
  const onPublish = () =>
    publish.mutate(
      { id: system.id, version: system.version },
      {
        onSuccess: () => message.success(t('assessment.designer.published')),
        onError: (err) => {
          if (err instanceof HttpError && err.status === 400 && err.issues.length > 0)
            setRefused(err.issues.map((i) => ({ key: i.field, message: i.message })));
          else onStale(err);
        },
      },
    );
  const onDerive = () =>
    derive.mutate(
      { id: system.id },
      {
        onSuccess: (next) => {
          message.success(t('assessment.designer.derived'));
          navigate(`/assessment/systems/${next.id}`);
        },
        onError: (err) => showError(err),
      },
    );

  const blocked = system.issues.length > 0 || dirty;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="designer-page">
      <Card
        title={
          <Space wrap size={8} style={{ whiteSpace: 'normal' }}>
            <span data-testid="designer-title">{system.name}</span>
            <Tag>{t('assessment.edition', { n: system.edition })}</Tag>
            <Tag color={STATUS_COLOUR[system.status]} data-testid="designer-status">
              {t(STATUS_LABEL[system.status])}
            </Tag>
            {system.locked && <Tag>{t('assessment.designer.locked')}</Tag>}
          </Space>
        }
        extra={
          <Link to="/assessment/systems">
            <ArrowLeftOutlined /> {t('assessment.designer.back')}
          </Link>
        }
      >
        <Space orientation="vertical" size="small" style={{ width: '100%' }}>
          <Shares tree={tree} partyWeight={system.partyWeight} />
          <Space wrap>
            {editable && (
              <Button
                type="primary"
                icon={<SaveOutlined />}
                loading={save.isPending}
                onClick={onSave}
                data-testid="designer-save"
              >
                {t('assessment.designer.save')}
              </Button>
            )}
            {system.status === 'draft' && editable && (
              <Tooltip
                title={
                  dirty
                    ? t('assessment.designer.saveFirst')
                    : system.issues.length > 0
                      ? t('assessment.designer.publishBlocked')
                      : undefined
                }
              >
                <Popconfirm
                  title={t('assessment.designer.publishConfirm')}
                  onConfirm={onPublish}
                  disabled={blocked}
                  okButtonProps={{ 'data-testid': 'designer-publish-confirm' }}
                >
                  <Button
                    icon={<CheckOutlined />}
                    disabled={blocked}
                    loading={publish.isPending}
                    data-testid="designer-publish"
                  >
                    {t('assessment.designer.publish')}
                  </Button>
                </Popconfirm>
              </Tooltip>
            )}
            {system.can.derive && (
              <Button
                icon={<BranchesOutlined />}
                loading={derive.isPending}
                onClick={onDerive}
                data-testid="designer-derive"
              >
                {t('assessment.designer.derive')}
              </Button>
            )}
            {dirty && <Typography.Text type="warning">{t('assessment.designer.unsaved')}</Typography.Text>}
          </Space>
          {!editable && (
            <Alert
              type="info"
              showIcon
              title={
                system.status === 'draft'
                  ? t('assessment.designer.readOnlyReader')
                  : t('assessment.designer.readOnly')
              }
              data-testid="designer-read-only"
            />
          )}
          {refused && refused.length > 0 && (
            <Problems
              title={t('assessment.designer.publishRefused')}
              problems={refused}
              tree={tree}
              testId="designer-refused"
            />
          )}
          {system.status === 'draft' &&
            (system.issues.length > 0 ? (
              <Problems
                title={t('assessment.designer.issues', { n: system.issues.length })}
                problems={system.issues}
                tree={tree}
                {...(dirty ? { hint: t('assessment.designer.issuesHint') } : {})}
                testId="system-issues"
              />
            ) : (
              !dirty && (
                <Alert
                  type="success"
                  showIcon
                  title={t('assessment.designer.noIssues')}
                  data-testid="system-no-issues"
                />
              )
            ))}
        </Space>
      </Card>
      <Card styles={{ body: { padding: 0, overflowX: 'auto' } }}>
        <DesignerTable tree={tree} editable={editable} measures={measures.data ?? []} onChange={change} />
        {editable && (
          <div style={{ padding: 12 }}>
            <Button
              icon={<PlusOutlined />}
              type="dashed"
              onClick={() =>
                change([...tree, newIndicator(tree, null, 'sibling', t('assessment.designer.newName'))])
              }
              data-testid="designer-add-top"
            >
              {t('assessment.designer.addTop')}
            </Button>
          </div>
        )}
      </Card>
    </Space>
  );
}

export function SystemDesignerPage() {
  const { id } = useParams();
  const system = useSystem(id);
  if (system.isError) return <QueryError error={system.error} onRetry={() => void system.refetch()} />;
  if (!system.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  // A new version from the server (a save, a publication, someone else's change) starts the editor afresh.
  return <Designer key={`${system.data.id}:${system.data.version}`} system={system.data} />;
}
