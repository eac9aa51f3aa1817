import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, InputNumber, Select, Space } from 'antd';
import { RULE_KIND_LABELS, type RuleBody } from '#contracts/assessment';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { defaultRule } from './assessment-logic.ts';

// The compact rule editor of a leaf in the designer: the kind, then only the numbers that kind takes. A rule's
// numbers are checked by the server on save (a floor above the target, steps out of order), named at the leaf.

type Thresholds = Extract<RuleBody, { kind: 'thresholds' }>;

function Num({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: number;
  onChange: (n: number) => void;
  testId: string;
}) {
  return (
    <InputNumber
      size="small"
      prefix={label}
      value={value}
      onChange={(n) => {
        if (typeof n === 'number') onChange(n);
      }}
      style={{ width: 110 }}
      data-testid={testId}
    />
  );
}

function Steps({ rule, onChange }: { rule: Thresholds; onChange: (r: RuleBody) => void }) {
  const t = useT();
  const setStep = (i: number, patch: Partial<Thresholds['steps'][number]>) =>
    onChange({ ...rule, steps: rule.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  return (
    <Space orientation="vertical" size={2}>
      <Select
        size="small"
        value={rule.direction}
        onChange={(direction) => onChange({ ...rule, direction })}
        options={[
          { value: 'higher', label: t('assessment.rule.higher') },
          { value: 'lower', label: t('assessment.rule.lower') },
        ]}
        style={{ width: 110 }}
        data-testid="rule-direction"
      />
      {rule.steps.map((s, i) => (
        // Steps have no identity of their own: their place is what they are.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Space key={i} size={2}>
          <Num
            label={t('assessment.rule.at')}
            value={s.at}
            onChange={(at) => setStep(i, { at })}
            testId="rule-at"
          />
          <Num
            label={t('assessment.rule.score')}
            value={s.score}
            onChange={(score) => setStep(i, { score })}
            testId="rule-score"
          />
          {rule.steps.length > 1 && (
            <Button
              size="small"
              type="text"
              icon={<CloseOutlined />}
              aria-label={t('assessment.designer.delete')}
              onClick={() => onChange({ ...rule, steps: rule.steps.filter((_, j) => j !== i) })}
              data-testid="rule-step-remove"
            />
          )}
        </Space>
      ))}
      {rule.steps.length < 10 && (
        <Button
          size="small"
          type="dashed"
          icon={<PlusOutlined />}
          onClick={() => {
            const last = rule.steps[rule.steps.length - 1];
            onChange({ ...rule, steps: [...rule.steps, { at: (last?.at ?? 0) + 1, score: 100 }] });
          }}
          data-testid="rule-step-add"
        >
          {t('assessment.rule.addStep')}
        </Button>
      )}
    </Space>
  );
}

export function RuleEditor({
  rule,
  onChange,
}: {
  rule: RuleBody | undefined;
  onChange: (r: RuleBody) => void;
}) {
  const t = useT();
  const label = useLabel();
  const kinds = Object.entries(RULE_KIND_LABELS).map(([value, l]) => ({ value, label: label(l) }));
  return (
    <Space orientation="vertical" size={2} data-testid="rule-editor">
      <Select
        size="small"
        value={rule?.kind}
        placeholder={t('assessment.col.rule')}
        options={kinds}
        onChange={(kind: RuleBody['kind']) => onChange(defaultRule(kind))}
        style={{ width: 110 }}
        data-testid="rule-kind"
      />
      {rule?.kind === 'linear' && (
        <Space size={2} wrap>
          <Num
            label={t('assessment.rule.floor')}
            value={rule.floor}
            onChange={(floor) => onChange({ ...rule, floor })}
            testId="rule-floor"
          />
          <Num
            label={t('assessment.rule.target')}
            value={rule.target}
            onChange={(target) => onChange({ ...rule, target })}
            testId="rule-target"
          />
        </Space>
      )}
      {rule?.kind === 'thresholds' && <Steps rule={rule} onChange={onChange} />}
      {rule?.kind === 'deduction' && (
        <Space size={2} wrap>
          <Num
            label={t('assessment.rule.base')}
            value={rule.base}
            onChange={(base) => onChange({ ...rule, base })}
            testId="rule-base"
          />
          <Num
            label={t('assessment.rule.per')}
            value={rule.per}
            onChange={(per) => onChange({ ...rule, per })}
            testId="rule-per"
          />
          <Num
            label={t('assessment.rule.cap')}
            value={rule.cap}
            onChange={(cap) => onChange({ ...rule, cap })}
            testId="rule-cap"
          />
        </Space>
      )}
      {rule?.kind === 'bonus' && (
        <Space size={2} wrap>
          <Num
            label={t('assessment.rule.per')}
            value={rule.per}
            onChange={(per) => onChange({ ...rule, per })}
            testId="rule-per"
          />
          <Num
            label={t('assessment.rule.cap')}
            value={rule.cap}
            onChange={(cap) => onChange({ ...rule, cap })}
            testId="rule-cap"
          />
        </Space>
      )}
    </Space>
  );
}

/** The rule in words, for the read-only designer. */
export function ruleText(rule: RuleBody | undefined, t: ReturnType<typeof useT>, kind: string): string {
  if (!rule) return t('assessment.rule.none');
  switch (rule.kind) {
    case 'linear':
      return `${kind}：${t('assessment.rule.floor')} ${rule.floor}，${t('assessment.rule.target')} ${rule.target}`;
    case 'thresholds':
      return `${kind}（${t(rule.direction === 'higher' ? 'assessment.rule.higher' : 'assessment.rule.lower')}）：${rule.steps
        .map((s) => `${s.at} → ${s.score}`)
        .join('；')}`;
    case 'deduction':
      return `${kind}：${t('assessment.rule.base')} ${rule.base}，${t('assessment.rule.per')} ${rule.per}，${t('assessment.rule.cap')} ${rule.cap}`;
    case 'bonus':
      return `${kind}：${t('assessment.rule.per')} ${rule.per}，${t('assessment.rule.cap')} ${rule.cap}`;
    default:
      return kind;
  }
}
