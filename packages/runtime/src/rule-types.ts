/**
 * The TypeScript type of the values an argument rule accepts, worked out by the compiler from the
 * rule itself (written `as const`), so a generated client states each parameter once: as the rule
 * the runtime checks. A documented property of the rule keeps its doc comment in the derived type
 * (the mapped types below are homomorphic, so editors follow each property back to the rule).
 *
 * It says what the generator's written-out types said: an enum is the union of its literals, a
 * pair (`minItems` = `maxItems`, 1 to 4) a tuple, `required` decides optionality, members are not
 * readonly, and an object that allows other keys has an index signature (`unknown`, or the rule's
 * type `| undefined`). Bounds, lengths, patterns and formats are checked at run time only.
 */
import type { ArgsRule } from './arg-rules.js';
import type { FileInput } from './file-value.js';

/** A function's arguments object, from its `ArgsRule`. */
export type ArgsOf<A extends ArgsRule> = A extends { readonly properties: infer P } ? Members<P, RequiredOf<A>> : never;

/** One value, from its `ValueRule`: `| null` when the rule is `nullable`. A union distributes over its members. */
export type RuleValue<R> = R extends { readonly nullable: true } ? ShapeValue<R> | null : ShapeValue<R>;

type ShapeValue<R> = R extends { readonly anyOf: readonly (infer M)[] }
  ? RuleValue<M>
  : R extends { readonly enum: readonly (infer E)[] }
    ? E
    : R extends { readonly type: 'string' }
      ? string
      : R extends { readonly type: 'integer' | 'number' }
        ? number
        : R extends { readonly type: 'boolean' }
          ? boolean
          : R extends { readonly type: 'array' }
            ? Sized<R extends { readonly items: infer I } ? RuleValue<I> : unknown, R>
            : R extends { readonly type: 'object' }
              ? ObjectValue<R>
              : R extends { readonly type: 'file' }
                ? FileInput
                : unknown;

type RequiredOf<R> = R extends { readonly required: readonly (infer K)[] } ? K : never;

/**
 * Required and optional members, flattened into one object type so that a compiler message shows
 * `{ to: string; text?: string }` rather than two mapped types joined by `&`.
 */
type Members<P, Required, Extra = never> = ({ -readonly [K in keyof P as K extends Required ? K : never]: RuleValue<P[K]> } & {
  -readonly [K in keyof P as K extends Required ? never : K]?: RuleValue<P[K]>;
} & IndexOf<Extra>) extends infer M
  ? { [K in keyof M]: M[K] }
  : never;

/** What keys outside `properties` may hold: `never` when refused, `unknown` when absent (allowed). */
type ExtraOf<R> = R extends { readonly additionalProperties: false } ? never : R extends { readonly additionalProperties: infer A } ? RuleValue<A> : unknown;

/** `unknown` (adds nothing to an intersection) when other keys are refused. */
type IndexOf<E> = [E] extends [never] ? unknown : { [key: string]: unknown extends E ? unknown : E | undefined };

/** An object with no listed properties is a record of what other keys may hold (`never`: an empty object). */
type ObjectValue<R> = R extends { readonly properties: infer P }
  ? keyof P extends never
    ? Record<string, ExtraOf<R>>
    : Members<P, RequiredOf<R>, ExtraOf<R>>
  : Record<string, ExtraOf<R>>;

/** A list, or a tuple when its length is fixed at 1 to 4 (a pair of bounds, a coordinate). */
type Sized<T, R> = R extends { readonly minItems: infer N extends 1 | 2 | 3 | 4; readonly maxItems: infer M } ? ([N] extends [M] ? ([M] extends [N] ? Tuple<T, N> : Array<T>) : Array<T>) : Array<T>;

type Tuple<T, N, Built extends unknown[] = []> = Built['length'] extends N ? Built : Tuple<T, N, [...Built, T]>;
