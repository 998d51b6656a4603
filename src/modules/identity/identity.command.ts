// `tasdeed staff second-factor USERNAME`: the operator enrols (or resets) a staff member's authenticator. It is
// the way in for the first admin where STAFF_SECOND_FACTOR=required, and for someone who lost their phone.
// Whoever can run it can reach the database and TASDEED_SECRET anyway; it is audited as the operator's CLI.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { withDatabase } from '../../cli/shared.js';
import { SECRET_FILE, settleSecret } from '../../server-secret.js';
import { enrolByOperator } from './second-factor.js';

export function registerIdentityCommands(program: Command): void {
  const staff = program.command('staff').description('Staff accounts');
  staff.command('second-factor <username>')
    .description('Enrol a new authenticator app for a staff member (replaces any old one); prints the secret and its otpauth:// URI once')
    .option('--data-dir <dir>', 'PGlite data folder when DATABASE_URL is not set')
    .action(async (username: string, options: { dataDir?: string }) => {
      await withDatabase(options, async (ctx) => {
        // The secret must be the server's: TASDEED_SECRET, or the one `serve --demo` keeps in the data directory.
        const keptByDemo = existsSync(join(ctx.config.TASDEED_DATA_DIR, SECRET_FILE));
        await settleSecret(ctx.config, { host: '127.0.0.1', demo: !ctx.config.TASDEED_SECRET && keptByDemo, listens: false });
        const enrolment = await enrolByOperator(ctx, username);
        console.log(`authenticator enrolled for ${username}; give them this once, in person or over a secure channel:`);
        console.log(`  secret:  ${enrolment.secret}`);
        console.log(`  URI:     ${enrolment.otpauthUri}`);
      });
    });
}
