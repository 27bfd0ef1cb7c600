import type { Command } from 'commander';
import { CliContext } from '../cli-context';
import type { RegisterCommand } from './command';

interface Me {
  id: string;
  role: string;
  state: string;
  organizationId: string | null;
  jurisdictions: string[];
  expiresAt: string | null;
}

export const registerLogin: RegisterCommand = (program) => {
  program
    .command('login')
    .description(
      'log in with --key and print an access token on stdout (other commands log in by themselves)',
    )
    .action(async (_options: unknown, command: Command) => {
      const cli = CliContext.of(command);
      const session = await cli.session();
      cli.print(
        {
          id: session.credentialId,
          credentialId: session.credentialId,
          token: session.token,
          expiresAt: session.expiresAt,
        },
        session.token,
      );
      // The token alone on stdout, so that TOKEN=$(signet login) captures it; the rest is for people.
      if (!cli.json) cli.note(`logged in as ${session.credentialId} until ${session.expiresAt}`);
    });

  program
    .command('whoami')
    .description('the credential --key is logged in as')
    .action(async (_options: unknown, command: Command) => {
      const cli = CliContext.of(command);
      const client = await cli.client();
      const { me } = await client.request<{ me: Me }>(
        '{ me { id role state organizationId jurisdictions expiresAt } }',
      );
      cli.print(
        me,
        [
          `${me.role} ${me.id} (${me.state})`,
          me.organizationId ? `organisation ${me.organizationId}` : undefined,
          me.jurisdictions.length ? `jurisdictions ${me.jurisdictions.join(', ')}` : undefined,
        ]
          .filter((line) => line !== undefined)
          .join('\n'),
      );
    });
};
