import { QuestionCircleOutlined } from '@ant-design/icons';
import { Space, Tooltip, Typography } from 'antd';
import type { PartyOrg } from '#contracts/org';
import { useSession } from '../../app/session.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useUnits } from '../org/org-api.ts';
import { ThemeDaySetting } from './branch-theme-day.tsx';
import { maySetThemeDay } from './rollup-logic.ts';

// The organ's 主题党日 day on the roll-up page: everyone reading it sees the day the branches are held to; whoever
// records branch work at the organ's root (the 机关党委's officers) changes it here. The dialog is the one the
// records page uses.

export function BranchSettingsLine({
  partyOrgId,
  orgs,
}: {
  partyOrgId: string | null;
  orgs: readonly PartyOrg[];
}) {
  const t = useT();
  const session = useSession();
  const units = useUnits();
  const unitId = orgs.find((o) => o.id === partyOrgId)?.unitId ?? null;
  const rootId = units.data?.find((u) => u.id === unitId)?.rootPartyOrgId ?? null;
  if (!partyOrgId) return null;
  return (
    <Space size={4} data-testid="rollup-theme-day">
      <ThemeDaySetting partyOrgId={partyOrgId} canEdit={maySetThemeDay(session.roles, rootId, orgs)} />
      <Tooltip title={t('rollup.settings.hint')}>
        <Typography.Text type="secondary" aria-label={t('rollup.settings.title')}>
          <QuestionCircleOutlined />
        </Typography.Text>
      </Tooltip>
    </Space>
  );
}
