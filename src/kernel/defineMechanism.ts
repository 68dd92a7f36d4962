import { z } from 'zod';
import { parseParamsWith } from './args.js';
import type { ErrorCatalogue } from './errors.js';
import type { AssetSpec } from './ledger.js';
import type { Mechanism, MechanismContext, MechanismModule } from './mechanism.js';

/** The parameters of a mechanism: a strict schema (preset merged with overrides), then optional checks and shaping. */
export interface ParamsDefinition<S extends z.ZodRawShape, P> {
  schema: z.ZodObject<S>;
  /** Cross-field checks and final shape (throws a ConfigError); default: the parsed data as is. */
  refine?(data: z.output<z.ZodObject<S>>): P;
}

export interface MechanismDefinition<S extends z.ZodRawShape, P, G, E extends ErrorCatalogue, M extends Mechanism> {
  kind: string;
  summary: string;
  presets: Readonly<Record<string, Record<string, unknown>>>;
  defaultPreset: string;
  params: ParamsDefinition<S, P>;
  assets(params: P): AssetSpec[];
  /** Every code the mechanism can raise; `ctx.fail` accepts only these. */
  errors: E;
  /** Schema of `genesis.<kind>`; default: none allowed (`z.undefined()`). */
  genesisSchema?: z.ZodType<G, any>;
  /** Builds an instance; its inferred return type (actions, queries) is kept by the module. */
  create(ctx: MechanismContext<keyof E & string>, params: P, genesis: G | undefined): M;
}

/** A module built by `defineMechanism`: the kernel's contract, with the definition's precise types. */
export type DefinedMechanism<P, G, E extends ErrorCatalogue, M extends Mechanism> = MechanismModule<P, G> & {
  readonly errors: E;
  readonly genesisSchema: z.ZodType<G, any>;
  create(ctx: MechanismContext, params: P, genesis?: G): M;
};

/**
 * The one way to write a mechanism module: parameter parsing (`parseParamsWith` over the preset
 * merged with overrides, then the mechanism's own checks), the genesis schema, the error
 * catalogue and a context whose `fail` is typed to the catalogue. Generic over `create`'s return
 * type, so the inferred `actions` and `queries` feed the typed call map.
 */
export function defineMechanism<S extends z.ZodRawShape, P = z.output<z.ZodObject<S>>, G = undefined, E extends ErrorCatalogue = ErrorCatalogue, M extends Mechanism = Mechanism>(
  def: MechanismDefinition<S, P, G, E, M>,
): DefinedMechanism<P, G, E, M> {
  const { schema, refine } = def.params;
  return {
    kind: def.kind,
    summary: def.summary,
    presets: def.presets,
    defaultPreset: def.defaultPreset,
    params: (raw) => {
      const data = parseParamsWith(schema, raw, def.kind);
      return refine ? refine(data) : (data as unknown as P);
    },
    assets: (params) => def.assets(params),
    errors: def.errors,
    genesisSchema: def.genesisSchema ?? (z.undefined() as unknown as z.ZodType<G, any>),
    // The chain's context checks every code against the catalogue at run time; here it is typed to it.
    create: (ctx, params, genesis) => def.create(ctx as MechanismContext<keyof E & string>, params, genesis),
  };
}
