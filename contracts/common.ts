import { z } from 'zod';

export const IdSchema = z.uuid({ message: '不是有效的编号 (not a valid id)' });
export const IsoDateSchema = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });
export const VersionSchema = z.number().int().min(1);

export const IdParamsSchema = z.strictObject({ id: IdSchema });

export const PageQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export const OkSchema = z.object({ ok: z.literal(true) });

/** Trims a text field and turns an empty string into undefined, so "  " never lands as a value. */
export const TrimmedText = (max: number) =>
  z.string().trim().min(1, '不能为空').max(max, `不能超过 ${max} 个字符`);
