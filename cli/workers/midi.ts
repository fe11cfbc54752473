/** Worker entry of the bridge's MIDI thread (built to dist/cli/workers/midi.js; see bridge/midi-thread.ts). */
import '../../bridge/midi-worker';
