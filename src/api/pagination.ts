/** Cursor pagination over ids that sort by creation time: newest first, `cursor` = last id seen. */
import { z } from 'zod';

/** A list's time bound (`since`, `until`): read as a date, documented as the text it is sent as. */
export const timeBound = (description: string) => z.coerce.date().optional().meta({ type: 'string', description: `${description} (ISO 8601).` });

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(64).optional(),
};

/** Asks for one row more than the page holds, to know whether another page exists. */
export function pageOf<T extends { id: string }>(rows: T[], limit: number): { data: T[]; nextCursor: string | null } {
  const data = rows.slice(0, limit);
  return { data, nextCursor: rows.length > limit ? data.at(-1)!.id : null };
}
