import { z } from 'zod';
import { errorCodes } from './error-codes';

export * from './error-codes';

/** The zod forms of the error types, for validating replies where that is wanted. */
export const ErrorCode = z.enum(errorCodes);

export const ErrorPayload = z.object({ code: ErrorCode, message: z.string() });
// Local declarations hide the star export's types of the same name, so restate them (they are identical).
export type ErrorCode = z.infer<typeof ErrorCode>;
export type ErrorPayload = z.infer<typeof ErrorPayload>;
