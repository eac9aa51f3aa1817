import { SettingOutlined } from '@ant-design/icons';
import { App, Button, InputNumber, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { isStaleVersion } from '../../api/http.ts';
import { errorText } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { type BranchSetting, useBranchSetting, useSaveBranchSetting } from './records-api.ts';

// The organ's fixed day of the month for the 主题党日 (e.g. the 9th): shown over the calendar, changed by those who
// record branch work (the server decides whether this reader may).

function EditDialog({
  partyOrgId,
  setting,
  onClose,
}: {
  partyOrgId: string;
  setting: BranchSetting;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const save = useSaveBranchSetting(partyOrgId);
  const [day, setDay] = useState<number | null>(setting.themeDayOfMonth);
  return (
    <Modal
      open
      title={t('records.themeDaySetting')}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      okButtonProps={{ disabled: !day }}
      onCancel={onClose}
      onOk={async () => {
        if (!day) return;
        try {
          await save.mutateAsync({ themeDayOfMonth: day, version: setting.version });
          message.success(t('common.saved'));
          onClose();
        } catch (err) {
          message.error(isStaleVersion(err) ? t('error.stale') : errorText(err, t('error.unexpected')));
        }
      }}
    >
      <Space orientation="vertical">
        <Typography.Text type="secondary">{t('records.themeDaySettingHint')}</Typography.Text>
        <Space>
          {t('records.themeDayEvery')}
          <InputNumber
            min={1}
            max={28}
            precision={0}
            value={day}
            onChange={(v) => setDay(v)}
            data-testid="theme-day-input"
          />
          {t('records.themeDayUnit')}
        </Space>
      </Space>
    </Modal>
  );
}

export function ThemeDaySetting({ partyOrgId, canEdit }: { partyOrgId: string | null; canEdit: boolean }) {
  const t = useT();
  const setting = useBranchSetting(partyOrgId);
  const [editing, setEditing] = useState(false);
  if (!partyOrgId || !setting.data) return null;
  return (
    <Space size={4} data-testid="theme-day-setting">
      <Typography.Text type="secondary">
        {t('records.themeDayIs', { day: setting.data.themeDayOfMonth })}
      </Typography.Text>
      {canEdit && (
        <Button size="small" type="link" icon={<SettingOutlined />} onClick={() => setEditing(true)}>
          {t('common.edit')}
        </Button>
      )}
      {editing && (
        <EditDialog partyOrgId={partyOrgId} setting={setting.data} onClose={() => setEditing(false)} />
      )}
    </Space>
  );
}
