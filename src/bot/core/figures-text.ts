// How a figure reads in a message: a rate, or a dash when there is nothing to count.
import { type Ctx, t } from './context.js';

/** 85% — or “—” when nothing fell due (a rate of nothing is not 0%). */
export const rateText = (ctx: Ctx, r: number | null) => (r === null ? t(ctx, 'common.rate_none') : `${r}%`);
