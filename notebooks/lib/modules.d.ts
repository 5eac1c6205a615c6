// Minimal types for the two Observable packages that ship none (only what the notebooks use).
declare module "@observablehq/runtime" {
  export interface Observer {
    pending?(): void;
    fulfilled?(value: unknown, name?: string | null): void;
    rejected?(error: unknown, name?: string | null): void;
  }
  export interface Variable {
    define(name: string | null, inputs: string[], definition: (...args: any[]) => unknown): Variable;
  }
  export interface Module {
    variable(observer?: Observer): Variable;
  }
  export class Runtime {
    constructor(builtins?: Record<string, unknown>, global?: (name: string) => unknown);
    module(): Module;
    dispose(): void;
  }
}

declare module "@observablehq/inputs" {
  export interface InputElement<T> extends HTMLElement {
    value: T;
  }
  type Common = { label?: string; value?: unknown; format?: (x: any) => string };
  export function range(extent: [number, number], options?: Common & { step?: number }): InputElement<number>;
  export function radio<T>(data: readonly T[], options?: Common & { format?: (x: T) => string }): InputElement<T>;
  export function select<T>(data: readonly T[], options?: Common & { format?: (x: T) => string }): InputElement<T>;
  export function checkbox<T>(data: readonly T[], options?: Common & { format?: (x: T) => string; value?: T[] }): InputElement<T[]>;
  export function table(data: readonly object[], options?: Record<string, unknown>): HTMLElement;
}
