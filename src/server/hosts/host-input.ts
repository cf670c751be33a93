import { z } from 'zod';
import { HOST_NAME_PATTERN } from '../../config/hosts-schema.ts';
import type { HostInput, SaveHostsRequest, TestConnectionRequest } from '../../client/check/api-types.ts';
import { Lang } from '../../shared/i18n.ts';

/**
 * The host setup form as JSON, bounded field by field. Only shape and size are checked here; what
 * a valid address, user or key path is stays the config module's rule (hosts-schema.ts), applied
 * when the form is turned into the config.
 */
export const HostInputSchema = z.strictObject({
  name: z.string().regex(HOST_NAME_PATTERN),
  role: z.enum(['master', 'worker']),
  host: z.string().max(253),
  port: z.number().int().min(1).max(65535),
  user: z.string().max(64),
  auth: z.enum(['password', 'key', 'agent']),
  password: z.string().max(1024).optional(),
  privateKey: z.string().max(4096).optional(),
  passphrase: z.string().max(1024).optional(),
}) satisfies z.ZodType<HostInput>;

export const SaveHostsSchema = z.strictObject({
  lang: Lang,
  hosts: z.array(HostInputSchema).min(1).max(2),
}) satisfies z.ZodType<SaveHostsRequest>;

export const TestConnectionSchema = z.strictObject({ lang: Lang, host: HostInputSchema }) satisfies z.ZodType<TestConnectionRequest>;
