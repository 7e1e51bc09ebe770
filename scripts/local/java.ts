/** DynamoDB Local needs Java ≥ 17: say so in one line rather than fail obscurely. */
import { spawnSync } from 'node:child_process';

export const JAVA_MISSING_MESSAGE =
  'Java 17 ou plus est requis pour DynamoDB Local : installez le paquet Debian « openjdk-17-jre-headless » (apt-get install -y openjdk-17-jre-headless).';

export function javaMajorVersion(): number | undefined {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return undefined;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  if (!match) return undefined;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

export function assertJava(): void {
  const major = javaMajorVersion();
  if (major === undefined || major < 17) throw new Error(JAVA_MISSING_MESSAGE);
}
