import { registerAdmin } from './admin.command';
import { registerAgreement } from './agreement.command';
import { registerDraft } from './draft.command';
import type { RegisterCommand } from './command';
import { registerKeys } from './keys.command';
import { registerLogin } from './login.command';
import { registerVerify } from './verify.command';
import { registerOpen } from './open.command';
import { registerAudit } from './audit.command';
import { registerInfo } from './info.command';
import { registerTerminate } from './terminate.command';
import { registerWebhooks } from './webhooks.command';
import { registerPolicy } from './policy.command';
import { registerRetention } from './retention.command';
import { registerFindings } from './findings.command';

/** Every command of `signet`, in the order `--help` lists them. Add new ones here. */
export const COMMANDS: RegisterCommand[] = [
  registerInfo,
  registerKeys,
  registerLogin,
  registerAdmin,
  registerDraft,
  registerAgreement,
  registerTerminate,
  registerVerify,
  registerOpen,
  registerAudit,
  registerWebhooks,
  registerPolicy,
  registerRetention,
  registerFindings,
];
