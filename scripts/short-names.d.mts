/** The short name of each internal property name of `program`, the most used first, as terser's name cache holds them (`{ $name: short }`). */
export function shortNamesByUse(program: object, isInternal: (name: string) => boolean): Record<string, string>;
/** Every property name `program` (an ESTree AST) writes or reads, once each. */
export function propertyNamesIn(program: object): string[];
