import { ClusterGateway } from './clusterGateway';
import { cliConnection, type CliConnectionOptions } from './model/cliConnection';

/** The gateway of a headless command: its connection from the command line, its secret given, never asked for. */
export function cliGateway(options: CliConnectionOptions, name: string): ClusterGateway {
  return new ClusterGateway({ connection: cliConnection(options, name), requestTimeoutMs: options.timeoutMs }, { credentials: async () => options.credentials });
}
