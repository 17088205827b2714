// Storybook's preview imports custom-elements.json: generate it when a checkout lacks it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('custom-elements.json')) {
  const result = spawnSync('npx', ['--no-install', 'cem', 'analyze', '--quiet'], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
