import { dateProblem } from './common.ts';

// 公民身份号码 (GB 11643-1999): 17 digits and a check character computed with ISO 7064 MOD 11-2.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = '10X98765432';

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK[sum % 11] ?? '';
}

export type IdNumberProblem = 'format' | 'birth_date' | 'check_digit';

/** Returns what is wrong with an 18-character ID number, or null when it is valid. */
export function idNumberProblem(value: string): IdNumberProblem | null {
  if (!/^\d{17}[\dX]$/.test(value)) return 'format';
  // The birth date is stored and shown as a date, so it must be one the date schema accepts.
  if (dateProblem(birthDateFromIdNumber(value))) return 'birth_date';
  if (idNumberCheckChar(value.slice(0, 17)) !== value[17]) return 'check_digit';
  return null;
}

export const ID_NUMBER_MESSAGES: Record<IdNumberProblem, string> = {
  format: '身份证号应为 18 位，最后一位可为数字或 X',
  birth_date: '身份证号中的出生日期无效',
  check_digit: '身份证号校验位不正确，请核对',
};

/** Birth date encoded in a valid ID number, as YYYY-MM-DD. */
export function birthDateFromIdNumber(value: string): string {
  return `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
}

/** Gender encoded in a valid ID number: the 17th digit is odd for men. */
export function genderFromIdNumber(value: string): 'male' | 'female' {
  return Number(value[16]) % 2 === 1 ? 'male' : 'female';
}

/**
 * 3302************** — only the first four characters (the prefecture of the issuing office, shared by most members
 * of one organ). Birth date, sequence, gender digit and check character stay hidden, because other fields shown
 * beside the mask (gender, 出生年月) would otherwise leave only a handful of candidates (ADR 14).
 */
export function maskIdNumber(value: string): string {
  return `${value.slice(0, ID_MASK_VISIBLE)}${'*'.repeat(Math.max(0, value.length - ID_MASK_VISIBLE))}`;
}
export const ID_MASK_VISIBLE = 4;

/** 138****5678 */
export function maskPhone(value: string): string {
  if (value.length < 7) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}

export function isMasked(value: string): boolean {
  return value.includes('*');
}
