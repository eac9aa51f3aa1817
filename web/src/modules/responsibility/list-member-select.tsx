// Picks members by name from those the officer may see (GET /api/members): the lists' owners and approvers, the
// handover's leaver and successor, the liaisons and the raters. Each option says where the member is organised, as
// two comrades may share a name.
import { Select, Typography } from 'antd';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { PARTY_POST_LABELS } from '#contracts/member';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { useMemberSearch } from './responsibility-api.ts';

export type PickedMember = { id: string; name: string; partyOrgId: string; partyOrgName: string };

type Common = {
  /** 'left': those who have left the organ (a handover may be done after the leaver went). */
  status?: 'active' | 'left';
  /** Limit to this organisation and everything under it. */
  partyOrgId?: string | null;
  /** Labels of values chosen before the picker opened (an item's owner when editing). */
  known?: Record<string, string>;
  placeholder?: string;
  disabled?: boolean;
  'data-testid'?: string;
};

type SingleProps = Common & {
  value?: string | null;
  onChange?: (id: string | null, member: PickedMember | null) => void;
  allowClear?: boolean;
};

type MultiProps = Common & { value?: string[]; onChange?: (ids: string[]) => void };

/** The search text, sent a moment after the typing stops. */
function useDebounced(value: string, ms = 300): string {
  const [out, setOut] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setOut(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return out;
}

function useOptions(props: Common) {
  const label = useLabel();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const search = useMemberSearch(q, props.status ?? 'active', props.partyOrgId ?? null);
  // Chosen members keep their label when the search moves on to other names.
  const seen = useRef(new Map<string, { label: ReactNode; member: PickedMember }>());
  const options = useMemo(() => {
    const list: { value: string; label: ReactNode; member: PickedMember }[] = [];
    for (const m of search.data?.items ?? []) {
      const member = { id: m.id, name: m.name, partyOrgId: m.partyOrgId, partyOrgName: m.partyOrgName };
      const post = m.partyPost ? ` · ${label(PARTY_POST_LABELS[m.partyPost])}` : '';
      const option = {
        value: m.id,
        member,
        label: (
          <span data-testid={`member-option-${m.id}`}>
            {m.name}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {`（${m.partyOrgName}${post}）`}
            </Typography.Text>
          </span>
        ),
      };
      seen.current.set(m.id, option);
      list.push(option);
    }
    return list;
  }, [search.data, label]);
  const withKnown = (values: readonly string[]) => {
    const extra = values
      .filter((v) => !options.some((o) => o.value === v))
      .map((v) => {
        const remembered = seen.current.get(v);
        const name = props.known?.[v];
        return remembered
          ? { value: v, label: remembered.label, member: remembered.member }
          : {
              value: v,
              label: name ?? v,
              member: { id: v, name: name ?? v, partyOrgId: '', partyOrgName: '' },
            };
      });
    return [...extra, ...options];
  };
  return { setText, loading: search.isFetching, withKnown };
}

export function MemberSelect(props: SingleProps) {
  const t = useT();
  const { setText, loading, withKnown } = useOptions(props);
  const options = withKnown(props.value ? [props.value] : []);
  return (
    <Select<string | undefined, (typeof options)[number]>
      value={props.value ?? undefined}
      onChange={(id, option) => {
        const picked = Array.isArray(option) ? undefined : option;
        props.onChange?.(id ?? null, picked?.member ?? null);
      }}
      options={options}
      showSearch={{ filterOption: false, onSearch: setText }}
      onOpenChange={(open) => !open && setText('')}
      loading={loading}
      allowClear={props.allowClear ?? true}
      disabled={props.disabled}
      placeholder={props.placeholder ?? t('rs.member.search')}
      notFoundContent={loading ? t('rs.member.searching') : t('rs.member.none')}
      style={{ width: '100%' }}
      data-testid={props['data-testid']}
    />
  );
}

export function MemberMultiSelect(props: MultiProps) {
  const t = useT();
  const { setText, loading, withKnown } = useOptions(props);
  const options = withKnown(props.value ?? []);
  return (
    <Select<string[], (typeof options)[number]>
      mode="multiple"
      value={props.value ?? []}
      onChange={(ids) => props.onChange?.(ids)}
      options={options}
      showSearch={{ filterOption: false, onSearch: setText }}
      loading={loading}
      disabled={props.disabled}
      placeholder={props.placeholder ?? t('rs.member.search')}
      notFoundContent={loading ? t('rs.member.searching') : t('rs.member.none')}
      style={{ width: '100%' }}
      data-testid={props['data-testid']}
    />
  );
}
