import { assessmentEn } from '../modules/assessment/assessment.messages-en.ts';
import { attachmentEn } from '../modules/attachment/attachment.messages.ts';
import { auditEn } from '../modules/audit/audit.messages.ts';
import { developmentEn } from '../modules/branch/development.messages.ts';
import { duesEn } from '../modules/branch/dues.messages.ts';
import { ledgerEn } from '../modules/branch/ledger.messages.ts';
import { recordFormEn } from '../modules/branch/record-form.messages.ts';
import { recordsEn } from '../modules/branch/records.messages.ts';
import { recordsImportEn } from '../modules/branch/records-import.messages.ts';
import { rollupEn } from '../modules/branch/rollup.messages.ts';
import { deliveryEn } from '../modules/delivery/delivery.messages.ts';
import { fusionEn } from '../modules/fusion/fusion.messages-en.ts';
import { fusionBrandEn } from '../modules/fusion/fusion-brand.messages-en.ts';
import { fusionOrgEn } from '../modules/fusion/fusion-org.messages-en.ts';
import { fusionProjectEn } from '../modules/fusion/fusion-project.messages-en.ts';
import { identityEn } from '../modules/identity/identity.messages.ts';
import { memberEn } from '../modules/member/member.messages.ts';
import { notificationEn } from '../modules/notification/notification.messages.ts';
import { orgEn } from '../modules/org/org.messages.ts';
import { responsibilityEn } from '../modules/responsibility/responsibility.messages-en.ts';
import { responsibilityMeEn } from '../modules/responsibility/responsibility-me.messages.ts';
import { responsibilityPeopleEn } from '../modules/responsibility/responsibility-people.messages.ts';
import { statisticsEn } from '../modules/statistics/statistics.messages.ts';
import { transferEn } from '../modules/transfer/transfer.messages.ts';
import type { MessageKey } from './zh-cn.ts';

/** Typed against the Chinese keys: a missing or extra key is a compile error, and i18n.test.ts checks it again. */
export const en: Record<MessageKey, string> = {
  'app.name': 'Ronghe · Party-building and business platform',
  'app.shortName': 'Ronghe',
  'app.subtitle': 'Party-building and business platform',
  'common.actions': 'Actions',
  'common.back': 'Back',
  'common.backHome': 'Back to home',
  'common.edit': 'Edit',
  'common.hours': '{n} h',
  'common.minutes': '{n} min',
  'common.next': 'Next',
  'common.noData': 'No data',
  'common.previous': 'Back',
  'common.refresh': 'Refresh',
  'common.remove': 'Remove',
  'common.reset': 'Reset',
  'common.retry': 'Retry',
  'common.save': 'Save',
  'common.saved': 'Saved',
  'common.search': 'Search',
  'common.total': '{total} in total',
  'error.forbiddenPage': 'You are not allowed to open this page.',
  'error.loadFailed': 'Could not load the data',
  'error.notFoundPage': 'This page does not exist.',
  'error.requestId': 'Request id: {id} (give it to the administrator if you need help)',
  'error.stale':
    'Someone else changed this record. The latest version has been loaded; please check and try again.',
  'error.unexpected': 'The operation failed. Please try again later.',
  'nav.changePassword': 'Change password',
  'nav.demoAccount': 'Demo account',
  'nav.demoAccountHint': 'This is a demo account with the published demo password: for demo data only.',
  'nav.openMenu': 'Open menu',
  'nav.signOut': 'Sign out',
  'nav.signOutUnsent.title': '{n} record draft(s) on this device have not been sent',
  'nav.signOutUnsent.body':
    'Signing out deletes the drafts from this device, so nobody else using it can read them. Stay to send any you need.',
  'nav.signOutUnsent.ok': 'Delete drafts and sign out',
  'nav.signOutUnsent.stay': 'Stay and send',
  ...auditEn,
  ...attachmentEn,
  ...orgEn,
  ...transferEn,
  ...identityEn,
  ...memberEn,
  ...notificationEn,
  ...deliveryEn,
  ...statisticsEn,
  ...responsibilityMeEn,
  ...responsibilityEn,
  ...responsibilityPeopleEn,
  ...recordsEn,
  ...recordFormEn,
  ...duesEn,
  ...developmentEn,
  ...ledgerEn,
  ...recordsImportEn,
  ...rollupEn,
  ...fusionEn,
  ...fusionProjectEn,
  ...fusionBrandEn,
  ...fusionOrgEn,
  ...assessmentEn,
};
