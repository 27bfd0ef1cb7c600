import type { Command } from 'commander';
import { CliContext } from '../cli-context';
import { usageError } from '../cli-error';
import { readPublicKeys } from '../keys/key-files';
import { listOption, type RegisterCommand } from './command';
import { registerPolicyAdmin } from './policy.command';
import { registerRetentionAdmin } from './retention.command';

const ROLES = ['agent', 'principal', 'regulator', 'court'];

interface CredentialAnswer {
  id: string;
  role: string;
  state: string;
  organizationId: string | null;
  signingKey: string;
  boxKey: string;
  jurisdictions: string[];
  principalId: string | null;
  mandate: { maxValue: string | null; currency: string | null; types: string[] | null } | null;
  issuedAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

const CREDENTIAL_FIELDS = `id role state organizationId signingKey boxKey jurisdictions principalId
  mandate { maxValue currency types } issuedAt expiresAt revokedAt`;

interface IssueOptions {
  role: string;
  org: string;
  pub: string;
  jurisdiction?: string;
  principal?: string;
  maxValue?: string;
  currency?: string;
  types?: string;
  expires?: string;
  label?: string;
}

/** The operator's commands; run them with `--key $SIGNET_DATA_DIR/operator.key`. */
export const registerAdmin: RegisterCommand = (program) => {
  const admin = program.command('admin').description('operator: organisations, credentials, regulators');
  registerPolicyAdmin(admin);
  registerRetentionAdmin(admin);

  const org = admin.command('org').description('organisations');
  org
    .command('add <name>')
    .description('add an organisation')
    .requiredOption('--jurisdiction <code>', 'its home jurisdiction, e.g. DE')
    .action(async (name: string, options: { jurisdiction: string }, command: Command) => {
      const cli = CliContext.of(command);
      const client = await cli.client();
      const { addOrganization: organization } = await client.request<{
        addOrganization: { id: string; name: string; jurisdiction: string };
      }>(
        'mutation ($name: String!, $jurisdiction: String!) { addOrganization(name: $name, jurisdiction: $jurisdiction) { id name jurisdiction } }',
        {
          name,
          jurisdiction: options.jurisdiction,
        },
      );
      cli.print(
        organization,
        `organisation ${organization.name} (${organization.jurisdiction}): ${organization.id}`,
      );
    });

  org
    .command('list')
    .description('list the organisations (at most 100): id, name, jurisdiction')
    .action(async (_options: unknown, command: Command) => {
      const cli = CliContext.of(command);
      const client = await cli.client();
      const { organizations } = await client.request<{
        organizations: Array<{ id: string; name: string; jurisdiction: string; createdAt: string }>;
      }>('query { organizations(first: 100) { id name jurisdiction createdAt } }');
      cli.print(organizations, organizations.map((o) => `${o.id}  ${o.name}  ${o.jurisdiction}`).join('\n'));
    });

  admin
    .command('credential')
    .description('credentials')
    .command('list')
    .description('list the credentials (at most 100): id, role, jurisdictions, state')
    .option('--org <org>', 'only this organisation (name or id)')
    .action(async (options: { org?: string }, command: Command) => {
      const cli = CliContext.of(command);
      const client = await cli.client();
      const { credentials } = await client.request<{
        credentials: Array<CredentialAnswer & { label: string | null }>;
      }>(
        `query ($org: String) { credentials(organization: $org, first: 100) { ${CREDENTIAL_FIELDS} label } }`,
        { org: options.org },
      );
      cli.print(
        credentials,
        credentials
          .map((c) =>
            [
              c.id,
              c.role.toLowerCase(),
              c.jurisdictions.join(',') || '-',
              c.state.toLowerCase(),
              c.label ?? '',
            ]
              .join('  ')
              .trimEnd(),
          )
          .join('\n'),
      );
    });

  admin
    .command('issue')
    .description('issue a credential; prints its id')
    .requiredOption('--role <role>', ROLES.join(' | '))
    .requiredOption('--org <org>', 'organisation name or id')
    .requiredOption('--pub <file>', "the holder's public key file (FILE.pub of `signet keys new`)")
    .option(
      '--jurisdiction <codes>',
      "comma-separated; default the organisation's. An agent's mandate covers only these: a deal in another jurisdiction (e.g. cross-border) waits for its principal's ratification. A regulator: what it supervises",
    )
    .option('--principal <credential>', 'agent: the credential id of its principal')
    .option('--max-value <amount>', 'agent: the most value it may bind, a decimal')
    .option('--currency <ccy>', 'agent: the currency of --max-value')
    .option('--types <types>', 'agent: comma-separated agreement types it may sign (default any)')
    .option('--expires <iso>', 'expiry, ISO 8601')
    .option('--label <text>', 'a human label (not part of the signed document)')
    .action(async (options: IssueOptions, command: Command) => {
      const cli = CliContext.of(command);
      if (!ROLES.includes(options.role)) throw usageError(`--role must be one of ${ROLES.join(', ')}`);
      if ((options.maxValue === undefined) !== (options.currency === undefined)) {
        throw usageError('--max-value and --currency go together');
      }
      let expiresAt: string | undefined;
      if (options.expires !== undefined) {
        const time = Date.parse(options.expires);
        if (Number.isNaN(time)) throw usageError(`--expires: "${options.expires}" is not an ISO 8601 time`);
        expiresAt = new Date(time).toISOString();
      }
      const publicKeys = await readPublicKeys(options.pub);
      const client = await cli.client();
      const { issueCredential: credential } = await client.request<{ issueCredential: CredentialAnswer }>(
        `mutation ($input: IssueCredentialInput!) { issueCredential(input: $input) { ${CREDENTIAL_FIELDS} } }`,
        {
          input: {
            role: options.role.toUpperCase(),
            organization: options.org,
            signingKey: publicKeys.signingKey,
            boxKey: publicKeys.boxKey,
            jurisdictions: listOption(options.jurisdiction),
            principal: options.principal,
            maxValue: options.maxValue,
            currency: options.currency,
            types: listOption(options.types),
            expiresAt,
            label: options.label,
          },
        },
      );
      cli.print(credential, credential.id);
    });

  admin
    .command('revoke <credential>')
    .description('revoke a credential at once; the revocation is anchored on chain')
    .requiredOption('--reason <text>', 'why (its hash goes on chain)')
    .action(async (credentialId: string, options: { reason: string }, command: Command) => {
      const cli = CliContext.of(command);
      const client = await cli.client();
      const { revokeCredential: credential } = await client.request<{ revokeCredential: CredentialAnswer }>(
        `mutation ($id: String!, $reason: String!) { revokeCredential(credentialId: $id, reason: $reason) { ${CREDENTIAL_FIELDS} } }`,
        { id: credentialId, reason: options.reason },
      );
      cli.print(credential, `revoked ${credential.id}`);
    });

  admin
    .command('designate')
    .description('designate a regulator for a jurisdiction: its agreements will be sealed to it too')
    .requiredOption('--jurisdiction <code>', 'e.g. DE')
    .requiredOption('--regulator <credential>', 'a regulator credential id')
    .action(async (options: { jurisdiction: string; regulator: string }, command: Command) => {
      const cli = CliContext.of(command);
      const client = await cli.client();
      const { designateRegulator: designation } = await client.request<{
        designateRegulator: { jurisdiction: string; credentialId: string; designatedAt: string };
      }>(
        `mutation ($jurisdiction: String!, $id: String!) {
          designateRegulator(jurisdiction: $jurisdiction, credentialId: $id) { jurisdiction credentialId designatedAt }
        }`,
        { jurisdiction: options.jurisdiction, id: options.regulator },
      );
      cli.print(
        { id: `${designation.jurisdiction}:${designation.credentialId}`, ...designation },
        `${designation.credentialId} is a designated regulator of ${designation.jurisdiction}`,
      );
    });
};
