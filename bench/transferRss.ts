/** The headless export or import in a process of its own, which prints its peak resident memory (`maxrss=KB`) on stderr. */
import { runTransferCli } from '../src/transfer/transferCli';

runTransferCli(process.argv.slice(2), process.env, { out: () => undefined, err: (text) => process.stderr.write(text) }).then((code) => {
  process.stderr.write(`maxrss=${process.resourceUsage().maxRSS}\n`);
  process.exitCode = code;
});
