// Where IT puts the machine-wide preset on each OS (documented in README "Configuration for IT").
import { join, win32 } from 'node:path';

export function machinePresetPath(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  switch (platform) {
    case 'win32':
      return win32.join(env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData', 'Pult', 'config.json');
    case 'darwin':
      return '/Library/Application Support/Pult/config.json';
    default:
      return join('/etc', 'pult', 'config.json');
  }
}
