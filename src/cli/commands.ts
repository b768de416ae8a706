// The subcommand table. Each module owns its parsing, output shape and tests (test/cli/<name>.test.ts).
import type { CliCommand } from './command';
import { auditCommand } from './audit';
import { checkSensorCommand } from './check-sensor';
import { compareCommand } from './compare';
import { overviewCommand } from './overview';
import { chainCommand } from './chain';
import { controlCommand } from './control';
import { demoCommand } from './demo';
import { forecastCommand } from './forecast';
import { reportCommand } from './report';
import { learnCommand } from './learn';
import { rpCommand } from './rp';
import { simulateCommand } from './simulate';

export const commands: CliCommand[] = [];
commands.push(learnCommand);
commands.push(rpCommand);
commands.push(simulateCommand);
commands.push(chainCommand);
commands.push(auditCommand);
commands.push(demoCommand);
commands.push(controlCommand);
commands.push(reportCommand);
commands.push(forecastCommand);
commands.push(overviewCommand);
commands.push(checkSensorCommand);
commands.push(compareCommand);
