/**
 * Every typed error of Audiogenesis, in one module. Hosts catch {@link AudiogenesisError} and show its
 * message; tests assert the exact class.
 */

/** Base class of all Audiogenesis errors; `code` is stable for hosts to switch on. */
export class AudiogenesisError extends Error {
  constructor(
    message: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** MIDI bytes that cannot be read: truncated, corrupt, empty, no tracks, too long or too large. */
export class MidiParseError extends AudiogenesisError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'MIDI_PARSE', options);
  }
}

/** A NoteSequence or event stream that breaks the codec's rules (bad pitch, negative time...). */
export class InvalidSequenceError extends AudiogenesisError {
  constructor(message: string) {
    super(message, 'INVALID_SEQUENCE');
  }
}

/** A model used before `load()` finished, or after `dispose()`. */
export class ModelNotReadyError extends AudiogenesisError {
  constructor(message = 'The model is not loaded.') {
    super(message, 'MODEL_NOT_READY');
  }
}

/** Model files missing, or a `config.json` that does not match the code or the weights. */
export class ModelLoadError extends AudiogenesisError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'MODEL_LOAD', options);
  }
}

/**
 * A prompt the embedder cannot use as given (it still returns defaults; this is for hosts that must refuse).
 * `field` names the setting at fault when one is (`'seconds'`: the length), so that a host can point at its
 * own control for it.
 */
export class PromptError extends AudiogenesisError {
  constructor(
    message: string,
    /** The request field (`seconds`, `seed`, `temperature`, `prompt`) or form field that is wrong. */
    readonly field?: string,
  ) {
    super(message, 'PROMPT');
  }
}

/** Bad command-line usage or options out of range. */
export class UsageError extends AudiogenesisError {
  constructor(message: string) {
    super(message, 'USAGE');
  }
}

/** A corpus folder or training data that cannot be used. */
export class DataError extends AudiogenesisError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'DATA', options);
  }
}

/** A MIDI output port that is missing or vanished. */
export class MidiPortError extends AudiogenesisError {
  constructor(message: string) {
    super(message, 'MIDI_PORT');
  }
}

/** A message to the bridge that fails its schema, size limit or pairing token. */
export class BridgeProtocolError extends AudiogenesisError {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message, 'BRIDGE_PROTOCOL');
  }
}

/** A host (Premiere) precondition that fails: no project, no sequence, import failed, disk full... */
export class HostError extends AudiogenesisError {
  constructor(
    message: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(message, 'HOST', options);
  }
}

/** Rendering (SoundFont synthesis, WAV writing) failed. */
export class RenderError extends AudiogenesisError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'RENDER', options);
  }
}

/** A long job (rendering, a panel's Generate) was cancelled by its caller; nothing it made was kept. */
export class CancelledError extends AudiogenesisError {
  constructor(message = 'Cancelled.') {
    super(message, 'CANCELLED');
  }
}

// Bad input that must never cost an editor their work (issue 18): files, scripts, training runs.

/** Why a {@link FileError} happened: an errno code (`ENOENT`, `ENOSPC`...) or one of these words. */
export type FileErrorReason =
  'not-a-file' | 'not-a-folder' | 'too-large' | 'empty' | 'binary' | 'no-free-name' | (string & {});

/**
 * A file or folder that cannot be read or written: missing, a folder where a file is wanted (or the
 * reverse), not a regular file, too large, not text, read-only, or a full disk. Nothing the user had is
 * changed when it is thrown.
 */
export class FileError extends AudiogenesisError {
  constructor(
    message: string,
    readonly path: string,
    readonly reason: FileErrorReason,
    options?: { cause?: unknown },
  ) {
    super(message, 'FILE', options);
  }
}

/**
 * A script, subtitle, marker or transcript file that looks like its format but does not follow it;
 * `line` (1-based) is where, when known.
 */
export class ScriptError extends AudiogenesisError {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message, 'SCRIPT');
  }
}

/** A training run that cannot go on: the loss diverged (NaN, infinite, or worse than guessing). */
export class TrainingError extends AudiogenesisError {
  constructor(message: string) {
    super(message, 'TRAINING');
  }
}
