// What the router calls: one function per contract method, receiving the already-validated input.
import type { z } from 'zod';
import type { MethodName, MethodOutput, methods } from '../../contract/ipc.ts';

export type ParsedInput<M extends MethodName> = z.output<(typeof methods)[M]['input']>;
export type Handler<M extends MethodName> = (input: ParsedInput<M>) => Promise<MethodOutput<M>> | MethodOutput<M>;
export type Handlers = { [M in MethodName]: Handler<M> };
