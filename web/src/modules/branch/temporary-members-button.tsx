import { TeamOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { lazy, Suspense, useState } from 'react';
import type { PartyOrg } from '#contracts/org';
import { useCan } from '../../app/session.tsx';
import { useT } from '../../i18n/i18n.tsx';

// The way from a temporary organisation's detail (the org page) to its drawn members; the dialog loads on demand,
// so the org page carries only this button.

const TemporaryMembersDialog = lazy(() => import('./temporary-members-dialog.tsx'));

export function TemporaryMembersButton({ org }: { org: PartyOrg }) {
  const t = useT();
  const can = useCan();
  const [open, setOpen] = useState(false);
  if (!org.isTemporary || !can('branch.read')) return null;
  return (
    <>
      <Button
        size="small"
        type="link"
        icon={<TeamOutlined />}
        onClick={() => setOpen(true)}
        data-testid="org-temporary-members"
      >
        {t('temporary.open')}
      </Button>
      {open && (
        <Suspense fallback={null}>
          <TemporaryMembersDialog org={org} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
