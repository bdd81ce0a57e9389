import { MAP_PARAM_RANGES, type MapParamName } from '../../../core/common/rpc/protocol.js';

/** The value of a field, or an error naming the allowed range (the engine would refuse it too). */
export function parseMapParam(name: MapParamName, text: string): { value: number } | { error: string } {
  const r = MAP_PARAM_RANGES[name];
  const v = text.trim() === '' ? NaN : Number(text);
  const ok = Number.isFinite(v) && v >= r.min && v <= r.max && (!r.int || Number.isInteger(v));
  return ok ? { value: v } : { error: `${r.int ? 'a whole number' : 'a number'} from ${r.min} to ${r.max}` };
}
