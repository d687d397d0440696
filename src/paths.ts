// Where the project's own files are (prompts, migrations, the sandbox page, the demo
// roster), whether the code runs from src/ through tsx or bundled into dist/.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'prompts'))) return dir;
    if (path.dirname(dir) === dir)
      throw new Error(`找不到 liandong 的项目目录（从 ${from} 向上查找 package.json 和 prompts/）`);
  }
}

export const PROJECT_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
