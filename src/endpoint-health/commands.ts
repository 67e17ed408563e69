/**
 * Operators' commands to an endpoint's entity: what each may carry, when the entity refuses one,
 * and what it does. One validator serves both doors: the REST API checks a request's body with
 * commandProblems, and the entity checks a signal or an update with the same function. It is
 * hand-written because zod does not run in the workflow sandbox as this worker sets it up: the
 * SDK freezes preloaded modules, and a zod schema changes itself as it is used.
 */
import { isJsonObject } from '../json';
import { describeProblem, unknownFields, type Problem } from '../problems';
import { initialRate, withConfiguredLimit } from './adaptive-rate';
import { closeCircuit, disable, type Effect, type EntityState } from './entity-state';
import { replayRequestProblems, startReplay, type ReplayRequest } from './replays';
import { rateLimitProblems, withBurst, type RateLimitInput } from './settings';

export type Command =
  | { type: 'pause'; reason?: string }
  | { type: 'resume' }
  | { type: 'disable'; reason?: string }
  | { type: 'enable' }
  | { type: 'resetCircuit' }
  /** null: no configured limit. */
  | { type: 'setRateLimit'; rateLimit: RateLimitInput | null }
  | ({ type: 'replay' } & ReplayRequest);

export type CommandType = Command['type'];

const MAX_REASON_LENGTH = 500;

function reasonProblems({ reason }: Record<string, unknown>): Problem[] {
  if (reason === undefined || (typeof reason === 'string' && reason.trim().length > 0 && reason.length <= MAX_REASON_LENGTH)) return [];
  return [{ path: 'reason', message: `must be text of 1 to ${MAX_REASON_LENGTH} characters` }];
}

function rateLimitCommandProblems({ rateLimit }: Record<string, unknown>): Problem[] {
  if (rateLimit === undefined) return [{ path: 'rateLimit', message: 'is required (null removes the limit)' }];
  return rateLimit === null ? [] : rateLimitProblems(rateLimit, 'rateLimit');
}

/** Each command's fields, and what is wrong with them beyond unknown ones. */
const COMMANDS: Record<CommandType, { fields: string[]; problems?: (fields: Record<string, unknown>) => Problem[] }> = {
  pause: { fields: ['reason'], problems: reasonProblems },
  resume: { fields: [] },
  disable: { fields: ['reason'], problems: reasonProblems },
  enable: { fields: [] },
  resetCircuit: { fields: [] },
  setRateLimit: { fields: ['rateLimit'], problems: rateLimitCommandProblems },
  replay: { fields: ['since', 'until', 'statuses', 'key'], problems: replayRequestProblems },
};

const isCommandType = (type: unknown): type is CommandType => typeof type === 'string' && Object.hasOwn(COMMANDS, type);

/** What is wrong with a command of this type carrying these fields (none: it is well formed). */
export function commandProblems(type: unknown, fields: unknown): Problem[] {
  if (!isCommandType(type)) return [{ path: 'type', message: `must be one of ${Object.keys(COMMANDS).join(', ')}` }];
  if (!isJsonObject(fields)) return [{ path: '', message: 'must be a JSON object' }];
  const spec = COMMANDS[type];
  return [...unknownFields(fields, spec.fields), ...(spec.problems?.(fields) ?? [])];
}

/** Why the entity cannot carry out a command, malformed or refused in this state, or undefined. */
export function commandProblem(state: EntityState, command: unknown): string | undefined {
  if (!isJsonObject(command)) return 'a command is an object with a type';
  const { type, ...fields } = command;
  const [problem] = commandProblems(type, fields);
  if (problem) return describeProblem(problem);
  if (state.deleted) return 'the endpoint was deleted';
  if (type === 'pause' && state.status === 'disabled') return 'the endpoint is disabled; enable it first';
  if (type === 'replay' && state.status === 'disabled') return 'the endpoint is disabled; enable it before replaying';
  return undefined;
}

/** An operator's command. Call commandProblem first. */
export function applyCommand(state: EntityState, command: Command, now: number): Effect[] {
  switch (command.type) {
    case 'pause':
      if (state.status !== 'active') return [];
      state.status = 'paused';
      state.statusReason = command.reason?.trim() ?? 'paused by an operator';
      return [{ kind: 'persistStatus', status: 'paused', reason: state.statusReason }];
    case 'resume':
      if (state.status !== 'paused') return [];
      state.status = 'active';
      state.statusReason = null;
      return [{ kind: 'persistStatus', status: 'active', reason: null }, { kind: 'wakeHeld', limit: null }];
    case 'disable':
      return disable(state, command.reason?.trim() ?? 'disabled by an operator', now);
    case 'enable':
      if (state.status !== 'disabled') return [];
      state.status = 'active';
      state.statusReason = null;
      // A fresh start: what made it fail is presumably fixed.
      state.failingSince = null;
      state.holdUntil = null;
      state.rate = initialRate(state.settings.rateLimit, state.rate);
      return [{ kind: 'persistStatus', status: 'active', reason: null }, ...closeCircuit(state)];
    case 'resetCircuit':
      state.holdUntil = null;
      state.rate = initialRate(state.settings.rateLimit, state.rate);
      return closeCircuit(state);
    case 'setRateLimit': {
      const rateLimit = command.rateLimit === null ? null : withBurst(command.rateLimit);
      state.settings = { ...state.settings, rateLimit };
      state.rate = withConfiguredLimit(state.rate, rateLimit);
      return [{ kind: 'persistRateLimit', rateLimit }];
    }
    case 'replay': {
      const { replays, started } = startReplay(state.replays, state.endpointId, command, now);
      state.replays = replays;
      return started ? [{ kind: 'replay', replay: started }] : [];
    }
  }
}
