/** The CLI's commands: name -> module loader. Each module exports `command: Command`. */
import type { Command } from '../command';

/** All commands, by the name typed after `audiogenesis`. */
export const COMMANDS: Record<string, () => Promise<{ command: Command }>> = {
  data: () => import('./data'),
  train: () => import('./train'),
  generate: () => import('./generate'),
  'score-script': () => import('./score-script'),
  embed: () => import('./embed'),
  bridge: () => import('./bridge'),
  ports: () => import('./ports'),
  play: () => import('./play'),
  eval: () => import('./eval'),
};
