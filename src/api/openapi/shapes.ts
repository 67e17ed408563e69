/** Pieces the answer schemas share: times, pages, and the rate-limit shape. */
import { z } from 'zod';

/** An ISO 8601 time, as every answer writes them (Date's JSON form). */
export const timestamp = z.iso.datetime({ offset: true });

/** A page of a list, newest first: pass `nextCursor` as `cursor` for the next one. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable().meta({ description: 'The cursor of the next page; null on the last one.' }) }).strict();

/** A body of fields that are all optional (commands), as JSON: an object. */
export const noFields = z.object({}).strict();

export const rateLimit = z.object({ perSecond: z.number(), burst: z.number() }).strict().meta({ id: 'RateLimit' });
