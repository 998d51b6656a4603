// `tasdeed dev bank --account 1234`: a simulated bank against a running Tasdeed. It inquires by the billing number,
// pays the first open bill, sends the same notification again, reverses it and fetches the day's report, printing
// one JSON line per step (with --protocol sadad|efawateer it speaks the switch's XML, and each line carries the
// switch's result code and the answer read from its XML); it exits 1 when a step did not answer as a bank expects.
import type { Command } from 'commander';
import { DEMO_API_CLIENTS } from '../../db/seed/demo-accounts.js';
import { runBankScenario, scenarioSucceeded } from './bank.simulator.js';
import { BANK_PROTOCOLS, type BankProtocolName } from './bank.protocols.js';

const demoBank = DEMO_API_CLIENTS.find((client) => client.role === 'bank')!;

interface BankCommandOptions {
  url: string; keyId: string; secret: string; account?: string; meter?: string; civilId?: string; plate?: string;
  amount?: string; reverse: boolean; reason: string; tz: string; protocol: string;
}

export function registerBankCommand(dev: Command): Command {
  return dev.command('bank')
    .description('simulate a bank collecting a bill: inquiry, payment notification, duplicate, reversal, end-of-day report (JSON lines)')
    .option('--protocol <name>', `how the bank speaks: ${BANK_PROTOCOLS.join(', ')} (the banks' JSON API, SADAD-style XML, eFAWATEERcom-style XML)`, 'json')
    .option('--url <url>', 'the running Tasdeed', `http://localhost:${process.env.PORT ?? 3000}`)
    .option('--account <number>', 'inquire by account number')
    .option('--meter <number>', 'inquire by meter number')
    .option('--civil-id <id>', 'inquire by civil ID')
    .option('--plate <plate>', 'inquire by plate')
    .option('--amount <amount>', 'pay this much (default: the whole amount due)')
    .option('--no-reverse', 'keep the payment (skip the reversal)')
    .option('--reason <text>', 'the reversal reason', 'customer asked to cancel at the branch')
    .option('--tz <zone>', 'the business time zone (for the report date)', process.env.TZ_BUSINESS ?? 'Asia/Kuwait')
    .option('--key-id <id>', 'the bank API client key id', demoBank.keyId)
    .option('--secret <secret>', 'the bank API client secret', demoBank.secret)
    .action(async (options: BankCommandOptions) => {
      const given = ([['accountNumber', options.account], ['meterNumber', options.meter], ['civilId', options.civilId], ['plate', options.plate]] as const)
        .filter(([, value]) => value);
      if (given.length !== 1) {
        console.error('give exactly one of --account, --meter, --civil-id, --plate');
        process.exitCode = 1;
        return;
      }
      if (!BANK_PROTOCOLS.includes(options.protocol as BankProtocolName)) {
        console.error(`--protocol must be one of ${BANK_PROTOCOLS.join(', ')}`);
        process.exitCode = 1;
        return;
      }
      const protocol = options.protocol as BankProtocolName;
      if (protocol !== 'json' && given[0]![0] !== 'accountNumber') {
        console.error(`the ${protocol} protocol inquires by billing (account) number: give --account`);
        process.exitCode = 1;
        return;
      }
      const [kind, value] = given[0]!;
      const steps = await runBankScenario({
        protocol, url: options.url, keyId: options.keyId, secret: options.secret, lookup: { kind, value: value! },
        ...(options.amount ? { amount: options.amount } : {}), reverse: options.reverse, reason: options.reason, timeZone: options.tz,
        log: (step) => console.log(JSON.stringify(step)),
      });
      if (!scenarioSucceeded(protocol, steps)) process.exitCode = 1;
    });
}
