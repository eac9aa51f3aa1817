import type { CorrectionField } from '#contracts/correction';
import type { MessageKey } from '../../i18n/zh-cn.ts';

/** The member field each correction is about, in the words the member pages use. */
export const CORRECTION_FIELD_KEYS: Record<CorrectionField, MessageKey> = {
  name: 'member.name',
  gender: 'member.gender',
  birthDate: 'member.birthDate',
  ethnicity: 'member.ethnicity',
  education: 'member.education',
  phone: 'member.phone',
  idNumber: 'member.idNumber',
  category: 'member.category',
  joinedOn: 'member.joinedOn',
  fullOn: 'member.fullOn',
  partyOrg: 'member.partyOrg',
  department: 'member.department',
  businessPost: 'member.businessPost',
  partyPost: 'member.partyPost',
  other: 'self.fieldOther',
};
